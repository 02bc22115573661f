from __future__ import annotations

from datetime import UTC, datetime

from extract.http import PoliteClient
from extract.records import JobPosting, QuarantinedRow
from extract.sources.hn.algolia import HNAlgoliaSettings, HNAlgoliaSource, hiring_threads
from tests.extract.conftest import LocalServer, fixture_json

NOW = datetime(2026, 3, 20, 6, 0, tzinfo=UTC)


def test_only_who_is_hiring_threads() -> None:
    threads = hiring_threads(fixture_json("hn_search.json")["hits"])
    assert [t.id for t in threads] == ["47100000"]


def test_top_level_comments_are_postings(server: LocalServer, client: PoliteClient) -> None:
    server.json("/api/v1/search_by_date", "hn_search.json")
    server.json("/api/v1/items/47100000", "hn_item.json")
    source = HNAlgoliaSource(HNAlgoliaSettings(base_url=server.url), client, now=lambda: NOW)
    rows = list(source.fetch(since=datetime(2026, 3, 1, tzinfo=UTC)))
    postings = [r for r in rows if isinstance(r, JobPosting)]
    quarantined = [r for r in rows if isinstance(r, QuarantinedRow)]
    assert [p.source_id for p in postings] == ["47100101", "47100104"]  # deleted one skipped
    assert [q.reason for q in quarantined] == ["no text"]
    acme, labs = postings
    assert acme.posting_id == "hn:47100101"
    assert (acme.company, acme.title, acme.remote) == ("Acme AI", "ML Engineer", True)
    assert (acme.city, acme.country) == ("Berlin", "DE")
    assert (acme.salary_min, acme.salary_max, acme.salary_currency) == (90000, 120000, "EUR")
    assert acme.canonical_url == "https://acme.example/jobs"
    assert acme.posted_at == datetime(2026, 3, 2, 16, 5, tzinfo=UTC)
    assert "children" not in acme.raw
    assert (labs.remote, labs.region, labs.employment_type) == (False, "Ontario", "full_time")
    assert "numericFilters=created_at_i" in server.requests[1].path
    assert source.report.complete
