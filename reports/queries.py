"""The named queries behind the report, one ``sql/<name>.sql`` file each.

Most read a table macro of ``warehouse/views`` (``share_by_period``, ``skill_gap``, ...) with the
report's :class:`Filters`; the same macro without filters is a ``v_*`` view, so the report and
a researcher's SQL give the same numbers. Every wrapper passes its values as parameters and
returns a polars frame: the page never sees SQL and the SQL never sees formatted values.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

import duckdb
import polars as pl

INDEED_AI_POSTINGS = Path(str(resources.files("reports.reference.indeed_ai_tracker"))) / (
    "AI_posting.csv"
)


@dataclass(frozen=True, slots=True)
class Filters:
    """Which postings the report counts, and which skills or clusters its trend chart shows.

    ``since`` and ``until`` are months (any day of the month works), both inclusive;
    ``title_pattern`` is a case-insensitive regular expression (RE2 syntax). Empty means no
    filter. ``skills`` and ``clusters`` only choose trend lines; they never change a count.
    """

    since: date | None = None
    until: date | None = None
    countries: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    title_pattern: str | None = None
    skills: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()

    def params(self) -> dict[str, object]:
        """The macro parameters shared by every filtered query."""
        return {
            "since": self.since.replace(day=1) if self.since else None,
            "until": self.until.replace(day=1) if self.until else None,
            "countries": list(self.countries) or None,
            "sources": list(self.sources) or None,
            "title_pattern": self.title_pattern or None,
        }

    def describe(self) -> list[str]:
        """Each filter in words, for the page; empty when nothing is filtered."""
        parts = []
        if self.since:
            parts.append(f"from {self.since:%b %Y}")
        if self.until:
            parts.append(f"up to {self.until:%b %Y}")
        if self.countries:
            parts.append("country " + ", ".join(self.countries))
        if self.sources:
            parts.append("source " + ", ".join(self.sources))
        if self.title_pattern:
            parts.append(f"title matching {self.title_pattern!r}")
        if self.skills:
            parts.append("trend skills " + ", ".join(self.skills))
        if self.clusters:
            parts.append("trend clusters " + ", ".join(self.clusters))
        return parts


NO_FILTERS = Filters()


# Nearly every query of the report starts from these views: one row per posting with what the
# report filters by, and one per posting and skill it asks for (an aggregate over every
# mention). Computing them once per report, into temporary tables of the same names that
# shadow the views for this connection only, spares each of the report's queries doing it
# again: about a third of the report's time at a million postings.
_SHARED_VIEWS = ("v_posting_facts", "v_posting_demand")


@contextmanager
def shared_views_computed_once(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Within the block, the report's shared views are read from a snapshot of them."""
    made: list[str] = []
    try:
        for view in _SHARED_VIEWS:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {view} AS SELECT * FROM main.{view}")  # noqa: S608 - fixed names
            made.append(view)
        yield
    finally:
        for view in reversed(made):
            con.execute(f"DROP TABLE IF EXISTS temp.{view}")


@cache
def load_sql(name: str) -> str:
    """The text of ``reports/sql/<name>.sql``."""
    return resources.files("reports.sql").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def run_query(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object] | None = None
) -> pl.DataFrame:
    """Run the named query with named parameters and return its rows."""
    return con.sql(load_sql(name), params=dict(params or {})).pl()


def _filtered(
    con: duckdb.DuckDBPyConnection, name: str, filters: Filters, **params: object
) -> pl.DataFrame:
    return run_query(con, name, {**filters.params(), **params})


def headline(con: duckdb.DuckDBPyConnection, filters: Filters = NO_FILTERS) -> pl.DataFrame:
    """One row: postings, sightings, months, sources, AI/ML counts, freshness, versions."""
    return _filtered(con, "headline", filters)


