"""The report in a real headless Chromium: every chart is drawn, hostile text stays text."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from report_dataset import HOSTILE_COMPANY, HOSTILE_CURRICULUM, HOSTILE_TITLE, MIN_POSTINGS

from reports import queries
from reports.page import write_report
from tests.browser import dump_dom, screenshot


@pytest.mark.browser
def test_charts_are_drawn_and_markup_stays_text(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    summary = write_report(con, out, min_postings=MIN_POSTINGS)
    n_growth = len(queries.skill_growth(con, min_postings=MIN_POSTINGS))

    dom = dump_dom(out, tmp_path / "profile")

    charts = {div["id"]: div for div in dom.select("div.chart")}
    assert set(charts) == {f"chart-{key}" for key in summary.charts}
    for div in charts.values():
        assert div.select("svg.main-svg"), f"{div['id']} was not drawn"
        assert div.select_one("g.g-gtitle text").get_text(), f"{div['id']} has no title"
    # Two traces per skill (monthly markers, rolling line); every line is drawn.
    trend = charts["chart-trend-skills"]
    assert len(trend.select("g.trace.scatter")) == 2 * len(summary.top_skills)
    assert len(trend.select("g.errorbar")) > 0, "Wilson intervals are drawn"
    bars = charts["chart-growth"].select("g.trace.bars g.point path")
    assert len(bars) == n_growth
    assert charts["chart-cooccurrence"].select("g.hm, image"), "the heatmap is drawn"
    assert charts["chart-skill-gap"].select("g.trace.bars g.point path")
    assert charts["chart-core-gap"].select("g.trace.scatter g.points path"), "core-gap marks"
    assert charts["chart-core-gap"].select("g.errorbar"), "demand intervals are drawn"
    assert charts["chart-programme-core-matrix"].select("g.hm, image"), "the matrix is drawn"
    fit_ticks = [t.get_text() for t in charts["chart-programme-fit"].select("g.ytick text")]
    assert any(HOSTILE_CURRICULUM in tick for tick in fit_ticks)
    # Plotly decodes the escaped names back to text: "C++ <i>templates</i> & co" reads as written.
    legend = [t.get_text() for t in trend.select("g.legend text.legendtext")]
    assert legend == list(summary.top_skills)
    ticks = [t.get_text() for t in charts["chart-breakdown-company"].select("g.ytick text")]
    assert HOSTILE_COMPANY in ticks

    assert dom.find("img") is None
    cells = [td.get_text() for td in dom.find_all("td")]
    assert HOSTILE_COMPANY in cells
    assert HOSTILE_TITLE in cells
    assert HOSTILE_CURRICULUM in cells


@pytest.mark.browser
def test_page_logs_nothing_to_the_console_and_renders_a_screenshot(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    write_report(con, out, min_postings=MIN_POSTINGS)
    shot = tmp_path / "report.png"
    console = screenshot(out, shot, tmp_path / "profile")
    assert console == [], "\n".join(console)
    assert shot.stat().st_size > 50_000, "the screenshot shows a drawn page"
