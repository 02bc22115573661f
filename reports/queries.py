"""The named queries behind the report, one ``sql/<name>.sql`` file each.

Every wrapper passes its values as parameters and returns a polars frame, so the page and the
figures never see SQL and the SQL never sees formatted values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

import duckdb
import polars as pl


@cache
def load_sql(name: str) -> str:
    """The text of ``reports/sql/<name>.sql``."""
    return resources.files("reports.sql").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def run_query(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object] | None = None
) -> pl.DataFrame:
    """Run the named query with named parameters and return its rows."""
    return con.sql(load_sql(name), params=dict(params or {})).pl()


def headline(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row: postings, sightings, first/last month, mentions, AI/ML postings, versions."""
    return run_query(con, "headline")


def data_quality(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row: raw sightings, quarantined records, completed and failed runs."""
    return run_query(con, "data_quality")


def months(con: duckdb.DuckDBPyConnection, *, min_postings: int) -> pl.DataFrame:
    """Postings per month and whether the month is reported (``included``)."""
    return run_query(con, "months", {"min_postings": min_postings})


def top_skills(con: duckdb.DuckDBPyConnection, *, top_n: int) -> pl.DataFrame:
    """The ``top_n`` skills by postings, with share overall and within AI/ML postings."""
    return run_query(con, "top_skills", {"top_n": top_n})


def monthly_shares(
    con: duckdb.DuckDBPyConnection, *, skill_ids: Sequence[str], min_postings: int
) -> pl.DataFrame:
    """Per reported month and chosen skill: postings with the skill, postings, share."""
    return run_query(
        con, "monthly_shares", {"skill_ids": list(skill_ids), "min_postings": min_postings}
    )


def skill_growth(
    con: duckdb.DuckDBPyConnection,
    *,
    min_postings: int,
    window_months: int = 2,
    min_base: int = 5,
    limit: int = 15,
) -> pl.DataFrame:
    """Change in share (percentage points) from the earliest to the latest reported months."""
    return run_query(
        con,
        "skill_growth",
        {
            "min_postings": min_postings,
            "window_months": window_months,
            "min_base": min_base,
            "limit": limit,
        },
    )


def top_companies(con: duckdb.DuckDBPyConnection, *, limit: int = 15) -> pl.DataFrame:
    """Companies with the most distinct postings."""
    return run_query(con, "top_companies", {"limit": limit})
