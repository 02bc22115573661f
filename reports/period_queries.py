"""The named queries behind the report's charts over periods and years.

Like :mod:`reports.queries`, each runs one ``sql/<name>.sql`` file with the report's filters
as parameters and returns a polars frame. ``period`` is ``"month"``, ``"quarter"`` or
``"year"``; a year is compared only when it holds at least ``min_postings`` postings.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from reports.queries import INDEED_AI_POSTINGS, NO_FILTERS, Filters, _filtered, run_query


def report_months(con: duckdb.DuckDBPyConnection, filters: Filters = NO_FILTERS) -> pl.DataFrame:
    """The months holding filtered postings, with how many."""
    return _filtered(con, "report_months", filters)


def share_by_period(
    con: duckdb.DuckDBPyConnection,
    *,
    item_kind: str,
    item_ids: Sequence[str],
    period: str,
    min_postings: int,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Per period and chosen skill or cluster: counts, share, Wilson bounds, rolling share."""
    return _filtered(
        con,
        "share_by_period",
        filters,
        skill_ids=list(item_ids) if item_kind == "skill" else [],
        cluster_ids=list(item_ids) if item_kind == "cluster" else [],
        period=period,
        min_postings=min_postings,
    )


def ai_ml_share_by_period(
    con: duckdb.DuckDBPyConnection,
    *,
    period: str,
    min_postings: int,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Per period: postings, AI/ML technician postings, share and Wilson bounds."""
    return _filtered(
        con, "ai_ml_share_by_period", filters, period=period, min_postings=min_postings
    )


def indeed_by_period(
    con: duckdb.DuckDBPyConnection,
    *,
    countries: Sequence[str],
    months: Sequence[date],
    period: str,
    path: Path = INDEED_AI_POSTINGS,
) -> pl.DataFrame:
    """Indeed's AI-postings share (0-1) per country and period, over ``months`` only."""
    return run_query(
        con,
        "indeed_by_period",
        {"path": str(path), "countries": list(countries), "months": list(months), "period": period},
    )


def skill_growth_yoy(
    con: duckdb.DuckDBPyConnection,
    *,
    cluster_ids: Sequence[str] = (),
    skill_ids: Sequence[str] = (),
    min_postings: int,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Each chosen cluster's and skill's change in share from every year to the next."""
    return _filtered(
        con,
        "skill_growth_yoy",
        filters,
        cluster_ids=list(cluster_ids),
        skill_ids=list(skill_ids),
        min_postings=min_postings,
    )


def skill_change_long_run(
    con: duckdb.DuckDBPyConnection,
    *,
    cluster_ids: Sequence[str] = (),
    skill_ids: Sequence[str] = (),
    min_postings: int,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Each chosen cluster's and skill's change in share from the first to the last year,
    largest first."""
    return _filtered(
        con,
        "skill_change_long_run",
        filters,
        cluster_ids=list(cluster_ids),
        skill_ids=list(skill_ids),
        min_postings=min_postings,
    )


def skill_ranks(
    con: duckdb.DuckDBPyConnection,
    *,
    period: str,
    min_postings: int,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Every skill's rank per period by postings asking for it (1 = most)."""
    return _filtered(con, "skill_ranks", filters, period=period, min_postings=min_postings)


def frameworks(
    con: duckdb.DuckDBPyConnection, *, min_base: int, filters: Filters = NO_FILTERS
) -> pl.DataFrame:
    """The taxonomy's ML frameworks asked for in at least ``min_base`` postings."""
    return _filtered(con, "frameworks", filters, min_base=min_base)


def emerging_skills_yearly(
    con: duckdb.DuckDBPyConnection,
    *,
    min_postings: int,
    min_base: int = 5,
    threshold: float = 0.01,
    limit: int = 15,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Skills whose share grew most from the first to the last year, with the first year
    each reached ``threshold`` of postings."""
    return _filtered(
        con,
        "emerging_skills_yearly",
        filters,
        min_postings=min_postings,
        min_base=min_base,
        threshold=threshold,
        limit=limit,
    )


def emerging_terms_yearly(
    con: duckdb.DuckDBPyConnection,
    *,
    min_postings: int,
    min_postings_term: int = 3,
    limit: int = 15,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Unknown terms whose share grew most from the first to the last year."""
    return _filtered(
        con,
        "emerging_terms_yearly",
        filters,
        min_postings=min_postings,
        min_postings_term=min_postings_term,
        limit=limit,
    )
