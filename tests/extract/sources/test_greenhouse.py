from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extract.errors import BadRecord, SourceError
from extract.http import PoliteClient
from extract.records import JobPosting, QuarantinedRow
from extract.source import Source
from extract.sources.boards import Board
from extract.sources.greenhouse import GreenhouseSettings, GreenhouseSource, parse_job
from tests.extract.conftest import LocalServer, Reply, fixture_json

NOW = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
ACME = Board("greenhouse", "acme", "acme")


def _source(server: LocalServer, client: PoliteClient, *boards: Board) -> GreenhouseSource:
    settings = GreenhouseSettings(boards or (ACME,), base_url=server.url)
    return GreenhouseSource(settings, client, now=lambda: NOW)


def test_board_postings_and_drift(server: LocalServer, client: PoliteClient) -> None:
    server.json("/v1/boards/acme/jobs", "greenhouse_jobs.json")
    source = _source(server, client)
    assert isinstance(source, Source)
    rows = list(source.fetch())
    postings = [r for r in rows if isinstance(r, JobPosting)]
    quarantined = [r for r in rows if isinstance(r, QuarantinedRow)]
    assert [p.source_id for p in postings] == ["4012345", "4012347"]
    assert [q.reason for q in quarantined] == ["drift: missing field 'content'"]
    assert quarantined[0].line == 1 and '"Data Technician"' in quarantined[0].payload
    first = postings[0]
    assert first.description == (
        "Build PyTorch training pipelines.\nThe base salary range is $150,000 - $180,000 USD."
    )
    assert (first.title, first.company) == ("Machine Learning Engineer", "Acme Robotics")
    assert (first.city, first.region, first.country) == ("San Francisco", "California", "US")
    assert (first.salary_min, first.salary_max, first.salary_currency) == (150000, 180000, "USD")
    assert first.canonical_url == "https://job-boards.greenhouse.io/acme/jobs/4012345"
    assert first.posted_at == datetime(2026, 2, 20, 14, 0, tzinfo=UTC)
    assert first.seen_at == NOW
    assert server.requests[-1].path == "/v1/boards/acme/jobs?content=true"
    report = source.report
    assert report.complete and report.postings == 2 and report.quarantined == 1
    assert report.boards["greenhouse:acme"].source_ids == {"4012345", "4012347"}


def test_a_failing_board_is_reported_and_the_next_fetched(
    server: LocalServer, client: PoliteClient
) -> None:
    server.json("/v1/boards/acme/jobs", "greenhouse_jobs.json")
    gone = Board("greenhouse", "gone", "gone")
    source = _source(server, client, gone, ACME)
    postings = [r for r in source.fetch() if isinstance(r, JobPosting)]
    assert len(postings) == 2
    assert not source.report.complete
    assert not source.report.boards["greenhouse:gone"].complete
    assert "HTTP 404" in source.report.errors["greenhouse:gone"]
    assert source.report.boards["greenhouse:acme"].complete


def test_every_board_failing_raises(server: LocalServer, client: PoliteClient) -> None:
    source = _source(server, client, Board("greenhouse", "gone", "gone"))
    with pytest.raises(SourceError, match="all 1 board"):
        list(source.fetch())


def test_response_without_jobs_list_is_board_drift(
    server: LocalServer, client: PoliteClient
) -> None:
    server.route("/v1/boards/acme/jobs", Reply({"postings": []}))
    source = _source(server, client, ACME, Board("greenhouse", "gone", "gone"))
    with pytest.raises(SourceError):
        list(source.fetch())
    assert "no 'jobs' list" in source.report.errors["greenhouse:acme"]


def test_unchanged_board_is_not_downloaded_again(server: LocalServer, client: PoliteClient) -> None:
    server.route("/v1/boards/acme/jobs", Reply(fixture_json("greenhouse_jobs.json"), etag='"7"'))
    source = _source(server, client)
    first = [r for r in source.fetch() if isinstance(r, JobPosting)]
    second = [r for r in source.fetch() if isinstance(r, JobPosting)]
    assert first == second
    assert source.report.boards["greenhouse:acme"].not_modified == 1
    assert source.report.complete


def test_cut_short_fetch_is_not_complete(server: LocalServer, client: PoliteClient) -> None:
    server.json("/v1/boards/acme/jobs", "greenhouse_jobs.json")
    source = _source(server, client)
    rows = source.fetch()
    next(rows)
    rows.close()
    assert not source.report.complete


def test_parse_job_without_id_is_drift() -> None:
    job = dict(fixture_json("greenhouse_jobs.json")["jobs"][0])
    del job["id"]
    with pytest.raises(BadRecord, match="drift: missing field 'id'"):
        parse_job(job, ACME, NOW, "x")
