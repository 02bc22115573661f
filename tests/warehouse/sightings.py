"""Sightings and texts the warehouse tests fold, shared by the load and matching tests."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from extract.records import JobPosting
from warehouse.db import open_warehouse

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


@contextmanager
def fresh_copy(migrated: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty warehouse of its own, opened for writing: a copy of the ``migrated`` file.
    It opens in ~0.05 s, where ``:memory:`` is migrated from scratch in ~0.23 s, which
    told in property tests that open one or two per example."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "w.duckdb"
        shutil.copyfile(migrated, copy)
        with closing(open_warehouse(copy)) as con:
            yield con
