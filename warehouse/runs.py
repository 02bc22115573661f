"""The run ledger: one row per run in ``runs``, one per input of a run in ``run_sources``.

A run is ``running`` until it is closed as ``completed`` or ``failed``. A run whose process
died (a SIGKILL, a power cut) stays ``running``; the next run, which holds the run lock and so
knows no other run is alive, closes such rows with :func:`abandon_stale_runs`.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import duckdb


@dataclass(frozen=True, slots=True)
class SourceCounts:
    """What one input delivered in a run. ``fetched`` counts every record read."""

    fetched: int = 0
    quarantined: int = 0
    sightings_new: int = 0
    postings_new: int = 0
    postings_changed: int = 0
    duplicates: int = 0


@dataclass(frozen=True, slots=True)
class RunRow:
    """A row of ``v_runs``: a run as ``skillgap status`` shows it."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    sources: int
    sources_failed: int
    fetched: int
    postings_new: int
    duplicates: int
    quarantined: int
    postings_tagged: int | None
    anomalies: int
    taxonomy_version: str | None
    extractor_version: str | None
    message: str | None


@dataclass(frozen=True, slots=True)
class SourceRow:
    input_no: int
    source: str
    kind: str
    status: str
    fetched: int
    postings_new: int
    duplicates: int
    quarantined: int
    error: str | None


def start_run(con: duckdb.DuckDBPyConnection, flow: str, run_id: str | None = None) -> str:
    """Record that a run began; return its id."""
    run_id = run_id or uuid.uuid4().hex
    con.execute(
        "INSERT INTO runs (run_id, flow, started_at, status) VALUES (?, ?, ?, 'running')",
        [run_id, flow, datetime.now(UTC)],
    )
    return run_id


def abandon_stale_runs(con: duckdb.DuckDBPyConnection, keep: str | None = None) -> int:
    """Close every ``running`` run but ``keep`` as failed; return how many there were.

    Call only while holding the run lock: then no other run can still be alive.
    """
    rows = con.execute(
        """
        UPDATE runs SET status = 'failed', finished_at = ?,
            message = 'abandoned: the process ended before the run was closed'
        WHERE status = 'running' AND run_id IS DISTINCT FROM ?
        RETURNING run_id
        """,
        [datetime.now(UTC), keep],
    ).fetchall()
    return len(rows)


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: Literal["completed", "failed"],
    *,
    counts: dict[str, Any] | None = None,
    taxonomy_version: str | None = None,
    extractor_version: str | None = None,
    message: str | None = None,
    postings_tagged: int | None = None,
    mentions_stored: int | None = None,
) -> None:
    """Close a run. A completed run with versions makes its mentions the current ones."""
    con.execute(
        """
        UPDATE runs SET finished_at = ?, status = ?, counts = ?, taxonomy_version = ?,
                        extractor_version = ?, message = ?, postings_tagged = ?,
                        mentions_stored = ?
        WHERE run_id = ?
        """,
        [
            datetime.now(UTC),
            status,
            json.dumps(counts or {}, sort_keys=True),
            taxonomy_version,
            extractor_version,
            message,
            postings_tagged,
            mentions_stored,
            run_id,
        ],
    )


def record_source(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    input_no: int,
    source: str,
    kind: str,
    status: Literal["completed", "failed"],
    counts: SourceCounts | None = None,
    error: str | None = None,
) -> None:
    """Write how one input of a run went; a second call for the same input replaces it."""
    c = counts or SourceCounts()
    con.execute(
        """
        INSERT OR REPLACE INTO run_sources
            (run_id, input_no, source, kind, status, finished_at, fetched, quarantined,
             sightings_new, postings_new, postings_changed, duplicates, error)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            run_id,
            input_no,
            source,
            kind,
            status,
            datetime.now(UTC),
            c.fetched,
            c.quarantined,
            c.sightings_new,
            c.postings_new,
            c.postings_changed,
            c.duplicates,
            error,
        ],
    )


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[RunRow]:
    """The latest runs, newest first."""
    rows = con.execute(
        """
        SELECT run_id, started_at, finished_at, outcome, sources, sources_failed, fetched,
               postings_new, duplicates, quarantined, postings_tagged, anomalies,
               taxonomy_version, extractor_version, message
        FROM v_runs ORDER BY started_at DESC LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [RunRow(*row) for row in rows]


def run_sources(con: duckdb.DuckDBPyConnection, run_id: str) -> list[SourceRow]:
    """How each input of a run went, in input order."""
    rows = con.execute(
        """
        SELECT input_no, source, kind, status, fetched, postings_new, duplicates, quarantined,
               error
        FROM run_sources WHERE run_id = ? ORDER BY input_no
        """,
        [run_id],
    ).fetchall()
    return [SourceRow(*row) for row in rows]
