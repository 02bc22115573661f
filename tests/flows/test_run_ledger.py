"""A run holds its warehouse from start to end, is completed only once its report is in
place, and is never left "running" when it ends any other way."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import time
from pathlib import Path

import duckdb
import pytest

from flows.settings import InputSpec, ReportSettings, Settings
from tests.flows.processes import descendants, left_after, started, wait_for


def jobs_file(path: Path, rows: int) -> Path:
    path.write_text(
        "".join(
            json.dumps({"id": str(i), "description": f"Python and SQL for job {i}"}) + "\n"
            for i in range(rows)
        ),
        encoding="utf-8",
    )
    return path


def config_file(tmp_path: Path, rows: int, **extra: object) -> Path:
    config = tmp_path / "skillgap.toml"
    lines = [f'database = "{tmp_path / "w.duckdb"}"', "batch_size = 20", "tag_workers = 1"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in extra.items()]
    lines += ["[report]", f'path = "{tmp_path / "r.html"}"', "min_postings = 1"]
    lines += ["[[inputs]]", f'path = "{jobs_file(tmp_path / "jobs.jsonl", rows)}"']
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def ledger(db: Path) -> list[tuple[str, str | None]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT status, message FROM runs ORDER BY started_at").fetchall()


@pytest.mark.long
@pytest.mark.usefixtures("prefect_harness")
def test_a_run_is_completed_only_once_its_report_is_in_place(
    tmp_path: Path, read_only_dir: Path
) -> None:
    from extract.errors import ReportError
    from flows.nightly import nightly

    settings = Settings(
        database=tmp_path / "w.duckdb",
        inputs=[InputSpec(path=jobs_file(tmp_path / "jobs.jsonl", 30))],
        report=ReportSettings(path=read_only_dir / "r.html", min_postings=1),
        tag_workers=1,
    )
    state = nightly(settings, return_state=True)
    assert state.is_failed()
    assert isinstance(state.result(raise_on_failure=False), ReportError)
    [(status, message)] = ledger(settings.database)
    assert status == "failed"
    assert message is not None and message.startswith(f"ReportError: {read_only_dir / 'r.html'}")
    with duckdb.connect(str(settings.database), read_only=True) as con:  # nothing current
        assert con.execute("SELECT count(*) FROM v_current_versions").fetchall() == [(0,)]

    writable = settings.model_copy(
        update={"report": ReportSettings(path=tmp_path / "r.html", min_postings=1)}
    )
    assert nightly(writable, return_state=True).is_completed()
    assert [s for s, _ in ledger(settings.database)] == ["failed", "completed"]
    assert (tmp_path / "r.html").stat().st_size > 0


@pytest.mark.long
def test_a_run_stopped_with_sigterm_is_closed_as_failed_and_stops_its_children(
    tmp_path: Path,
) -> None:
    config = config_file(tmp_path, 3000)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    seen: list[str] = []
    with started(["run", "-c", str(config)], env) as (proc, lines):
        wait_for(lines, r"tagged \d+ postings so far", seen)
        children = descendants(proc.pid)
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=120) == 143, "".join(seen)
        assert left_after(children) == set()
    [(status, message)] = ledger(tmp_path / "w.duckdb")
    assert status == "failed"
    assert message is not None and "SIGTERM" in message


@pytest.mark.long
def test_no_other_process_can_open_the_warehouse_while_a_run_goes(tmp_path: Path) -> None:
    config = config_file(tmp_path, 600)
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    seen: list[str] = []
    got_in = 0
    with started(["run", "-c", str(config)], env) as (proc, lines):
        # From the start of the Prefect server (ours, or Prefect's own temporary one) to the
        # end of the flow, through every step and the gaps between them.
        wait_for(lines, r"Prefect API for this run|Starting temporary server", seen)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.05)
            except queue.Empty:
                line = ""
            if line is None:
                break
            seen.append(line)
            if re.search(r"Flow run .* Finished in state", line):
                break
            try:
                duckdb.connect(str(db)).close()
            except duckdb.IOException:
                continue
            got_in += 1
        assert proc.wait(timeout=120) == 0, "".join(seen)
    assert got_in == 0
    assert [s for s, _ in ledger(db)] == ["completed"]
