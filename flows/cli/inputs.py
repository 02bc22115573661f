"""``skillgap import``, ``collect`` and ``sources``: getting postings in, and what can be read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from extract.errors import InputError
from flows.cli.app import ConfigOpt, DatabaseOpt, command, default, settings
from flows.cli.output import collect_table, err, out, print_kinds
from flows.settings import HttpOptions, InputSpec, Settings

if TYPE_CHECKING:
    from flows.importing import Progress as ImportProgress


@command("import")
def import_file(
    path: Annotated[
        Path,
        typer.Argument(help="CSV, JSON Lines or Parquet file (.gz too), or HN month files"),
    ],
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            "-m",
            help="FIELD=COLUMN, repeatable; fields: id, title, description, company, "
            "location, date, url " + default("each field from the column of its name"),
        ),
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source name " + default("file:STEM"))] = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of CSV/JSONL")] = "utf-8",
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            help="file (CSV, JSON Lines, Parquet), hn-months (YYYY-MM.json[.gz|.xz] files, or "
            "a directory of them) or hn-sightings; auto: hn-months for a directory or a "
            "month-named file, file otherwise",
        ),
    ] = "auto",
    hn: Annotated[
        bool, typer.Option("--hn", help="The file is HN 'Who is hiring?' sightings JSONL")
    ] = False,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Import one file of postings, or a directory of HN month files, into the warehouse (no
    tagging, no flow).

    Unusable rows (no text, unparseable date, broken line) go to the quarantine table with
    file, line (or record) and reason. Importing the same file twice changes nothing.

    [bold]Example:[/bold] skillgap import jobs.csv --map description=body --map date=posted
    """
    from flows.importing import collect_input

    loaded = settings(config, database=database)
    pairs = dict(_map_pair(p) for p in mapping or [])
    input_kind = _import_kind(path, "hn-sightings" if hn else kind)
    if (pairs or source) and input_kind != "file":
        shown = input_kind.replace("_", "-")
        raise InputError(
            f"--map and --source apply to CSV, JSON Lines and Parquet files, not to {shown} "
            "(HN postings are always of the source hn)"
        )
    spec = InputSpec(
        path=path,
        kind=input_kind,
        source=source,
        mapping=pairs,
        encoding=encoding,
    )
    counts = collect_input(loaded, spec)
    out.print(
        f"{path}: took {counts.taken:,} rows ({counts.postings_new:,} new postings, "
        f"{counts.duplicates:,} repeat sightings), quarantined {counts.quarantined:,} "
        f"→ {loaded.database}"
    )


@command()
def collect(
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            "-s",
            help="An input of the settings (its kind or source name), or a kind; needed "
            "without --live " + default("with --live, every online input"),
        ),
    ] = None,
    option: Annotated[
        list[str] | None,
        typer.Option(
            "--option",
            "-o",
            help="KEY=VALUE, repeatable: the input's options (JSON values, e.g. "
            "boards='[\"acme\"]'); added to the configured ones " + default("none"),
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
    close the postings they no longer show. `skillgap sources` lists the kinds and their
    options.

    With --live, each configured online source (or the one named) fetches one board's first
    postings and says ok or failed; nothing is stored.

    Exit status 1 when a board or source failed.

    [bold]Example:[/bold] skillgap collect --source greenhouse --option boards='["acme"]'
    """
    from flows.importing import matching_inputs, select_inputs
    from flows.options import check_inputs

    loaded = settings(config, database=database)
    options = dict(_option_pair(o) for o in option or [])
    specs = select_inputs(loaded, source, options, live)
    check_inputs(specs, loaded.http)
    found = len(matching_inputs(loaded, source)) if source is not None else 0
    if found > 1:
        err.print(f"{found} inputs match {source!r}; using the first", highlight=False)
    if live:
        _smoke_check(specs, loaded.http, limit)
        return
    _collect(loaded, specs[0])


def _smoke_check(specs: list[InputSpec], http: HttpOptions, limit: int) -> None:
    from flows.live import smoke_check

    failed = 0
    for spec in specs:
        check = smoke_check(spec, http, limit)
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


def _collect(loaded: Settings, spec: InputSpec) -> None:
    from flows.importing import collect_input

    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,}"))
    with Progress(*columns, TimeElapsedColumn(), console=err, transient=True) as progress:
        counts = collect_input(loaded, spec, _progress_bars(progress))
    out.print(collect_table(counts))
    out.print(f"→ {loaded.database}", highlight=False)
    if counts.errors:
        err.print(f"[red]errors:[/red] {escape(counts.errors)}", highlight=False)
        raise typer.Exit(1)


def _progress_bars(progress: Progress) -> ImportProgress:
    """A bar of records read, then one of records stored (the read one then stops growing)."""
    bars: dict[str, TaskID] = {}

    def advance(name: str, step: str, records: int) -> None:
        if not bars:
            bars["read"] = progress.add_task(f"{name}: read", total=None)
            bars["stored"] = progress.add_task(f"{name}: stored", total=None, visible=False)
        if step == "stored":
            progress.update(bars["stored"], completed=records, visible=True)
            progress.update(bars["read"], total=progress.tasks[bars["read"]].completed)
        else:
            progress.update(bars["read"], completed=records)

    return advance


@command()
def sources(
    kind: Annotated[
        str | None, typer.Argument(help="Show only this kind " + default("every kind"))
    ] = None,
) -> None:
    """List every kind of input with its options, their types and defaults, the environment
    variables it reads secrets from, and whether it is on by default.

    An input is an [[inputs]] table of the settings file: kind = "NAME", options = { ... } for
    an online kind, path = "FILE" (and mapping, encoding) for a file kind. Secrets are never
    options: set the environment variable named for each.

    [bold]Example:[/bold] skillgap sources greenhouse
    """
    from flows.kinds import describe_kinds

    kinds = describe_kinds()
    if kind is not None:
        kinds = [k for k in kinds if k.name == kind]
        if not kinds:
            known = ", ".join(k.name for k in describe_kinds())
            raise InputError(f"{kind!r}: no such kind of input; known: {known}")
    print_kinds(kinds)


_IMPORT_KINDS = {"file": "file", "hn-months": "hn_months", "hn-sightings": "hn_sightings"}


def _import_kind(path: Path, kind: str) -> str:
    """The input kind `skillgap import` reads ``path`` as: the one named, or for ``auto``
    HN month files when ``path`` is a directory or named like one (2015-04.json.xz)."""
    from extract.files.hn_months import is_month_file

    if kind == "auto":
        return "hn_months" if path.is_dir() or is_month_file(path) else "file"
    try:
        return _IMPORT_KINDS[kind.replace("_", "-")]
    except KeyError:
        known = ", ".join(["auto", *_IMPORT_KINDS])
        raise InputError(f"--kind {kind!r}: not a kind of file; known: {known}") from None


def _map_pair(pair: str) -> tuple[str, str]:
    field, sep, column = pair.partition("=")
    if not sep or not field or not column:
        raise InputError(f"--map {pair!r}: expected FIELD=COLUMN, e.g. description=body")
    return field.strip(), column.strip()


def _option_pair(pair: str) -> tuple[str, object]:
    key, sep, value = pair.partition("=")
    if not sep or not key.strip():
        raise InputError(f"--option {pair!r}: expected KEY=VALUE, e.g. boards='[\"acme\"]'")
    try:
        return key.strip(), json.loads(value)
    except ValueError:
        return key.strip(), value
