from __future__ import annotations

from datetime import UTC, datetime

from extract.http import PoliteClient
from extract.records import JobPosting, QuarantinedRow
from extract.sources.boards import Board
from extract.sources.lever import LeverSettings, LeverSource
from tests.extract.conftest import LocalServer, Reply, fixture_json

NOW = datetime(2026, 3, 5, tzinfo=UTC)


def test_pages_until_a_short_page(server: LocalServer, client: PoliteClient) -> None:
    base = "/v0/postings/acme?mode=json"
    server.route(f"{base}&skip=0&limit=2", Reply(fixture_json("lever_page1.json")))
    server.route(f"{base}&skip=2&limit=2", Reply(fixture_json("lever_page2.json")))
    settings = LeverSettings((Board("lever", "acme", "Acme"),), page_size=2, base_url=server.url)
    source = LeverSource(settings, client, now=lambda: NOW)
    rows = list(source.fetch())
    postings = [r for r in rows if isinstance(r, JobPosting)]
    assert [type(r).__name__ for r in rows] == ["JobPosting", "JobPosting", "QuarantinedRow"]
    assert isinstance(rows[2], QuarantinedRow)
    assert rows[2].reason == "drift: missing field 'text'"
    cv = postings[0]
    assert cv.description.startswith("Train detection models with OpenCV and PyTorch.")
    assert "Requirements\nPython\nCUDA" in cv.description
    assert (cv.city, cv.region, cv.country, cv.remote) == ("Toronto", "Ontario", "CA", None)
    assert (cv.salary_min, cv.salary_currency, cv.salary_period) == (120000, "CAD", "year")
    assert cv.employment_type == "full_time"
    assert cv.canonical_url == "https://jobs.lever.co/acme/5f1c2a9e-0000-4000-8000-000000000001"
    assert cv.posted_at == datetime(2026, 1, 1, tzinfo=UTC)
    assert (postings[1].remote, postings[1].employment_type) == (True, "contract")
    assert source.report.boards["lever:acme"].pages == 2
    assert source.report.complete


def test_eu_boards_use_the_eu_host(server: LocalServer, client: PoliteClient) -> None:
    server.route("/v0/postings/euco", Reply([]))
    board = Board("lever", "euco", "EU Co", region="eu")
    settings = LeverSettings((board,), base_url="http://unused.invalid", eu_base_url=server.url)
    source = LeverSource(settings, client, now=lambda: NOW)
    assert list(source.fetch()) == []
    assert source.report.complete
