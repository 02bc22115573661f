from __future__ import annotations

from datetime import UTC, datetime

from extract.http import PoliteClient
from extract.records import JobPosting, QuarantinedRow
from extract.sources.jobpage import JobPageSettings, JobPageSource, parse_job_page
from tests.extract.conftest import FIXTURES, LocalServer, Reply

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _html(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_json_ld_job_posting() -> None:
    job = parse_job_page(_html("jobpage_jsonld.html"), "https://acme.example/jobs/ml-ops", NOW)
    assert (job.source_id, job.title, job.company) == ("JOB-77", "ML Ops Technician", "Acme Corp")
    assert job.description == "Maintain MLflow and monitor model drift."
    assert (job.city, job.region, job.country) == ("Austin", "Texas", "US")
    assert (job.salary_min, job.salary_max, job.salary_period) == (30, 42, "hour")
    assert job.employment_type == "full_time"
    assert job.posted_at == datetime(2026, 2, 1, tzinfo=UTC)
    assert job.valid_through == datetime(2026, 4, 1, tzinfo=UTC)


def test_fallback_to_title_and_main_text() -> None:
    job = parse_job_page(_html("jobpage_plain.html"), "https://beta.example/jobs/robotics/", NOW)
    assert job.title == "Robotics Technician | Beta Labs"
    assert job.description == "Robotics Technician\nRepair and calibrate robot arms. Python a plus."
    assert job.source_id == "https://beta.example/jobs/robotics"


def test_sitemap_pages_robots_and_drift(server: LocalServer, client: PoliteClient) -> None:
    robots = "User-agent: *\nDisallow: /jobs/private\n"
    server.route("/robots.txt", Reply(robots, content_type="text/plain"))
    for name in ("sitemap_index.xml", "sitemap_jobs.xml"):
        xml = _html(name).replace("SERVER", server.url)
        server.route(f"/{name.replace('_', '-')}", Reply(xml, content_type="application/xml"))
    server.route("/jobs/ml-ops", Reply(_html("jobpage_jsonld.html"), content_type="text/html"))
    server.route("/jobs/robotics", Reply(_html("jobpage_drift.html"), content_type="text/html"))
    settings = JobPageSettings(
        urls=(f"{server.url}/jobs/private/1",),
        sitemaps=(f"{server.url}/sitemap-index.xml",),
        url_pattern=r"/jobs/",
    )
    source = JobPageSource(settings, client, now=lambda: NOW)
    rows = list(source.fetch())
    postings = [r for r in rows if isinstance(r, JobPosting)]
    reasons = [r.reason for r in rows if isinstance(r, QuarantinedRow)]
    assert [p.source_id for p in postings] == ["JOB-77"]
    assert "disallowed by" in reasons[0]
    assert reasons[1] == "drift: missing field 'title'"
    assert "/jobs/private/1" not in server.paths() and "/about" not in server.paths()
    assert not source.report.boards["urls"].complete  # a page could not be fetched
    assert source.report.boards[f"sitemap:{server.url}/sitemap-index.xml"].complete
