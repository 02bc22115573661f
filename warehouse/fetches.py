"""What each fetch of an online source saw, and closing the postings that left their board.

A connector's :class:`~extract.connector.FetchReport` says, board by board, whether the board
was read to its end and which ids it listed. :func:`record_fetch` keeps that in
``source_state`` and ``board_postings`` and, for sources whose boards list every open posting,
closes the postings that a *complete* listing of their board no longer shows. A board that
failed, timed out or stopped half-way closes nothing: missing from a partial listing proves
nothing. A closed posting seen again is reopened by :func:`warehouse.load.load_postings`.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pyarrow as pa

from extract.source import FetchReport
from warehouse.load import transaction

_UPSERT_STATE_SQL = """
INSERT INTO source_state AS s
    (source, board_key, last_fetch_at, last_complete_at, since_cursor, last_error)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (source, board_key) DO UPDATE SET
    last_fetch_at    = excluded.last_fetch_at,
    last_complete_at = coalesce(excluded.last_complete_at, s.last_complete_at),
    since_cursor     = coalesce(excluded.since_cursor, s.since_cursor),
    last_error       = excluded.last_error
"""

_LIST_SQL = """
INSERT INTO board_postings AS b (source, board_key, source_id, first_listed, last_listed)
SELECT DISTINCT ?, board_key, source_id, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ FROM _listed
ON CONFLICT (source, board_key, source_id) DO UPDATE SET last_listed = excluded.last_listed
"""

# Postings listed on a complete board before and not this time, unless another of their ids
# was listed this time or they were seen since the fetch started.
_CLOSE_SQL = """
UPDATE postings SET closed_at = $started, updated_at = $started
WHERE closed_at IS NULL AND last_seen < $started
  AND posting_id IN (
      SELECT r.posting_id FROM board_postings AS b
      JOIN raw_postings AS r ON r.source = b.source AND r.source_id = b.source_id
      WHERE b.source = $source AND b.last_listed < $started
        AND b.board_key IN (SELECT board_key FROM _complete))
  AND posting_id NOT IN (
      SELECT r.posting_id FROM board_postings AS b
      JOIN raw_postings AS r ON r.source = b.source AND r.source_id = b.source_id
      WHERE b.last_listed >= $started)
RETURNING posting_id
"""


def fetch_since(con: duckdb.DuckDBPyConnection, source: str, input_key: str) -> datetime | None:
    """Where the next fetch of an input may start: when its last complete fetch started."""
    rows = con.execute(
        "SELECT since_cursor FROM source_state WHERE source = ? AND board_key = ?",
        [source, input_key],
    ).fetchall()
    value = rows[0][0] if rows else None
    return value if isinstance(value, datetime) else None


def completed_boards(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, datetime]:
    """Each board of ``source`` some fetch read whole, with when the latest such fetch
    started (inputs' own rows, ``input:…``, left out)."""
    rows = con.execute(
        "SELECT board_key, last_complete_at FROM source_state WHERE source = ?"
        " AND last_complete_at IS NOT NULL AND NOT starts_with(board_key, 'input:')",
        [source],
    ).fetchall()
    return {key: moment for key, moment in rows}


def record_fetch(
    con: duckdb.DuckDBPyConnection,
    report: FetchReport,
    *,
    input_key: str | None = None,
    closes: bool = False,
) -> int:
    """Store how a fetch went; with ``closes``, close what complete boards no longer list.

    Call it after the fetch's postings are stored. Returns how many postings were closed.
    """
    started = report.started_at
    complete = {key: b for key, b in report.boards.items() if b.complete and b.error is None}
    listed = pa.table(
        {
            "board_key": [key for key, b in complete.items() for _ in b.source_ids],
            "source_id": [sid for b in complete.values() for sid in sorted(b.source_ids)],
        },
        schema=pa.schema([("board_key", pa.string()), ("source_id", pa.string())]),
    )
    con.register("_listed", listed)
    con.register("_complete", pa.table({"board_key": pa.array(list(complete), pa.string())}))
    try:
        with transaction(con):
            for key, board in report.boards.items():
                done = started if key in complete else None
                con.execute(
                    _UPSERT_STATE_SQL, [report.source, key, started, done, done, board.error]
                )
            if input_key is not None:
                done = started if report.complete else None
                con.execute(
                    _UPSERT_STATE_SQL, [report.source, input_key, started, done, done, None]
                )
            con.execute(_LIST_SQL, [report.source, started, started])
            if not closes or not complete:
                return 0
            closed = con.execute(_CLOSE_SQL, {"started": started, "source": report.source})
            return len(closed.fetchall())
    finally:
        con.unregister("_listed")
        con.unregister("_complete")
