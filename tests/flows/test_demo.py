"""`skillgap run` end to end in a subprocess, as `make demo` runs it: its own temporary
Prefect server, the bundled postings, a report that a browser can open.

The whole bundled set (some 27,000 postings) takes minutes to tag, so the run reads a slice
of it, named in ``SKILLGAP_INPUTS`` exactly as the default inputs are: three bundled months
of 2013-2018 and the 2026 sightings. `make demo` itself is timed by hand (see the README)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from bs4 import BeautifulSoup

from flows.settings import bundled_inputs
from tests.browser import dump_dom

BIN = Path(sys.executable).parent
SLICE = ("2013-12", "2015-01", "2016-01")  # the smallest month of each of three years


def sliced_inputs(folder: Path) -> str:
    """The default inputs as JSON, with the 2013-2018 months cut to ``SLICE``."""
    inputs = []
    for spec in bundled_inputs():
        if spec.kind == "hn_months":
            assert spec.path is not None
            folder.mkdir()
            for month in SLICE:
                shutil.copy(spec.path / f"{month}.json.xz", folder)
            spec = spec.model_copy(update={"path": folder})
        inputs.append(spec.model_dump(mode="json"))
    return json.dumps(inputs)


@pytest.mark.long
@pytest.mark.browser
def test_skillgap_run_in_an_empty_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / ".prefect")
    env["SKILLGAP_INPUTS"] = sliced_inputs(tmp_path / "months")
    proc = subprocess.run(
        [str(BIN / "skillgap"), "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # every log reached the run's temporary server before it stopped (none left to retry)
    assert "Error logging to API" not in proc.stdout + proc.stderr
    report = tmp_path / "report.html"
    database = tmp_path / "skillgap.duckdb"
    assert str(report) in proc.stdout.replace("\n", "")
    assert report.stat().st_size > 1_000_000  # plotly.js is inlined
    page = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    external = [
        t for t in page.find_all(["script", "link", "img"]) if t.get("src") or t.get("href")
    ]
    assert external == []  # everything is inline, so the page opens offline
    with duckdb.connect(str(database), read_only=True) as con:
        postings, mentions = con.execute(
            "SELECT (SELECT count(*) FROM postings), (SELECT count(*) FROM v_skill_mentions)"
        ).fetchall()[0]
        months = con.execute(
            "SELECT DISTINCT strftime(month, '%Y-%m') FROM v_postings ORDER BY 1"
        ).fetchall()
    assert postings > 1000 and mentions > postings
    assert [m for (m,) in months] == [*SLICE, "2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]
    with duckdb.connect(str(database), read_only=True) as con:
        programmes = con.execute(
            "SELECT count(*), count(DISTINCT c.kind), count(c.licence), count(t.curriculum_id),"
            " (SELECT count(DISTINCT curriculum_id) FROM curriculum_lessons)"
            " FROM curricula AS c LEFT JOIN v_curricula AS t USING (curriculum_id)"
        ).fetchall()[0]
    assert programmes == (60, 5, 60, 60, 60), "60 programmes with kind and licence, all tagged"

    dom = dump_dom(report, tmp_path / "profile")
    charts = dom.select("div.chart")
    assert len(charts) == len(page.select("div.chart")) >= 10
    for chart in charts:
        assert chart.select("svg.main-svg"), f"{chart.get('id')} was not drawn"
        # lines, bars and markers are traces; a heatmap is drawn as an image
        assert chart.select("g.trace, g.hm, image"), f"{chart.get('id')} has nothing plotted"
