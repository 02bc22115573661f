"""Headless Chromium for tests: find it, load a page, return the DOM after scripts ran."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

CHROMIUM = "/usr/bin/chromium"


def chromium() -> str:
    """Debian's Chromium; skip without it, except in CI, where it must be there."""
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if found is None:
        message = f"Chromium not found at {CHROMIUM} or on PATH (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI must run the browser tests")
        pytest.skip(message)
    return found


def dump_dom(page: Path, profile: Path) -> BeautifulSoup:
    """The page's DOM once its scripts have run, with all network access off."""
    result = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=15000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return BeautifulSoup(result.stdout, "html.parser")


ARTIFACTS = "SKILLGAP_TEST_ARTIFACTS"
saved: list[Path] = []
"""Files the tests kept for people to look at; the session's summary lists them."""


def artifact(base: Path, name: str) -> Path:
    """Where to keep ``name``: under $SKILLGAP_TEST_ARTIFACTS, else ``base/artifacts``."""
    folder = Path(os.environ.get(ARTIFACTS) or base / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    saved.append(path)
    return path


def screenshot(
    page: Path,
    shot: Path,
    profile: Path,
    *,
    section: str | None = None,
    size: tuple[int, int] = (1200, 2400),
) -> list[str]:
    """Draw ``page`` in Chromium into the PNG ``shot``; return what it logged to the console.

    With ``section`` (a section's heading key, e.g. ``longrun``) a copy of the page that
    hides every other part of it is drawn, so the picture shows that section whole.
    """
    if section is not None:
        html = page.read_text(encoding="utf-8").replace(
            "</style>",
            f"main > *:not(section[aria-labelledby=h-{section}]){{display:none}}</style>",
            1,
        )
        page = shot.with_suffix(".html")
        page.write_text(html, encoding="utf-8")
    result = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--hide-scrollbars",
            f"--window-size={size[0]},{size[1]}",
            "--virtual-time-budget=15000",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
