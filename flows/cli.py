"""The ``skillgap`` command line. Library errors become messages and exit codes here only."""

from __future__ import annotations

import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Annotated, cast

import typer
from rich import box
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
    dask_address: Annotated[
        str | None,
        typer.Option(help="Tag on an existing Dask cluster, e.g. tcp://10.0.0.5:8786"),
    ] = None,
) -> None:
    """Run the nightly flow once: import every input, tag new postings, write the report.

    Runs as a Prefect flow; without a Prefect server configured, a temporary one starts for
    the run. With no settings file it imports the bundled Hacker News postings. Exit status:
    0 all went well, 1 some input failed (the others were stored), 2 the run failed or could
    not start (another run, a locked file), 3 the checks flagged anomalies.

    [bold]Example:[/bold] skillgap run --database data/skillgap.duckdb --report out/report.html
    """
    from flows.lock import run_lock
    from flows.pipeline import open_writer

    settings = _settings(config, database=database, dask_address=dask_address)
    if report is not None:
        settings = settings.model_copy(
            update={"report": settings.report.model_copy(update={"path": report})}
        )
    prepare_prefect_env(settings)
    with run_lock(settings.database):
        # Refuse before a Prefect server starts when someone else holds the DuckDB file; and
        # migrate, within the memory cap.
        open_writer(settings.database, settings.memory_limit).close()
        from flows.nightly import RunSummary, nightly  # Prefect reads its settings on import

        started = time.perf_counter()
        state = nightly(settings, return_state=True)
        elapsed = time.perf_counter() - started
    summary = state.result(raise_on_failure=False)
    if isinstance(summary, BaseException):
        raise summary
    assert isinstance(summary, RunSummary)
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
    for failure in summary.failures:
        table.add_row(f"[red]FAILED {escape(failure.source)}[/red]", escape(failure.error))
    for anomaly in summary.anomalies:
        table.add_row(f"[yellow]anomaly: {anomaly.check}[/yellow]", escape(anomaly.message))
    table.add_row("outcome", summary.outcome)
    out.print(table)
    out.print(f"Report:    {summary.report.resolve()}", soft_wrap=True, highlight=False)
    out.print(f"Warehouse: {summary.database.resolve()}", soft_wrap=True, highlight=False)
    if summary.failures:
        err.print(f"[red]{summary.outcome}[/red]: see `skillgap status`", highlight=False)
        raise typer.Exit(1)
    if summary.anomalies:
        err.print(f"[yellow]{summary.outcome}[/yellow]: see `skillgap status`", highlight=False)
        raise typer.Exit(3)


