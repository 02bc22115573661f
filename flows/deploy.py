"""Running the nightly flow on a schedule: a local Prefect server and a served deployment.

``skillgap server`` runs ``prefect server start`` bound to 127.0.0.1 with the project's
Prefect home. ``skillgap deploy`` registers the deployment ``nightly/<name>`` with the cron
schedule of the settings on that server and then serves it (``flow.serve``): the same
process polls for scheduled or manually triggered runs and executes each in a subprocess.
Serving needs no work pool, no worker and no code storage, so it works offline; keep it
running under systemd or similar next to the server. The settings are frozen into the
deployment with absolute paths, so change ``skillgap.toml`` then restart ``skillgap deploy``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from extract.errors import InputError
from flows.settings import InputSpec, Settings

DEFAULT_PORT = 4200


def api_url(host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> str:
    return f"http://{host}:{port}/api"


def server_command(host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> list[str]:
    """The command that starts a Prefect server for skillgap (telemetry is off by env)."""
    prefect = Path(sys.executable).with_name("prefect")
    launcher = [str(prefect)] if prefect.exists() else [sys.executable, "-m", "prefect"]
    return [*launcher, "server", "start", "--host", host, "--port", str(port)]


def frozen_settings(settings: Settings) -> Settings:
    """``settings`` with every path absolute, as a deployment run in another directory needs."""

    def fix(spec: InputSpec) -> InputSpec:
        return spec.model_copy(update={"path": spec.path.resolve()}) if spec.path else spec

    return settings.model_copy(
        update={
            "database": settings.database.resolve(),
            "taxonomy_extra": settings.taxonomy_extra.resolve()
            if settings.taxonomy_extra
            else None,
            "prefect_home": settings.prefect_home.resolve(),
            "inputs": [fix(s) for s in settings.inputs],
            "report": settings.report.model_copy(update={"path": settings.report.path.resolve()}),
            "http": settings.http.model_copy(
                update={"raw_store": settings.http.raw_store.resolve()}
            )
            if settings.http.raw_store
            else settings.http,
        }
    )


def serve_nightly(settings: Settings) -> None:
    """Register the scheduled deployment and run its flow runs until interrupted."""
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    from flows.nightly import nightly

    schedule = settings.schedule
    try:
        CronSchedule(cron=schedule.cron, timezone=schedule.timezone)
    except ValueError as exc:
        raise InputError(
            f"schedule: bad cron {schedule.cron!r} or timezone {schedule.timezone!r}: {exc}"
        ) from None
    nightly.serve(
        name=schedule.deployment,
        schedules=[Cron(schedule.cron, timezone=schedule.timezone)],
        parameters={"settings": frozen_settings(settings).model_dump(mode="json")},
        global_limit=1,
        enforce_parameter_schema=False,
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="skillgap: collect, tag, check and report, once a night",
        print_starting_message=False,
    )
