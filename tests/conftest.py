"""Session-wide test set-up: Prefect kept local, quiet and telemetry-free."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Speed is measured by bench/, never by a test: Hypothesis's per-example deadline failed a
# correct property test on a loaded two-core machine (286 ms against 200 ms).
settings.register_profile("skillgap", deadline=None)
settings.load_profile("skillgap")

_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="skillgap-prefect-"))


def pytest_configure(config: pytest.Config) -> None:
    # Before anything imports Prefect, which reads these once.
    os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
    os.environ["DO_NOT_TRACK"] = "1"
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "120"
    os.environ.pop("PREFECT_API_URL", None)
    os.environ.pop("SKILLGAP_CONFIG", None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # xdist deals tests out in collection order: the long ones go first, spread over the
    # workers, so that none starts near the end and runs alone while the other worker idles.
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.browser import saved

    kept = [path for path in saved if path.exists()]
    if kept:
        terminalreporter.write_sep("-", "files kept for a look")
        for path in kept:
            terminalreporter.write_line(str(path))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount a real tmpfs of a given size (``"4m"``) and return its directory: writes past
    its size fail with ENOSPC as on a full disk. Needs root (or CAP_SYS_ADMIN); skipped
    otherwise."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        target = tmp_path / f"disk{len(mounted)}"
        target.mkdir()
        proc = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here: {proc.stderr.strip()}")
        mounted.append(target)
        return target

    try:
        yield mount
    finally:
        for target in mounted:
            subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory nothing can be created in: a read-only tmpfs as root (whom permission
    bits do not stop), a directory without write permission otherwise."""
    target = tmp_path / "read-only"
    target.mkdir()
    if os.geteuid() != 0:
        target.chmod(0o555)
        yield target
        target.chmod(0o755)
        return
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs here: {proc.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)
