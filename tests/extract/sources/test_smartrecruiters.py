from __future__ import annotations

from datetime import UTC, datetime

from extract.http import PoliteClient
from extract.records import JobPosting, QuarantinedRow
from extract.sources.boards import Board
from extract.sources.smartrecruiters import SmartRecruitersSettings, SmartRecruitersSource
from tests.extract.conftest import LocalServer


def test_list_then_details(server: LocalServer, client: PoliteClient) -> None:
    base = "/v1/companies/Acme/postings"
    server.json(f"{base}?limit=2&offset=0", "smartrecruiters_list.json")
    server.json(f"{base}?limit=2&offset=2", "smartrecruiters_list2.json")
    server.json(f"{base}/744000001", "smartrecruiters_744000001.json")
    server.json(f"{base}/744000002", "smartrecruiters_744000002.json")
    board = Board("smartrecruiters", "Acme", "acme")
    settings = SmartRecruitersSettings((board,), page_size=2, base_url=server.url)
    source = SmartRecruitersSource(settings, client, now=lambda: datetime(2026, 3, 1, tzinfo=UTC))
    rows = list(source.fetch())
    postings = [r for r in rows if isinstance(r, JobPosting)]
    reasons = [r.reason for r in rows if isinstance(r, QuarantinedRow)]
    assert [p.source_id for p in postings] == ["744000001"]
    assert reasons == ["drift: missing field 'jobAd'", "posting detail gone (HTTP 404)"]
    tech = postings[0]
    assert tech.description.splitlines()[:2] == [
        "Job Description",
        "Calibrate sensors and maintain ROS nodes.",
    ]
    assert (tech.company, tech.city, tech.country) == ("Acme GmbH", "Munich", "DE")
    assert (tech.salary_min, tech.salary_max, tech.salary_currency) == (55000, 65000, "EUR")
    assert tech.employment_type == "full_time"
    assert source.report.complete
