"""The ``skillgap`` command line. Library errors become messages and exit codes here only."""

from __future__ import annotations

import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from extract.errors import InputError, SkillgapError
from flows.settings import InputSpec, Settings, load_settings, prepare_prefect_env

app = typer.Typer(
    name="skillgap",
    help="Job-market skills analytics: collect postings, tag skills, store them in DuckDB, "
    "report in HTML. Run `skillgap COMMAND --help` for each command's options and an example.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Settings TOML file [default: ./skillgap.toml if any]"),
]
DatabaseOpt = Annotated[
    Path | None, typer.Option("--database", "-d", help="DuckDB file [default: skillgap.duckdb]")
]


def _settings(config: Path | None, **overrides: object) -> Settings:
    return load_settings(config, **overrides)


@app.command()
def run(
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
    report: Annotated[
        Path | None, typer.Option("--report", "-r", help="HTML report to write")
    ] = None,
) -> None:
    """Run the nightly flow once: import every input, tag new postings, write the report.

    Runs as a Prefect flow; without a Prefect server configured, a temporary one starts for
    the run. With no settings file it imports the bundled Hacker News postings.

    [bold]Example:[/bold] skillgap run --database data/skillgap.duckdb --report out/report.html
    """
    settings = _settings(config, database=database)
    if report is not None:
        settings = settings.model_copy(
            update={"report": settings.report.model_copy(update={"path": report})}
        )
    prepare_prefect_env(settings)
    from flows.nightly import nightly  # Prefect reads its settings on import

    started = time.perf_counter()
    summary = nightly(settings)
    elapsed = time.perf_counter() - started
    wh = summary.warehouse
    table = Table(title="skillgap run", show_header=False, title_justify="left")
    for counts in summary.imports:
        table.add_row(
            f"imported from {counts.source}",
            f"{counts.taken:,} records, {counts.postings_new:,} new postings, "
            f"{counts.duplicates:,} repeat sightings, {counts.quarantined:,} quarantined",
        )
    table.add_row("tagged this run", f"{summary.tagging.postings_tagged:,} postings")
    table.add_row("postings analysed", f"{wh.postings:,} (from {wh.sightings:,} sightings)")
    table.add_row("skill mentions", f"{wh.mentions:,} in {wh.postings_with_skills:,} postings")
    table.add_row(
        "months",
        f"{wh.first_month:%Y-%m} to {wh.last_month:%Y-%m}"
        if wh.first_month and wh.last_month
        else "none",
    )
    table.add_row("top skills", ", ".join(f"{name} ({n})" for name, n in wh.top_skills))
    table.add_row("taxonomy / extractor", f"{wh.taxonomy_version} / {wh.extractor_version}")
    table.add_row("wall time", f"{elapsed:.1f} s")
    out.print(table)
    out.print(f"Report:    {summary.report.resolve()}", soft_wrap=True, highlight=False)
    out.print(f"Warehouse: {summary.database.resolve()}", soft_wrap=True, highlight=False)


@app.command("import")
def import_file(
    path: Annotated[Path, typer.Argument(help="CSV, JSON Lines or Parquet file (.gz too)")],
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            "-m",
            help="FIELD=COLUMN, repeatable; fields: id, title, description, company, "
            "location, date, url",
        ),
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source name [default: file:STEM]")] = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of CSV/JSONL")] = "utf-8",
    hn: Annotated[
        bool, typer.Option("--hn", help="The file is HN 'Who is hiring?' sightings JSONL")
    ] = False,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Import one file of postings into the warehouse (no tagging, no flow).

    Unusable rows (no text, unparseable date, broken line) go to the quarantine table with
    file, line and reason. Importing the same file twice changes nothing.

    [bold]Example:[/bold] skillgap import jobs.csv --map description=body --map date=posted
    """
    from flows.pipeline import import_source, make_source
    from warehouse.db import open_warehouse

    settings = _settings(config, database=database)
    pairs = dict(_split_pair(p) for p in mapping or [])
    spec = InputSpec(
        path=path,
        kind="hn_sightings" if hn else "file",
        source=source,
        mapping=pairs,
        encoding=encoding,
    )
    with closing(open_warehouse(settings.database)) as con:
        counts = import_source(con, make_source(spec), None, settings.batch_size)
    out.print(
        f"{path}: took {counts.taken:,} rows ({counts.postings_new:,} new postings, "
        f"{counts.duplicates:,} repeat sightings), quarantined {counts.quarantined:,} "
        f"→ {settings.database}"
    )


def _split_pair(pair: str) -> tuple[str, str]:
    field, sep, column = pair.partition("=")
    if not sep or not field or not column:
        raise InputError(f"--map {pair!r}: expected FIELD=COLUMN, e.g. description=body")
    return field.strip(), column.strip()


@app.command()
def tag(
    in_: Annotated[Path, typer.Option("--in", help='JSON Lines of {"id": ..., "text": ...}')],
    out_path: Annotated[Path, typer.Option("--out", help="JSON Lines of ids and mentions")],
    config: ConfigOpt = None,
) -> None:
    """Tag arbitrary texts with skills; no warehouse involved.

    Each output line is {"id", "mentions": [{"skill_id", "skill", "start", "end", "text",
    "requirement"}]} with character offsets into the text (end exclusive).

    [bold]Example:[/bold] skillgap tag --in texts.jsonl --out tags.jsonl
    """
    from nlp.extractor import Extractor
    from nlp.skills import load_taxonomy
    from nlp.tagfile import tag_jsonl

    settings = _settings(config)
    extractor = Extractor(load_taxonomy(extra=settings.taxonomy_extra))
    counts = tag_jsonl(extractor, in_, out_path)
    err.print(f"tagged {counts.texts:,} texts: {counts.mentions:,} mentions → {out_path}")


@app.command()
def report(
    out_path: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write")] = Path(
        "report.html"
    ),
    top_n: Annotated[int | None, typer.Option(min=1, help="Skills in the charts")] = None,
    min_postings: Annotated[
        int | None, typer.Option(min=1, help="Hide months with fewer postings than this")
    ] = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Write the HTML report from the warehouse (self-contained; opens offline).

    [bold]Example:[/bold] skillgap report --out report.html --top-n 15
    """
    from reports.page import write_report
    from warehouse.db import open_warehouse

    settings = _settings(config, database=database)
    with closing(open_warehouse(settings.database)) as con:
        summary = write_report(
            con,
            out_path,
            top_n=top_n or settings.report.top_n,
            min_postings=min_postings or settings.report.min_postings,
        )
    out.print(f"report: {summary.path.resolve()} ({summary.postings:,} postings)")


@app.command()
def migrate(config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Create the warehouse or bring its schema up to date.

    [bold]Example:[/bold] skillgap migrate --database skillgap.duckdb
    """
    from warehouse.db import connect
    from warehouse.db import migrate as apply

    settings = _settings(config, database=database)
    with closing(connect(settings.database)) as con:
        applied = apply(con)
    names = ", ".join(f"{m.version:03d}_{m.name}" for m in applied) or "none (up to date)"
    out.print(f"{settings.database}: migrations applied: {names}")


@app.command()
def summary(config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Print the warehouse's headline numbers (read-only).

    [bold]Example:[/bold] skillgap summary --database skillgap.duckdb
    """
    from warehouse.db import connect
    from warehouse.queries import summarise

    settings = _settings(config, database=database)
    with closing(connect(settings.database, read_only=True)) as con:
        s = summarise(con, top=10)
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


def main() -> None:
    """Console-script entry point."""
    try:
        app(standalone_mode=True)
    except SkillgapError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        sys.exit(2)
