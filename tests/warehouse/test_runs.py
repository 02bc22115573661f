"""The run ledger, all-or-nothing imports, and a re-tag cut short under new versions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from extract.errors import InputError
from extract.files.tables import FileSource
from flows.pipeline import import_source, tag_new_postings
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy
from warehouse.db import open_warehouse, scalar
from warehouse.runs import (
    SourceCounts,
    abandon_stale_runs,
    finish_run,
    recent_runs,
    record_source,
    run_sources,
    start_run,
)


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(":memory:")
    yield connection
    connection.close()


def write_jobs(path: Path, n: int, bad_line: int | None = None) -> Path:
    lines = [
        json.dumps({"id": str(i), "description": f"Python and SQL job {i}; Kubernetes a plus."})
        for i in range(n)
    ]
    data = "\n".join(lines).encode() + b"\n"
    if bad_line is not None:
        head = "\n".join(lines[:bad_line]).encode()
        data = head + b'\n{"id": "x", "description": "caf\xe9 \xff"}\n'
    path.write_bytes(data)
    return path


def test_outcomes_in_v_runs_and_stale_runs_are_abandoned(con: duckdb.DuckDBPyConnection) -> None:
    start_run(con, "nightly", "dead")
    start_run(con, "nightly", "r1")
    assert abandon_stale_runs(con, keep="r1") == 1
    record_source(con, "r1", 0, "file:a", "file", "completed", SourceCounts(fetched=10))
    record_source(con, "r1", 1, "board", "greenhouse", "failed", error="FetchError: down")
    finish_run(con, "r1", "completed", postings_tagged=7)
    runs = {r.run_id: r for r in recent_runs(con)}
    assert runs["dead"].outcome == "failed"
    assert "abandoned" in (runs["dead"].message or "")
    assert runs["r1"].outcome == "completed with failures"
    assert (runs["r1"].sources, runs["r1"].sources_failed, runs["r1"].fetched) == (2, 1, 10)
    assert [s.status for s in run_sources(con, "r1")] == ["completed", "failed"]


def test_a_file_that_breaks_half_way_imports_nothing(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    good = write_jobs(tmp_path / "good.jsonl", 30)
    import_source(con, FileSource(good), "r0", batch_size=7)
    before = scalar(con, "SELECT count(*) FROM raw_postings")
    bad = write_jobs(tmp_path / "bad.jsonl", 50, bad_line=40)
    batches: list[int] = []
    with pytest.raises(InputError, match=r"bad\.jsonl"):
        import_source(
            con,
            FileSource(bad, source="other"),
            "r1",
            batch_size=7,
            progress=lambda step, n: batches.append(n),
        )
    assert len(batches) >= 5  # several batches were read before the bad line ...
    assert scalar(con, "SELECT count(*) FROM raw_postings") == before == 30  # ... and undone
    assert scalar(con, "SELECT count(*) FROM raw_postings WHERE source = 'other'") == 0


class Killed(BaseException):
    """Stands for the SIGKILL: nothing after it runs, no handler sees it."""


def test_a_retag_cut_short_leaves_the_old_versions_current_and_complete(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    import_source(con, FileSource(write_jobs(tmp_path / "jobs.jsonl", 60)), None, batch_size=25)
    old = Extractor(load_taxonomy())
    start_run(con, "nightly", "old")
    tagged = tag_new_postings(con, old, "old", batch_size=10)
    finish_run(
        con,
        "old",
        "completed",
        taxonomy_version=tagged.taxonomy_version,
        extractor_version=tagged.extractor_version,
    )
    current_before = con.execute("SELECT * FROM v_current_versions").fetchall()
    mentions_before = scalar(con, "SELECT count(*) FROM v_skill_mentions")
    assert mentions_before == tagged.mentions > 60

    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"id": "python", "aliases": ["pythonic"]}\n', encoding="utf-8")
    new = Extractor(load_taxonomy(extra=extra))
    assert new.versions != old.versions

    def stop_after_two_batches(done: int) -> None:
        if done >= 20:
            raise Killed

    start_run(con, "nightly", "new")
    with pytest.raises(Killed):
        tag_new_postings(con, new, "new", batch_size=10, progress=stop_after_two_batches)
    assert scalar(con, "SELECT count(*) FROM posting_tags WHERE run_id = 'new'") == 20
    assert con.execute("SELECT * FROM v_current_versions").fetchall() == current_before
    assert scalar(con, "SELECT count(*) FROM v_skill_mentions") == mentions_before
    assert scalar(con, "SELECT count(DISTINCT posting_id) FROM v_skill_mentions") == 60

    assert abandon_stale_runs(con) == 1
    start_run(con, "nightly", "again")
    rest = tag_new_postings(con, new, "again", batch_size=10)
    assert rest.postings_tagged == 40  # only what the cut-short run had not stored
    finish_run(
        con,
        "again",
        "completed",
        taxonomy_version=rest.taxonomy_version,
        extractor_version=rest.extractor_version,
    )
    assert con.execute("SELECT * FROM v_current_versions").fetchall() == [new.versions]
    assert scalar(con, "SELECT count(DISTINCT posting_id) FROM v_skill_mentions") == 60
