from __future__ import annotations

from datetime import UTC, datetime

from extract.http import PoliteClient
from extract.records import JobPosting
from extract.sources.boards import Board
from extract.sources.workable import WorkableSettings, WorkableSource
from tests.extract.conftest import LocalServer


def test_list_with_details_completed(server: LocalServer, client: PoliteClient) -> None:
    server.json("/api/v1/widget/accounts/acme", "workable_account.json")
    server.json("/api/v2/accounts/acme/jobs/F6G7H8I9J0", "workable_F6G7H8I9J0.json")
    settings = WorkableSettings((Board("workable", "acme", "Acme AI"),), base_url=server.url)
    source = WorkableSource(settings, client, now=lambda: datetime(2026, 2, 1, tzinfo=UTC))
    postings = [r for r in source.fetch() if isinstance(r, JobPosting)]
    assert [p.source_id for p in postings] == ["A1B2C3D4E5", "F6G7H8I9J0"]
    scientist, technician = postings
    assert (scientist.city, scientist.country, scientist.remote) == ("London", "GB", True)
    assert "Requirements\nPython\npandas" in technician.description
    assert (technician.country, technician.employment_type) == ("GR", "contract")
    assert server.requests[1].path == "/api/v1/widget/accounts/acme?details=true"
    assert source.report.complete
