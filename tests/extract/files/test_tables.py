from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.errors import BadRecord, ColumnMappingError, InputError
from extract.files.tables import ColumnMapping, FileSource, parse_date
from extract.records import JobPosting, QuarantinedRow, content_hash
from extract.source import Source

SEEN = datetime(2026, 3, 1, tzinfo=UTC)


def _fetch(path: Path, **kwargs: Any) -> list[JobPosting | QuarantinedRow]:
    return list(FileSource(path, seen_at=SEEN, **kwargs).fetch())


def _postings(rows: list[JobPosting | QuarantinedRow]) -> list[JobPosting]:
    return [r for r in rows if isinstance(r, JobPosting)]


def _quarantined(rows: list[JobPosting | QuarantinedRow]) -> list[QuarantinedRow]:
    return [r for r in rows if isinstance(r, QuarantinedRow)]


def test_csv_rows_become_postings(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(
        "job_id,job_title,body,posted\n"
        '7,ML Engineer,"<p>PyTorch &amp; CUDA</p><p>Second line</p>",2026-02-03\n'
        '8,"Data Analyst","SQL and\ndbt, on two lines",\n',
        encoding="utf-8",
    )
    mapping = ColumnMapping.from_pairs(
        ["id=job_id", "title=job_title", "description=body", "date=posted"]
    )
    source = FileSource(path, mapping=mapping, seen_at=SEEN)
    first, second = source.fetch()

    assert isinstance(source, Source)
    assert first == JobPosting(
        source="file:jobs",
        source_id="7",
        description="PyTorch & CUDA\nSecond line",
        seen_at=SEEN,
        origin="jobs.csv:2",
        raw=json.dumps(
            {
                "job_id": "7",
                "job_title": "ML Engineer",
                "body": "<p>PyTorch &amp; CUDA</p><p>Second line</p>",
                "posted": "2026-02-03",
            }
        ),
        title="ML Engineer",
        posted_at=datetime(2026, 2, 3, tzinfo=UTC),
    )
    assert isinstance(second, JobPosting)
    assert (second.origin, second.description, second.posted_at) == (
        "jobs.csv:3",
        "SQL and\ndbt, on two lines",
        None,
    )


def test_csv_line_numbers_follow_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text('id,description\n1,"a\nb\nc"\n\n2,"d"\n3,""\n', encoding="utf-8", newline="")
    rows = _fetch(path)
    assert [(r.line if isinstance(r, QuarantinedRow) else r.origin) for r in rows] == [
        "jobs.csv:2",
        "jobs.csv:6",
        7,
    ]


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        '{"id": 1, "description": "Rust and Go", "company": "Acme", "date": 1767382215}',
        '{"id": 2, "description": "Kubernetes"',
        '{"id": 3, "title": "no body"}',
        "[1, 2]",
        '{"id": 4, "description": "Terraform", "url": "https://acme.dev/jobs/4"}',
    ]
    path = tmp_path / "jobs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    rows = _fetch(path)

    postings = _postings(rows)
    assert [(p.source_id, p.description, p.raw) for p in postings] == [
        ("1", "Rust and Go", lines[0]),
        ("4", "Terraform", lines[4]),
    ]
    assert postings[0].company == "Acme"
    assert postings[0].posted_at == datetime(2026, 1, 2, 19, 30, 15, tzinfo=UTC)
    assert postings[1].url == "https://acme.dev/jobs/4"
    assert [(q.line, q.reason.split(":")[0]) for q in _quarantined(rows)] == [
        (2, "invalid JSON"),
        (3, "no text"),
        (4, "not a JSON object but list"),
    ]


def test_parquet_rows_are_numbered_from_one(tmp_path: Path) -> None:
    path = tmp_path / "jobs.parquet"
    table = pa.table(
        {
            "id": [10, 11, 12],
            "text": ["LLM fine-tuning", "", "Airflow pipelines"],
            "date": [datetime(2026, 1, 5, 12, 0), None, datetime(2026, 1, 6)],
            "unused": ["x", "y", "z"],
        }
    )
    pq.write_table(table, path, row_group_size=2)

    rows = _fetch(path, mapping=ColumnMapping(description="text"))

    postings = _postings(rows)
    assert [(p.source_id, p.origin, p.posted_at) for p in postings] == [
        ("10", "jobs.parquet:1", datetime(2026, 1, 5, 12, tzinfo=UTC)),
        ("12", "jobs.parquet:3", datetime(2026, 1, 6, tzinfo=UTC)),
    ]
    assert json.loads(postings[0].raw)["text"] == "LLM fine-tuning"
    assert [(q.line, q.reason) for q in _quarantined(rows)] == [(2, "no text")]


