"""Child processes end with their parent: a SIGKILLed ``skillgap run`` takes its temporary
Prefect server and its tagging workers with it, and ``skillgap server`` stopped with SIGTERM
(as a service manager stops it) or SIGKILL takes its ``prefect server start``."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def descendants(root: int) -> set[int]:
    """Every live process below ``root``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (ppid := parent_of(int(entry.name))) is not None:
            children.setdefault(ppid, []).append(int(entry.name))
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def left_after(pids: set[int], wait: float = 60.0) -> set[int]:
    """The ``pids`` still alive once they are all gone or ``wait`` seconds have passed; any
    left are then killed, so a failing test leaves no strays behind."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.2)
    left = {p for p in pids if alive(p)}
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


@contextmanager
def started(
    args: list[str], env: dict[str, str]
) -> Iterator[tuple[subprocess.Popen[str], queue.Queue[str | None]]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from flows.cli import main; main()", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        yield proc, lines
    finally:
        left_after(descendants(proc.pid), wait=0)
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


def wait_for(lines: queue.Queue[str | None], pattern: str, seen: list[str]) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            raise AssertionError("ended before the point of the test:\n" + "".join(seen))
        seen.append(line)
        if re.search(pattern, line):
            return
    raise AssertionError(f"no line matching {pattern!r} in time:\n" + "".join(seen))


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
