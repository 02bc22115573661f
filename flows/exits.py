"""How a ``skillgap`` command that failed ends: one line saying what failed, and a status.

The README's exit-status table, for every command:

    0    all went well
    1    some inputs failed; the others were stored (``run``, ``collect``)
    2    the command or the run failed, or was refused before starting: a typed error of
         ours (bad settings or input, a held file, a full disk, a folder that cannot be
         written), or anything unexpected (its traceback is written to a file, named)
    3    all stored, but the checks flagged anomalies (``run``)
    130  stopped by Ctrl-C; 143 stopped by SIGTERM (a run is then marked failed)

Library code raises typed errors (:mod:`extract.errors`); :func:`failure` is the one place
that turns any error into that line and status, and :func:`stopped_by_sigterm` turns a
SIGTERM into an error a run can record before it ends.
"""

from __future__ import annotations

import errno
import signal
import tempfile
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import duckdb

from extract.errors import SkillgapError

FAILED = 2
INTERRUPTED = 128 + signal.SIGINT
TERMINATED = 128 + signal.SIGTERM


class Stopped(SkillgapError):
    """The process was told to stop (SIGTERM) while a command was running."""


_WRITE_PROBLEMS = {errno.EACCES, errno.EPERM, errno.EROFS}


def failure(error: BaseException) -> tuple[int, str]:
    """The exit status and the one line to print for ``error``, which ended a command."""
    if isinstance(error, Stopped):
        return TERMINATED, str(error)
    signalled = _signal_of(error)
    if signalled is not None:
        name = signal.Signals(signalled).name
        return 128 + signalled, f"stopped by {name}; a run was recorded as failed, run it again"
    if isinstance(error, KeyboardInterrupt):
        return INTERRUPTED, "interrupted (Ctrl-C); a run is recorded as failed, run it again"
    if isinstance(error, SkillgapError):
        return FAILED, str(error)
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or _disk_full(error):
        where = (
            f" (writing {error.filename})" if isinstance(error, OSError) and error.filename else ""
        )
        return FAILED, f"no space left on device{where}: free some space, then run again"
    if isinstance(error, OSError) and error.errno in _WRITE_PROBLEMS:
        return FAILED, (
            f"{error.filename or 'a file'}: {error.strerror}: choose a place you can write to, "
            "or fix its permissions"
        )
    log = write_traceback(error)
    where = f"; the full traceback is in {log}" if log else ""
    return FAILED, f"unexpected error: {_one_line(error)}{where}"


def _signal_of(error: BaseException) -> int | None:
    """The signal a signal-like exception stands for (Prefect's ``TerminationSignal``, raised
    in place of ours while a flow runs), else None."""
    number = getattr(error, "signal", None)
    if isinstance(error, Exception) or not isinstance(number, int):
        return None
    return number if number in signal.Signals._value2member_map_ else None


def _disk_full(error: BaseException) -> bool:
    return isinstance(error, duckdb.Error) and "No space left on device" in str(error)


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def write_traceback(error: BaseException) -> Path | None:
    """Write ``error``'s traceback to a file of its own in the temporary directory."""
    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="skillgap-error-", suffix=".log", delete=False, encoding="utf-8"
        ) as f:
            f.write("".join(traceback.format_exception(error)))
            return Path(f.name)
    except OSError:
        return None


STOPPED_MESSAGE = "stopped by SIGTERM; a run was recorded as failed, run it again"
# Set while the block run under stopped_by_sigterm has had a SIGTERM. The Stopped its handler
# raises does not always come out: raised while DuckDB is in a call (registering a table, say),
# it is replaced by DuckDB's own error ("Query interrupted", "Invalid Input Error: reading the
# schema ..."), which on its own would read as a failure of the run or of one input.
_sigterm = threading.Event()


def sigterm_received() -> bool:
    """Whether a SIGTERM has reached the block now running under :func:`stopped_by_sigterm`,
    whatever error it surfaced as (False outside such a block)."""
    return _sigterm.is_set()


class SigtermWatch:
    """What :func:`stopped_by_sigterm` hands its block: whether a SIGTERM came, still known
    once the block is left (a flow's error is raised from its state after it)."""

    __slots__ = ("received",)

    def __init__(self) -> None:
        self.received = False


@contextmanager
def stopped_by_sigterm() -> Iterator[SigtermWatch]:
    """Within the block, SIGTERM raises :class:`Stopped` in the main thread, so a run can
    record that it failed, release what it holds and stop its children before it ends. An
    error leaving the block after a SIGTERM leaves it as :class:`Stopped`."""
    watch = SigtermWatch()

    def stop(signum: int, frame: FrameType | None) -> None:
        watch.received = True
        _sigterm.set()
        raise Stopped(STOPPED_MESSAGE)

    _sigterm.clear()
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield watch
    except BaseException as error:
        if watch.received and not isinstance(error, Stopped):
            raise Stopped(STOPPED_MESSAGE) from error
        raise
    finally:
        _sigterm.clear()
        signal.signal(signal.SIGTERM, previous)