def test_parquet_missing_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "jobs.parquet"
    pq.write_table(pa.table({"id": [1], "body": ["x"]}), path)
    with pytest.raises(ColumnMappingError, match=r"'description'.*columns are: id, body"):
        _fetch(path)


def test_missing_description_column_names_file_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("id,title,body\n1,Engineer,text\n", encoding="utf-8")
    with pytest.raises(ColumnMappingError) as info:
        _fetch(path)
    assert str(info.value) == (
        "data.csv: column 'description' (mapped to description) not found; "
        "columns are: id, title, body"
    )


def test_renamed_column_must_exist_but_default_names_are_optional(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("description\nPython\n", encoding="utf-8")
    assert len(_postings(_fetch(path))) == 1
    mapping = ColumnMapping.from_pairs(["title=job_title", "company=employer"])
    with pytest.raises(ColumnMappingError, match=r"columns 'job_title' \(mapped to title\), "):
        _fetch(path, mapping=mapping)


def test_unparseable_date_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(
        "description,posted\nPython,xyz\nSQL,03/04/2026\nGo,2026-04-03\n", encoding="utf-8"
    )
    rows = _fetch(path, mapping=ColumnMapping(date="posted"))
    assert [(q.line, q.reason) for q in _quarantined(rows)] == [
        (2, "unparseable date 'xyz' in column 'posted'"),
        (3, "unparseable date '03/04/2026' in column 'posted'"),
    ]
    assert [p.description for p in _postings(rows)] == ["Go"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2026-04-03", datetime(2026, 4, 3, tzinfo=UTC), id="iso-date"),
        pytest.param(
            "2026-04-03T10:20:30",
            datetime(2026, 4, 3, 10, 20, 30, tzinfo=UTC),
            id="naive-datetime-is-utc",
        ),
        pytest.param(
            "2026-04-03T10:20:30Z", datetime(2026, 4, 3, 10, 20, 30, tzinfo=UTC), id="zulu"
        ),
        pytest.param(
            "2026-04-03T12:20:30+02:00", datetime(2026, 4, 3, 10, 20, 30, tzinfo=UTC), id="offset"
        ),
        pytest.param(1767382215, datetime(2026, 1, 2, 19, 30, 15, tzinfo=UTC), id="unix-int"),
        pytest.param("1767382215", datetime(2026, 1, 2, 19, 30, 15, tzinfo=UTC), id="unix-string"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="missing"),
    ],
)
def test_parse_date_accepts(value: object, expected: datetime | None) -> None:
    assert parse_date(value, "date") == expected


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("03/04/2026", id="day-month-ambiguous"),
        pytest.param("April 3rd", id="prose"),
        pytest.param(True, id="bool"),
        pytest.param(10**20, id="out-of-range"),
    ],
)
def test_parse_date_rejects(value: object) -> None:
    with pytest.raises(BadRecord, match="unparseable date"):
        parse_date(value, "date")


def test_rows_without_text_are_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text('id,description\n1,\n2,"<p> </p>"\n3,Spark\n4,too,many\n', encoding="utf-8")
    rows = _fetch(path)
    assert [(q.line, q.reason) for q in _quarantined(rows)] == [
        (2, "no text"),
        (3, "no text"),
        (5, "expected 2 cells, found 3"),
    ]
    assert _quarantined(rows)[0].payload == '{"id": "1", "description": ""}'


def test_missing_id_uses_a_stable_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text('{"description": "Deep  learning"}\n', encoding="utf-8")
    [first] = _fetch(path)
    [again] = _fetch(path)
    assert isinstance(first, JobPosting) and isinstance(again, JobPosting)
    assert first.source_id == again.source_id == content_hash("deep learning")


def test_wrong_encoding_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes("id,description\n1,ok\n2,Café crème\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"data.csv: cannot decode line 3 \(byte 25\) as utf-8"):
        _fetch(path)
    with pytest.raises(InputError, match="--encoding"):
        _fetch(path)
    [_, second] = _fetch(path, encoding="latin-1")
    assert isinstance(second, JobPosting)
    assert second.description == "Café crème"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("jobs.csv.gz", "id,description\n1,Python\n", id="csv"),
        pytest.param("jobs.jsonl.gz", '{"id": 1, "description": "Python"}\n', id="jsonl"),
    ],
)
def test_gzip_input(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(content.encode("utf-8")))
    source = FileSource(path, seen_at=SEEN)
    [posting] = source.fetch()
    assert source.name == "file:jobs"
    assert isinstance(posting, JobPosting)
    assert (posting.source_id, posting.description) == ("1", "Python")


