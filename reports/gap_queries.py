"""The named queries of the skill-gap section: core skills, programmes and their fit.

Like :mod:`reports.queries`, each wrapper runs one ``sql/<name>.sql`` file with parameters and
returns a polars frame. Demand is always AI/ML technician postings of the latest year under
the report's filters; programmes are not filtered (the filters describe postings).
"""

from __future__ import annotations

import duckdb
import polars as pl

from reports.queries import NO_FILTERS, Filters, run_query


def core_gap(con: duckdb.DuckDBPyConnection, filters: Filters = NO_FILTERS) -> pl.DataFrame:
    """Every core skill: demand (with its 95% Wilson interval), coverage and gap."""
    return run_query(con, "core_gap", filters.params())


def core_gap_over_time(
    con: duckdb.DuckDBPyConnection, *, min_postings: int, filters: Filters = NO_FILTERS
) -> pl.DataFrame:
    """Core skills' demand in the first and last well-filled years, the change, coverage."""
    return run_query(con, "core_gap_over_time", {**filters.params(), "min_postings": min_postings})


def skill_surplus(
    con: duckdb.DuckDBPyConnection,
    *,
    min_coverage: float,
    ratio: float,
    limit: int,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Skills taught far more often than technician postings ask for them."""
    params = {"min_coverage": min_coverage, "ratio": ratio, "limit": limit}
    return run_query(con, "skill_surplus", {**filters.params(), **params})


def programme_fit(con: duckdb.DuckDBPyConnection, filters: Filters = NO_FILTERS) -> pl.DataFrame:
    """Every programme's demand-weighted share of core-skill demand it covers, best first."""
    return run_query(con, "programme_fit", filters.params())


def core_coverage_by_kind(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Per core skill and programme kind: the share of programmes teaching it."""
    return run_query(con, "core_coverage_by_kind")


def skill_coverage_by_kind(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Per taught skill and programme kind: the share of programmes teaching it."""
    return run_query(con, "skill_coverage_by_kind")


def programme_core_matrix(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every programme against every core skill: taught, and the share of lessons naming it."""
    return run_query(con, "programme_core_matrix")


def core_skill_names(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Each core skill with the taxonomy skills (ids and names) that count for it."""
    return run_query(con, "core_skill_names")
