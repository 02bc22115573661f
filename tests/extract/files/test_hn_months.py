"""HN month files: one JSON array per thread month, dated to the month and never to a day."""

from __future__ import annotations

import gzip
import json
import lzma
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from extract.bundled import HN_2013_2018_MONTHS
from extract.errors import InputError
from extract.files.hn_months import HNMonthsFiles, month_files, parse_month_record
from extract.files.hn_sightings import parse_sighting
from extract.records import JobPosting, QuarantinedRow
from extract.source import Source
from extract.sources.hn.algolia import Thread, parse_comment

SEEN = datetime(2018, 4, 2, tzinfo=UTC)
WRITERS: dict[str, Callable[[bytes], bytes]] = {
    ".json": lambda data: data,
    ".json.gz": gzip.compress,
    ".json.xz": lzma.compress,
}


def comment(
    item_id: int, html: str = "Acme | ML Engineer | Berlin, Germany | REMOTE<p>PyTorch."
) -> dict[str, Any]:
    return {
        "address": None,
        "country": "DE",
        "freshness": True,
        "full_html": html,
        "h1b": False,
        "intern": False,
        "lat": None,
        "location": "Berlin",
        "lon": None,
        "remote": True,
        "url": f"https://news.ycombinator.com/item?id={item_id}",
        "user": "someone",
    }


def write_month(folder: Path, name: str, records: list[Any]) -> Path:
    suffix = name[name.index(".") :]
    path = folder / name
    path.write_bytes(WRITERS[suffix](json.dumps(records).encode("utf-8")))
    return path


def rows_of(source: HNMonthsFiles) -> tuple[list[JobPosting], list[QuarantinedRow]]:
    rows = list(source.fetch())
    postings = [r for r in rows if isinstance(r, JobPosting)]
    quarantined = [r for r in rows if isinstance(r, QuarantinedRow)]
    assert len(postings) + len(quarantined) == len(rows)
    return postings, quarantined


@pytest.mark.parametrize("suffix", list(WRITERS), ids=["plain", "gzip", "xz"])
def test_a_month_file_is_read_as_published_and_dated_to_its_month(
    tmp_path: Path, suffix: str
) -> None:
    records = [
        comment(9001),
        comment(9002, "Labs Co &#x2F; Data Technician<p>Python &amp; SQL, on site in Toronto."),
    ]
    path = write_month(tmp_path, f"2015-04{suffix}", records)
    source = HNMonthsFiles(path, seen_at=SEEN)
    assert isinstance(source, Source)
    postings, quarantined = rows_of(source)
    assert quarantined == []
    assert [p.posting_id for p in postings] == ["hn:9001", "hn:9002"]
    acme, labs = postings
    assert (acme.posted_at, acme.posted_precision) == (datetime(2015, 4, 1, tzinfo=UTC), "month")
    assert (acme.company, acme.title, acme.location, acme.remote) == (
        "Acme",
        "ML Engineer",
        "Berlin, Germany",
        True,
    )
    assert (acme.city, acme.country) == ("Berlin", "DE")
    assert acme.description == "Acme | ML Engineer | Berlin, Germany | REMOTE\nPyTorch."
    assert labs.description == "Labs Co / Data Technician\nPython & SQL, on site in Toronto."
    assert (acme.seen_at, acme.origin) == (SEEN, f"2015-04{suffix}#1")
    assert json.loads(labs.raw) == records[1]


def test_bad_records_are_quarantined_with_file_record_and_reason(tmp_path: Path) -> None:
    no_url = comment(1)
    del no_url["url"]
    records = [
        comment(9001),
        ["not", "an", "object"],
        no_url,
        {**comment(2), "url": "https://example.com/item?id=2"},
        comment(9003, html='<font color="#5a5a5a"></font>'),
        {**comment(9004), "full_html": None},
        comment(9005),
    ]
    write_month(tmp_path, "2016-02.json", records)
    postings, quarantined = rows_of(HNMonthsFiles(tmp_path, seen_at=SEEN))
    assert [p.source_id for p in postings] == ["9001", "9005"]
    assert [(q.origin, q.line) for q in quarantined] == [
        ("2016-02.json", n) for n in (2, 3, 4, 5, 6)
    ]
    reasons = [q.reason for q in quarantined]
    assert reasons[0] == "not a JSON object but list"
    assert reasons[1].startswith("no HN item id: url None")
    assert reasons[2].startswith("no HN item id: url 'https://example.com/item?id=2'")
    assert reasons[3:] == ["no text", "no text"]
    assert json.loads(quarantined[2].payload) == records[3]


