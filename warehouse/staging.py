"""Staging tables that let a whole source be checked before any of it is stored.

An import first streams every batch of a source into ``_staged_postings`` and
``_staged_quarantine`` (each batch committed, so memory stays bounded by the batch size).
Only when the source has been read to its end without a fatal error are the staged rows
stored through the usual idempotent loads, batch by batch, in the order they were read; a
source that fails half-way (bad encoding at line 900,000, a dropped connection on page 40)
leaves the warehouse untouched. One writer at a time (the run lock) makes the fixed table
names safe; a crash leaves them behind and the next import replaces them.
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pyarrow as pa

from extract.records import JobPosting, QuarantinedRow

_TABLES = {"postings": "_staged_postings", "quarantine": "_staged_quarantine"}
_SCHEMAS = {"postings": JobPosting.ARROW_SCHEMA, "quarantine": QuarantinedRow.ARROW_SCHEMA}


class Stage:
    """The staging area of one import; use as a context manager, which clears it after."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.rows = dict.fromkeys(_TABLES, 0)

    def __enter__(self) -> Stage:
        for what, table in _TABLES.items():
            empty = _SCHEMAS[what].empty_table().append_column("seq", pa.array([], pa.int64()))
            self.con.register("_empty", empty)
            try:
                self.con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM _empty")  # noqa: S608
            finally:
                self.con.unregister("_empty")
        return self

    def __exit__(self, *exc: object) -> None:
        for table in _TABLES.values():
            self.con.execute(f"DROP TABLE IF EXISTS {table}")

    def add(self, what: str, batch: pa.Table) -> None:
        """Stage a batch of ``postings`` or ``quarantine`` rows (committed at once)."""
        if batch.num_rows == 0:
            return
        start = self.rows[what]
        numbered = batch.append_column("seq", pa.array(range(start, start + batch.num_rows)))
        self.con.register("_staged", numbered)
        try:
            self.con.execute(f"INSERT INTO {_TABLES[what]} BY NAME SELECT * FROM _staged")  # noqa: S608
        finally:
            self.con.unregister("_staged")
        self.rows[what] += batch.num_rows

    def batches(self, what: str, size: int) -> Iterator[pa.Table]:
        """The staged rows in the order they were staged, ``size`` at a time, in their schema.

        They stream from a cursor of their own, so the caller may load through ``con``.
        """
        schema = _SCHEMAS[what]
        cursor = self.con.cursor()
        try:
            relation = cursor.sql(f"SELECT * EXCLUDE (seq) FROM {_TABLES[what]} ORDER BY seq")  # noqa: S608
            for batch in relation.to_arrow_reader(size):
                yield pa.Table.from_batches([batch]).cast(schema)
        finally:
            cursor.close()
