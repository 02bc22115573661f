"""Export the warehouse as hive-partitioned Parquet for DuckDB, Spark, Trino and friends.

``export_parquet(con, target)`` writes two datasets under ``target``::

    postings/month=2026-03/source=hn/data_0.parquet
    mentions/month=2026-03/source=hn/data_0.parquet

``postings`` holds one row per distinct posting (``v_postings``); ``mentions`` the skill
mentions of the versions the last completed run used (``v_skill_mentions``), with the
posting's month and source. ``month`` is ``YYYY-MM``. Each export replaces the datasets it
wrote before, so running it twice leaves the same files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extract.errors import WarehouseError
from warehouse.db import scalar

DATASETS = ("postings", "mentions")

_POSTINGS_SQL = """
SELECT p.* EXCLUDE (month), strftime(p.month, '%Y-%m') AS month
FROM v_postings AS p
"""

_MENTIONS_SQL = """
SELECT m.*, p.source, strftime(p.month, '%Y-%m') AS month
FROM v_skill_mentions AS m
JOIN v_postings AS p USING (posting_id)
"""


@dataclass(frozen=True, slots=True)
class ExportCounts:
    """What one export wrote."""

    target: Path
    postings: int
    mentions: int


def export_parquet(con: duckdb.DuckDBPyConnection, target: Path) -> ExportCounts:
    """Write postings and current mentions under ``target`` as Parquet, partitioned by
    month and source; replace what an earlier export wrote there.

    >>> export_parquet(open_warehouse("skillgap.duckdb"), Path("lake"))  # doctest: +SKIP
    ExportCounts(target=PosixPath('lake'), postings=2210, mentions=15873)
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise WarehouseError(f"{target}: exists and is not a directory")
    counts = {}
    for name, sql in (("postings", _POSTINGS_SQL), ("mentions", _MENTIONS_SQL)):
        counts[name] = _count(con, f"SELECT count(*) FROM ({sql})")  # noqa: S608 - fixed SQL
        _write_dataset(con, sql, target / name)
    return ExportCounts(target, counts["postings"], counts["mentions"])


def _write_dataset(con: duckdb.DuckDBPyConnection, sql: str, directory: Path) -> None:
    # Written beside the old dataset and swapped in at the end, so an export that fails
    # half-way leaves the previous one readable.
    partial = directory.with_name(f".{directory.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    path = str(partial).replace("'", "''")
    con.execute(
        f"COPY ({sql}) TO '{path}' "
        "(FORMAT parquet, PARTITION_BY (month, source), OVERWRITE_OR_IGNORE true)"
    )
    if directory.exists():
        shutil.rmtree(directory)
    partial.rename(directory)


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    value = scalar(con, sql)
    assert isinstance(value, int)
    return value
