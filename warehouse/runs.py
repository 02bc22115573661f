"""The run ledger: one row per run, with its status, versions and counts."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

import duckdb


def start_run(con: duckdb.DuckDBPyConnection, flow: str, run_id: str | None = None) -> str:
    """Record that a run began; return its id."""
    run_id = run_id or uuid.uuid4().hex
    con.execute(
        "INSERT INTO runs (run_id, flow, started_at, status) VALUES (?, ?, ?, 'running')",
        [run_id, flow, datetime.now(UTC)],
    )
    return run_id


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: Literal["completed", "failed"],
    *,
    counts: dict[str, Any] | None = None,
    taxonomy_version: str | None = None,
    extractor_version: str | None = None,
    message: str | None = None,
) -> None:
    """Close a run. A completed run with versions makes its mentions the current ones."""
    con.execute(
        """
        UPDATE runs SET finished_at = ?, status = ?, counts = ?, taxonomy_version = ?,
                        extractor_version = ?, message = ?
        WHERE run_id = ?
        """,
        [
            datetime.now(UTC),
            status,
            json.dumps(counts or {}, sort_keys=True),
            taxonomy_version,
            extractor_version,
            message,
            run_id,
        ],
    )
