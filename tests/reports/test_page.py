"""The written page: what it says, the figure data it carries, and that data stays text."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import plotly.offline
import polars as pl
import pytest
from bs4 import BeautifulSoup
from report_dataset import (
    HOSTILE_COMPANY,
    HOSTILE_CURRICULUM,
    HOSTILE_TITLE,
    MIN_POSTINGS,
    SKILLS,
    Posting,
    load,
)

from extract.errors import InputError, ReportError
from reports import period_queries, queries
from reports.figures import OKABE_ITO
from reports.page import write_report
from reports.queries import Filters


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _figures(soup: BeautifulSoup) -> dict[str, Any]:
    return {
        str(node["data-figure"]): json.loads(node.string or "")
        for node in soup.find_all("script", attrs={"type": "application/json"})
    }


def test_summary_matches_the_queries(
    con: duckdb.DuckDBPyConnection, postings: list[Posting], tmp_path: Path
) -> None:
    summary = write_report(con, tmp_path / "r.html", top_n=3, min_postings=MIN_POSTINGS)

    assert summary.path == tmp_path / "r.html"
    assert summary.postings == len(postings)
    assert summary.sightings == sum(p.sightings for p in postings)
    assert summary.months == (min(p.month for p in postings), max(p.month for p in postings))
    assert summary.top_skills == tuple(queries.skill_demand(con, top_n=3)["skill"].to_list())
    ai_ml = sum(any(SKILLS[s][2] for s in p.skills) for p in postings)
    assert summary.ai_ml_share == pytest.approx(ai_ml / len(postings))


def test_every_chart_has_a_takeaway_title_units_and_its_data_as_csv(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    summary = write_report(con, tmp_path / "r.html", top_n=3, min_postings=MIN_POSTINGS)
    figs = _figures(_soup(tmp_path / "r.html"))

    assert set(figs) == {f"chart-{key}" for key in summary.charts}
    assert {"chart-trend-skills", "chart-ai-ml-share", "chart-skill-gap"} <= set(figs)
    for key, fig in figs.items():
        layout = fig["layout"]
        assert len(layout["title"]["text"]) > 20, key
        assert layout["xaxis"]["title"]["text"] and layout["yaxis"]["title"]["text"], key
    for key in summary.charts:
        assert (tmp_path / "r_data" / f"{key}.csv").is_file()
    gap_csv = pl.read_csv(tmp_path / "r_data" / "skill-gap.csv")
    unmet = queries.skill_gap(con, min_base=10).filter(pl.col("gap_score") > 0)
    assert gap_csv["skill_id"].to_list() == unmet["skill_id"].to_list()[:15]


def test_trend_figure_carries_the_shares_per_period(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    summary = write_report(con, tmp_path / "r.html", top_n=3, min_postings=MIN_POSTINGS)
    soup = _soup(tmp_path / "r.html")
    trend = _figures(soup)["chart-trend-skills"]
    top = queries.skill_demand(con, top_n=3)
    shares = period_queries.share_by_period(
        con,
        item_kind="skill",
        item_ids=top["skill_id"].to_list(),
        period="month",
        min_postings=MIN_POSTINGS,
    )
    markers = [t for t in trend["data"] if t["mode"] == "markers"]
    axis = trend["layout"]["xaxis"]
    ticks = dict(zip(axis["tickvals"], axis["ticktext"], strict=True))

    assert summary.period == "month", "seven months are drawn per month"
    assert [t["name"] for t in markers] == top["skill"].to_list()
    for trace, skill_id in zip(markers, top["skill_id"].to_list(), strict=True):
        rows = shares.filter((shares["item_id"] == skill_id) & ~shares["suppressed"])
        assert [ticks[x] for x in trace["x"]] == rows["period_label"].to_list()
        assert trace["y"] == pytest.approx([100 * s for s in rows["share"].to_list()])
        assert [c[2] for c in trace["customdata"]] == rows["postings_in_period"].to_list()
        upper = [100 * (h - s) for h, s in zip(rows["ci_high"], rows["share"], strict=True)]
        assert trace["error_y"]["array"] == pytest.approx(upper)
        assert trace["marker"]["color"] in OKABE_ITO
        assert "customdata[2]" in trace["hovertemplate"]
    layout = trend["layout"]
    assert layout["yaxis"]["title"]["text"].endswith("(%)")
    assert "2024-07 (2)" in soup.get_text(), "the thin month is named as left out"


def test_growth_figure_flags_new_skills(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    write_report(con, tmp_path / "r.html", min_postings=MIN_POSTINGS)
    soup = _soup(tmp_path / "r.html")
    bars = _figures(soup)["chart-growth"]
    trace = bars["data"][0]
    labels = dict(zip(trace["y"], trace["x"], strict=True))

    assert "Large language models (new)" in labels
    assert labels["Large language models (new)"] > labels["PyTorch"] > 0
    assert bars["layout"]["xaxis"]["title"]["text"].endswith("(percentage points)")
    assert "year-over-year and long-run change need postings in at least two years" in (
        soup.get_text()
    )


def test_filters_are_stated_on_the_page(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    filters = Filters(
        since=date(2024, 2, 1), countries=("US",), title_pattern="engineer", clusters=("x",)
    )
    summary = write_report(con, tmp_path / "r.html", min_postings=1, filters=filters)
    stated = _soup(tmp_path / "r.html").select_one("p.filters")
    assert stated is not None
    assert "from Feb 2024" in stated.get_text()
    assert "country US" in stated.get_text()
    assert "'engineer'" in stated.get_text()
    assert summary.postings == queries.headline(con, filters)["postings"][0]


def test_a_bad_title_pattern_is_an_input_error(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="not a valid regular expression"):
        write_report(con, tmp_path / "r.html", filters=Filters(title_pattern="(unclosed"))


def test_company_and_title_markup_stays_text(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    write_report(con, out, min_postings=MIN_POSTINGS)
    soup = _soup(out)
    plotly_js = plotly.offline.get_plotlyjs()

    assert soup.find("img") is None
    scripts = soup.find_all("script")
    # Hostile names may sit in the inert figure JSON, but never as markup that could run.
    assert all("<script>alert" not in (s.string or "") for s in scripts)
    assert all("<img" not in (s.string or "") for s in scripts)
    # The library once, the drawing code, and one inert JSON block per chart: nothing else.
    assert sum((s.string or "") == plotly_js for s in scripts) == 1
    assert len(scripts) == 2 + len(_figures(soup))
    cells = [td.get_text() for td in soup.find_all("td")]
    assert HOSTILE_COMPANY in cells
    assert HOSTILE_TITLE in cells
    assert HOSTILE_CURRICULUM in cells
    assert "C++ <i>templates</i> & co" in cells


def test_page_refers_to_nothing_outside_itself(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    write_report(con, tmp_path / "r.html", min_postings=MIN_POSTINGS)
    soup = _soup(tmp_path / "r.html")
    assert soup.find_all(["link", "iframe", "img", "object", "embed"]) == []
    assert [s for s in soup.find_all("script") if s.has_attr("src")] == []


@pytest.mark.parametrize(
    ("with_postings", "reason"),
    [
        pytest.param(False, "no postings yet", id="empty"),
        pytest.param(True, "No tagging run has completed", id="no-completed-run"),
    ],
)
def test_nothing_to_report_yet(
    empty_con: duckdb.DuckDBPyConnection,
    postings: list[Posting],
    tmp_path: Path,
    with_postings: bool,
    reason: str,
) -> None:
    if with_postings:
        load(empty_con, postings)
        empty_con.execute("UPDATE runs SET status = 'failed'")
    out = tmp_path / "sub" / "r.html"

    summary = write_report(empty_con, out)

    page = _soup(out).get_text()
    assert "Nothing to report yet" in page
    assert reason in page
    assert summary.top_skills == ()
    assert summary.mentions == 0
    assert summary.postings == (len(postings) if with_postings else 0)


def test_all_months_too_thin_still_writes_a_page(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    summary = write_report(con, tmp_path / "r.html", min_postings=1000)
    soup = _soup(tmp_path / "r.html")
    assert "no trend to draw yet" in soup.get_text()
    assert "Not enough data to compare yet" in soup.get_text()
    assert "chart-trend-skills" not in _figures(soup)
    assert summary.top_skills


def test_a_report_the_disk_cannot_hold_keeps_the_previous_one_whole(
    con: duckdb.DuckDBPyConnection, small_disk: Callable[[str], Path]
) -> None:
    disk = small_disk("8m")
    out = disk / "r.html"
    # The previous report: a short page (no posting passes its filter), no chart data.
    write_report(con, out, filters=Filters(since=date(2100, 1, 1)))
    before = {p.relative_to(disk): p.read_bytes() for p in disk.rglob("*") if p.is_file()}
    assert "No postings pass the filters" in before[Path("r.html")].decode()
    # Leave far less room than the full page (plotly.js alone is about 4.6 MB) needs.
    (disk / "filler").write_bytes(bytes(shutil.disk_usage(disk).free - 1024 * 1024))

    with pytest.raises(ReportError, match=r"r\.html.*No space left on device"):
        write_report(con, out, top_n=3, min_postings=MIN_POSTINGS)

    (disk / "filler").unlink()
    after = {p.relative_to(disk): p.read_bytes() for p in disk.rglob("*") if p.is_file()}
    assert after == before  # the old page whole; no new chart data, no temporary file


def test_chart_csvs_neutralise_cells_a_spreadsheet_would_run_as_formulas(
    empty_con: duckdb.DuckDBPyConnection, postings: list[Posting], tmp_path: Path
) -> None:
    hostile = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]
    changed = [
        replace(p, company=hostile[i % len(hostile)]) if i % 3 == 0 else p
        for i, p in enumerate(postings)
    ]
    load(empty_con, changed)
    summary = write_report(empty_con, tmp_path / "r.html", min_postings=MIN_POSTINGS)
    cells = [
        cell
        for path in summary.data_files
        if path.suffix == ".csv"
        for row in csv.reader(path.read_text(encoding="utf-8").splitlines())
        for cell in row
    ]
    companies = [c for c in cells if c.lstrip("'") in hostile]
    assert {c.lstrip("'") for c in companies} == set(hostile)  # the names are all there ...
    assert all(c.startswith("'") for c in companies)  # ... none of them as a formula
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    # Only text is escaped: a cell starting with "-" is a (negative) number.
    for cell in cells:
        if cell.startswith("-"):
            float(cell)
