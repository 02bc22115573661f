from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from extract.http import PoliteClient
from extract.records import JobPosting, QuarantinedRow
from extract.sources.usajobs import (
    USAJobsHistorySettings,
    USAJobsHistorySource,
    USAJobsSettings,
    USAJobsSource,
)
from tests.extract.conftest import LocalServer, Reply, fixture_json

NOW = datetime(2026, 3, 5, tzinfo=UTC)
KEY = "usajobs-KEY-0042"


def _search(server: LocalServer, client: PoliteClient, **changes: object) -> USAJobsSource:
    settings = USAJobsSettings(
        email="analyst@example.org",
        api_key=KEY,
        keywords=("machine learning",),
        page_size=2,
        base_url=server.url,
        **changes,  # type: ignore[arg-type]
    )
    return USAJobsSource(settings, client, now=lambda: NOW)


def test_search_pages_and_headers(
    tmp_path: Path,
    server: LocalServer,
    client: PoliteClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    base = "/api/search?Keyword=machine+learning"
    server.json(f"{base}&Page=1&ResultsPerPage=2", "usajobs_search_p1.json")
    server.json(f"{base}&Page=2&ResultsPerPage=2", "usajobs_search_p2.json")
    caplog.set_level(logging.DEBUG)
    source = _search(server, client)
    rows = list(source.fetch())
    postings = [r for r in rows if isinstance(r, JobPosting)]
    quarantined = [r for r in rows if isinstance(r, QuarantinedRow)]
    assert [p.source_id for p in postings] == ["812345600", "812345602"]
    assert [q.reason for q in quarantined] == ["drift: missing field 'PositionTitle'"]
    scientist, specialist = postings
    assert (scientist.city, scientist.region, scientist.country) == ("Greenbelt", "Maryland", "US")
    assert (scientist.salary_min, scientist.salary_period) == (99200, "year")
    assert scientist.valid_through == datetime(2026, 3, 16, 23, 59, 59, 997000, tzinfo=UTC)
    assert "Train and evaluate ML models." in scientist.description
    assert (specialist.remote, specialist.salary_period, specialist.salary_max) == (
        True,
        "hour",
        60,
    )
    sent = server.requests[-1].headers
    assert sent["user-agent"] == "analyst@example.org"
    assert sent["authorization-key"] == KEY
    assert source.report.complete and source.report.pages == 2
    stored = [p.read_bytes().decode("latin-1") for p in (tmp_path / "raw").iterdir()]
    for text in [caplog.text, repr(source.settings), *stored]:
        assert KEY not in text


def test_since_sets_days_posted(server: LocalServer, client: PoliteClient) -> None:
    server.route("/api/search", Reply({"SearchResult": {"SearchResultItems": []}}))
    source = _search(server, client)
    list(source.fetch(since=NOW - timedelta(days=3, hours=2)))
    assert "DatePosted=4" in server.requests[-1].path


def test_history_follows_continuation_and_joins_texts(
    server: LocalServer, client: PoliteClient
) -> None:
    server.json("/api/historicjoa?StartPositionOpenDate=2015-06-01", "historicjoa_p1.json")
    server.json("/api/historicjoa?continuationtoken=TOKEN2", "historicjoa_p2.json")
    texts = fixture_json("announcementtext.json")
    server.route("/api/historicjoa/announcementtext", Reply(texts))
    settings = USAJobsHistorySettings(start=date(2015, 6, 1), base_url=server.url)
    source = USAJobsHistorySource(settings, client, now=lambda: NOW)
    rows = list(source.fetch())
    postings = [r for r in rows if isinstance(r, JobPosting)]
    reasons = [r.reason for r in rows if isinstance(r, QuarantinedRow)]
    assert [p.source_id for p in postings] == ["555000001"]
    assert reasons == [
        "no announcement text for control number 555000002",
        "drift: missing field 'positionTitle'",
    ]
    engineer = postings[0]
    assert engineer.source == "usajobs"
    assert engineer.description.startswith("Summary\nDesign flight software.")
    assert (engineer.city, engineer.region, engineer.country) == ("Houston", "Texas", "US")
    assert engineer.posted_at == datetime(2015, 6, 1, tzinfo=UTC)
    text_requests = [p for p in server.paths() if "announcementtext" in p]
    assert text_requests[0].endswith("USAJOBSControlNumbers=555000001%2C555000002")
    assert source.report.complete
