"""The ``nightly`` Prefect flow: collect every input → tag new postings → check → report.

Each input is its own task run: one that fails (network down, a 5xx, a file that cannot be
read) is recorded as failed in the ledger while the others go on, and the run ends as
"completed with failures". Online inputs are retried with exponential backoff when the
failure looks transient; files are not. Tasks take ids, paths and small settings objects,
open the warehouse themselves and close it before returning; the run lock
(:mod:`flows.lock`) keeps every other skillgap writer out for the whole run, and a
connection the flow holds from start to end keeps out every other process, between steps
too. Every input's options are checked before anything starts. The run is completed only
once its report is in place; a run that ends any other way (an error, SIGTERM) is closed
as failed, and one killed outright is closed as abandoned by the next. The flow only wires
tasks; the work is in :mod:`flows.pipeline`, :mod:`warehouse` and :mod:`reports`.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

from prefect import Task, flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.exceptions import TerminationSignal
from prefect.runtime import flow_run
from prefect.states import Completed, Failed, State
from prefect.tasks import exponential_backoff

from flows.curricula import CurriculaCounts, ensure_curricula
from flows.exits import STOPPED_MESSAGE, Stopped, sigterm_received
from flows.importing import import_input
from flows.lock import run_lock
from flows.options import check_inputs
from flows.pipeline import (
    ImportCounts,
    TagCounts,
    choose_workers,
    complete_with_report,
    make_extractor,
    open_writer,
    tag_new_postings,
)
from flows.settings import HttpOptions, InputSpec, ReportSettings, Settings
from flows.sources import describe_failure, is_transient, source_kind, source_label
from reports.page import ReportSummary
from warehouse.db import open_warehouse
from warehouse.monitoring import Anomaly, check_run
from warehouse.queries import WarehouseSummary
from warehouse.runs import abandon_stale_runs, finish_run, record_source, start_run


@dataclass(frozen=True, slots=True)
class SourceFailure:
    input_no: int
    source: str
    error: str
    partly: bool = False  # the input was stored, but some of its boards failed


@dataclass(frozen=True, slots=True)
class RunSummary:
    run_id: str
    database: Path
    report: Path
    imports: list[ImportCounts]
    tagging: TagCounts
    warehouse: WarehouseSummary
    failures: list[SourceFailure] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        if self.failures:
            return "completed with failures"
        return "completed with anomalies" if self.anomalies else "completed"


@task(name="start-run", cache_policy=NO_CACHE)
def open_run(database: Path, run_id: str) -> str:
    with closing(open_warehouse(database)) as con:
        abandoned = abandon_stale_runs(con, keep=run_id)
        if abandoned:
            get_run_logger().warning("closed %d earlier run(s) that never finished", abandoned)
        return start_run(con, "nightly", run_id)


@task(name="import-postings", cache_policy=NO_CACHE)
def import_postings(
    spec: InputSpec,
    input_no: int,
    database: Path,
    run_id: str,
    batch_size: int,
    http: HttpOptions,
    memory_limit: str | None = None,
    load_batch: int | None = None,
) -> ImportCounts:
    logger = get_run_logger()
    counts = import_input(
        spec,
        database,
        http=http,
        batch_size=batch_size,
        load_batch=load_batch,
        memory_limit=memory_limit,
        run_id=run_id,
        input_no=input_no,
        progress=lambda name, step, n: logger.info("%s: %d records %s", name, n, step),
    )
    if counts.closed:
        logger.info("%s: %d postings closed", counts.source, counts.closed)
    if counts.errors:
        logger.warning("%s: %s", counts.source, counts.errors)
    logger.info(
        "%s: %d records taken, %d quarantined, %d new postings",
        counts.source,
        counts.taken,
        counts.quarantined,
        counts.postings_new,
    )
    return counts


@task(name="record-failed-source", cache_policy=NO_CACHE)
def record_failure(
    database: Path, run_id: str, input_no: int, source: str, kind: str, error: str
) -> None:
    get_run_logger().error("%s failed: %s", source, error)
    with closing(open_warehouse(database)) as con:
        record_source(con, run_id, input_no, source, kind, "failed", error=error)


@task(name="tag-postings", cache_policy=NO_CACHE)
def tag_postings(
    database: Path,
    taxonomy_extra: Path | None,
    run_id: str,
    batch_size: int,
    workers: int,
    memory_limit: str | None = None,
) -> TagCounts:
    logger = get_run_logger()
    extractor = make_extractor(taxonomy_extra)
    with closing(open_writer(database, memory_limit)) as con:
        counts = tag_new_postings(
            con,
            extractor,
            run_id,
            batch_size,
            workers=choose_workers(con, extractor, workers),
            taxonomy_extra=taxonomy_extra,
            progress=lambda n: logger.info("tagged %d postings so far", n),
        )
    logger.info(
        "tagged %d postings: %d mentions (taxonomy %s, extractor %s)",
        counts.postings_tagged,
        counts.mentions,
        counts.taxonomy_version,
        counts.extractor_version,
    )
    return counts


@task(name="complete-run", cache_policy=NO_CACHE)
def complete_run(
    database: Path,
    run_id: str,
    imports: list[ImportCounts],
    failures: list[SourceFailure],
    tagging: TagCounts,
    inputs: int,
    report: ReportSettings,
    memory_limit: str | None = None,
) -> tuple[WarehouseSummary, ReportSummary]:
    """Close the run as completed once its report is in place (one transaction)."""
    with closing(open_warehouse(database, memory_limit)) as con:
        return complete_with_report(
            con,
            run_id,
            report,
            counts={
                "imports": [asdict(i) for i in imports],
                "failed": [asdict(f) for f in failures],
                "tagging": asdict(tagging),
            },
            tagging=tagging,
            message=failed_inputs(failures, inputs) if failures else None,
        )


@task(name="check-anomalies", cache_policy=NO_CACHE)
def check_anomalies(database: Path, run_id: str) -> list[Anomaly]:
    with closing(open_warehouse(database)) as con:
        found = check_run(con, run_id)
    for anomaly in found:
        get_run_logger().warning("anomaly: %s", anomaly.message)
    return found


@task(name="load-curricula", cache_policy=NO_CACHE)
def load_curricula(database: Path, taxonomy_extra: Path | None, run_id: str) -> CurriculaCounts:
    """The bundled training programmes when none are stored; tag what these versions lack."""
    extractor = make_extractor(taxonomy_extra)
    with closing(open_warehouse(database)) as con:
        return ensure_curricula(con, extractor, run_id=run_id)


def failed_inputs(failures: list[SourceFailure], inputs: int) -> str:
    """ "2 of 5 inputs failed", naming those that failed only partly (some boards)."""
    partly = [f.source for f in failures if f.partly]
    return f"{len(failures)} of {inputs} inputs failed" + (
        f" (partly: {', '.join(partly)})" if partly else ""
    )


def _fail_run(database: Path, run_id: str, error: BaseException) -> None:
    """Close the run as failed; if even that cannot be written (the disk that failed the run
    is full), the next run closes it as abandoned."""
    if isinstance(error, TerminationSignal | Stopped) or sigterm_received():
        message = "stopped by SIGTERM (or cancelled) before it was completed"
    else:
        message = f"{type(error).__name__}: {error}"
    try:
        with closing(open_warehouse(database)) as con:
            finish_run(con, run_id, "failed", message=message)
    except Exception as exc:
        get_run_logger().error("could not record that run %s failed: %s", run_id, exc)


def _retry_transient(task: Task[Any, Any], task_run: TaskRun, state: State[Any]) -> bool:
    error = state.result(raise_on_failure=False)
    return isinstance(error, BaseException) and is_transient(error)


def _importer(spec: InputSpec, http: HttpOptions) -> Task[Any, ImportCounts]:
    if not source_kind(spec.kind).online:
        return import_postings
    return import_postings.with_options(
        retries=http.task_retries,
        retry_delay_seconds=exponential_backoff(backoff_factor=http.task_retry_delay)
        if http.task_retry_delay > 0
        else 0,
        retry_condition_fn=_retry_transient,
    )


@flow(name="nightly", validate_parameters=False)
def nightly(settings: Settings) -> RunSummary | State[RunSummary]:
    """Bring the warehouse and the report up to date with every configured input.

    Ends Completed when all went well, Completed named "Completed with anomalies" when the
    checks flagged something, and Failed ("completed with failures: ...") when an input
    failed while the others were stored; the summary is the state's data in every case.
    """
    if isinstance(settings, dict):  # a deployment passes the settings as JSON
        settings = Settings.model_validate(settings)
    check_inputs(settings.inputs, settings.http)  # a misspelled option stops nothing half-way
    db = settings.database
    # The lock keeps other skillgap writers out; the connection held for the whole run keeps
    # out every other process (a researcher's read-write session) between the steps too.
    with run_lock(db), closing(open_writer(db, settings.memory_limit)):
        run_id = open_run(db, str(flow_run.id or "local"))
        try:
            imports: list[ImportCounts] = []
            failures: list[SourceFailure] = []
            for no, spec in enumerate(settings.inputs):
                state = cast(
                    State[ImportCounts],
                    _importer(spec, settings.http)(
                        spec,
                        no,
                        db,
                        run_id,
                        settings.batch_size,
                        settings.http,
                        settings.memory_limit,
                        settings.load_batch_size,
                        return_state=True,
                    ),
                )
                result = state.result(raise_on_failure=False)
                if isinstance(result, ImportCounts):
                    imports.append(result)
                    if result.errors:
                        failures.append(
                            SourceFailure(no, result.source, result.errors, partly=True)
                        )
                    continue
                if isinstance(result, Stopped | KeyboardInterrupt):
                    raise result  # the run was stopped, not this input
                if sigterm_received():  # the stop surfaced as another error (flows.exits)
                    raise Stopped(STOPPED_MESSAGE)
                error = (
                    describe_failure(result, spec)
                    if isinstance(result, BaseException)
                    else (state.message or "failed")
                )
                label = source_label(spec, settings.http)
                record_failure(db, run_id, no, label, spec.kind, error)
                failures.append(SourceFailure(no, label, error))
            if settings.dask_address:
                from flows.dask import tag_on_dask  # imports distributed: only when asked

                tagging = tag_on_dask(
                    db,
                    settings.dask_address,
                    run_id,
                    batch_size=settings.batch_size,
                    taxonomy_extra=settings.taxonomy_extra,
                    memory_limit=settings.memory_limit,
                )
            else:
                tagging = tag_postings(
                    db,
                    settings.taxonomy_extra,
                    run_id,
                    settings.batch_size,
                    settings.tag_workers,
                    settings.memory_limit,
                )
            anomalies = check_anomalies(db, run_id)
            load_curricula(db, settings.taxonomy_extra, run_id)
            summary, report = complete_run(
                db,
                run_id,
                imports,
                failures,
                tagging,
                len(settings.inputs),
                settings.report,
                settings.memory_limit,
            )
        except BaseException as exc:
            # Whatever ended the run (an error, a report that could not be written, a
            # SIGTERM), it is not left "running".
            _fail_run(db, run_id, exc)
            raise
    result_summary = RunSummary(
        run_id, db, report.path, imports, tagging, summary, failures, anomalies
    )
    if failures:
        names = "; ".join(f"{f.source}: {f.error}" for f in failures)
        return Failed(
            message=f"completed with failures: {failed_inputs(failures, len(settings.inputs))}"
            f" ({names}); the rest was stored and tagged",
            data=result_summary,
        )
    if anomalies:
        return Completed(
            name="Completed with anomalies",
            message=f"{len(anomalies)} anomalies: " + "; ".join(a.message for a in anomalies),
            data=result_summary,
        )
    return result_summary
