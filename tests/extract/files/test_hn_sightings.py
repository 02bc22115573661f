from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from extract.bundled import HN_2026_SIGHTINGS
from extract.errors import BadRecord
from extract.files.hn_sightings import HNSightingsFile, parse_sighting
from extract.records import JobPosting, QuarantinedRow
from extract.source import Source


def _sighting(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": 46468406,
        "source": "who_is_hiring",
        "author": "someone",
        "time": 1767382215,
        "text_html": "Acme | Data Engineer | Berlin, Germany | REMOTE<p>We use Python &amp; SQL.",
        "collected_on": "2026-01-01",
        "thread_id": 46466074,
        "thread_title": "Ask HN: Who is hiring? (January 2026)",
    }
    record.update(changes)
    return record


def test_parse_sighting_thread_comment() -> None:
    line = json.dumps(_sighting())
    posting = parse_sighting(json.loads(line), "sightings.jsonl:3", line)
    assert posting == JobPosting(
        source="hn",
        source_id="46468406",
        description="Acme | Data Engineer | Berlin, Germany | REMOTE\nWe use Python & SQL.",
        seen_at=datetime(2026, 1, 1, tzinfo=UTC),
        origin="sightings.jsonl:3",
        raw=line,
        title="Data Engineer",
        company="Acme",
        location="Berlin, Germany",
        remote=True,
        url=None,
        posted_at=datetime(2026, 1, 2, 19, 30, 15, tzinfo=UTC),
        city="Berlin",
        country="DE",
    )


def test_parse_sighting_fills_place_pay_and_employment_from_the_header() -> None:
    text = "Acme | ML Engineer | Toronto, Canada | Full-time | $150k-$190k<p>PyTorch."
    posting = parse_sighting(_sighting(text_html=text), "sightings.jsonl:1")
    assert (posting.city, posting.country) == ("Toronto", "CA")
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (
        150_000,
        190_000,
        "USD",
    )
    assert posting.employment_type == "full_time"


def test_parse_sighting_restores_shortened_link() -> None:
    href = "https:&#x2F;&#x2F;jobs.example.com&#x2F;acme&#x2F;1234567890"
    text = f'Acme | Engineer | <a href="{href}">https:&#x2F;&#x2F;jobs.example.com&#x2F;ac...</a>'
    posting = parse_sighting(_sighting(text_html=text), "x:1")
    assert posting.url == "https://jobs.example.com/acme/1234567890"


@pytest.mark.parametrize(
    ("text", "company", "title"),
    [
        pytest.param(
            "Kyber (YC W23) Is Hiring an Enterprise Account Executive\n\nEnterprise Account "
            "Executive (AE) at Kyber | Y Combinator Open menu About",
            "Kyber",
            "Enterprise Account Executive (AE)",
            id="yc-page-title",
        ),
        pytest.param(
            "Roboflow (YC S20) Is Hiring a Security Engineer for AI Infra",
            "Roboflow",
            "Security Engineer",
            id="is-hiring-headline",
        ),
        pytest.param(
            "Ubicloud (YC W24): Software Engineer – $95-$250K in Turkey, Netherlands, CA",
            "Ubicloud",
            "Software Engineer",
            id="colon-headline",
        ),
        pytest.param("Hightouch (YC S19) Is Hiring", "Hightouch", None, id="no-role-stated"),
    ],
)
def test_parse_sighting_direct_story(text: str, company: str, title: str | None) -> None:
    posting = parse_sighting(_sighting(source="direct", text_html=text), "x:1")
    assert (posting.company, posting.title, posting.location) == (company, title, None)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        pytest.param({"text_html": ""}, "no text", id="empty-text"),
        pytest.param({"text_html": "<p> </p>"}, "no text", id="only-markup"),
        pytest.param({"text_html": None}, "no text", id="missing-text"),
        pytest.param({"time": "yesterday"}, "bad time 'yesterday'", id="time-not-number"),
        pytest.param({"time": 10**20}, "bad time", id="time-out-of-range"),
        pytest.param({"collected_on": "01/02/2026"}, "bad collected_on", id="bad-collection-day"),
        pytest.param({"id": None}, "no id", id="missing-id"),
    ],
)
def test_parse_sighting_rejects_unusable_records(changes: dict[str, Any], reason: str) -> None:
    with pytest.raises(BadRecord, match=reason):
        parse_sighting(_sighting(**changes), "x:1")


def test_bundled_file_yields_every_sighting() -> None:
    source = HNSightingsFile(HN_2026_SIGHTINGS)
    rows = list(source.fetch())
    postings = [r for r in rows if isinstance(r, JobPosting)]
    assert isinstance(source, Source)
    assert len(rows) == len(postings) == 2301
    assert len({p.source_id for p in postings}) == 1720
    assert postings[0].origin == "sightings.jsonl:1"
    assert postings[-1].origin == "sightings.jsonl:2301"


def test_bundled_file_raw_is_the_line_as_read() -> None:
    with HN_2026_SIGHTINGS.open(encoding="utf-8") as f:
        first = f.readline().rstrip("\n")
    posting = next(HNSightingsFile(HN_2026_SIGHTINGS).fetch())
    assert isinstance(posting, JobPosting)
    assert posting.raw == first


def test_since_skips_earlier_collection_runs() -> None:
    rows = list(HNSightingsFile(HN_2026_SIGHTINGS).fetch(since=datetime(2026, 5, 1)))
    assert {r.seen_at.date().isoformat() for r in rows if isinstance(r, JobPosting)} == {
        "2026-05-03",
        "2026-05-05",
    }


def test_broken_line_is_quarantined_and_the_rest_yielded(tmp_path: Path) -> None:
    good = [json.dumps(_sighting(id=n)) for n in range(1, 5)]
    broken = '{"id": 99, "source": "who_is_hiring" "time": 1}'
    path = tmp_path / "sightings.jsonl"
    path.write_text("\n".join([*good[:2], broken, "", *good[2:]]) + "\n", encoding="utf-8")

    rows = list(HNSightingsFile(path).fetch())

    quarantined = [r for r in rows if isinstance(r, QuarantinedRow)]
    assert [r.source_id for r in rows if isinstance(r, JobPosting)] == ["1", "2", "3", "4"]
    assert len(quarantined) == 1
    assert quarantined[0].line == 3
    assert quarantined[0].reason.startswith("invalid JSON: Expecting ',' delimiter")
    assert quarantined[0].payload == broken


def test_record_without_text_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "sightings.jsonl"
    path.write_text(json.dumps(_sighting(text_html="")) + "\n", encoding="utf-8")
    [row] = HNSightingsFile(path).fetch()
    assert isinstance(row, QuarantinedRow)
    assert (row.source, row.origin, row.line, row.reason) == ("hn", "sightings.jsonl", 1, "no text")
