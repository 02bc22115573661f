"""The nightly flow as a real Prefect run against real DuckDB files."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from extract.bundled import HN_2026_SIGHTINGS
from extract.errors import InputError
from extract.hn import HNSightingsFile
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
    id whose first-seen text equals its own first-seen text."""
    first: dict[str, JobPosting] = {}
    for record in HNSightingsFile(path).fetch():
        assert isinstance(record, JobPosting)
        if record.source_id not in first or record.seen_at < first[record.source_id].seen_at:
            first[record.source_id] = record
    return len({p.content_hash for p in first.values()})


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
def test_a_failing_input_marks_the_run_failed_and_keeps_earlier_data(tmp_path: Path) -> None:
    from flows.nightly import nightly

    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "1", "description": "Python role", "date": "2026-03-01"}\n')
    missing = tmp_path / "missing.csv"
    settings = settings_for(tmp_path, [InputSpec(path=good), InputSpec(path=missing)])
    with pytest.raises(InputError, match=r"missing\.csv: no such file"):
        nightly(settings)
    with duckdb.connect(str(settings.database), read_only=True) as con:
        assert con.execute("SELECT status, message FROM runs").fetchall()[0][0] == "failed"
        assert con.execute("SELECT count(*) FROM postings").fetchall() == [(1,)]
