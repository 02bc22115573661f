"""The queries over periods and years against numbers recomputed in plain Python.

The dataset gets more years beside the report dataset's 2024: 2022 with a month left out
(a hole), 2023 in full, and a thin 2021, so gaps, runs, suppression and the choice of years
to compare are all exercised.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from datetime import date

import duckdb
import pytest
from report_dataset import CLUSTERS, MIN_POSTINGS, SKILLS, Posting, build_postings, load

from reports import period_queries
from reports.periods import MONTHS_IN, Period, label, start_of
from warehouse.db import open_warehouse

Z = 1.959963984540054


def wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    return centre - half, centre + half


def newcombe(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float]:
    """Newcombe (1998), method 10, for p2 - p1."""
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    d = p2 - p1
    return d - math.hypot(p2 - l2, u1 - p1), d + math.hypot(u2 - p2, p1 - l1)


def katz(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float] | tuple[None, None]:
    if k1 == 0 or k2 == 0:
        return None, None
    ratio = (k2 / n2) / (k1 / n1)
    se = math.sqrt(1 / k2 - 1 / n2 + 1 / k1 - 1 / n1)
    return ratio * math.exp(-Z * se), ratio * math.exp(Z * se)


# 2021 is too thin to compare; 2022 has no postings in February (a hole).
EXTRA = {
    2021: (2, 1),
    2022: (9, 0, 8, 10, 6, 7, 8, 6, 9, 7, 8, 9),
    2023: (7, 8, 6, 9, 10, 7, 8, 9, 6, 7, 8, 9),
}


@pytest.fixture(scope="module")
def years() -> list[Posting]:
    extra = [p for year, sizes in EXTRA.items() for p in build_postings(year=year, sizes=sizes)]
    return build_postings() + extra


@pytest.fixture(scope="module")
def con(years: list[Posting]) -> Iterator[duckdb.DuckDBPyConnection]:
    """One warehouse for the module: these tests only read."""
    connection = open_warehouse(":memory:")
    load(connection, years)
    yield connection
    connection.close()


def asks_for(item_kind: str, item_id: str) -> Callable[[Posting], bool]:
    if item_kind == "skill":
        return lambda p: item_id in p.skills
    return lambda p: any(CLUSTERS.get(s) == item_id for s in p.skills)


def grouped(postings: list[Posting], period: Period) -> dict[date, list[Posting]]:
    out: dict[date, list[Posting]] = {}
    for p in postings:
        out.setdefault(start_of(p.month, period), []).append(p)
    return dict(sorted(out.items()))


def test_the_newcombe_and_katz_macros_give_the_published_intervals(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # Newcombe (1998), Table II, method 10: 56/70 - 48/80, 9/10 - 3/10, 10/10 - 0/20.
    rows = con.execute(
        "SELECT newcombe_low(k1, n1, k2, n2), newcombe_high(k1, n1, k2, n2),"
        " katz_low(k1, n1, k2, n2), katz_high(k1, n1, k2, n2)"
        " FROM (VALUES (48, 80, 56, 70), (3, 10, 9, 10), (0, 20, 10, 10)) AS t(k1, n1, k2, n2)"
    ).fetchall()
    assert [(round(lo, 4), round(hi, 4)) for lo, hi, _, _ in rows] == [
        (0.0524, 0.3339),
        (0.1705, 0.8090),
        (0.6791, 1.0),
    ]
    assert rows[0][2:] == pytest.approx(katz(48, 80, 56, 70))
    assert rows[2][2:] == (None, None), "no ratio interval when a count is 0"


@pytest.mark.parametrize("period", ["month", "quarter", "year"])
@pytest.mark.parametrize(
    ("kind", "item"), [("skill", "llm"), ("skill", "excel"), ("cluster", "deep_learning")]
)
def test_shares_per_period_with_runs_that_stop_at_gaps(
    con: duckdb.DuckDBPyConnection, years: list[Posting], period: Period, kind: str, item: str
) -> None:
    asks = asks_for(kind, item)
    periods = grouped(years, period)
    rows = period_queries.share_by_period(
        con, item_kind=kind, item_ids=[item], period=period, min_postings=MIN_POSTINGS
    ).rows(named=True)

    assert [r["period_start"] for r in rows] == list(periods), "only periods with postings"
    starts = list(periods)
    for i, r in enumerate(rows):
        ps = periods[r["period_start"]]
        k = sum(asks(p) for p in ps)
        months = sorted({p.month for p in ps})
        assert r["period_label"] == label(r["period_start"], period)
        assert (r["first_month"], r["last_month"], r["months"]) == (
            months[0],
            months[-1],
            len(months),
        )
        assert (r["postings_with_item"], r["postings_in_period"]) == (k, len(ps))
        # The rolling window takes up to two earlier periods, none across a missing one.
        window = [r["period_start"]]
        for j in (i - 1, i - 2):
            step = MONTHS_IN[period]
            if j < 0 or _months(starts[j], window[-1]) != step:
                break
            window.append(starts[j])
        pooled = [p for s in window for p in periods[s]]
        assert (r["rolling_postings_with_item"], r["rolling_postings"]) == (
            sum(asks(p) for p in pooled),
            len(pooled),
        )
        if len(ps) < MIN_POSTINGS:
            assert r["suppressed"] and r["share"] is None and r["rolling_share"] is None
            continue
        assert r["share"] == pytest.approx(k / len(ps))
        assert (r["ci_low"], r["ci_high"]) == pytest.approx(wilson(k, len(ps)), abs=1e-12)
    runs = [r["run"] for r in rows]
    assert runs == sorted(runs) and len(set(runs)) == 1 + sum(
        _months(a, b) != MONTHS_IN[period] for a, b in itertools.pairwise(starts)
    )


def _months(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def test_a_month_without_postings_ends_a_run(
    con: duckdb.DuckDBPyConnection, years: list[Posting]
) -> None:
    rows = period_queries.share_by_period(
        con, item_kind="skill", item_ids=["python"], period="month", min_postings=1
    ).rows(named=True)
    by_month = {r["period_start"]: r for r in rows}
    assert date(2022, 2, 1) not in by_month
    march = by_month[date(2022, 3, 1)]
    assert march["run"] == by_month[date(2022, 1, 1)]["run"] + 1
    assert march["rolling_postings"] == march["postings_in_period"], "nothing pooled across it"


def test_ai_ml_share_per_quarter(con: duckdb.DuckDBPyConnection, years: list[Posting]) -> None:
    rows = period_queries.ai_ml_share_by_period(
        con, period="quarter", min_postings=MIN_POSTINGS
    ).rows(named=True)
    periods = grouped(years, "quarter")
    assert [r["period_start"] for r in rows] == list(periods)
    for r in rows:
        ps = periods[r["period_start"]]
        k = sum(p.is_ai_ml_role for p in ps)
        assert (r["postings"], r["ai_ml_role_postings"]) == (len(ps), k)
        if len(ps) < MIN_POSTINGS:
            assert r["suppressed"] and r["share"] is None
            continue
        assert r["share"] == pytest.approx(k / len(ps))
        assert (r["ci_low"], r["ci_high"]) == pytest.approx(wilson(k, len(ps)), abs=1e-12)


def _expected_change(
    early: list[Posting], late: list[Posting], asks: Callable[[Posting], bool]
) -> dict[str, object]:
    k1, n1 = sum(asks(p) for p in early), len(early)
    k2, n2 = sum(asks(p) for p in late), len(late)
    low, high = newcombe(k1, n1, k2, n2)
    ratio_low, ratio_high = katz(k1, n1, k2, n2)
    return {
        "early_postings": k1,
        "early_total": n1,
        "late_postings": k2,
        "late_total": n2,
        "change_pp": 100 * (k2 / n2 - k1 / n1),
        "change_low_pp": 100 * low,
        "change_high_pp": 100 * high,
        "ratio": (k2 / n2) / (k1 / n1) if k1 else None,
        "ratio_low": ratio_low,
        "ratio_high": ratio_high,
        "is_new": k1 == 0,
    }


def _assert_matches(row: dict[str, object], expected: dict[str, object]) -> None:
    for column, value in expected.items():
        if value is None or isinstance(value, bool):
            assert row[column] is value, column
        else:
            assert row[column] == pytest.approx(value), column


def test_year_over_year_compares_consecutive_years_with_enough_postings(
    con: duckdb.DuckDBPyConnection, years: list[Posting]
) -> None:
    per_year = grouped(years, "year")
    ids = list(SKILLS)
    yoy = period_queries.skill_growth_yoy(con, skill_ids=ids, min_postings=40).rows(named=True)

    # 2021 has 3 postings: neither 2021 -> 2022 nor anything else with it is compared.
    assert {(r["early_year"], r["late_year"]) for r in yoy} == {(2022, 2023), (2023, 2024)}
    assert {r["item_id"] for r in yoy} == {s for s in ids if any(s in p.skills for p in years)}
    for r in yoy:
        early = per_year[date(r["early_year"], 1, 1)]
        late = per_year[date(r["late_year"], 1, 1)]
        _assert_matches(r, _expected_change(early, late, asks_for("skill", r["item_id"])))


def test_long_run_change_is_between_the_first_and_last_years_with_enough_postings(
    con: duckdb.DuckDBPyConnection, years: list[Posting]
) -> None:
    per_year = grouped(years, "year")
    rows = period_queries.skill_change_long_run(
        con, cluster_ids=sorted(set(CLUSTERS.values())), skill_ids=["llm"], min_postings=40
    ).rows(named=True)

    assert {(r["early_year"], r["late_year"]) for r in rows} == {(2022, 2024)}
    assert {(r["item_kind"], r["item_id"]) for r in rows} == {
        *(("cluster", c) for c in set(CLUSTERS.values())),
        ("skill", "llm"),
    }
    assert [r["change_pp"] for r in rows] == sorted((r["change_pp"] for r in rows), reverse=True)
    for r in rows:
        _assert_matches(
            r,
            _expected_change(
                per_year[date(2022, 1, 1)],
                per_year[date(2024, 1, 1)],
                asks_for(r["item_kind"], r["item_id"]),
            ),
        )
    # LLMs appear only from April of each year: never "new" between two full years.
    assert all(r["is_new"] is False for r in rows)


def test_one_year_of_postings_has_nothing_to_compare(con: duckdb.DuckDBPyConnection) -> None:
    # Only 2023 has 90 postings or more.
    for ask in (period_queries.skill_growth_yoy, period_queries.skill_change_long_run):
        assert ask(con, skill_ids=list(SKILLS), min_postings=90).is_empty()
    assert period_queries.emerging_terms_yearly(con, min_postings=90).is_empty()
    assert period_queries.emerging_skills_yearly(con, min_postings=90, min_base=1).is_empty()


def test_ranks_and_the_first_year_a_skill_reached_the_threshold(
    con: duckdb.DuckDBPyConnection, years: list[Posting]
) -> None:
    per_year = grouped(years, "year")
    ranks = period_queries.skill_ranks(con, period="year", min_postings=40)
    for (start,), rows in ranks.group_by(["period_start"]):
        ps = per_year[start]
        counts = {s: sum(s in p.skills for p in ps) for s in SKILLS}
        for r in rows.iter_rows(named=True):
            assert r["rank"] == 1 + sum(n > counts[r["item_id"]] for n in counts.values())
    assert set(ranks["period_start"].to_list()) == {date(y, 1, 1) for y in (2022, 2023, 2024)}

    emerging = period_queries.emerging_skills_yearly(
        con, min_postings=40, min_base=1, threshold=0.3, limit=50
    )
    for r in emerging.iter_rows(named=True):
        reached = [
            y
            for y in (2022, 2023, 2024)
            if sum(r["item_id"] in p.skills for p in per_year[date(y, 1, 1)])
            / len(per_year[date(y, 1, 1)])
            >= 0.3
        ]
        assert r["first_year_at_threshold"] == (reached[0] if reached else None)
    assert emerging["change_pp"].to_list() == sorted(emerging["change_pp"].to_list(), reverse=True)


def test_indeed_per_period_covers_only_the_months_given(con: duckdb.DuckDBPyConnection) -> None:
    months = [date(2019, 1, 1), date(2019, 3, 1)]
    rows = period_queries.indeed_by_period(
        con, countries=["US"], months=months, period="quarter"
    ).rows(named=True)
    assert [(r["period_label"], r["days"]) for r in rows] == [("2019 Q1", 31 + 31)]
    assert 0 < rows[0]["share"] < 0.1
