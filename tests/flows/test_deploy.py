"""``skillgap server`` and ``skillgap deploy`` for real: a Prefect server on 127.0.0.1, the
nightly deployment registered with the schedule of the settings, one run triggered through
the API and carried out by the serving process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest

CLI = [sys.executable, "-c", "from flows.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def started(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        proc = subprocess.Popen(
            args, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield proc
        finally:
            for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
                if proc.poll() is None:
                    os.killpg(proc.pid, sig)
                    try:
                        proc.wait(timeout=wait)
                    except subprocess.TimeoutExpired:
                        continue
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def wait_for(what: str, check: Callable[[], Any], seconds: float, logs: list[Path]) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = check()
        except httpx.HTTPError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    shown = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in logs)
    raise AssertionError(f"timed out waiting for {what}\n{shown}")


def trigger(client: httpx.Client, deployment_id: str) -> Callable[[], str | None]:
    """A check for ``wait_for`` that asks the server for one run of the deployment, named
    so that it cannot be mistaken for the runs the schedule makes, and returns its id. A
    server busy with the rest of the suite may answer 5xx (one CI run got an answer without
    an id); then the check first looks for a run an earlier request made before it failed
    and asks again only if there is none, so one run is made whatever the server answered.
    Any other answer without an id fails with the status and body the server sent."""
    name = "triggered-by-the-test"

    def check() -> str | None:
        made = client.post("/flow_runs/filter", json={"flow_runs": {"name": {"any_": [name]}}})
        if made.status_code >= 500:
            return None
        assert made.status_code == 200, (made.status_code, made.text)
        if made.json():
            return str(made.json()[0]["id"])
        answer = client.post(f"/deployments/{deployment_id}/create_flow_run", json={"name": name})
        if answer.status_code >= 500:
            return None
        assert answer.status_code == 201, (answer.status_code, answer.text)
        return str(answer.json()["id"])

    return check


@pytest.mark.long
def test_deploy_registers_the_schedule_and_serves_a_triggered_run(tmp_path: Path) -> None:
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(
        '{"id": "1", "description": "Python and SQL required.", "date": "2026-03-01"}\n'
        '{"id": "2", "description": "Kubernetes operator.", "date": "2026-03-02"}\n',
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    config = tmp_path / "skillgap.toml"
    config.write_text(
        f'database = "{db}"\ntag_workers = 1\nprefect_home = "{tmp_path / "prefect"}"\n'
        f'[report]\npath = "{tmp_path / "report.html"}"\nmin_postings = 1\n'
        '[schedule]\ncron = "15 3 * * *"\ntimezone = "Europe/Berlin"\ndeployment = "test"\n'
        f'[[inputs]]\npath = "{jobs}"\n',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": api,
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
    }
    logs = [tmp_path / "server.log", tmp_path / "deploy.log"]
    with (
        started([*CLI, "server", "--port", str(port), "-c", str(config)], env, logs[0]),
        httpx.Client(base_url=api, timeout=5) as client,
    ):
        wait_for("the server", lambda: client.get("/health").status_code == 200, 120, logs)
        with started([*CLI, "deploy", "-c", str(config)], env, logs[1]):

            def deployment() -> dict[str, Any] | None:
                answer = client.post(
                    "/deployments/filter", json={"deployments": {"name": {"any_": ["test"]}}}
                )
                if answer.status_code >= 500:
                    return None
                assert answer.status_code == 200, (answer.status_code, answer.text)
                found = answer.json()
                return found[0] if found else None

            registered = wait_for("the deployment", deployment, 120, logs)
            schedules = [s["schedule"] for s in registered["schedules"]]
            assert schedules == [
                {"cron": "15 3 * * *", "timezone": "Europe/Berlin", "day_or": True}
            ]
            run_id = wait_for("the triggered run", trigger(client, registered["id"]), 120, logs)

            def final_state() -> str | None:
                answer = client.get(f"/flow_runs/{run_id}")
                if answer.status_code >= 500:
                    return None
                assert answer.status_code == 200, (answer.status_code, answer.text)
                state = answer.json()["state"]
                return (
                    state["type"]
                    if state and state["type"] in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
                    else None
                )

            assert wait_for("the run", final_state, 240, logs) == "COMPLETED"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status FROM runs").fetchall() == [("completed",)]
        assert con.execute("SELECT count(*) FROM postings").fetchall() == [(2,)]
