from __future__ import annotations

from datetime import UTC, datetime

from extract.files.jobspy import JobSpyFile
from extract.records import JobPosting, QuarantinedRow
from tests.extract.conftest import FIXTURES


def test_jobspy_csv_rows_completed() -> None:
    rows = list(
        JobSpyFile(FIXTURES / "jobspy.csv", seen_at=datetime(2026, 3, 3, tzinfo=UTC)).fetch()
    )
    postings = [r for r in rows if isinstance(r, JobPosting)]
    quarantined = [r for r in rows if isinstance(r, QuarantinedRow)]
    assert [p.source_id for p in postings] == ["in-7f3a", "li-9911"]
    assert len(quarantined) == 1
    indeed, linkedin = postings
    assert indeed.source == "jobspy"
    assert indeed.description == "Maintain **GPU** servers.\nPython scripting."
    assert (indeed.city, indeed.region, indeed.country, indeed.remote) == (
        "Austin",
        "Texas",
        "US",
        False,
    )
    assert (indeed.salary_min, indeed.salary_max, indeed.salary_period) == (55000, 70000, "year")
    assert indeed.employment_type == "full_time"
    assert indeed.canonical_url == "https://careers.acme.example/jobs/12"
    assert (linkedin.remote, linkedin.salary_period, linkedin.employment_type) == (
        True,
        "hour",
        "contract",
    )
