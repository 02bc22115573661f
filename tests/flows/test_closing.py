"""Incremental fetches and safe closing: only a complete listing of a board closes postings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from typing import Any

import duckdb
import pytest

from extract.source import FetchReport
from flows.pipeline import ImportCounts, import_source, plan_fetch
from flows.settings import HttpOptions, InputSpec
from flows.sources import build_source
from tests.extract.conftest import LocalServer, Reply
from warehouse.db import open_warehouse
from warehouse.fetches import fetch_since, record_fetch

HTTP = HttpOptions(min_interval=0, max_retries=0, backoff_base=0, timeout=5)


def job(number: int) -> dict[str, Any]:
    return {
        "id": number,
        "title": f"Data engineer {number}",
        "content": f"&lt;p&gt;Job number {number}: Python, SQL and dbt every day.&lt;/p&gt;",
        "absolute_url": f"https://example.org/jobs/{number}",
    }


def listing(*numbers: int) -> Reply:
    return Reply({"jobs": [job(n) for n in numbers]})


@pytest.fixture
def server() -> Iterator[LocalServer]:
    running = LocalServer()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    with closing(open_warehouse(":memory:")) as connection:
        yield connection


def collect(con: duckdb.DuckDBPyConnection, server: LocalServer) -> ImportCounts:
    spec = InputSpec(kind="greenhouse", options={"boards": ["acme"], "base_url": server.url})
    source = build_source(spec, HTTP)
    try:
        return import_source(con, source, None, plan=plan_fetch(con, spec, source))
    finally:
        source.close()  # type: ignore[attr-defined]


def open_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT source_id FROM postings WHERE closed_at IS NULL ORDER BY source_id"
    ).fetchall()
    return [r[0] for r in rows]


def test_complete_listing_closes_the_posting_it_no_longer_shows(
    con: duckdb.DuckDBPyConnection, server: LocalServer
) -> None:
    server.route("/v1/boards/acme/jobs", listing(1, 2, 3), listing(1, 3))
    assert collect(con, server).closed == 0
    assert open_ids(con) == ["1", "2", "3"]
    assert collect(con, server).closed == 1
    assert open_ids(con) == ["1", "3"]
    state = con.execute(
        "SELECT last_complete_at IS NOT NULL, last_error FROM source_state"
        " WHERE board_key = 'greenhouse:acme'"
    ).fetchall()
    assert state == [(True, None)]


@pytest.mark.parametrize(
    "failure",
    [Reply({"error": "boom"}, status=500), Reply(b'{"jobs": [', content_type="text/plain")],
    ids=["server-error", "truncated-page"],
)
def test_a_board_fetched_incompletely_closes_nothing(
    con: duckdb.DuckDBPyConnection, server: LocalServer, failure: Reply
) -> None:
    server.route("/v1/boards/acme/jobs", listing(1, 2), failure)
    collect(con, server)
    with pytest.raises(Exception, match="failed"):
        collect(con, server)  # the only board failed: the fetch as a whole fails
    assert open_ids(con) == ["1", "2"]


def test_a_partial_report_closes_only_on_complete_boards(con: duckdb.DuckDBPyConnection) -> None:
    from extract.records import postings_to_arrow
    from tests.warehouse.test_load import seen_on
    from warehouse.load import load_postings

    first = FetchReport("gh", datetime(2026, 3, 1, tzinfo=UTC), finished=True)
    for board, ids in (("a", {"1", "2"}), ("b", {"3", "4"})):
        first.board(board).complete = True
        first.board(board).source_ids = ids
    batch = [seen_on("gh", sid, f"text {sid}", 1) for sid in "1234"]
    load_postings(con, postings_to_arrow(batch))
    record_fetch(con, first, closes=True)
    later = FetchReport("gh", datetime(2026, 3, 5, tzinfo=UTC), finished=True)
    later.board("a").complete = True
    later.board("a").source_ids = {"1"}
    later.board("b").source_ids = {"3"}  # cut short: no complete flag
    later.board("b").error = "timeout"
    assert record_fetch(con, later, closes=True) == 1
    assert open_ids(con) == ["1", "3", "4"]
    assert record_fetch(con, later, closes=False) == 0  # incremental kinds never close


def test_a_closed_posting_seen_again_reopens(
    con: duckdb.DuckDBPyConnection, server: LocalServer
) -> None:
    server.route("/v1/boards/acme/jobs", listing(1, 2), listing(1), listing(1, 2))
    collect(con, server)
    collect(con, server)
    assert open_ids(con) == ["1"]
    collect(con, server)
    assert open_ids(con) == ["1", "2"]


def test_an_incremental_input_starts_where_its_last_complete_fetch_started(
    con: duckdb.DuckDBPyConnection, server: LocalServer
) -> None:
    server.route("/api", Reply([{"legal": "notice"}]))
    spec = InputSpec(kind="remoteok", options={"base_url": server.url})
    source = build_source(spec, HTTP)
    plan = plan_fetch(con, spec, source)
    assert plan is not None and plan.since is None and not plan.closes
    import_source(con, source, None, plan=plan)
    later = plan_fetch(con, spec, source)
    assert later is not None and later.since is not None
    assert later.since == fetch_since(con, "remoteok", plan.input_key)
    source.close()  # type: ignore[attr-defined]
    file_spec = InputSpec(kind="file", path=__file__)  # type: ignore[arg-type]
    assert plan_fetch(con, file_spec, source) is None
