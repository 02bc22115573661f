"""``skillgap run`` killed with SIGKILL while collecting, while storing, then while tagging: the
warehouse stays consistent, and the next run ends with exactly the counts of a run never
interrupted."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from extract.files.tables import FileSource
from flows.pipeline import import_source, tag_new_postings
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy
from tests.flows.processes import started
from warehouse.db import open_warehouse

POSTINGS = 2000
BATCH = 50
SKILLS = ("Python", "SQL", "Kubernetes", "PyTorch", "Docker", "Spark", "Excel", "Linux", "Go")
TABLES = ("raw_postings", "postings", "posting_tags", "skill_mentions", "quarantine")


def write_postings(path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(POSTINGS):
            a, b, c = (SKILLS[(i * k) % len(SKILLS)] for k in (1, 3, 7))
            text = f"Technician {i // 10 * 10}: {a} and {b} required; {c} is a plus."
            if i % 97 == 0:
                text = ""  # quarantined: no text
            # Every tenth id repeats a text seen before: folded into one posting.
            f.write(json.dumps({"id": f"j{i}", "description": text, "date": "2026-03-01"}) + "\n")


def counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]  # noqa: S608
            for t in TABLES
        }


def clean_counts(jobs: Path, database: Path) -> dict[str, int]:
    """The same work done in-process, never interrupted."""
    extractor = Extractor(load_taxonomy())
    with closing(open_warehouse(database)) as con:
        import_source(con, FileSource(jobs), None, BATCH)
        tag_new_postings(con, extractor, None, BATCH)
    return counts(database)


def run_until(config: Path, env: dict[str, str], pattern: str, at_least: int) -> str:
    """Start ``skillgap run``; SIGKILL its whole process group (its tagging workers too) once
    a log line matching ``pattern`` reports ``at_least``. Returns the output."""
    seen: list[str] = []
    with started(["run", "-c", str(config)], env) as (proc, lines):
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if line is None:
                raise AssertionError("the run ended before the kill:\n" + "".join(seen))
            seen.append(line)
            match = re.search(pattern, line)
            if match and int(match[1]) >= at_least:
                os.killpg(proc.pid, signal.SIGKILL)
                return "".join(seen)
    raise AssertionError("no progress seen in time:\n" + "".join(seen))


@pytest.mark.long
@pytest.mark.usefixtures("prefect_harness")
def test_runs_killed_while_collecting_loading_and_tagging_recover_exactly(
    tmp_path: Path,
) -> None:
    from prefect.settings import PREFECT_API_URL

    jobs = tmp_path / "jobs.jsonl"
    write_postings(jobs)
    expected = clean_counts(jobs, tmp_path / "clean.duckdb")
    assert expected["quarantine"] == len(range(0, POSTINGS, 97))
    assert expected["postings"] < expected["raw_postings"]

    db = tmp_path / "w.duckdb"
    config = tmp_path / "skillgap.toml"
    config.write_text(
        f'database = "{db}"\nbatch_size = {BATCH}\nload_batch_size = {BATCH}\ntag_workers = 1\n'
        f'[report]\npath = "{tmp_path / "report.html"}"\nmin_postings = 1\n'
        f'[[inputs]]\npath = "{jobs}"\n',
        encoding="utf-8",
    )
    # The four runs report to the session's Prefect server instead of each starting one of
    # its own (~10 s apiece); that a killed run takes its own server with it is
    # test_children's to show.
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
    }

    # Killed while collecting (reading the file into staging): nothing stored at all.
    run_until(config, env, r"file:jobs: (\d+) records read", 400)
    assert {t: n for t, n in counts(db).items()} == dict.fromkeys(TABLES, 0)

    # Killed while storing the staged file: whole batches only, the ledger row not yet.
    run_until(config, env, r"file:jobs: (\d+) records stored", 400)
    partial = counts(db)
    assert 0 < partial["raw_postings"] < expected["raw_postings"]
    assert partial["raw_postings"] % BATCH == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM run_sources").fetchall() == [(0,)]
        # the run killed while collecting was marked abandoned when this one started
        assert con.execute("SELECT status FROM runs ORDER BY started_at").fetchall() == [
            ("failed",),
            ("running",),
        ]

    run_until(config, env, r"tagged (\d+) postings so far", 400)
    partial = counts(db)
    assert partial["raw_postings"] == expected["raw_postings"]
    assert 0 < partial["posting_tags"] < expected["posting_tags"]

    proc = subprocess.run(
        [sys.executable, "-c", "from flows.cli import main; main()", "run", "-c", str(config)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert counts(db) == expected
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute("SELECT status, message FROM runs ORDER BY started_at").fetchall()
        assert [status for status, _ in runs] == ["failed", "failed", "failed", "completed"]
        assert all("abandoned" in (message or "") for _, message in runs[:3])
        # No posting tagged twice under one version, no sighting stored twice.
        assert con.execute(
            "SELECT count(*) = count(DISTINCT (posting_id, taxonomy_version, extractor_version))"
            " FROM posting_tags"
        ).fetchall() == [(True,)]
        assert con.execute(
            "SELECT count(*) = count(DISTINCT (source, source_id)) FROM raw_postings"
        ).fetchall() == [(True,)]
