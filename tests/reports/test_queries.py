"""The named queries against numbers recomputed in plain Python from the dataset's truth."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date

import duckdb
import pytest
from report_dataset import (
    CLUSTERS,
    CURRICULA,
    HOSTILE_COMPANY,
    MIN_POSTINGS,
    SKILLS,
    Posting,
)

from reports import period_queries, queries
from reports.queries import Filters

Z = 1.959963984540054


def wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    return centre - half, centre + half


def by_month(postings: list[Posting]) -> dict[date, list[Posting]]:
    grouped: dict[date, list[Posting]] = {}
    for p in postings:
        grouped.setdefault(p.month, []).append(p)
    return dict(sorted(grouped.items()))


def months_back(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


def test_headline_counts_current_versions_only(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    row = queries.headline(con).row(0, named=True)
    # Two mentions of each posting's first skill, one of the others, and a not-required C++.
    mentions = sum(
        len(p.skills) + (1 if p.skills else 0) + ("cpp" not in p.skills) for p in postings
    )
    assert row["postings"] == len(postings)
    assert row["sightings"] == sum(p.sightings for p in postings)
    assert row["first_month"] == min(p.month for p in postings)
    assert row["last_month"] == max(p.month for p in postings)
    assert row["sources"] == sorted({p.source for p in postings})
    assert row["mentions"] == mentions
    assert row["ai_ml_skill_postings"] == sum(any(SKILLS[s][2] for s in p.skills) for p in postings)
    assert row["ai_ml_role_postings"] == sum(p.is_ai_ml_role for p in postings)
    assert (row["taxonomy_version"], row["extractor_version"]) == ("t1", "e1")


@pytest.mark.parametrize(
    "filters",
    [
        pytest.param(Filters(since=date(2024, 3, 20), until=date(2024, 5, 1)), id="months"),
        pytest.param(Filters(countries=("US", "GB")), id="countries"),
        pytest.param(Filters(sources=("other",)), id="source"),
        pytest.param(Filters(title_pattern="^data "), id="title"),
    ],
)
def test_filters_select_the_postings(
    con: duckdb.DuckDBPyConnection, postings: list[Posting], filters: Filters
) -> None:
    def keep(p: Posting) -> bool:
        return (
            (filters.since is None or p.month >= filters.since.replace(day=1))
            and (filters.until is None or p.month <= filters.until)
            and (not filters.countries or p.country in filters.countries)
            and (not filters.sources or p.source in filters.sources)
            and (not filters.title_pattern or (p.title or "").lower().startswith("data "))
        )

    kept = [p for p in postings if keep(p)]
    assert 0 < len(kept) < len(postings)
    row = queries.headline(con, filters).row(0, named=True)
    assert row["postings"] == len(kept)
    assert row["ai_ml_role_postings"] == sum(p.is_ai_ml_role for p in kept)


def test_top_skills_overall_and_within_ai_ml(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    counts = Counter(s for p in postings for s in p.skills)
    ai_ml = [p for p in postings if p.is_ai_ml_role]
    within = Counter(s for p in ai_ml for s in p.skills)
    expected = sorted(counts, key=lambda s: (-counts[s], SKILLS[s][0]))[:4]

    top = queries.skill_demand(con, top_n=4)
    top_ai_ml = queries.skill_demand(con, top_n=3, within="ai_ml")

    assert top["skill_id"].to_list() == expected
    for row in top.iter_rows(named=True):
        skill = row["skill_id"]
        assert row["skill"] == SKILLS[skill][0]
        assert row["postings"] == counts[skill]
        assert row["share"] == pytest.approx(counts[skill] / len(postings))
        assert row["share_within_ai_ml"] == pytest.approx(within[skill] / len(ai_ml))
    assert (
        top_ai_ml["skill_id"].to_list()
        == sorted(within, key=lambda s: (-within[s], SKILLS[s][0]))[:3]
    )
    # C++ is mentioned in nearly every posting, but only once asked for.
    assert counts["cpp"] == sum("cpp" in p.skills for p in postings)


def test_growth_compares_first_and_last_two_reported_months(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    months = by_month(postings)
    reported = [m for m, ps in months.items() if len(ps) >= MIN_POSTINGS]
    early = [p for m in reported[:2] for p in months[m]]
    late = [p for m in reported[-2:] for p in months[m]]
    min_base = 5
    expected = {}
    for skill in SKILLS:
        n_early = sum(skill in p.skills for p in early)
        n_late = sum(skill in p.skills for p in late)
        if n_late >= min_base:
            e, lt = n_early / len(early), n_late / len(late)
            growth = 100 * (lt / e - 1) if n_early else None
            expected[skill] = (100 * (lt - e), n_early == 0, growth)

    growth = queries.skill_growth(con, min_postings=MIN_POSTINGS, min_base=min_base, limit=50)

    got = {
        r["skill_id"]: (r["change_pp"], r["is_new"], r["growth_pct"])
        for r in growth.iter_rows(named=True)
    }
    assert got.keys() == expected.keys()
    for skill, (change, is_new, pct) in expected.items():
        assert got[skill][0] == pytest.approx(change)
        assert got[skill][1] is is_new
        assert got[skill][2] == (None if pct is None else pytest.approx(pct))
    assert growth["change_pp"].to_list() == sorted(growth["change_pp"].to_list(), reverse=True)
    # LLMs only appear from April: flagged new, with no growth rate rather than an infinite one.
    assert got["llm"][1] is True and got["llm"][2] is None
    assert "excel" not in got, "Excel shrinks below the minimum base"


@pytest.mark.parametrize(
    ("min_postings", "has_rows"),
    [pytest.param(8, True, id="four-months"), pytest.param(9, False, id="three-months")],
)
def test_growth_needs_two_windows_that_do_not_overlap(
    con: duckdb.DuckDBPyConnection, min_postings: int, has_rows: bool
) -> None:
    growth = queries.skill_growth(con, min_postings=min_postings, min_base=1)
    assert (not growth.is_empty()) is has_rows


def test_skill_gap_ranks_unmet_demand(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    ai_ml = [p for p in postings if p.is_ai_ml_role]
    demand = Counter(s for p in ai_ml for s in p.skills)
    expected = {}
    for skill, n in demand.items():
        d = n / len(ai_ml)
        coverage = sum(skill in c for c in CURRICULA.values()) / len(CURRICULA)
        expected[skill] = (d, coverage, d * (1 - min(1, coverage / d)))

    gap = queries.skill_gap(con, min_base=1)

    got = {r["skill_id"]: r for r in gap.iter_rows(named=True)}
    assert got.keys() == expected.keys()
    for skill, (d, coverage, score) in expected.items():
        assert got[skill]["demand_share"] == pytest.approx(d)
        assert got[skill]["coverage"] == pytest.approx(coverage)
        assert got[skill]["gap_score"] == pytest.approx(score)
    scores = gap["gap_score"].to_list()
    assert scores == sorted(scores, reverse=True)
    # LLMs: asked for, and the stale run's claim that every programme teaches them is ignored.
    assert gap["skill_id"][0] == "llm"
    assert got["llm"]["curricula_covering"] == 0


def test_breakdown_by_role_family_and_country(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    for dimension, key in (
        ("role_family", lambda p: p.role_family),
        ("country", lambda p: p.country or "unknown"),
        ("source", lambda p: p.source),
    ):
        counts = Counter(key(p) for p in postings)
        ai_ml = Counter(key(p) for p in postings if p.is_ai_ml_role)
        rows = queries.breakdown(con, dimension=dimension, limit=50).rows(named=True)
        assert {r["value"]: r["postings"] for r in rows} == dict(counts)
        for r in rows:
            assert r["ai_ml_role_postings"] == ai_ml[r["value"]]
            assert (r["ci_low"], r["ci_high"]) == pytest.approx(
                wilson(ai_ml[r["value"]], r["postings"])
            )


def test_cooccurrence_counts_pairs_in_ai_ml_postings(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    ai_ml = [p for p in postings if p.is_ai_ml_role]
    pairs = queries.cooccurrence(con, skill_ids=list(SKILLS))
    got = {(r["skill_a"], r["skill_b"]): r["postings_both"] for r in pairs.iter_rows(named=True)}
    expected = Counter((a, b) for p in ai_ml for a in p.skills for b in p.skills if a != b)
    assert got == dict(expected)
    assert set(pairs["ai_ml_postings"].to_list()) == {len(ai_ml)}


def test_top_companies_counts_distinct_postings(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    counts = Counter(p.company for p in postings)
    top = queries.top_companies(con, limit=2)
    assert top.select("company", "postings").rows() == counts.most_common(2)
    assert top["company"][0] == HOSTILE_COMPANY


def test_views_give_the_unfiltered_numbers(con: duckdb.DuckDBPyConnection) -> None:
    view = con.sql(
        "SELECT * FROM v_skill_share_yearly WHERE item_kind = 'skill' AND item_id = 'llm'"
        " ORDER BY period_start"
    ).pl()
    report = period_queries.share_by_period(
        con, item_kind="skill", item_ids=["llm"], period="year", min_postings=30
    )
    assert view.equals(report)
    # The monthly views keep their own column names over the same numbers.
    monthly = con.sql(
        "SELECT * FROM v_skill_share_monthly WHERE item_kind = 'skill' AND item_id = 'llm'"
        " ORDER BY month"
    ).pl()
    by_month = period_queries.share_by_period(
        con, item_kind="skill", item_ids=["llm"], period="month", min_postings=30
    )
    assert monthly["month"].to_list() == by_month["period_start"].to_list()
    assert monthly["postings_in_month"].to_list() == by_month["postings_in_period"].to_list()
    assert monthly["rolling_postings"].to_list() == by_month["rolling_postings"].to_list()
    ai_ml = con.sql("SELECT * FROM v_ai_ml_share_monthly ORDER BY month").pl()
    ai_ml_by_month = period_queries.ai_ml_share_by_period(con, period="month", min_postings=30)
    assert ai_ml["postings"].to_list() == ai_ml_by_month["postings"].to_list()
    assert ai_ml["month"].to_list() == ai_ml_by_month["period_start"].to_list()
    gap = con.sql("SELECT * FROM v_skill_gap ORDER BY gap_score DESC, skill_id").pl()
    assert gap["skill_id"][0] == queries.skill_gap(con, min_base=1)["skill_id"][0]


def test_indeed_reference_is_shipped_and_read_monthly(con: duckdb.DuckDBPyConnection) -> None:
    coverage = queries.indeed_coverage(con).row(0, named=True)
    assert "US" in coverage["countries"]
    rows = period_queries.indeed_by_period(
        con, countries=["US"], months=[date(2019, 1, 1)], period="month"
    ).row(0, named=True)
    assert rows["days"] == 31
    assert 0 < rows["share"] < 0.1


def test_queries_on_an_empty_warehouse(empty_con: duckdb.DuckDBPyConnection) -> None:
    row = queries.headline(empty_con).row(0, named=True)
    assert (row["postings"], row["sightings"], row["mentions"]) == (0, 0, 0)
    assert row["taxonomy_version"] is None
    assert queries.skill_demand(empty_con, top_n=5).is_empty()
    assert queries.skill_growth(empty_con, min_postings=1).is_empty()
    assert queries.skill_gap(empty_con).is_empty()


def test_queries_read_the_same_from_the_shared_views_computed_once(
    con: duckdb.DuckDBPyConnection,
) -> None:
    filters = Filters(countries=("US",))
    share = {
        "item_kind": "cluster",
        "item_ids": sorted(set(CLUSTERS.values())),
        "min_postings": MIN_POSTINGS,
    }
    asks = {
        "share": lambda: period_queries.share_by_period(
            con, **share, period="quarter", filters=filters
        ),
        "demand": lambda: queries.skill_demand(con, top_n=5, filters=filters),
        "gap": lambda: queries.skill_gap(con, min_base=1, filters=filters),
        "headline": lambda: queries.headline(con, filters),
    }
    live = {name: ask() for name, ask in asks.items()}
    assert {name: live[name].height > 0 for name in asks} == dict.fromkeys(asks, True)
    with queries.shared_views_computed_once(con):
        assert con.execute("SELECT count(*) FROM temp.v_posting_facts").fetchall()[0][0] > 0
        once = {name: ask() for name, ask in asks.items()}
    assert all(once[name].equals(live[name]) for name in asks)
    # Afterwards the views are live again: nothing of the snapshot is left behind.
    assert con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name LIKE 'v_%'"
    ).fetchall() == [(0,)]
