"""The run lock: at most one skillgap writer per warehouse file, across processes.

The lock is an ``fcntl.flock`` on ``<database>.lock`` next to the DuckDB file, which also
holds the pid and start time of the holder so a refused run can say who is writing. The
kernel drops the lock when the holder's process ends, however it ends (a SIGKILL too), so a
crashed run never leaves a stale lock behind. Inside one process the lock is re-entrant:
the CLI takes it before starting the flow, and the flow takes it again for deployments.
Whoever takes the lock first also removes the staging files a killed import left behind
(:func:`warehouse.staging.remove_stale_staging`): no other writer can be using them, and on
a full disk they may be what keeps the run from starting.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from extract.errors import RunActiveError, WarehouseError
from warehouse.staging import remove_stale_staging

_held: dict[Path, tuple[int, int]] = {}  # lock file -> (fd, depth)
_guard = threading.Lock()


def lock_path(database: Path) -> Path:
    """Where the lock of ``database`` lives: ``skillgap.duckdb`` → ``skillgap.duckdb.lock``."""
    return database.with_name(database.name + ".lock")


def lock_holder(database: Path) -> str | None:
    """Who holds the lock of ``database`` ("pid 123 since ..."), or None when nobody does."""
    path = lock_path(database)
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return path.read_text(encoding="utf-8").strip() or "another process"
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


@contextmanager
def run_lock(database: Path) -> Iterator[Path]:
    """Hold the run lock of ``database`` for the block; refuse at once if someone else has it."""
    path = lock_path(database.resolve())
    with _guard:
        if path in _held:
            fd, depth = _held[path]
            _held[path] = (fd, depth + 1)
        else:
            _held[path] = (_acquire(path, database), 1)
            remove_stale_staging(database.resolve())
    try:
        yield path
    finally:
        with _guard:
            fd, depth = _held[path]
            if depth > 1:
                _held[path] = (fd, depth - 1)
            else:
                del _held[path]
                os.ftruncate(fd, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)


def _acquire(path: Path, database: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WarehouseError(
            f"{path}: cannot create the run lock beside the database ({exc.strerror}); a "
            f"writer needs a folder it can write to for {database.name}: choose another "
            "--database, or fix the folder's permissions"
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = path.read_text(encoding="utf-8").strip() or "another process"
        os.close(fd)
        raise RunActiveError(
            f"another skillgap run is writing {database} ({holder}); this run was not "
            f"started. Wait for that run to finish (`skillgap status` shows it when done), "
            f"or stop it; the lock is {path}."
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC\n".encode())
    return fd
