"""The report over thirteen years of postings, really imported and tagged: periods without
postings hold no value in any chart or CSV, years are compared where the data allows, and the
titles say what the numbers show."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from bs4 import BeautifulSoup
from long_run_dataset import MIN_POSTINGS, NAMES, Posting, build, write_jsonl

from extract.files.tables import FileSource
from flows.pipeline import import_source, tag_new_postings
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy
from reports.page import ReportSummary, data_dir_for, write_report
from reports.periods import Period, label, start_of
from tests.browser import artifact, dump_dom, screenshot
from warehouse.db import open_warehouse
from warehouse.runs import finish_run, start_run

PERIOD_LABEL = re.compile(r"^(\d{4})(?:-(\d{2})| Q([1-4]))?$")
DAY = re.compile(r"^(\d{4})-(\d{2})-\d{2}")


@pytest.fixture(scope="module")
def postings() -> list[Posting]:
    return build()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory, postings: list[Posting]) -> Path:
    folder = tmp_path_factory.mktemp("long-run")
    path = folder / "w.duckdb"
    with closing(open_warehouse(path)) as con:
        run_id = start_run(con, "test")
        source = FileSource(write_jsonl(folder / "jobs.jsonl", postings), source="hn")
        import_source(con, source, run_id)
        counts = tag_new_postings(con, Extractor(load_taxonomy()), run_id)
        finish_run(
            con,
            run_id,
            "completed",
            taxonomy_version=counts.taxonomy_version,
            extractor_version=counts.extractor_version,
        )
    return path


@pytest.fixture(scope="module")
def con(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with closing(open_warehouse(warehouse)) as connection:
        yield connection


@pytest.fixture(scope="module")
def reports(
    con: duckdb.DuckDBPyConnection, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, ReportSummary]:
    """The report at each period, and at the one the span picks."""
    folder = tmp_path_factory.mktemp("long-run-reports")
    return {
        period: write_report(
            con, folder / f"{period}.html", min_postings=MIN_POSTINGS, period=period
        )
        for period in ("auto", "month", "quarter", "year")
    }


def _figures(path: Path) -> dict[str, Any]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return {
        str(node["data-figure"]).removeprefix("chart-"): json.loads(node.string or "")
        for node in soup.find_all("script", attrs={"type": "application/json"})
    }


def test_the_extractor_finds_what_each_posting_names(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    # The expectations below hold only if tagging found exactly the skills the texts name.
    found: dict[str, set[str]] = {}
    for source_id, skill in con.execute(
        "SELECT p.source_id, d.skill_id FROM v_posting_demand AS d JOIN postings AS p"
        " USING (posting_id) WHERE list_contains(?, d.skill_id)",
        [list(NAMES)],
    ).fetchall():
        found.setdefault(source_id, set()).add(skill)
    assert {p.posting_id: set(p.skills) for p in postings} == found


def _months_with_postings(postings: list[Posting]) -> set[date]:
    return {p.month for p in postings}


def _holds_postings(value: str, months: set[date]) -> bool:
    """Whether a period label or a day names a period that holds postings."""
    day = DAY.match(value)
    if day:
        return date(int(day[1]), int(day[2]), 1) in months
    match = PERIOD_LABEL.match(value)
    assert match, value
    year = int(match[1])
    if match[2]:
        return date(year, int(match[2]), 1) in months
    if match[3]:
        return any(m.year == year and (m.month - 1) // 3 + 1 == int(match[3]) for m in months)
    return any(m.year == year for m in months)


@pytest.mark.parametrize("period", ["month", "quarter", "year"])
def test_no_chart_or_csv_holds_a_value_for_a_period_without_postings(
    reports: dict[str, ReportSummary], postings: list[Posting], period: str
) -> None:
    months = _months_with_postings(postings)
    summary = reports[period]
    assert summary.period == period
    checked = 0
    for path in summary.data_files:
        frame = pl.read_csv(path, infer_schema_length=0)
        for column in frame.columns:
            for value in frame[column].drop_nulls().unique().to_list():
                if DAY.match(value) or (
                    column in ("period_label", "year", "early_year", "late_year")
                    and PERIOD_LABEL.match(value)
                ):
                    checked += 1
                    assert _holds_postings(value, months), f"{path.name}: {column} = {value}"
    for key, fig in _figures(summary.path).items():
        axis = fig["layout"].get("xaxis", {})
        ticks = dict(zip(axis.get("tickvals", []), axis.get("ticktext", []), strict=True))
        for trace in fig["data"]:
            xs = trace.get("x") or []
            if trace.get("type") == "heatmap":
                drawn = list(xs)
            else:
                ys = trace.get("y") or []
                drawn = [ticks.get(x, x) for x, y in zip(xs, ys, strict=True) if y is not None]
            for shown in drawn:
                if isinstance(shown, str) and (PERIOD_LABEL.match(shown) or DAY.match(shown)):
                    checked += 1
                    assert _holds_postings(shown, months), f"{key}: a value at {shown}"
    assert checked > 100, "the scan saw the periods of the charts and files"


def test_lines_never_cross_a_gap(reports: dict[str, ReportSummary]) -> None:
    for period in ("month", "quarter", "year"):
        for key, fig in _figures(reports[period].path).items():
            axis = fig["layout"].get("xaxis", {})
            if "no postings" not in axis.get("ticktext", []):
                continue
            gaps = {v for v, t in zip(axis["tickvals"], axis["ticktext"], strict=True)
                    if t == "no postings"}  # fmt: skip
            for trace in fig["data"]:
                if trace.get("mode") != "lines":
                    continue
                xs = trace["x"]
                assert not gaps & set(xs), f"{period} {key}: a line on a gap"
                assert xs == list(range(xs[0], xs[0] + len(xs))), f"{period} {key}: {xs}"


def test_the_span_of_thirteen_years_is_drawn_per_year(reports: dict[str, ReportSummary]) -> None:
    auto = reports["auto"]
    assert auto.period == "year"
    trend = _figures(auto.path)["trend-skills"]
    assert trend["layout"]["xaxis"]["ticktext"] == [
        *(str(y) for y in range(2013, 2019)),
        "no postings",
        "2026",
    ]
    page = BeautifulSoup(auto.path.read_text(encoding="utf-8"), "html.parser").get_text()
    assert "Years without postings: 2019–2025." in page
    assert "2013 (Oct 2013 and Dec 2013 only)" in page


def test_year_over_year_for_each_pair_of_consecutive_years(
    reports: dict[str, ReportSummary], postings: list[Posting]
) -> None:
    summary = reports["auto"]
    yoy = pl.read_csv(data_dir_for(summary.path) / "year-over-year.csv")
    assert sorted(set(yoy["late_year"].to_list())) == [2014, 2015, 2016, 2017, 2018]
    python = yoy.filter(pl.col("item_id") == "python").sort("late_year")
    for row in python.iter_rows(named=True):
        early = [p for p in postings if p.month.year == row["early_year"]]
        late = [p for p in postings if p.month.year == row["late_year"]]
        share = lambda ps: sum("python" in p.skills for p in ps) / len(ps)  # noqa: E731
        assert row["change_pp"] == pytest.approx(100 * (share(late) - share(early)))
    page = summary.path.read_text(encoding="utf-8")
    assert "No year-over-year value for 2026 (no postings in 2025)." in page


def _share(postings: list[Posting], skill: str, period: Period, start: date) -> float:
    ps = [p for p in postings if start_of(p.month, period) == start]
    return sum(skill in p.skills for p in ps) / len(ps)


@pytest.mark.parametrize("period", ["year", "quarter"])
def test_the_framework_race_title_says_who_overtook_whom_and_when(
    reports: dict[str, ReportSummary], postings: list[Posting], period: Period
) -> None:
    fig = _figures(reports[period].path)["framework-race"]
    last = start_of(date(2026, 3, 1), period)
    pytorch = _share(postings, "pytorch", period, last)
    tensorflow = _share(postings, "tensorflow", period, last)
    before = label(start_of(date(2018, 4, 1), period), period)
    expected = (
        f"PyTorch overtook TensorFlow between {before} and {label(last, period)}: "
        f"{100 * pytorch:.1f}% vs {100 * tensorflow:.1f}% of postings in {label(last, period)}"
    )
    assert fig["layout"]["title"]["text"] == expected
    names = [t["name"] for t in fig["data"] if t["mode"] == "markers"]
    assert {"TensorFlow", "Keras", "PyTorch", "scikit-learn"} <= set(names)


def test_long_run_change_and_emerging_skills_compare_2013_with_2026(
    reports: dict[str, ReportSummary], postings: list[Posting]
) -> None:
    folder = data_dir_for(reports["auto"].path)
    change = pl.read_csv(folder / "long-run-change.csv")
    assert set(zip(change["early_year"], change["late_year"], strict=True)) == {(2013, 2026)}
    emerging = pl.read_csv(folder / "emerging-skills.csv")
    llms = emerging.filter(pl.col("item_id") == "llms").row(0, named=True)
    assert llms["is_new"] and llms["first_year_at_threshold"] == 2026
    aws = emerging.filter(pl.col("item_id") == "aws").row(0, named=True)
    # AWS: 1 of 12 postings a month in 2013, 2 in 2014: 1% of postings from 2013 on.
    assert aws["first_year_at_threshold"] == 2013
    terms = pl.read_csv(folder / "emerging-terms.csv")
    zorblax = terms.filter(pl.col("example") == "Zorblax").row(0, named=True)
    in_2026 = [p for p in postings if p.month.year == 2026]
    assert zorblax["late_postings"] == sum(p.unknown for p in in_2026)
    assert zorblax["early_postings"] == 0


@pytest.mark.browser
def test_every_chart_is_drawn_without_console_errors_and_the_long_run_is_pictured(
    reports: dict[str, ReportSummary], tmp_path: Path
) -> None:
    summary = reports["auto"]
    dom = dump_dom(summary.path, tmp_path / "profile")
    charts = {div["id"]: div for div in dom.select("div.chart")}
    assert set(charts) == {f"chart-{key}" for key in summary.charts}
    for div in charts.values():
        assert div.select("svg.main-svg"), f"{div['id']} was not drawn"
        assert div.select_one("g.g-gtitle text").get_text(), f"{div['id']} has no title"
    long_run = {"framework-race", "rank-movement", "year-over-year", "long-run-change"}
    assert {f"chart-{key}" for key in long_run} <= set(charts)
    assert charts["chart-year-over-year"].select("g.hm, image"), "the heatmap is drawn"

    shot = artifact(tmp_path, "long-run-section.png")
    console = screenshot(
        summary.path, shot, tmp_path / "profile-shot", section="longrun", size=(1200, 4400)
    )
    assert console == [], "\n".join(console)
    assert shot.stat().st_size > 100_000, "the long-run section is drawn in the picture"
    whole = tmp_path / "page.png"
    assert screenshot(summary.path, whole, tmp_path / "profile-page") == []