def test_the_same_comment_is_the_same_posting_from_every_hn_reader() -> None:
    html = "Acme | ML Engineer | Berlin<p>We train models."
    from_month = parse_month_record(comment(46468406, html), date(2026, 1, 1), SEEN, "m#1", "{}")
    sighting = {"id": 46468406, "source": "who_is_hiring", "time": 1767382215,
                "text_html": html, "collected_on": "2026-01-01"}  # fmt: skip
    from_sightings = parse_sighting(sighting, "s:1")
    thread = Thread("46466074", "Ask HN: Who is hiring? (January 2026)", None)
    api_comment = {"id": 46468406, "created_at_i": 1767382215, "text": html, "author": "x"}
    from_api = parse_comment(api_comment, thread, SEEN, "api")
    assert from_month.posting_id == from_sightings.posting_id == from_api.posting_id
    assert from_month.content_hash == from_sightings.content_hash == from_api.content_hash


def test_a_directory_reads_its_month_files_oldest_first_and_ignores_others(
    tmp_path: Path,
) -> None:
    months = tmp_path / "months"
    months.mkdir()
    write_month(months, "2014-02.json.xz", [comment(3)])
    write_month(months, "2013-11.json", [comment(1), comment(2)])
    (months / "notes.txt").write_text("not a month", encoding="utf-8")
    (months / "2013-12.csv").write_text("id\n1\n", encoding="utf-8")
    # the directory above months/ is understood too, as the bundled data is laid out
    for path in (months, tmp_path):
        assert [p.name for p in month_files(path)] == ["2013-11.json", "2014-02.json.xz"]
        postings, _ = rows_of(HNMonthsFiles(path, seen_at=SEEN))
        assert [(p.source_id, p.posted_at.month) for p in postings if p.posted_at] == [
            ("1", 11),
            ("2", 11),
            ("3", 2),
        ]


def test_postings_are_seen_when_their_file_was_written_unless_told(tmp_path: Path) -> None:
    path = write_month(tmp_path, "2017-05.json", [comment(1)])
    stamp = datetime(2020, 6, 1, 12, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    (posting,), _ = rows_of(HNMonthsFiles(path))
    assert posting.seen_at == datetime(2020, 6, 1, 12, tzinfo=UTC)
    assert list(HNMonthsFiles(path).fetch(since=datetime(2021, 1, 1, tzinfo=UTC))) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("2015-4.json", b"[]", r"2015-4\.json: not a month file", id="bad-name"),
        pytest.param("2015-13.json", b"[]", r"2015-13\.json: not a month file", id="month-13"),
        pytest.param(
            "2015-04.json", b'[{"url": ', r"2015-04\.json: not valid JSON: .*line 1", id="broken"
        ),
        pytest.param(
            "2015-04.json", b'{"url": "x"}', r"expected a JSON array of comments, found a dict",
            id="not-array",
        ),
        pytest.param("2015-04.json.xz", b"not xz", r"04\.json\.xz: cannot decompress", id="xz"),
        pytest.param("2015-04.json.gz", b"not gzip", r"04\.json\.gz: cannot decompress", id="gz"),
        pytest.param("2015-04.json", b'["\xff"]', r"2015-04\.json: not UTF-8 at byte 2", id="utf8"),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_read_whole_is_an_input_error_naming_it(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        list(HNMonthsFiles(path, seen_at=SEEN).fetch())


def test_a_directory_without_month_files_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no month files"):
        list(HNMonthsFiles(tmp_path).fetch())
    with pytest.raises(InputError, match="no such file or directory"):
        list(HNMonthsFiles(tmp_path / "missing").fetch())


def test_the_bundled_months_are_the_54_published_files() -> None:
    files = month_files(HN_2013_2018_MONTHS)
    months = [p.name.removesuffix(".json.xz") for p in files]
    assert (len(months), months[0], months[-1]) == (54, "2013-08", "2018-04")
    assert not {"2016-07", "2017-08", "2017-09"} & set(months)
    folder = HN_2013_2018_MONTHS.parent
    assert (folder / "LICENSE").read_text(encoding="utf-8").startswith("This is free and")
    assert "9b6b32f9c3e0665cc944b82bfd2a1b7e61248fac" in (folder / "README.md").read_text(
        encoding="utf-8"
    )
    total = sum(len(json.loads(lzma.decompress(p.read_bytes()))) for p in files)
    assert total == 28_238


def test_a_bundled_month_reads_whole() -> None:
    path = HN_2013_2018_MONTHS / "2014-01.json.xz"
    published = json.loads(lzma.decompress(path.read_bytes()))
    postings, quarantined = rows_of(HNMonthsFiles(path, seen_at=SEEN))
    assert len(postings) + len(quarantined) == len(published) == 203
    assert {p.posted_at for p in postings} == {datetime(2014, 1, 1, tzinfo=UTC)}
    every_id = {"hn:" + r["url"].rsplit("=", 1)[1] for r in published}
    set_aside = {"hn:" + json.loads(q.payload)["url"].rsplit("=", 1)[1] for q in quarantined}
    assert {p.posting_id for p in postings} == every_id - set_aside
