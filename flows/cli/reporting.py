"""``skillgap report``, ``summary`` and ``export``: what the warehouse holds, for people and
tools."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import typer

from extract.errors import InputError
from flows.cli.app import ConfigOpt, DatabaseOpt, command, default, settings
from flows.cli.output import out


@command()
def report(
    out_path: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write")] = Path(
        "report.html"
    ),
    top_n: Annotated[
        int | None,
        typer.Option(min=1, help="Skills in the charts " + default("report.top_n, 10")),
    ] = None,
    min_postings: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Hide periods with fewer postings than this, and compare no year with fewer "
            + default("report.min_postings, 30"),
        ),
    ] = None,
    period: Annotated[
        Literal["auto", "month", "quarter", "year"] | None,
        typer.Option(
            help="Time resolution of the charts over time; auto: months up to a 2-year span, "
            "quarters up to 5 years, else years " + default("report.period, auto"),
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="First month counted: YYYY-MM or YYYY-MM-DD " + default("the first")),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Last month counted: YYYY-MM or YYYY-MM-DD " + default("the last")),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(help="Country code (ISO 3166-1 alpha-2), repeatable " + default("all")),
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option(help="Source name, repeatable " + default("all"))
    ] = None,
    skills: Annotated[
        str | None,
        typer.Option(
            help="Skills for the trend chart, comma-separated ids or names "
            + default("the top ones")
        ),
    ] = None,
    cluster: Annotated[
        list[str] | None,
        typer.Option(help="Cluster for the trend chart, repeatable " + default("none")),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            help="Only postings whose title matches this regex (any case) " + default("all")
        ),
    ] = None,
    png: Annotated[
        bool, typer.Option("--png", help="Also save each chart as PNG (needs Chromium)")
    ] = False,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Write the HTML report from the warehouse (self-contained; opens offline).

    Each chart's data is written as CSV to report_data/ beside report.html (and as PNG with
    --png). Filters narrow the postings counted; the page states them. Charts over time show
    a share per month, quarter or year (--period); periods without postings are gaps.

    [bold]Example:[/bold] skillgap report --out report.html --since 2026-02 --country US
    --title "machine learning|ML" --cluster generative_ai --period month --png
    """
    from flows.warehousing import report_warehouse
    from reports.queries import Filters

    filters = Filters(
        since=_month_option("--since", since),
        until=_month_option("--until", until),
        countries=tuple(c.strip().upper() for c in country or []),
        sources=tuple(source or []),
        title_pattern=title,
        skills=tuple(s.strip() for s in (skills or "").split(",") if s.strip()),
        clusters=tuple(cluster or []),
    )
    summary = report_warehouse(
        settings(config, database=database),
        out_path,
        filters=filters,
        top_n=top_n,
        min_postings=min_postings,
        png=png,
        period=period,
    )
    if summary.data_files:
        out.print(
            f"chart data: {summary.data_files[0].parent.resolve()} "
            f"({len(summary.data_files)} files)"
        )
    per = f", per {summary.period}" if summary.postings else ""
    out.print(f"report: {summary.path.resolve()} ({summary.postings:,} postings{per})")


def _month_option(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value if len(value) > 7 else f"{value}-01").replace(day=1)
    except ValueError:
        raise InputError(f"{name} {value!r}: expected a month as YYYY-MM or YYYY-MM-DD") from None


@command()
def summary(config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Print the warehouse's headline numbers (read-only).

    [bold]Example:[/bold] skillgap summary --database skillgap.duckdb
    """
    from flows.warehousing import summarise_warehouse

    s = summarise_warehouse(settings(config, database=database).database, top=10)
    out.print(
        f"postings {s.postings:,}; sightings {s.sightings:,}; mentions {s.mentions:,}; "
        f"quarantined {s.quarantined:,}"
    )
    out.print(
        f"months {s.first_month} to {s.last_month}; taxonomy {s.taxonomy_version}; "
        f"extractor {s.extractor_version}"
    )
    for name, n in s.top_skills:
        out.print(f"  {name:<30} {n:>6,}")


@command()
def export(
    parquet: Annotated[
        Path, typer.Option("--parquet", help="Folder to write hive-partitioned Parquet to")
    ],
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Export postings and mentions (current versions) as Parquet partitioned by month and
    source, for DuckDB, Spark or Trino.

    Each export replaces the previous one in that folder.

    [bold]Example:[/bold] skillgap export --parquet out/parquet
    """
    from flows.warehousing import export_warehouse

    counts = export_warehouse(settings(config, database=database).database, parquet)
    out.print(
        f"{counts.postings:,} postings and {counts.mentions:,} mentions → {counts.target}",
        soft_wrap=True,
    )
