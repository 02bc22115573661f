"""Child processes that end with the process that started them.

A run starts a temporary Prefect server, and ``skillgap server`` a lasting one. Killed with
SIGKILL, a parent has no chance to stop them, and stopped with SIGTERM (as a service manager
stops it) Python does not pass the signal on: either way the server went on running without
anyone to stop it. Children started here ask the kernel (Linux ``PR_SET_PDEATHSIG``) to kill
them when their parent dies, whatever killed it, and :func:`stop_child` ends one politely
first, then surely.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import IO, Any

_PR_SET_PDEATHSIG = 1


@cache
def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    return libc.prctl


def end_with_parent(parent: int, sig: int = signal.SIGKILL) -> Callable[[], None]:
    """A function for the child to run first: have ``sig`` sent to it when its parent (the
    process ``parent``) dies, and end at once if it has died already.

    For ``subprocess.Popen(preexec_fn=...)``; resolved before the fork, so the child only
    calls into libc. Does nothing but the parent check where the kernel cannot do it.
    """
    prctl = _prctl()

    def arrange() -> None:
        if prctl is not None:
            prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)

    return arrange


def start_child(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    output: IO[Any] | int | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``command`` as a child that ends when this process ends, however it ends.

    The kernel's death signal is tied to the thread that starts the child: call this from
    a thread that lives as long as the child should (the main thread).
    """
    return subprocess.Popen(
        list(command),
        env=dict(env) if env is not None else None,
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=subprocess.STDOUT if output is not None else None,
        preexec_fn=end_with_parent(os.getpid()),  # only calls into libc after the fork
    )


def stop_child(proc: subprocess.Popen[bytes], grace: float = 10.0) -> int:
    """SIGTERM, then SIGKILL if ``proc`` is still there after ``grace`` seconds; its status."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.terminate()
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
    return proc.wait()
