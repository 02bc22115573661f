"""``skillgap server`` and ``skillgap deploy``: the nightly flow on a schedule."""

from __future__ import annotations

from typing import Annotated

import typer

from flows.cli.app import ConfigOpt, DatabaseOpt, command, default, settings
from flows.cli.output import err
from flows.settings import prepare_prefect_env


@command()
def server(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1")] = 4200,
    config: ConfigOpt = None,
) -> None:
    """Start a local Prefect server on 127.0.0.1 (for `skillgap deploy`); stop it with Ctrl-C.

    SIGTERM (a service manager stopping it) stops the server too.

    [bold]Example:[/bold] skillgap server --port 4200
    """
    from flows.deploy import api_url, run_server

    prepare_prefect_env(settings(config))
    err.print(
        f"Prefect server at {api_url(port=port)}; point skillgap deploy at it with "
        f"PREFECT_API_URL={api_url(port=port)}",
        highlight=False,
    )
    raise typer.Exit(run_server(port))


@command()
def deploy(
    api_url: Annotated[
        str | None,
        typer.Option(
            help="Prefect server API " + default("$PREFECT_API_URL, else http://127.0.0.1:4200/api")
        ),
    ] = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Register the nightly flow with the schedule of the settings and serve its runs.

    Keeps running: it starts each scheduled (or manually triggered) run. Needs a Prefect
    server (`skillgap server`).

    [bold]Example:[/bold] skillgap deploy --config skillgap.toml --api-url http://127.0.0.1:4200/api
    """
    import os

    from flows.deploy import api_url as local_api
    from flows.deploy import serve_nightly
    from flows.options import check_inputs

    loaded = settings(config, database=database)
    check_inputs(loaded.inputs, loaded.http)
    os.environ["PREFECT_API_URL"] = api_url or os.environ.get("PREFECT_API_URL") or local_api()
    prepare_prefect_env(loaded)
    sched = loaded.schedule
    err.print(
        f"serving nightly/{sched.deployment} on {os.environ['PREFECT_API_URL']}: "
        f"cron {sched.cron!r} ({sched.timezone}); Ctrl-C stops",
        highlight=False,
    )
    serve_nightly(loaded)