@app.command()
def status(
    runs: Annotated[int, typer.Option("--runs", "-n", min=1, help="How many runs to list")] = 10,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Show the recent runs, how each input of the latest one went, and anomalies (read-only).

    [bold]Example:[/bold] skillgap status --runs 20
    """
    from flows.lock import lock_holder
    from warehouse.db import connect
    from warehouse.monitoring import recent_anomalies
    from warehouse.runs import recent_runs, run_sources

    settings = _settings(config, database=database)
    holder = lock_holder(settings.database)
    if holder is not None:
        out.print(
            f"A run is writing {settings.database} now ({holder}); the ledger can be read "
            "when it ends.",
            highlight=False,
        )
        return
    with closing(connect(settings.database, read_only=True)) as con:
        if not con.execute("SELECT 1 FROM duckdb_views() WHERE view_name = 'v_runs'").fetchall():
            raise InputError(f"{settings.database}: no run ledger yet; run `skillgap migrate`")
        rows = recent_runs(con, runs)
        latest = run_sources(con, rows[0].run_id) if rows else []
        anomalies = recent_anomalies(con, 20)
    table = Table(
        title=f"recent runs of {settings.database}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("UTC", no_wrap=True)
    table.add_column("outcome", no_wrap=True)
    for header in ("ok", "fetched", "new", "quar", "tagged", "anom"):
        table.add_column(header, justify="right", no_wrap=True)
    for r in rows:
        colour = {"completed": "green", "running": "blue"}.get(r.outcome, "red")
        table.add_row(
            f"{r.started_at:%m-%d %H:%M}",
            f"[{colour}]{r.outcome}[/{colour}]",
            f"{r.sources - r.sources_failed}/{r.sources}",
            f"{r.fetched:,}",
            f"{r.postings_new:,}",
            f"{r.quarantined:,}",
            f"{r.postings_tagged:,}" if r.postings_tagged is not None else "",
            str(r.anomalies),
        )
    out.print(table)
    if rows:
        latest_run = rows[0]
        out.print(
            f"latest run {latest_run.run_id}: {latest_run.outcome}; taxonomy "
            f"{latest_run.taxonomy_version or '-'}, extractor {latest_run.extractor_version or '-'}"
            + (f"; {escape(latest_run.message)}" if latest_run.message else ""),
            highlight=False,
        )
    for src in latest:  # lines, not a table: they end up in cron mails and logs
        if src.status == "completed":
            out.print(
                f"  ok      {escape(src.source)} ({src.kind}): {src.fetched:,} fetched, "
                f"{src.postings_new:,} new, {src.duplicates:,} repeat sightings, "
                f"{src.quarantined:,} quarantined",
                highlight=False,
            )
        else:
            out.print(
                f"  [red]FAILED[/red]  {escape(src.source)} ({src.kind}): "
                f"{escape(src.error or '')}",
                highlight=False,
            )
    if anomalies:
        out.print("anomalies (newest first):")
        for started_at, check, _subject, message in anomalies:
            out.print(
                f"  [yellow]{started_at}[/yellow] {check}: {escape(message)}", highlight=False
            )
    else:
        out.print("no anomalies flagged")


@app.command()
def server(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1")] = 4200,
    config: ConfigOpt = None,
) -> None:
    """Start a local Prefect server on 127.0.0.1 (for `skillgap deploy`); stop it with Ctrl-C.

    [bold]Example:[/bold] skillgap server --port 4200
    """
    import subprocess

    from flows.deploy import api_url, server_command

    prepare_prefect_env(_settings(config))
    err.print(
        f"Prefect server at {api_url(port=port)}; point skillgap deploy at it with "
        f"PREFECT_API_URL={api_url(port=port)}",
        highlight=False,
    )
    try:
        code = subprocess.run(server_command(port=port), check=False).returncode
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)


@app.command()
def deploy(
    api_url: Annotated[
        str | None,
        typer.Option(help="Prefect server API [default: $PREFECT_API_URL, else local 4200]"),
    ] = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Register the nightly flow with the schedule of the settings and serve its runs.

    Keeps running: it starts each scheduled (or manually triggered) run. Needs a Prefect
    server (`skillgap server`).

    [bold]Example:[/bold] skillgap deploy --config skillgap.toml --api-url http://127.0.0.1:4200/api
    """
    import os

    from flows.deploy import api_url as local_api
    from flows.deploy import serve_nightly

    settings = _settings(config, database=database)
    os.environ["PREFECT_API_URL"] = api_url or os.environ.get("PREFECT_API_URL") or local_api()
    prepare_prefect_env(settings)
    sched = settings.schedule
    err.print(
        f"serving nightly/{sched.deployment} on {os.environ['PREFECT_API_URL']}: "
        f"cron {sched.cron!r} ({sched.timezone}); Ctrl-C stops",
        highlight=False,
    )
    serve_nightly(settings)


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
    from flows.lock import run_lock
    from flows.pipeline import import_source, make_source, open_writer

    settings = _settings(config, database=database)
    pairs = dict(_split_pair(p) for p in mapping or [])
    spec = InputSpec(
        path=path,
        kind="hn_sightings" if hn else "file",
        source=source,
        mapping=pairs,
        encoding=encoding,
    )
    with (
        run_lock(settings.database),
        closing(open_writer(settings.database, settings.memory_limit)) as con,
    ):
        counts = import_source(
            con,
            make_source(spec),
            None,
            settings.batch_size,
            load_batch=settings.load_batch_size,
        )
    out.print(
        f"{path}: took {counts.taken:,} rows ({counts.postings_new:,} new postings, "
        f"{counts.duplicates:,} repeat sightings), quarantined {counts.quarantined:,} "
        f"→ {settings.database}"
    )


@app.command()
def collect(
    source: Annotated[
        str | None,
        typer.Option(
            "--source", "-s", help="An input of the settings (its kind or source name), or a kind"
        ),
    ] = None,
    option: Annotated[
        list[str] | None,
        typer.Option(
            "--option",
            "-o",
            help="KEY=VALUE, repeatable: the input's options (JSON values, e.g. "
            "boards='[\"acme\"]'); added to the configured ones",
        ),
    ] = None,
    live: Annotated[
        bool,
        typer.Option(
            "--live", help="Smoke check: fetch a few postings per online source, store nothing"
        ),
    ] = False,
    limit: Annotated[int, typer.Option(min=1, help="Postings to parse per source with --live")] = 5,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Collect one input now, outside the nightly flow (no tagging), and summarise it.

    Takes the writer lock like `skillgap import`. An online input fetches from where its last
    complete fetch started when its kind is incremental; otherwise complete board listings
    close the postings they no longer show. With --live, each configured online source (or
    the one named) fetches one board's first postings and says ok or failed; nothing is
    stored. Exit status 1 when a board or source failed.

    [bold]Example:[/bold] skillgap collect --source greenhouse --option boards='["acme"]'
    """
    settings = _settings(config, database=database)
    specs = _collect_specs(settings, source, [_option_pair(o) for o in option or []], live)
    if live:
        from flows.live import smoke_check

        failed = 0
        for spec in specs:
            check = smoke_check(spec, settings.http, limit)
            failed += not check.ok
            mark = "[green]ok[/green]    " if check.ok else "[red]FAILED[/red]"
            detail = f": {escape(check.error)}" if check.error else ""
            out.print(
                f"{mark} {escape(check.source)} ({spec.kind}): {check.postings} postings "
                f"parsed{detail}",
                highlight=False,
            )
        if failed:
            raise typer.Exit(1)
        return
    _collect_one(settings, specs[0])


def _collect_specs(
    settings: Settings, name: str | None, options: list[tuple[str, object]], live: bool
) -> list[InputSpec]:
    from flows.sources import KINDS

    if name is None:
        if not live:
            raise InputError("--source NAME is needed: a kind or an input of the settings")
        found = [s for s in settings.inputs if KINDS[s.kind].online]
        if not found:
            raise InputError("no online inputs configured; name one with --source")
        return found
    matching = [s for s in settings.inputs if name in (s.kind, s.source)]
    if not matching and name not in KINDS:
        raise InputError(f"--source {name!r}: neither a configured input nor a known kind")
    if len(matching) > 1:
        err.print(f"{len(matching)} inputs match {name!r}; using the first", highlight=False)
    try:
        base = matching[0] if matching else InputSpec(kind=name)
    except ValueError as exc:  # a file kind needs a path: configure it, or use `import`
        raise InputError(f"--source {name!r}: {exc}") from None
    if not options:
        return [base]
    return [base.model_copy(update={"options": {**base.options, **dict(options)}})]


def _option_pair(pair: str) -> tuple[str, object]:
    import json

    key, sep, value = pair.partition("=")
    if not sep or not key.strip():
        raise InputError(f"--option {pair!r}: expected KEY=VALUE, e.g. boards='[\"acme\"]'")
    try:
        return key.strip(), json.loads(value)
    except ValueError:
        return key.strip(), value


def _collect_one(settings: Settings, spec: InputSpec) -> None:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from flows.lock import run_lock
    from flows.pipeline import import_source, open_writer, plan_fetch
    from flows.sources import build_source, redact, secret_values

    source_obj = build_source(spec, settings.http)
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,}"))
    try:
        with (
            run_lock(settings.database),
            closing(open_writer(settings.database, settings.memory_limit)) as con,
            Progress(*columns, TimeElapsedColumn(), console=err, transient=True) as progress,
        ):
            reading = progress.add_task(f"{source_obj.name}: read", total=None)
            storing = progress.add_task(f"{source_obj.name}: stored", total=None, visible=False)

            def advance(step: str, records: int) -> None:
                if step == "stored":
                    progress.update(storing, completed=records, visible=True)
                    progress.update(reading, total=progress.tasks[reading].completed)
                else:
                    progress.update(reading, completed=records)

            counts = import_source(
                con,
                source_obj,
                None,
                settings.batch_size,
                load_batch=settings.load_batch_size,
                plan=plan_fetch(con, spec, source_obj),
                progress=advance,
            )
    finally:
        close = getattr(source_obj, "close", None)
        if callable(close):
            close()
    table = Table(title=f"skillgap collect: {counts.source}", title_justify="left")
    for header in ("fetched", "new", "updated", "duplicates", "quarantined", "closed", "errors"):
        table.add_column(header, justify="left" if header == "errors" else "right")
    errors = redact(counts.errors, secret_values(spec)) if counts.errors else ""
    table.add_row(
        f"{counts.taken + counts.quarantined:,}",
        f"{counts.postings_new:,}",
        f"{counts.postings_changed:,}",
        f"{counts.duplicates:,}",
        f"{counts.quarantined:,}",
        f"{counts.closed:,}",
        "yes, see below" if errors else "none",
    )
    out.print(table)
    out.print(f"→ {settings.database}", highlight=False)
    if errors:
        err.print(f"[red]errors:[/red] {escape(errors)}", highlight=False)
        raise typer.Exit(1)


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


@app.command("eval")
def eval_(
    split: Annotated[
        str, typer.Option(help="SkillSpan split: dev (to report) or train (to find causes)")
    ] = "dev",
    source: Annotated[str, typer.Option(help="Postings to score: tech, house or all")] = "all",
    errors: Annotated[
        int, typer.Option(min=0, help="Print this many sample false positives and negatives")
    ] = 0,
    config: ConfigOpt = None,
) -> None:
    """Measure the extractor against SkillSpan's KNOWLEDGE spans (strict and overlap P/R/F1).

    Runs the same code path as `skillgap tag`. TECH postings are the target; HOUSE postings
    (generic job ads) are shown for information.

    [bold]Example:[/bold] skillgap eval --split dev
    """
    from nlp.evaluate import SOURCES, Split, evaluate
    from nlp.extractor import Extractor
    from nlp.skills import load_taxonomy

    if split not in ("dev", "train"):
        raise InputError(f"--split {split!r}: expected dev or train")
    if source not in (*SOURCES, "all"):
        raise InputError(f"--source {source!r}: expected tech, house or all")
    settings = _settings(config)
    extractor = Extractor(load_taxonomy(extra=settings.taxonomy_extra))
    sources = SOURCES if source == "all" else (source,)
    result = evaluate(extractor, cast(Split, split), sources, errors=errors)
    rows = result.rows()
    table = Table(
        title=f"SkillSpan {split}: taxonomy {result.taxonomy_version}, "
        f"extractor {result.extractor_version}",
        title_justify="left",
    )
    for header in rows[0]:
        table.add_column(header, justify="left" if header in ("source", "match") else "right")
    for row in rows[1:]:
        table.add_row(*row)
    out.print(table)
    for error in result.errors:
        label = "FP" if error.kind == "false_positive" else "FN"
        boundary = " (boundary)" if error.partial else ""
        out.print(f"{label}{boundary} {error.posting}: {escape(error.context)}", highlight=False)


@app.command()
def report(
    out_path: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write")] = Path(
        "report.html"
    ),
    top_n: Annotated[int | None, typer.Option(min=1, help="Skills in the charts")] = None,
    min_postings: Annotated[
        int | None, typer.Option(min=1, help="Hide months with fewer postings than this")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="First month counted: YYYY-MM or YYYY-MM-DD")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Last month counted: YYYY-MM or YYYY-MM-DD")
    ] = None,
    country: Annotated[
        list[str] | None, typer.Option(help="Country code (ISO 3166-1 alpha-2), repeatable")
    ] = None,
    source: Annotated[list[str] | None, typer.Option(help="Source name, repeatable")] = None,
    skills: Annotated[
        str | None, typer.Option(help="Skills for the trend chart, comma-separated ids or names")
    ] = None,
    cluster: Annotated[
        list[str] | None, typer.Option(help="Cluster for the trend chart, repeatable")
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="Only postings whose title matches this regex (any case)")
    ] = None,
    png: Annotated[
        bool, typer.Option("--png", help="Also save each chart as PNG (needs Chromium)")
    ] = False,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Write the HTML report from the warehouse (self-contained; opens offline).

    Each chart's data is written as CSV to report_data/ beside report.html (and as PNG with
    --png). Filters narrow the postings counted; the page states them.

    [bold]Example:[/bold] skillgap report --out report.html --since 2026-02 --country US
    --title "machine learning|ML" --cluster generative_ai --png
    """
    from reports.page import write_report
    from reports.queries import Filters
    from warehouse.db import open_warehouse

    settings = _settings(config, database=database)
    filters = Filters(
        since=_month_option("--since", since),
        until=_month_option("--until", until),
        countries=tuple(c.strip().upper() for c in country or []),
        sources=tuple(source or []),
        title_pattern=title,
        skills=tuple(s.strip() for s in (skills or "").split(",") if s.strip()),
        clusters=tuple(cluster or []),
    )
    with closing(open_warehouse(settings.database)) as con:
        summary = write_report(
            con,
            out_path,
            top_n=top_n or settings.report.top_n,
            min_postings=min_postings or settings.report.min_postings,
            filters=filters,
            png=png,
        )
    if summary.data_files:
        out.print(
            f"chart data: {summary.data_files[0].parent.resolve()} "
            f"({len(summary.data_files)} files)"
        )
    out.print(f"report: {summary.path.resolve()} ({summary.postings:,} postings)")


def _month_option(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value if len(value) > 7 else f"{value}-01").replace(day=1)
    except ValueError:
        raise InputError(f"{name} {value!r}: expected a month as YYYY-MM or YYYY-MM-DD") from None


@app.command("import-curricula")
def import_curricula(
    path: Annotated[
        Path, typer.Argument(help="CSV or JSON Lines: name, provider, kind, description/syllabus")
    ],
    encoding: Annotated[str, typer.Option(help="Text encoding of the file")] = "utf-8",
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Import training programmes and tag them with the same extractor as postings.

    Each record needs name, provider, kind (degree, bootcamp, certificate, mooc, course or
    other) and a description or syllabus; url is optional. Unusable records go to the
    quarantine table with file, line and reason. The report sets the skills they cover
    against the skills postings ask for.

    [bold]Example:[/bold] skillgap import-curricula programmes.csv
    """
    from nlp.extractor import Extractor
    from nlp.skills import load_taxonomy
    from warehouse.curricula import import_curricula as load
    from warehouse.db import open_warehouse

    settings = _settings(config, database=database)
    extractor = Extractor(load_taxonomy(extra=settings.taxonomy_extra))
    with closing(open_warehouse(settings.database)) as con:
        counts = load(con, path, extractor, encoding=encoding)
    out.print(
        f"{path}: {counts.read:,} programmes ({counts.new:,} new, {counts.changed:,} changed), "
        f"quarantined {counts.quarantined:,}; tagged {counts.tagged:,} with "
        f"{counts.mentions:,} skill mentions → {settings.database}"
    )


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
def compact(config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Rewrite the warehouse file without the space of deleted rows (no run may be going).

    Runs never reclaim that space themselves: it is what mentions replaced by tagging a
    posting again under the same versions leave behind.

    [bold]Example:[/bold] skillgap compact --database skillgap.duckdb
    """
    from flows.lock import run_lock
    from warehouse.db import compact as rewrite

    settings = _settings(config, database=database)
    with run_lock(settings.database):
        sizes = rewrite(settings.database, settings.memory_limit)
    out.print(
        f"{settings.database}: {sizes.before / 1e6:,.1f} MB → {sizes.after / 1e6:,.1f} MB",
        soft_wrap=True,
    )


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


@app.command()
def export(
    parquet: Annotated[
        Path, typer.Option("--parquet", help="Folder to write hive-partitioned Parquet to")
    ],
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Export postings and mentions (current versions) as Parquet partitioned by month and
    source, for DuckDB, Spark or Trino. Each export replaces the previous one in that folder.

    [bold]Example:[/bold] skillgap export --parquet out/parquet
    """
    from warehouse.db import connect
    from warehouse.export import export_parquet

    settings = _settings(config, database=database)
    with closing(connect(settings.database, read_only=True)) as con:
        counts = export_parquet(con, parquet)
    out.print(
        f"{counts.postings:,} postings and {counts.mentions:,} mentions → {counts.target}",
        soft_wrap=True,
    )


def main() -> None:
    """Console-script entry point."""
    try:
        app(standalone_mode=True)
    except SkillgapError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        sys.exit(2)
