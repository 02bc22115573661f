"""``skillgap import-curricula``: training programmes, tagged like postings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli.app import ConfigOpt, DatabaseOpt, command, settings
from flows.cli.output import out


@command("import-curricula")
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
    other) and a description or syllabus; url, licence, source_repo, source_commit and note
    are optional. A syllabus is cut into lessons at its markdown headings ("## Week 1") and
    each lesson is tagged. Unusable records go to the quarantine table with file, line and
    reason; a programme whose text changed is tagged again. The report sets the skills they
    teach against the skills postings ask for.

    [bold]Example:[/bold] skillgap import-curricula programmes.csv
    """
    from flows.curricula import import_curricula_file

    loaded = settings(config, database=database)
    counts = import_curricula_file(loaded, path, encoding)
    out.print(
        f"{path}: {counts.read:,} programmes ({counts.new:,} new, {counts.changed:,} changed), "
        f"quarantined {counts.quarantined:,}; tagged {counts.tagged:,} with "
        f"{counts.mentions:,} skill mentions → {loaded.database}"
    )
