"""RemoteOK, Arbeitnow and Adzuna: the optional sources, off unless configured."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extract.http import PoliteClient
from extract.records import JobPosting, QuarantinedRow
from extract.sources.adzuna import AdzunaSettings, AdzunaSource
from extract.sources.arbeitnow import ArbeitnowSettings, ArbeitnowSource
from extract.sources.remoteok import RemoteOKSettings, RemoteOKSource
from tests.extract.conftest import LocalServer, Reply

NOW = datetime(2026, 3, 3, tzinfo=UTC)


def _split(rows: list[JobPosting | QuarantinedRow]) -> tuple[list[JobPosting], list[str]]:
    return (
        [r for r in rows if isinstance(r, JobPosting)],
        [r.reason for r in rows if isinstance(r, QuarantinedRow)],
    )


def test_remoteok_skips_notice_and_old_jobs(server: LocalServer, client: PoliteClient) -> None:
    server.json("/api", "remoteok.json")
    source = RemoteOKSource(RemoteOKSettings(server.url), client, now=lambda: NOW)
    postings, reasons = _split(list(source.fetch(since=datetime(2026, 3, 1, tzinfo=UTC))))
    assert [p.source_id for p in postings] == ["1101"]
    assert reasons == ["drift: missing field 'position'"]
    assert postings[0].remote is True and postings[0].salary_min == 120000


def test_arbeitnow_follows_next_links(server: LocalServer, client: PoliteClient) -> None:
    server.json("/api/job-board-api?page=1", "arbeitnow_p1.json")
    server.json("/api/job-board-api?page=2", "arbeitnow_p2.json")
    source = ArbeitnowSource(ArbeitnowSettings(base_url=server.url), client, now=lambda: NOW)
    postings, reasons = _split(list(source.fetch()))
    assert [p.source_id for p in postings] == [
        "ml-engineer-berlin-101",
        "data-technician-munich-103",
    ]
    assert reasons == ["drift: missing field 'title'"]
    assert (postings[0].city, postings[0].country, postings[0].employment_type) == (
        "Berlin",
        "DE",
        "full_time",
    )
    assert postings[1].employment_type == "part_time"
    assert source.report.boards["arbeitnow"].pages == 2 and source.report.complete


def test_adzuna_keys_stay_secret(
    tmp_path: Path,
    server: LocalServer,
    client: PoliteClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server.json("/v1/api/jobs/gb/search/1", "adzuna_p1.json")
    server.json("/v1/api/jobs/gb/search/2", "adzuna_p2.json")
    caplog.set_level(logging.DEBUG)
    settings = AdzunaSettings(
        app_id="id-9876", app_key="key-abcdef", results_per_page=2, base_url=server.url
    )
    source = AdzunaSource(settings, client, now=lambda: NOW)
    postings, reasons = _split(list(source.fetch()))
    assert [p.source_id for p in postings] == ["4700000001", "4700000002"]
    assert reasons == ["drift: missing field 'id'"]
    tech, engineer = postings
    assert (tech.salary_min, tech.salary_currency, tech.country) == (32000, "GBP", "GB")
    assert engineer.salary_min is None  # predicted, not stated
    assert "app_key=key-abcdef" in server.requests[-1].path
    stored = [p.read_bytes().decode("latin-1") for p in (tmp_path / "raw").iterdir()]
    shown = [caplog.text, repr(settings), *stored, *(p.origin for p in postings)]
    for text in shown:
        assert "key-abcdef" not in text and "id-9876" not in text


def test_adzuna_error_message_is_redacted(server: LocalServer, client: PoliteClient) -> None:
    server.route("/v1/api/jobs/gb/search/1", Reply({"exception": "AUTH_FAIL"}, status=401))
    settings = AdzunaSettings(app_id="id-9876", app_key="key-abcdef", base_url=server.url)
    source = AdzunaSource(settings, client, now=lambda: NOW)
    with pytest.raises(Exception, match="HTTP 401") as caught:
        list(source.fetch())
    assert "key-abcdef" not in str(caught.value)
    assert all("key-abcdef" not in e for e in source.report.errors.values())
