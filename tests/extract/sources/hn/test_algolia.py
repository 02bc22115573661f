from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from extract.errors import InputError
from extract.http import PoliteClient
from extract.records import JobPosting, QuarantinedRow
from extract.sources.hn.algolia import HNAlgoliaSettings, HNAlgoliaSource, hiring_threads
from tests.extract.conftest import LocalServer, Reply, fixture_json

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


def at(year: int, month: int, day: int = 1, hour: int = 15) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


# Threads of the whoishiring account as the search API lists them, newest first.
THREADS = [
    (17663077, "Ask HN: Who is hiring? (August 2018)", at(2018, 8)),
    (17442187, "Ask HN: Who is hiring? (July 2018)", at(2018, 7, 2)),
    (17205865, "Ask HN: Who is hiring? (June 2018)", at(2018, 6)),
    (17205866, "Ask HN: Who wants to be hired? (June 2018)", at(2018, 6)),
    (16967543, "Ask HN: Who is hiring? (May 2018)", at(2018, 5)),
    (16735011, "Ask HN: Who is hiring? (April 2018)", at(2018, 4, 2)),
]


def search_page(threads: list[tuple[int, str, datetime]]) -> dict[str, Any]:
    hits = [
        {"objectID": str(ident), "title": title, "author": "whoishiring",
         "created_at": iso(created), "created_at_i": int(created.timestamp()), "num_comments": 2,
         "_tags": ["story", "author_whoishiring", f"story_{ident}"]}
        for ident, title, created in threads
    ]  # fmt: skip
    return {"hits": hits, "nbHits": len(hits), "page": 0, "nbPages": 1, "hitsPerPage": 100}


def thread_item(ident: int, title: str, created: datetime) -> dict[str, Any]:
    def child(n: int) -> dict[str, Any]:
        moment = created + timedelta(minutes=5 * n)
        return {
            "id": ident * 10 + n, "created_at": iso(moment),
            "created_at_i": int(moment.timestamp()), "type": "comment", "author": f"co{n}",
            "text": f"Company {n} | ML Engineer | Berlin<p>PyTorch in {title[-9:-1]}.",
            "parent_id": ident, "story_id": ident, "children": [],
        }  # fmt: skip

    return {
        "id": ident, "created_at": iso(created), "created_at_i": int(created.timestamp()),
        "type": "story", "author": "whoishiring", "title": title, "text": "<p>Please state",
        "points": 500, "parent_id": None, "story_id": ident, "children": [child(1), child(2)],
    }  # fmt: skip


def serve_threads(server: LocalServer, failing: frozenset[int] = frozenset()) -> None:
    server.route("/api/v1/search_by_date", Reply(search_page(THREADS)))
    for ident, title, created in THREADS:
        reply = Reply(thread_item(ident, title, created))
        if ident in failing:
            reply = Reply({"error": "boom"}, status=500)
        server.route(f"/api/v1/items/{ident}", reply)


def item_requests(server: LocalServer) -> list[str]:
    return [p.rsplit("/", 1)[1] for p in server.paths() if p.startswith("/api/v1/items/")]


def backfill(server: LocalServer, client: PoliteClient, **options: Any) -> HNAlgoliaSource:
    settings = HNAlgoliaSettings(base_url=server.url, **options)
    return HNAlgoliaSource(settings, client, now=lambda: NOW)


def test_a_backfill_reads_every_thread_of_its_months_oldest_first(
    server: LocalServer, client: PoliteClient
) -> None:
    serve_threads(server)
    source = backfill(server, client, since="2018-05", until="2018-07")
    postings = [r for r in source.fetch() if isinstance(r, JobPosting)]
    assert item_requests(server) == ["16967543", "17205865", "17442187"]
    search = next(p for p in server.paths() if p.startswith("/api/v1/search_by_date"))
    query = parse_qs(urlsplit(search).query)
    first, last = int(at(2018, 5, 1, 0).timestamp()), int(at(2018, 8, 1, 0).timestamp())
    assert query["numericFilters"] == [
        f"created_at_i>{first - 7 * 86400},created_at_i<{last + 7 * 86400}"
    ]
    assert [p.posting_id for p in postings][:2] == ["hn:169675431", "hn:169675432"]
    assert {p.posted_at.strftime("%Y-%m") for p in postings if p.posted_at} == {
        "2018-05", "2018-06", "2018-07"
    }  # fmt: skip
    assert {p.posted_precision for p in postings} == {None}  # exact times from the API
    assert source.report.complete
    assert sorted(source.report.boards) == ["hn:16967543", "hn:17205865", "hn:17442187"]


def test_a_backfill_goes_on_past_a_failing_thread_and_resumes_only_what_is_missing(
    server: LocalServer, client: PoliteClient
) -> None:
    serve_threads(server, failing=frozenset({17205865}))
    first = backfill(server, client, since="2018-05", until="2018-07")
    postings = [r for r in first.fetch() if isinstance(r, JobPosting)]
    assert {p.source_id[:-1] for p in postings} == {"16967543", "17442187"}
    assert list(first.report.errors) == ["hn:17205865"]
    done = {key: NOW for key, board in first.report.boards.items() if board.complete}

    serve_threads(server)
    server.requests.clear()
    again = backfill(server, client, since="2018-05", until="2018-07")
    again.resume(done)
    postings = [r for r in again.fetch() if isinstance(r, JobPosting)]
    assert item_requests(server) == ["17205865"]
    assert {p.source_id for p in postings} == {"172058651", "172058652"}


def test_a_thread_read_while_still_open_is_read_again(
    server: LocalServer, client: PoliteClient
) -> None:
    serve_threads(server)
    source = backfill(server, client, since="2018-06", until="2018-07")
    source.resume({"hn:17205865": at(2018, 6, 3), "hn:17442187": NOW})
    list(source.fetch())
    assert item_requests(server) == ["17205865"]


def test_max_threads_takes_the_oldest_threads_not_yet_read(
    server: LocalServer, client: PoliteClient
) -> None:
    serve_threads(server)
    source = backfill(server, client, since="2018-04", max_threads=2)
    source.resume({"hn:16735011": NOW})
    list(source.fetch())
    assert item_requests(server) == ["16967543", "17205865"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param({"since": "2018-5"}, "since='2018-5': expected a month as YYYY-MM", id="bad"),
        pytest.param({"since": "2018-13"}, "expected a month", id="month-13"),
        pytest.param({"until": "2018-05"}, "until needs since", id="until-alone"),
        pytest.param({"since": "2018-05", "until": "2018-04"}, "is before", id="backwards"),
    ],
)
def test_backfill_months_are_checked(options: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        HNAlgoliaSettings(**options)  # type: ignore[arg-type]
