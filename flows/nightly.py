"""The ``nightly`` Prefect flow: import → tag new postings → load mentions → write the report.

Tasks take paths and small settings objects, open the warehouse themselves and close it
before returning, so exactly one task holds the DuckDB file at a time. The flow only wires
tasks together; the work is in :mod:`flows.pipeline`, :mod:`reports` and the packages below.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from flows.pipeline import (
    ImportCounts,
    TagCounts,
    choose_workers,
    import_source,
    make_source,
    tag_new_postings,
)
from flows.settings import InputSpec, ReportSettings, Settings
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy
from reports.page import ReportSummary, write_report
from warehouse.db import open_warehouse
from warehouse.queries import WarehouseSummary, summarise
from warehouse.runs import finish_run, start_run


@dataclass(frozen=True, slots=True)
class RunSummary:
    run_id: str
    database: Path
    report: Path
    imports: list[ImportCounts]
    tagging: TagCounts
    warehouse: WarehouseSummary


@task(name="start-run", cache_policy=NO_CACHE)
def open_run(database: Path, run_id: str) -> str:
    with closing(open_warehouse(database)) as con:
        return start_run(con, "nightly", run_id)


@task(name="import-postings", cache_policy=NO_CACHE)
def import_postings(spec: InputSpec, database: Path, run_id: str, batch_size: int) -> ImportCounts:
    source = make_source(spec)
    with closing(open_warehouse(database)) as con:
        counts = import_source(con, source, run_id, batch_size)
    get_run_logger().info(
        "%s: %d records taken, %d quarantined, %d new postings",
        counts.source,
        counts.taken,
        counts.quarantined,
        counts.postings_new,
    )
    return counts


@task(name="tag-postings", cache_policy=NO_CACHE)
def tag_postings(
    database: Path, taxonomy_extra: Path | None, run_id: str, batch_size: int, workers: int
) -> TagCounts:
    extractor = Extractor(load_taxonomy(extra=taxonomy_extra))
    with closing(open_warehouse(database)) as con:
        counts = tag_new_postings(
            con,
            extractor,
            run_id,
            batch_size,
            workers=choose_workers(con, extractor, workers),
            taxonomy_extra=taxonomy_extra,
        )
    get_run_logger().info(
        "tagged %d postings: %d mentions (taxonomy %s, extractor %s)",
        counts.postings_tagged,
        counts.mentions,
        counts.taxonomy_version,
        counts.extractor_version,
    )
    return counts


@task(name="close-run", cache_policy=NO_CACHE)
def close_run(
    database: Path, run_id: str, imports: list[ImportCounts], tagging: TagCounts
) -> WarehouseSummary:
    with closing(open_warehouse(database)) as con:
        finish_run(
            con,
            run_id,
            "completed",
            counts={"imports": [asdict(i) for i in imports], "tagging": asdict(tagging)},
            taxonomy_version=tagging.taxonomy_version,
            extractor_version=tagging.extractor_version,
        )
        return summarise(con)


@task(name="write-report", cache_policy=NO_CACHE)
def build_report(database: Path, report: ReportSettings) -> ReportSummary:
    with closing(open_warehouse(database)) as con:
        return write_report(con, report.path, top_n=report.top_n, min_postings=report.min_postings)


def _fail_run(database: Path, run_id: str, error: BaseException) -> None:
    with closing(open_warehouse(database)) as con:
        finish_run(con, run_id, "failed", message=f"{type(error).__name__}: {error}")


@flow(name="nightly", validate_parameters=False)
def nightly(settings: Settings) -> RunSummary:
    """Bring the warehouse and the report up to date with every configured input."""
    run_id = open_run(settings.database, str(flow_run.id or "local"))
    try:
        imports = [
            import_postings(spec, settings.database, run_id, settings.batch_size)
            for spec in settings.inputs
        ]
        tagging = tag_postings(
            settings.database,
            settings.taxonomy_extra,
            run_id,
            settings.batch_size,
            settings.tag_workers,
        )
    except BaseException as exc:
        _fail_run(settings.database, run_id, exc)
        raise
    summary = close_run(settings.database, run_id, imports, tagging)
    report = build_report(settings.database, settings.report)
    return RunSummary(run_id, settings.database, report.path, imports, tagging, summary)
