"""Running the nightly flow on a schedule: a local Prefect server and a served deployment.

``skillgap server`` runs ``prefect server start`` bound to 127.0.0.1 with the project's
Prefect home. ``skillgap deploy`` registers the deployment ``nightly/<name>`` with the cron
schedule of the settings on that server and then serves it (``flow.serve``): the same
process polls for scheduled or manually triggered runs and executes each in a subprocess.
Serving needs no work pool, no worker and no code storage, so it works offline; keep it
running under systemd or similar next to the server. The settings are frozen into the
deployment with absolute paths, so change ``skillgap.toml`` then restart ``skillgap deploy``.

``skillgap run`` with no Prefect server configured starts a temporary one for the run
(:func:`prefect_api`), as Prefect would, but as a child that ends with the run however the
run ends (:mod:`flows.processes`); ``skillgap server`` passes a SIGTERM on to its server.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

import httpx

from extract.errors import InputError, SkillgapError
from flows.processes import start_child, stop_child
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


class ServerError(SkillgapError):
    """The temporary Prefect server did not start."""


def run_server(port: int = DEFAULT_PORT, grace: float = 30.0) -> int:
    """Run ``prefect server start`` on ``port`` until it ends or this process is told to stop.

    SIGTERM or SIGHUP to this process (a service manager stopping it) is passed on to the
    server, which is killed if it has not stopped ``grace`` seconds later; a SIGKILL takes
    the server with it (:func:`flows.processes.start_child`). Returns its exit status, 0
    when stopped on request.
    """
    proc = start_child(server_command(port=port))
    asked: list[float] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        asked.append(time.monotonic())
        with suppress(ProcessLookupError):
            proc.send_signal(signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        while True:
            try:
                code = proc.wait(timeout=1.0)
                return 0 if asked else code
            except subprocess.TimeoutExpired:
                if asked and time.monotonic() - asked[0] > grace:
                    proc.kill()
            except KeyboardInterrupt:  # Ctrl-C reached the server too: let it finish
                stop_child(proc, grace)
                return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if proc.poll() is None:
            stop_child(proc, grace)


@contextmanager
def prefect_api(prefect_home: Path, timeout: float = 90.0) -> Iterator[str]:
    """The Prefect API a run reports to: the configured one, else a temporary local server
    started for the block and stopped after it (and with this process, however it ends).

    The server's output goes to ``<prefect_home>/temporary-server.log``.
    """
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    configured = get_current_settings().api.url
    if configured:
        yield str(configured)
        return
    with temporary_server(prefect_home, timeout) as url, temporary_settings({PREFECT_API_URL: url}):
        try:
            yield url
        finally:
            _send_what_is_queued()


def _send_what_is_queued(timeout: float = 5.0) -> None:
    """Send the run's logs and events still queued for the API while the server is up.

    Prefect's log and event workers flush at exit; by then the temporary server is gone, and
    they retried for about a minute before the process could end (a run that had printed
    its summary at 31 s exited at 95 s)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with suppress(Exception):  # a worker that never started has nothing to send
            worker.drain_all(timeout=timeout)


@contextmanager
def temporary_server(prefect_home: Path, timeout: float = 90.0) -> Iterator[str]:
    """A Prefect server on a free local port for the block, like Prefect's own temporary one
    (no UI; only the services a flow run needs); yields its API URL."""
    prefect_home.mkdir(parents=True, exist_ok=True)
    log = prefect_home / "temporary-server.log"
    # Prefect's own switch for the services and pages of its temporary server.
    env = {**os.environ, "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT_SERVER_UI_ENABLED": "0"}
    with log.open("ab") as output:
        for _attempt in range(3):  # another process may take the free port first
            port = _free_port()
            proc = start_child(server_command(port=port), env=env, output=output)
            try:
                if _wait_healthy(api_url(port=port), proc, timeout):
                    break
            except BaseException:
                stop_child(proc)
                raise
            stop_child(proc)
        else:
            raise ServerError(
                f"the temporary Prefect server did not start within {timeout:.0f} s; its "
                f"output is in {log}. Set PREFECT_API_URL to use a server of your own."
            )
        try:
            yield api_url(port=port)
        finally:
            stop_child(proc)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline and proc.poll() is None:
            with suppress(httpx.HTTPError):
                if client.get(f"{url}/health").status_code == 200:
                    return True
            time.sleep(0.1)
    return False
