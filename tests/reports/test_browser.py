"""The report in a real headless Chromium: every chart is drawn, hostile text stays text."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from report_dataset import HOSTILE_COMPANY, HOSTILE_TITLE, MIN_POSTINGS

from reports import queries
from reports.page import write_report
from tests.browser import dump_dom


@pytest.mark.browser
def test_charts_are_drawn_and_markup_stays_text(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    summary = write_report(con, out, min_postings=MIN_POSTINGS)
    n_growth = len(queries.skill_growth(con, min_postings=MIN_POSTINGS))

    dom = dump_dom(out, tmp_path / "profile")

    charts = {div["id"]: div for div in dom.select("div.chart")}
    assert set(charts) == {"chart-trend", "chart-growth"}
    for div in charts.values():
        assert div.select("svg.main-svg"), f"{div['id']} was not drawn"
    trend_lines = charts["chart-trend"].select("g.trace.scatter")
    assert len(trend_lines) == len(summary.top_skills)
    assert all(g.select("path.js-line") for g in trend_lines)
    bars = charts["chart-growth"].select("g.trace.bars g.point path")
    assert len(bars) == n_growth
    # Plotly decodes the escaped names back to text: "C++ <i>templates</i> & co" reads as written.
    legend = [t.get_text() for t in charts["chart-trend"].select("g.legend text.legendtext")]
    assert legend == list(summary.top_skills)

    assert dom.find("img") is None
    cells = [td.get_text() for td in dom.find_all("td")]
    assert HOSTILE_COMPANY in cells
    assert HOSTILE_TITLE in cells
