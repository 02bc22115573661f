"""Sightings and texts the warehouse tests fold, shared by the load and matching tests."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from extract.records import JobPosting

JOB = (
    "We are hiring a senior data engineer to build batch and streaming pipelines with Python, "
    "SQL and Spark on AWS. You will own our warehouse models, review code, mentor two junior "
    "engineers and work closely with analysts and product managers in Berlin or remotely. "
    "We offer a learning budget, flexible hours and thirty days of paid holiday every year."
)
OTHER_JOB = (
    "Our clinic looks for a part-time receptionist who greets patients, answers the phone, "
    "books appointments and keeps the waiting room tidy. Friendly manner and German required."
)


def seen_on(source: str, source_id: str, text: str, day: int, **kw: object) -> JobPosting:
    return JobPosting(
        source=source,
        source_id=source_id,
        description=text,
        seen_at=datetime(2026, 3, day, tzinfo=UTC),
        origin=f"{source}:{source_id}",
        raw="{}",
        **kw,  # type: ignore[arg-type]
    )


def owners(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = con.execute("SELECT DISTINCT source || ':' || source_id, posting_id FROM raw_postings")
    return dict(rows.fetchall())
