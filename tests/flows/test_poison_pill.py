"""One posting no tagger should take whole (5 MB of text) cannot stop tagging: it is set
aside with its reason, where a user sees it, and every run goes on with the others."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest

from extract.files.tables import FileSource
from flows.pipeline import import_source, tag_new_postings
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy
from warehouse.db import open_warehouse

HUGE = "Python and SQL wanted. " * 230_000  # about 5 MB


def write_jobs(path: Path, jobs: dict[str, str]) -> Path:
    path.write_text(
        "".join(json.dumps({"id": k, "description": v}) + "\n" for k, v in jobs.items()),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_taxonomy())


def test_a_five_megabyte_posting_is_set_aside_and_every_run_goes_on(
    tmp_path: Path, extractor: Extractor
) -> None:
    first = write_jobs(
        tmp_path / "first.jsonl",
        {"1": "Python and Kubernetes", "huge": HUGE, "2": "SQL and Spark"},
    )
    second = write_jobs(tmp_path / "second.jsonl", {"3": "PyTorch and Docker"})
    with closing(open_warehouse(tmp_path / "w.duckdb")) as con:
        import_source(con, FileSource(first), "r1")
        counts = tag_new_postings(con, extractor, "r1", batch_size=2)
        assert (counts.postings_tagged, counts.set_aside) == (2, 1)
        [(source, origin, reason, run_id)] = con.execute(
            "SELECT source, origin, reason, run_id FROM quarantine"
        ).fetchall()
        huge_id = con.execute(
            "SELECT posting_id FROM postings WHERE length(description) > 1000000"
        ).fetchall()[0][0]
        assert (source, origin, run_id) == ("tagging", f"posting {huge_id}", "r1")
        assert "not tagged" in reason and "characters" in reason

        # The next runs: the set-aside posting neither fails them nor is stored twice, and
        # what they bring is tagged.
        import_source(con, FileSource(second), "r2")
        counts = tag_new_postings(con, extractor, "r2", batch_size=2)
        assert (counts.postings_tagged, counts.set_aside) == (1, 1)
        assert con.execute("SELECT count(*) FROM quarantine").fetchall() == [(1,)]
        tagged = con.execute(
            "SELECT count(DISTINCT posting_id) FROM posting_tags WHERE mentions > 0"
        ).fetchall()
        assert tagged == [(3,)]
