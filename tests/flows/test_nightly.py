"""The nightly flow as a real Prefect run against real DuckDB files."""

from __future__ import annotations

import json
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from extract.bundled import HN_2026_SIGHTINGS
from extract.files.hn_sightings import HNSightingsFile
from extract.records import JobPosting
from flows.settings import InputSpec, ReportSettings, Settings


def settings_for(tmp_path: Path, inputs: list[InputSpec]) -> Settings:
    return Settings(
        database=tmp_path / "w.duckdb",
        inputs=inputs,
        report=ReportSettings(path=tmp_path / "report.html", min_postings=1),
    )


def table_counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]  # noqa: S608
            for t in ("raw_postings", "postings", "skill_mentions", "posting_tags", "quarantine")
        }


def expected_postings(path: Path) -> int:
    """Postings after dedup, computed apart from the warehouse: each id joins the first
    id whose first-seen text equals its own first-seen text in the same month (of the
    posting date, else of the first sighting)."""
    first: dict[str, JobPosting] = {}
    for record in HNSightingsFile(path).fetch():
        assert isinstance(record, JobPosting)
        if record.source_id not in first or record.seen_at < first[record.source_id].seen_at:
            first[record.source_id] = record
    dated = ((p, (p.posted_at or p.seen_at).astimezone(UTC)) for p in first.values())
    return len({(p.content_hash, at.year, at.month) for p, at in dated})


@pytest.mark.long
@pytest.mark.usefixtures("prefect_harness")
def test_nightly_on_bundled_postings_is_complete_and_rerun_safe(tmp_path: Path) -> None:
    from flows.nightly import nightly

    settings = settings_for(tmp_path, [InputSpec(path=HN_2026_SIGHTINGS, kind="hn_sightings")])
    first = nightly(settings)
    counts = table_counts(settings.database)

    sightings = len(HN_2026_SIGHTINGS.read_text(encoding="utf-8").splitlines())
    assert counts["raw_postings"] == sightings
    assert counts["postings"] == expected_postings(HN_2026_SIGHTINGS)
    assert counts["posting_tags"] == counts["postings"]
    assert counts["skill_mentions"] == first.tagging.mentions > counts["postings"]
    assert counts["quarantine"] == 0
    assert first.report.exists()

    second = nightly(settings)
    assert table_counts(settings.database) == counts
    assert second.tagging.postings_tagged == 0
    assert [i.sightings_new for i in second.imports] == [0]

    with duckdb.connect(str(settings.database), read_only=True) as con:
        runs = con.execute("SELECT status, counts FROM runs ORDER BY started_at").fetchall()
    assert [status for status, _ in runs] == ["completed", "completed"]
    assert json.loads(runs[0][1])["tagging"]["postings_tagged"] == counts["postings"]


@pytest.mark.usefixtures("prefect_harness")
def test_failing_inputs_fail_alone_and_leave_nothing_partial(tmp_path: Path) -> None:
    from flows.nightly import RunSummary, nightly

    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "1", "description": "Python role", "date": "2026-03-01"}\n')
    missing = tmp_path / "missing.csv"
    broken = tmp_path / "broken.jsonl"  # fine for 40 lines, then not UTF-8
    rows = [f'{{"id": "{i}", "description": "SQL job {i}"}}' for i in range(40)]
    broken.write_bytes("\n".join(rows).encode() + b'\n{"id": "x", "description": "\xff"}\n')
    settings = settings_for(tmp_path, [InputSpec(path=p) for p in (good, missing, broken)])
    settings = settings.model_copy(update={"batch_size": 7})

    state = nightly(settings, return_state=True)
    assert state.is_failed()
    assert state.message is not None
    assert state.message.startswith("completed with failures: 2 of 3 inputs failed")
    summary = state.result(raise_on_failure=False)
    assert isinstance(summary, RunSummary)
    assert summary.outcome == "completed with failures"
    assert [i.source for i in summary.imports] == ["file:good"]
    assert summary.tagging.postings_tagged == 1
    with duckdb.connect(str(settings.database), read_only=True) as con:
        assert con.execute("SELECT status, outcome FROM v_runs").fetchall() == [
            ("completed", "completed with failures")
        ]
        ledger = con.execute(
            "SELECT source, status, error FROM run_sources ORDER BY input_no"
        ).fetchall()
        assert con.execute("SELECT source, count(*) FROM postings GROUP BY 1").fetchall() == [
            ("file:good", 1)
        ]
    assert [(s, st) for s, st, _ in ledger] == [
        ("file:good", "completed"),
        ("file:missing", "failed"),
        ("file:broken", "failed"),
    ]
    assert "missing.csv: no such file" in ledger[1][2]
    assert "broken.jsonl" in ledger[2][2] and "41" in ledger[2][2]


@pytest.mark.long
@pytest.mark.usefixtures("prefect_harness")
def test_exit_status_says_failures_and_anomalies(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app
    from warehouse.db import open_warehouse
    from warehouse.runs import SourceCounts, record_source

    db = tmp_path / "w.duckdb"
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(
        "".join(f'{{"id": "{i}", "description": "Python job {i}"}}\n' for i in range(10)),
        encoding="utf-8",
    )
    with closing(open_warehouse(db)) as con:  # three earlier nights of 100 records each
        for night in (1, 2, 3):
            started = datetime.now(UTC) - timedelta(days=night)
            con.execute(
                "INSERT INTO runs (run_id, flow, started_at, status) VALUES (?, ?, ?, ?)",
                [f"n{night}", "nightly", started, "completed"],
            )
            record_source(
                con, f"n{night}", 0, "file:jobs", "file", "completed", SourceCounts(fetched=100)
            )

    def run(*inputs: Path) -> tuple[int, str]:
        config = tmp_path / "skillgap.toml"
        config.write_text(
            f'database = "{db}"\ntag_workers = 1\n'
            f'[report]\npath = "{tmp_path / "r.html"}"\nmin_postings = 1\n'
            + "".join(f'[[inputs]]\npath = "{p}"\n' for p in inputs),
            encoding="utf-8",
        )
        result = CliRunner().invoke(app, ["run", "-c", str(config)], terminal_width=200)
        return result.exit_code, result.output

    code, output = run(jobs)
    assert code == 3, output
    assert "volume_drop" in output and "completed with anomalies" in output

    code, output = run(jobs, tmp_path / "absent.jsonl")
    assert code == 1, output
    assert "FAILED file:absent" in output and "completed with failures" in output
