"""The warehouse commands done by hand: migrate, compact, summarise, export, report."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from flows.lock import run_lock
from flows.settings import Settings
from reports.page import ReportSummary, write_report
from reports.queries import Filters
from warehouse.db import Compacted, Migration, compact, connect, migrate, open_warehouse
from warehouse.export import ExportCounts, export_parquet
from warehouse.queries import WarehouseSummary, summarise


def migrate_warehouse(database: Path) -> list[Migration]:
    """Create the warehouse or apply the migrations it lacks; return those applied."""
    with closing(connect(database)) as con:
        return migrate(con)


def compact_warehouse(settings: Settings) -> Compacted:
    """Rewrite the warehouse without the space of deleted rows, under the writer lock."""
    with run_lock(settings.database):
        return compact(settings.database, settings.memory_limit)


def summarise_warehouse(database: Path, top: int = 10) -> WarehouseSummary:
    """The warehouse's headline numbers, read-only."""
    with closing(connect(database, read_only=True)) as con:
        return summarise(con, top=top)


def export_warehouse(database: Path, target: Path) -> ExportCounts:
    """Postings and current mentions as partitioned Parquet under ``target``."""
    with closing(connect(database, read_only=True)) as con:
        return export_parquet(con, target)


def report_warehouse(
    settings: Settings,
    out: Path,
    *,
    filters: Filters,
    top_n: int | None = None,
    min_postings: int | None = None,
    png: bool = False,
    period: str | None = None,
) -> ReportSummary:
    """Write the HTML report; ``top_n``, ``min_postings`` and ``period`` default to the
    settings'."""
    with closing(open_warehouse(settings.database)) as con:
        return write_report(
            con,
            out,
            top_n=top_n or settings.report.top_n,
            min_postings=min_postings or settings.report.min_postings,
            filters=filters,
            png=png,
            period=period or settings.report.period,
        )
