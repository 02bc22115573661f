"""The named queries against numbers recomputed in plain Python from the dataset's truth."""

from __future__ import annotations

from collections import Counter
from datetime import date

import duckdb
import pytest
from report_dataset import HOSTILE_COMPANY, MIN_POSTINGS, SKILLS, Posting

from reports import queries


def _ai_ml(p: Posting) -> bool:
    return any(SKILLS[s][2] for s in p.skills)


def _by_month(postings: list[Posting]) -> dict[date, list[Posting]]:
    grouped: dict[date, list[Posting]] = {}
    for p in postings:
        grouped.setdefault(p.month, []).append(p)
    return dict(sorted(grouped.items()))


def test_headline_counts_current_versions_only(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    row = queries.headline(con).row(0, named=True)
    # The dataset writes two mentions for each posting's first skill and one for the others.
    mentions = sum(len(p.skills) + 1 for p in postings if p.skills)
    assert row["postings"] == len(postings)
    assert row["sightings"] == sum(p.sightings for p in postings)
    assert row["first_month"] == min(p.month for p in postings)
    assert row["last_month"] == max(p.month for p in postings)
    assert row["mentions"] == mentions
    assert row["ai_ml_postings"] == sum(_ai_ml(p) for p in postings)
    assert (row["taxonomy_version"], row["extractor_version"]) == ("t1", "e1")


def test_top_skills_order_and_shares(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    counts = Counter(s for p in postings for s in p.skills)
    ai_ml_postings = [p for p in postings if _ai_ml(p)]
    within = Counter(s for p in ai_ml_postings for s in p.skills)
    expected = sorted(counts, key=lambda s: (-counts[s], SKILLS[s][0]))[:4]

    top = queries.top_skills(con, top_n=4)

    assert top["skill_id"].to_list() == expected
    for row in top.iter_rows(named=True):
        skill = row["skill_id"]
        assert row["skill"] == SKILLS[skill][0]
        assert row["category"] == SKILLS[skill][1]
        assert row["postings"] == counts[skill]
        assert row["share"] == pytest.approx(counts[skill] / len(postings))
        assert row["share_within_ai_ml"] == pytest.approx(within[skill] / len(ai_ml_postings))


def test_monthly_shares_match_python_and_skip_thin_months(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    by_month = _by_month(postings)
    reported = {m: ps for m, ps in by_month.items() if len(ps) >= MIN_POSTINGS}
    assert len(reported) == len(by_month) - 1, "the dataset has one thin month"

    shares = queries.monthly_shares(con, skill_ids=["llm", "excel"], min_postings=MIN_POSTINGS)

    got = {(r["month"], r["skill_id"]): r for r in shares.iter_rows(named=True)}
    assert set(got) == {(m, s) for m in reported for s in ("llm", "excel")}
    for (month, skill), row in got.items():
        with_skill = sum(skill in p.skills for p in reported[month])
        assert row["postings_with_skill"] == with_skill
        assert row["postings_in_month"] == len(reported[month])
        assert row["share"] == pytest.approx(with_skill / len(reported[month]))


def test_months_flags_the_months_left_out(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    by_month = _by_month(postings)
    rows = queries.months(con, min_postings=MIN_POSTINGS).rows()
    assert rows == [(m, len(ps), len(ps) >= MIN_POSTINGS) for m, ps in by_month.items()]


def test_growth_compares_first_and_last_two_reported_months(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    by_month = _by_month(postings)
    reported = [m for m, ps in by_month.items() if len(ps) >= MIN_POSTINGS]
    early = [p for m in reported[:2] for p in by_month[m]]
    late = [p for m in reported[-2:] for p in by_month[m]]
    min_base = 5
    expected = {}
    for skill in SKILLS:
        n_early = sum(skill in p.skills for p in early)
        n_late = sum(skill in p.skills for p in late)
        if n_late >= min_base:
            change = 100 * (n_late / len(late) - n_early / len(early))
            expected[skill] = (change, n_early == 0)

    growth = queries.skill_growth(con, min_postings=MIN_POSTINGS, min_base=min_base, limit=50)

    got = {r["skill_id"]: (r["change_pp"], r["is_new"]) for r in growth.iter_rows(named=True)}
    assert got.keys() == expected.keys()
    for skill, (change, is_new) in expected.items():
        assert got[skill][0] == pytest.approx(change)
        assert got[skill][1] is is_new
    assert growth["change_pp"].to_list() == sorted(growth["change_pp"].to_list(), reverse=True)
    # LLMs only appear from April: flagged new, not given an infinite rate.
    assert got["llm"][1] is True
    # Excel shrinks to fewer than min_base late postings, so it has no reliable base.
    assert "excel" not in got
    row = growth.row(0, named=True)
    assert (row["early_first"], row["early_last"]) == (reported[0], reported[1])
    assert (row["late_first"], row["late_last"]) == (reported[-2], reported[-1])


@pytest.mark.parametrize(
    ("min_postings", "has_rows"),
    [pytest.param(8, True, id="four-months"), pytest.param(9, False, id="three-months")],
)
def test_growth_needs_two_windows_that_do_not_overlap(
    con: duckdb.DuckDBPyConnection, min_postings: int, has_rows: bool
) -> None:
    growth = queries.skill_growth(con, min_postings=min_postings, min_base=1)
    assert (not growth.is_empty()) is has_rows


def test_top_companies_counts_distinct_postings(
    con: duckdb.DuckDBPyConnection, postings: list[Posting]
) -> None:
    counts = Counter(p.company for p in postings)
    top = queries.top_companies(con, limit=2)
    assert top.select("company", "postings").rows() == counts.most_common(2)
    assert top["company"][0] == HOSTILE_COMPANY


def test_queries_on_an_empty_warehouse(empty_con: duckdb.DuckDBPyConnection) -> None:
    row = queries.headline(empty_con).row(0, named=True)
    assert (row["postings"], row["sightings"], row["mentions"]) == (0, 0, 0)
    assert row["taxonomy_version"] is None
    assert queries.top_skills(empty_con, top_n=5).is_empty()
    assert queries.skill_growth(empty_con, min_postings=1).is_empty()
