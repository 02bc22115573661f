"""What a scheduler meets: the run lock, a researcher holding the file, ``skillgap status``,
and secrets that stay out of sight."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from extract.errors import HttpStatusError, InputError, RunActiveError
from flows.cli import app
from flows.lock import lock_holder, lock_path, run_lock
from flows.settings import InputSpec
from flows.sources import KINDS, build_source, describe_failure, is_transient, read_secrets
from tests.flows.loopback import loopback_kind
from tests.flows.test_cli import invoke
from warehouse.db import open_warehouse
from warehouse.monitoring import Anomaly, store_anomalies
from warehouse.runs import SourceCounts, finish_run, record_source, start_run

HOLD = (
    "import sys, time; from pathlib import Path; from flows.lock import run_lock\n"
    "with run_lock(Path(sys.argv[1])):\n"
    "    print('held', flush=True); time.sleep(120)\n"
)


@contextmanager
def lock_held_elsewhere(database: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(database)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.kill()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


def test_a_second_writer_is_refused_and_a_killed_one_frees_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with lock_held_elsewhere(db) as holder:
        assert lock_holder(db) is not None and f"pid {holder.pid}" in lock_holder(db)  # type: ignore[operator]
        with (
            pytest.raises(
                RunActiveError, match=rf"another skillgap run is writing .*pid {holder.pid}"
            ),
            run_lock(db),
        ):
            pass
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    assert lock_holder(db) is None
    with run_lock(db), run_lock(db):  # re-entrant within a process
        assert f"pid {os.getpid()}" in lock_path(db).read_text(encoding="utf-8")
    assert lock_holder(db) is None


STAGE_AND_HANG = (
    "import sys, time; from pathlib import Path\n"
    "from extract.files.bulk import read_batches; from extract.files.tables import FileSource\n"
    "from warehouse.db import open_warehouse; from warehouse.staging import Stage\n"
    "con = open_warehouse(Path(sys.argv[1]))\n"
    "with Stage(con) as stage:\n"
    "    for batch in read_batches(FileSource(Path(sys.argv[2])), None, 100):\n"
    "        stage.add('postings', batch.postings)\n"
    "    print('staged', flush=True); time.sleep(120)\n"
)


def test_staging_left_by_a_killed_import_is_removed_by_the_next_lock_holder(
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.duckdb"
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(
        "".join(f'{{"id": "{i}", "description": "Python {i}"}}\n' for i in range(500)),
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", STAGE_AND_HANG, str(db), str(jobs)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "staged"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()
    staged = tmp_path / "w.duckdb.staging" / "postings.arrow"
    assert staged.stat().st_size > 0  # what the killed import left
    with run_lock(db):
        assert not staged.parent.exists()


def test_skillgap_run_while_another_run_is_active_says_so(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with lock_held_elsewhere(db) as holder:
        code, output = invoke("run", "--database", str(db))
    assert code == 2, output
    assert "another skillgap run is writing" in output and f"pid {holder.pid}" in output
    assert not db.exists()


def test_skillgap_run_against_a_file_a_researcher_holds_says_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    open_warehouse(db).close()
    with duckdb.connect(str(db), read_only=True):
        code, output = invoke("run", "--database", str(db))
    assert code == 2, output
    assert "open in another process" in output
    assert "Close that process" in output and "snapshot.duckdb" in output


def test_status_shows_runs_inputs_and_anomalies(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with closing(open_warehouse(db)) as con:
        start_run(con, "nightly", "r1")
        record_source(con, "r1", 0, "file:jobs", "file", "completed", SourceCounts(fetched=12))
        record_source(con, "r1", 1, "board", "loopback", "failed", error="FetchError: HTTP 500")
        finish_run(con, "r1", "completed", postings_tagged=12)
        store_anomalies(
            con, "r1", [Anomaly("volume_drop", "file:jobs", 12, 50, None, "file:jobs fell")]
        )
    result = CliRunner().invoke(app, ["status", "--database", str(db)], terminal_width=200)
    assert result.exit_code == 0, result.output
    for text in ("completed with failures", "FetchError: HTTP 500", "file:jobs fell"):
        assert text in result.output
    with lock_held_elsewhere(db):
        busy = CliRunner().invoke(app, ["status", "--database", str(db)], terminal_width=200)
    assert "A run is writing" in busy.output


def test_secrets_come_from_the_environment_and_are_redacted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(KINDS, "loopback", loopback_kind())
    spec = InputSpec(kind="loopback", options={"base_url": "http://127.0.0.1:9/x"})
    monkeypatch.delenv("SKILLGAP_LOOPBACK_API_KEY", raising=False)
    with pytest.raises(InputError, match="SKILLGAP_LOOPBACK_API_KEY"):
        build_source(spec)
    monkeypatch.setenv("SKILLGAP_LOOPBACK_API_KEY", "sk-very-secret-1234")
    assert read_secrets(spec) == {"api_key": "sk-very-secret-1234"}
    assert "sk-very-secret" not in repr(spec) + spec.model_dump_json()
    error = RuntimeError("GET http://h/x?api_key=sk-very-secret-1234 failed")
    assert describe_failure(error, spec) == "RuntimeError: GET http://h/x?api_key=*** failed"
    with pytest.raises(ValueError, match="unknown input kind 'nope'"):
        InputSpec(kind="nope")


@pytest.mark.parametrize(
    ("status", "transient"), [(500, True), (503, True), (429, True), (404, False), (401, False)]
)
def test_only_network_trouble_is_retried(status: int, transient: bool) -> None:
    assert is_transient(HttpStatusError("GET x", "x", status)) is transient
    assert not is_transient(InputError("bad file"))


def test_every_connector_is_a_kind_and_builds_from_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    connectors = {
        "greenhouse", "lever", "ashby", "smartrecruiters", "workable", "usajobs",
        "usajobs_history", "hn_algolia", "jobpage", "remoteok", "arbeitnow", "adzuna",
    }  # fmt: skip
    assert connectors | {"file", "hn_sightings", "jobspy"} <= set(KINDS)
    assert all(KINDS[k].online for k in connectors)
    monkeypatch.setenv("SKILLGAP_USAJOBS_API_KEY", "sk-usajobs-0000")
    spec = InputSpec(kind="usajobs", options={"email": "a@b.test", "keywords": ["ml"]})
    source = build_source(spec)
    try:
        assert source.name == "usajobs"
        assert "sk-usajobs-0000" not in repr(source.settings)  # type: ignore[attr-defined]
    finally:
        source.close()  # type: ignore[attr-defined]


def test_a_deployment_gets_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.deploy import frozen_settings
    from flows.settings import Settings

    monkeypatch.chdir(tmp_path)
    frozen = frozen_settings(
        Settings(database=Path("w.duckdb"), inputs=[InputSpec(path=Path("a.csv"))])
    )
    assert frozen.database == tmp_path / "w.duckdb"
    assert frozen.inputs[0].path == tmp_path / "a.csv"
    assert Settings.model_validate(frozen.model_dump(mode="json")) == frozen