def data_quality(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row over the whole warehouse: sightings, postings, quarantined, curricula, runs."""
    return run_query(con, "data_quality")


def quarantine_reasons(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Quarantined records per source and reason."""
    return run_query(con, "quarantine_reasons")


def source_months(con: duckdb.DuckDBPyConnection, filters: Filters = NO_FILTERS) -> pl.DataFrame:
    """Postings and sightings per source and month."""
    return _filtered(con, "source_months", filters)


def skill_demand(
    con: duckdb.DuckDBPyConnection,
    *,
    top_n: int,
    within: str = "all",
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """The ``top_n`` skills by postings (``within="all"``) or by AI/ML technician postings."""
    return _filtered(con, "skill_demand", filters, top_n=top_n, within=within)


def core_demand(
    con: duckdb.DuckDBPyConnection,
    items: Sequence[tuple[str, str, Sequence[str]]],
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Each core item ``(item_id, name, skill_ids)``: share of AI/ML technician postings asking
    for any of its skills, with Wilson bounds; zero when none does."""
    rows = [
        (position, item_id, name, skill_id)
        for position, (item_id, name, skill_ids) in enumerate(items, start=1)
        for skill_id in skill_ids
    ]
    positions, item_ids, names, skill_ids = (list(column) for column in zip(*rows, strict=True))
    return _filtered(
        con,
        "core_demand",
        filters,
        positions=positions,
        item_ids=item_ids,
        items=names,
        skill_ids=skill_ids,
    )


def clusters(con: duckdb.DuckDBPyConnection, filters: Filters = NO_FILTERS) -> pl.DataFrame:
    """Clusters by postings asking for any of their skills."""
    return _filtered(con, "clusters", filters)


def skill_growth(
    con: duckdb.DuckDBPyConnection,
    *,
    min_postings: int,
    window_months: int = 2,
    min_base: int = 5,
    limit: int = 15,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Change in share (percentage points) from the earliest to the latest reported months."""
    return _filtered(
        con,
        "skill_growth",
        filters,
        min_postings=min_postings,
        window_months=window_months,
        min_base=min_base,
        limit=limit,
    )


def emerging_terms(
    con: duckdb.DuckDBPyConnection,
    *,
    recent_months: int = 2,
    min_postings: int = 3,
    limit: int = 15,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Terms the taxonomy lacks, most used in the recent months first."""
    return _filtered(
        con,
        "emerging_terms",
        filters,
        recent_months=recent_months,
        min_postings_term=min_postings,
        limit=limit,
    )


def cooccurrence(
    con: duckdb.DuckDBPyConnection, *, skill_ids: Sequence[str], filters: Filters = NO_FILTERS
) -> pl.DataFrame:
    """Postings asking for both skills of each pair among ``skill_ids`` (AI/ML postings)."""
    return _filtered(con, "cooccurrence", filters, skill_ids=list(skill_ids))


def breakdown(
    con: duckdb.DuckDBPyConnection,
    *,
    dimension: str,
    limit: int = 15,
    filters: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """Postings and AI/ML technician share per country, source, company or role_family."""
    return _filtered(con, "breakdown", filters, dimension=dimension, limit=limit)


def skill_gap(
    con: duckdb.DuckDBPyConnection, *, min_base: int = 10, filters: Filters = NO_FILTERS
) -> pl.DataFrame:
    """Per skill asked for in ``min_base`` or more technician postings of the latest year:
    demand share with its interval, coverage by programmes, gap score; largest gap first."""
    return _filtered(con, "skill_gap", filters, min_base=min_base)


def top_companies(
    con: duckdb.DuckDBPyConnection, *, limit: int = 15, filters: Filters = NO_FILTERS
) -> pl.DataFrame:
    """Companies with the most distinct postings."""
    return _filtered(con, "top_companies", filters, limit=limit)


def indeed_coverage(
    con: duckdb.DuckDBPyConnection, path: Path = INDEED_AI_POSTINGS
) -> pl.DataFrame:
    """One row: the countries and first and last day of the shipped Indeed series."""
    return run_query(con, "indeed_coverage", {"path": str(path)})


def curricula(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Programmes tagged under the current versions, with the skills each covers."""
    return run_query(con, "curricula")


def skills_lookup(con: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> pl.DataFrame:
    """Current skills whose id or name (any case) is one of ``keys``."""
    return run_query(con, "skills_lookup", {"keys": [k.lower() for k in keys]})
