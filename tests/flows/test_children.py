"""Child processes end with their parent: a SIGKILLed ``skillgap run`` takes its temporary
Prefect server and its tagging workers with it, and ``skillgap server`` stopped with SIGTERM
(as a service manager stops it) or SIGKILL takes its ``prefect server start``."""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from pathlib import Path

import httpx
import pytest

from tests.flows.processes import command_of, descendants, left_after, started, wait_for

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@pytest.mark.long
def test_a_killed_run_takes_its_prefect_server_and_tagging_workers_with_it(
    tmp_path: Path,
) -> None:
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(
        "".join(
            json.dumps({"id": str(i), "description": f"Python, SQL and Docker for job {i}"}) + "\n"
            for i in range(3000)
        ),
        encoding="utf-8",
    )
    config = tmp_path / "skillgap.toml"
    config.write_text(
        f'database = "{tmp_path / "w.duckdb"}"\nbatch_size = 20\ntag_workers = 2\n'
        f'[report]\npath = "{tmp_path / "r.html"}"\n[[inputs]]\npath = "{jobs}"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    seen: list[str] = []
    with started(["run", "-c", str(config)], env) as (proc, lines):
        wait_for(lines, r"tagged \d+ postings so far", seen)
        children = descendants(proc.pid)
        commands = [command_of(p) for p in children]
        assert any("uvicorn" in c or "server start" in c for c in commands), commands
        assert sum("spawn_main" in c for c in commands) == 2, commands
        os.kill(proc.pid, signal.SIGKILL)  # the run alone, as the OOM killer would
        proc.wait(timeout=30)
        assert left_after(children) == set()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.long
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_skillgap_server_stopped_takes_its_prefect_server_with_it(
    tmp_path: Path, sig: signal.Signals
) -> None:
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    with started(["server", "--port", str(port)], env) as (proc, _):
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise AssertionError("the server did not answer")
        children = descendants(proc.pid)
        assert children
        os.kill(proc.pid, sig)
        proc.wait(timeout=60)
        assert left_after(children) == set()
        if sig == signal.SIGTERM:
            assert proc.returncode == 0
