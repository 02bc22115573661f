"""Running the nightly flow once by hand (``skillgap run``) and reading how runs went
(``skillgap status``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from extract.errors import InputError
from flows.deploy import prefect_api
from flows.exits import STOPPED_MESSAGE, Stopped, stopped_by_sigterm
from flows.lock import lock_holder, run_lock
from flows.options import check_inputs
from flows.pipeline import open_writer
from flows.settings import Settings, prepare_prefect_env
from warehouse.db import connect
from warehouse.monitoring import recent_anomalies
from warehouse.runs import RunRow, SourceRow, recent_runs, run_sources

if TYPE_CHECKING:
    from flows.nightly import RunSummary


def run_once(
    settings: Settings,
    report: Path | None = None,
    on_server: Callable[[str], None] | None = None,
) -> RunSummary:
    """Run the nightly flow in this process and return its summary, whatever the outcome.

    ``report`` replaces the settings' report path. Every input's options are checked first.
    The writer lock is taken, and the warehouse opened and migrated within the memory cap,
    before a Prefect server starts, so a second run is refused at once; the warehouse stays
    open until the run is over. Without a Prefect server configured, a temporary one of our
    own serves the run and ends with it, however it ends (:func:`flows.deploy.prefect_api`);
    ``on_server`` hears its API URL. A SIGTERM ends the run as failed
    (:func:`flows.exits.stopped_by_sigterm`).
    """
    if report is not None:
        settings = settings.model_copy(
            update={"report": settings.report.model_copy(update={"path": report})}
        )
    check_inputs(settings.inputs, settings.http)  # before anything starts
    prepare_prefect_env(settings)
    with (
        stopped_by_sigterm() as sigterm,
        run_lock(settings.database),
        # Held from before the Prefect server starts to the end: refuses at once when someone
        # else has the DuckDB file, and keeps everyone out until the run is over.
        closing(open_writer(settings.database, settings.memory_limit)),
        prefect_api(settings.prefect_home.resolve(), _startup_timeout()) as api,
    ):
        if on_server is not None:
            on_server(api)
        from flows.nightly import RunSummary, nightly

        state = nightly(settings, return_state=True)
    summary = state.result(raise_on_failure=False)
    if isinstance(summary, BaseException):
        if sigterm.received and not isinstance(summary, Stopped):
            raise Stopped(STOPPED_MESSAGE) from summary  # see flows.exits.sigterm_received
        raise summary
    assert isinstance(summary, RunSummary)
    return summary


def _startup_timeout() -> float:
    return float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90"))


@dataclass(frozen=True, slots=True)
class RunStatus:
    """The recent runs of a warehouse, the inputs of the latest, and recent anomalies.

    ``writer`` is who holds the writer lock; while someone does, nothing else is read.
    """

    database: Path
    writer: str | None = None
    runs: list[RunRow] = field(default_factory=list)
    latest_sources: list[SourceRow] = field(default_factory=list)
    anomalies: list[tuple[str, ...]] = field(default_factory=list)


def read_status(database: Path, runs: int = 10, anomalies: int = 20) -> RunStatus:
    """Read the run ledger without writing to it."""
    holder = lock_holder(database)
    if holder is not None:
        return RunStatus(database, writer=str(holder))
    with closing(connect(database, read_only=True)) as con:
        if not con.execute("SELECT 1 FROM duckdb_views() WHERE view_name = 'v_runs'").fetchall():
            raise InputError(f"{database}: no run ledger yet; run `skillgap migrate`")
        rows = recent_runs(con, runs)
        latest = run_sources(con, rows[0].run_id) if rows else []
        return RunStatus(database, None, rows, latest, recent_anomalies(con, anomalies))
