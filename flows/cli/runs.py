"""``skillgap run`` and ``skillgap status``: the nightly flow once, and how runs went."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.app import ConfigOpt, DatabaseOpt, command, default, settings
from flows.cli.output import err, out, print_status, run_table


@command()
def run(
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            "-r",
            help="HTML report to write " + default("report.path of the settings, report.html"),
        ),
    ] = None,
    dask_address: Annotated[
        str | None,
        typer.Option(
            help="Tag on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 "
            + default("tag in this process")
        ),
    ] = None,
) -> None:
    """Run the nightly flow once: import every input, tag new postings, write the report.

    Runs as a Prefect flow; without a Prefect server configured, a temporary one starts for
    the run. With no settings file it imports the bundled Hacker News postings.

    Exit status: 0 all went well, 1 some input failed (the others were stored), 2 the run
    failed or could not start (another run, a locked file), 3 the checks flagged anomalies.

    [bold]Example:[/bold] skillgap run --database data/skillgap.duckdb --report out/report.html
    """
    from flows.runner import run_once

    started = time.perf_counter()
    summary = run_once(
        settings(config, database=database, dask_address=dask_address),
        report,
        on_server=lambda api: err.print(f"Prefect API for this run: {api}", highlight=False),
    )
    out.print(run_table(summary, time.perf_counter() - started))
    out.print(f"Report:    {summary.report.resolve()}", soft_wrap=True, highlight=False)
    out.print(f"Warehouse: {summary.database.resolve()}", soft_wrap=True, highlight=False)
    if summary.failures:
        err.print(f"[red]{summary.outcome}[/red]: see `skillgap status`", highlight=False)
        raise typer.Exit(1)
    if summary.anomalies:
        err.print(f"[yellow]{summary.outcome}[/yellow]: see `skillgap status`", highlight=False)
        raise typer.Exit(3)


@command()
def status(
    runs: Annotated[int, typer.Option("--runs", "-n", min=1, help="How many runs to list")] = 10,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Show the recent runs, how each input of the latest one went, and anomalies (read-only).

    [bold]Example:[/bold] skillgap status --runs 20
    """
    from flows.runner import read_status

    found = read_status(settings(config, database=database).database, runs)
    if found.writer is not None:
        out.print(
            f"A run is writing {found.database} now ({found.writer}); the ledger can be read "
            "when it ends.",
            highlight=False,
        )
        return
    print_status(found)
