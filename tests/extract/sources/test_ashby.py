from __future__ import annotations

from datetime import UTC, datetime

from extract.http import PoliteClient
from extract.records import JobPosting, QuarantinedRow
from extract.sources.ashby import AshbySettings, AshbySource
from extract.sources.boards import Board
from tests.extract.conftest import LocalServer


def test_listed_jobs_with_compensation(server: LocalServer, client: PoliteClient) -> None:
    server.json("/posting-api/job-board/acme", "ashby_board.json")
    settings = AshbySettings((Board("ashby", "acme", "Acme"),), base_url=server.url)
    source = AshbySource(settings, client, now=lambda: datetime(2026, 4, 3, tzinfo=UTC))
    rows = list(source.fetch())
    postings = [r for r in rows if isinstance(r, JobPosting)]
    quarantined = [r for r in rows if isinstance(r, QuarantinedRow)]
    assert [p.title for p in postings] == ["AI Infrastructure Engineer"]  # hidden one skipped
    assert [q.reason for q in quarantined] == ["drift: missing field 'descriptionPlain'"]
    job = postings[0]
    assert (job.salary_min, job.salary_max, job.salary_period) == (170000, 210000, "year")
    assert (job.city, job.country, job.employment_type) == ("New York", "US", "full_time")
    assert job.remote is False
    assert server.requests[-1].path.endswith("?includeCompensation=true")
    assert source.report.complete