def _damaged_gzip(kind: str, header: str, row: str) -> bytes:
    """A gzip file of 3,000 rows: cut in half, or with bytes in the middle overwritten."""
    data = bytearray(gzip.compress((header + "".join(row % i for i in range(3000))).encode()))
    if kind == "truncated":
        return bytes(data[: len(data) // 2])
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
    return bytes(data)


_CSV = ("id,description\n", "%d,Python and SQL\n")
_JSONL = ("", '{"id": "%d", "description": "Python and SQL"}\n')
_HN = ("", '{"id": %d, "text": "Python", "thread_month": "2026-03"}\n')


def _read_csv(path: Path) -> object:
    return list(FileSource(path, seen_at=SEEN).fetch())


def _read_jsonl_blocks(path: Path) -> object:
    from extract.files.bulk import read_batches

    return list(read_batches(FileSource(path, seen_at=SEEN), None, 100))


def _read_hn(path: Path) -> object:
    from extract.files.hn_sightings import HNSightingsFile

    return list(HNSightingsFile(path).fetch())


@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
@pytest.mark.parametrize(
    ("name", "lines", "read"),
    [
        pytest.param("jobs.csv.gz", _CSV, _read_csv, id="csv"),
        pytest.param("jobs.jsonl.gz", _JSONL, _read_jsonl_blocks, id="jsonl-column-wise"),
        pytest.param("hn.jsonl.gz", _HN, _read_hn, id="hn-sightings"),
    ],
)
def test_a_damaged_gzip_file_is_an_input_error_naming_the_file(
    tmp_path: Path, name: str, lines: tuple[str, str], read: Any, damage: str
) -> None:
    header, row = lines
    path = tmp_path / name
    path.write_bytes(_damaged_gzip(damage, header, row))
    with pytest.raises(InputError) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert "gzip" in message
    if damage == "truncated":
        assert "ends before" in message


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes("\ufeffid,description\n1,Python\n".encode())
    assert [p.source_id for p in _postings(_fetch(path))] == ["1"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("empty.csv", b"", id="csv"),
        pytest.param("empty.jsonl", b"\n\n", id="jsonl-blank-lines"),
        pytest.param("empty.parquet", b"", id="parquet"),
        pytest.param("empty.csv.gz", gzip.compress(b""), id="gzip"),
    ],
)
def test_empty_file_is_an_input_error(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=f"{name}: file is empty"):
        _fetch(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            "jobs.xlsx",
            "jobs.xlsx: unknown file type; supported: .csv, .jsonl",
            id="unknown-suffix",
        ),
        pytest.param("jobs", "unknown file type", id="no-suffix"),
        pytest.param("jobs.parquet.gz", "gzipped Parquet is not supported", id="gz-parquet"),
    ],
)
def test_unknown_format_is_an_input_error(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        FileSource(tmp_path / name)


def test_explicit_format_overrides_suffix(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text('{"description": "Python"}\n', encoding="utf-8")
    assert len(_postings(_fetch(path, format="jsonl"))) == 1


def test_json_array_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "jobs.jsonl"
    path.write_text('[{"description": "Python"}]\n', encoding="utf-8")
    with pytest.raises(InputError, match="JSON Lines"):
        _fetch(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        _fetch(tmp_path / "nope.csv")


def test_since_after_the_import_time_yields_nothing(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("description\nPython\n", encoding="utf-8")
    source = FileSource(path, seen_at=SEEN)
    assert list(source.fetch(since=datetime(2026, 3, 2, tzinfo=UTC))) == []
    assert len(list(source.fetch(since=datetime(2026, 2, 28)))) == 1


def test_column_mapping_from_pairs() -> None:
    mapping = ColumnMapping.from_pairs(["title = job_title", "description=body", "url="])
    assert mapping == ColumnMapping(title="job_title", description="body", url=None)


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        pytest.param(
            "salary=pay",
            "bad column mapping 'salary=pay': expected FIELD=COLUMN",
            id="unknown-field",
        ),
        pytest.param("title", "bad column mapping 'title'", id="no-equals"),
        pytest.param("description=", "description needs a column", id="empty-description"),
    ],
)
def test_column_mapping_errors(pair: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        ColumnMapping.from_pairs([pair])
    if "FIELD=COLUMN" in message:
        assert "id, title, description, company, location, date, url" in str(info.value)


def test_unchanged_file_yields_the_same_sightings_each_time(tmp_path: Path) -> None:
    import os

    path = tmp_path / "jobs.jsonl"
    path.write_text('{"id": "1", "description": "Python"}\n', encoding="utf-8")
    os.utime(path, (1_767_225_600, 1_767_225_600))  # 2026-01-01T00:00:00Z
    first = list(FileSource(path).fetch())
    second = list(FileSource(path).fetch())
    assert first == second
    assert isinstance(first[0], JobPosting)
    assert first[0].seen_at == datetime(2026, 1, 1, tzinfo=UTC)
