from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from extract.errors import InputError
from extract.files.bulk import read_batches
from extract.files.tables import ColumnMapping, FileSource
from extract.records import PostingBatch, postings_batches

_GOOD = [
    {"id": "1", "title": "ML <i>Engineer</i>", "description": "<p>Python &amp; SQL</p>",
     "date": "2026-03-01", "company": " Acme ", "url": "https://x.io/1"},
    {"id": " 2 ", "description": "Kubernetes<br>Go", "date": "1767225600"},
    {"description": "No id here, PyTorch", "location": "Berlin<p>Remote"},
    {"id": "", "description": "Empty id, Rust"},
]  # fmt: skip


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _both(source: FileSource, size: int) -> tuple[list[PostingBatch], list[PostingBatch]]:
    return list(read_batches(source, None, size)), list(postings_batches(source.fetch(), size))


def _postings(batches: list[PostingBatch]) -> pa.Table:
    return pa.concat_tables([b.postings for b in batches])


@pytest.mark.parametrize("size", [1, 3, 100], ids=["block-1", "block-3", "one-block"])
def test_column_wise_reading_gives_what_record_reading_gives(tmp_path: Path, size: int) -> None:
    lines = [json.dumps(r) for r in _GOOD] * 3
    lines[4] = '{"id": "broken", "description": '  # invalid JSON
    lines[6] = ""  # blank lines are skipped, line numbers still count them
    lines[7] = '["not", "an", "object"]'
    lines[8] = json.dumps({"id": 7, "description": "a number id"})
    lines[9] = json.dumps({"id": "8", "description": "<p> </p>"})  # no text
    lines[10] = json.dumps({"id": "9", "description": "x", "date": "03/04/2026"})
    source = FileSource(_write(tmp_path / "jobs.jsonl", lines), source="t")
    fast, slow = _both(source, size)
    assert _postings(fast).equals(_postings(slow))
    assert [q for b in fast for q in b.quarantined] == [q for b in slow for q in b.quarantined]
    reasons = {q.line: q.reason for b in fast for q in b.quarantined}
    assert set(reasons) == {5, 8, 10, 11}
    assert reasons[10] == "no text" and "unparseable date" in reasons[11]
    ids = _postings(fast)["source_id"].to_pylist()
    assert "7" in ids and "2" in ids  # the number id is read record by record, as text


def test_a_mapped_file_reads_the_same_both_ways(tmp_path: Path) -> None:
    rows = [{"body": r["description"], "ref": r.get("id"), "when": r.get("date")} for r in _GOOD]
    path = _write(tmp_path / "mapped.jsonl", [json.dumps(r) for r in rows])
    mapping = ColumnMapping.from_pairs(["description=body", "id=ref", "date=when"])
    fast, slow = _both(FileSource(path, source="m", mapping=mapping), 2)
    assert _postings(fast).equals(_postings(slow))
    assert _postings(fast).num_rows == len(_GOOD)


def test_whole_file_problems_are_raised_as_when_reading_records(tmp_path: Path) -> None:
    array = _write(tmp_path / "array.jsonl", ['[{"description": "x"}]'])
    with pytest.raises(InputError, match="looks like a JSON array"):
        list(read_batches(FileSource(array), None, 10))
    blank = _write(tmp_path / "blank.jsonl", ["", "  "])
    with pytest.raises(InputError, match="file is empty"):
        list(read_batches(FileSource(blank), None, 10))
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"description": "ok"}\n{"description": "caf\xe9"}\n')
    with pytest.raises(InputError, match="cannot decode line 2"):
        list(read_batches(FileSource(latin), None, 10))


def test_since_after_the_file_was_seen_reads_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path / "jobs.jsonl", [json.dumps(_GOOD[0])])
    seen = datetime(2026, 1, 1, tzinfo=UTC)
    source = FileSource(path, seen_at=seen)
    assert list(read_batches(source, datetime(2026, 2, 1, tzinfo=UTC), 10)) == []
    assert sum(b.rows for b in read_batches(source, seen, 10)) == 1
