"""``skillgap tag`` and ``skillgap eval``: the extractor on texts, and its measured accuracy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, cast

import typer
from rich.markup import escape

from extract.errors import InputError
from flows.cli.app import ConfigOpt, command, default, settings
from flows.cli.output import (
    err,
    evaluation_table,
    level_tables,
    out,
    role_cv_table,
    role_family_table,
    role_score_table,
)


@command()
def tag(
    in_: Annotated[
        Path,
        typer.Option("--in", help='JSON Lines of {"id": ..., "text": ..., "title": optional}'),
    ],
    out_path: Annotated[
        Path, typer.Option("--out", help="JSON Lines of ids, mentions and posting decisions")
    ],
    config: ConfigOpt = None,
) -> None:
    """Tag arbitrary texts with skills and decide each posting; no warehouse involved.

    Each output line is {"id", "mentions": [{"skill_id", "skill", "start", "end", "text",
    "requirement"}], "posting": {"ai_ml_technician", "role_family", "roles", "clusters"}}
    with character offsets into the text (end exclusive); "posting" is the decision the
    warehouse stores for the same title and text.

    [bold]Example:[/bold] skillgap tag --in texts.jsonl --out tags.jsonl
    """
    from flows.tagging import tag_file

    counts = tag_file(settings(config), in_, out_path)
    err.print(f"tagged {counts.texts:,} texts: {counts.mentions:,} mentions → {out_path}")


@command("eval")
def eval_(
    split: Annotated[
        str, typer.Option(help="SkillSpan split: dev (to report) or train (to find causes)")
    ] = "dev",
    source: Annotated[str, typer.Option(help="Postings to score: tech, house or all")] = "all",
    errors: Annotated[
        int, typer.Option(min=0, help="Print this many sample false positives and negatives")
    ] = 0,
    roles: Annotated[
        bool,
        typer.Option(
            "--roles", help="Measure the AI/ML technician decision on the labelled postings"
        ),
    ] = False,
    results: Annotated[
        Path | None,
        typer.Option(
            help="With --roles, also write the figures as JSON here " + default("not written")
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Measure the extractor: SkillSpan spans (strict and overlap P/R/F1) and requirement levels;
    or with --roles the AI/ML technician decision against our labelled postings.

    Runs the same code path as `skillgap tag`. TECH postings are the target; HOUSE postings
    (generic job ads) are shown for information. Requirement levels are scored against our
    labelled mentions (docs/requirement-levels.md): accuracy and confusion matrix per split.
    With --roles: precision, recall and F1 on the dev split (fitted on), the test split
    (never tuned on) and all; then the honest figure on dev, each posting decided by a model
    fitted on the other folds (10-fold cross-validation), beside the rules alone; then the
    confusions by labelled role family; --errors lists dev postings only.

    [bold]Example:[/bold] skillgap eval --roles --errors 5
    """
    from flows.tagging import evaluate_extractor
    from nlp.evaluate import SOURCES, Split

    if roles:
        _eval_roles(errors, results, config)
        return
    if results is not None:
        raise InputError("--results goes with --roles")
    if split not in ("dev", "train"):
        raise InputError(f"--split {split!r}: expected dev or train")
    if source not in (*SOURCES, "all"):
        raise InputError(f"--source {source!r}: expected tech, house or all")
    sources = SOURCES if source == "all" else (source,)
    result, levels = evaluate_extractor(settings(config), cast(Split, split), sources, errors)
    out.print(evaluation_table(split, result))
    for error in result.errors:
        label = "FP" if error.kind == "false_positive" else "FN"
        boundary = " (boundary)" if error.partial else ""
        out.print(f"{label}{boundary} {error.posting}: {escape(error.context)}", highlight=False)
    for table in level_tables(levels):
        out.print(table)


def _eval_roles(errors: int, results: Path | None, config: Path | None) -> None:
    from flows.tagging import evaluate_technician

    result = evaluate_technician(settings(config), errors, results)
    out.print(role_score_table(result))
    cv = role_cv_table(result)
    if cv is not None:
        out.print(cv)
    out.print(role_family_table(result))
    for error in result.errors:
        label = "FP" if error.kind == "false_positive" else "FN"
        out.print(
            f"{label} {error.posting_id} ({error.role_family}): {escape(error.first_line)}",
            highlight=False,
        )
    if results is not None:
        err.print(f"figures → {results}")
