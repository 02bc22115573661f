"""How the commands print: the two consoles and the tables of runs, collections and scores."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from flows.kinds import KindInfo
    from flows.nightly import RunSummary
    from flows.pipeline import ImportCounts
    from flows.runner import RunStatus
    from nlp.evaluate import Evaluation
    from nlp.evaluate_levels import LevelEvaluation
    from nlp.technician_eval import Confusion, RoleEvaluation

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def run_table(summary: RunSummary, elapsed: float) -> Table:
    """What one run of the nightly flow did, a row per fact."""
    wh = summary.warehouse
    table = Table(title="skillgap run", show_header=False, title_justify="left")
    for counts in summary.imports:
        table.add_row(
            f"imported from {counts.source}",
            f"{counts.taken:,} records, {counts.postings_new:,} new postings, "
            f"{counts.duplicates:,} repeat sightings, {counts.quarantined:,} quarantined",
        )
    table.add_row("tagged this run", f"{summary.tagging.postings_tagged:,} postings")
    if summary.tagging.set_aside:
        table.add_row(
            "[yellow]not tagged[/yellow]",
            f"{summary.tagging.set_aside:,} postings set aside, reasons in the quarantine table",
        )
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
    return table


def print_status(status: RunStatus) -> None:
    """The runs as a table, then the latest run's inputs and the anomalies as lines (they end
    up in cron mails and logs)."""
    table = Table(
        title=f"recent runs of {status.database}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("UTC", no_wrap=True)
    table.add_column("outcome", no_wrap=True)
    for header in ("ok", "fetched", "new", "quar", "tagged", "anom"):
        table.add_column(header, justify="right", no_wrap=True)
    for r in status.runs:
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
    if status.runs:
        latest = status.runs[0]
        out.print(
            f"latest run {latest.run_id}: {latest.outcome}; taxonomy "
            f"{latest.taxonomy_version or '-'}, extractor {latest.extractor_version or '-'}"
            + (f"; {escape(latest.message)}" if latest.message else ""),
            highlight=False,
        )
    for src in status.latest_sources:
        if src.status == "completed":
            # Stored, but a connector that went on past failing boards says which failed.
            mark = "[yellow]PARTLY[/yellow]" if src.error else "ok    "
            out.print(
                f"  {mark}  {escape(src.source)} ({src.kind}): {src.fetched:,} fetched, "
                f"{src.postings_new:,} new, {src.duplicates:,} repeat sightings, "
                f"{src.quarantined:,} quarantined"
                + (f"; {escape(src.error)}" if src.error else ""),
                highlight=False,
            )
        else:
            out.print(
                f"  [red]FAILED[/red]  {escape(src.source)} ({src.kind}): "
                f"{escape(src.error or '')}",
                highlight=False,
            )
    if status.anomalies:
        out.print("anomalies (newest first):")
        for started_at, check, _subject, message in status.anomalies:
            out.print(
                f"  [yellow]{started_at}[/yellow] {check}: {escape(message)}", highlight=False
            )
    else:
        out.print("no anomalies flagged")


def collect_table(counts: ImportCounts) -> Table:
    """What ``skillgap collect`` did to one input, in one row."""
    table = Table(title=f"skillgap collect: {counts.source}", title_justify="left")
    for header in ("fetched", "new", "updated", "duplicates", "quarantined", "closed", "errors"):
        table.add_column(header, justify="left" if header == "errors" else "right")
    table.add_row(
        f"{counts.taken + counts.quarantined:,}",
        f"{counts.postings_new:,}",
        f"{counts.postings_changed:,}",
        f"{counts.duplicates:,}",
        f"{counts.quarantined:,}",
        f"{counts.closed:,}",
        "yes, see below" if counts.errors else "none",
    )
    return table


def evaluation_table(split: str, result: Evaluation) -> Table:
    """Precision, recall and F1 per source and match rule."""
    rows = result.rows()
    table = Table(
        title=f"SkillSpan {split}: taxonomy {result.taxonomy_version}, "
        f"extractor {result.extractor_version}",
        title_justify="left",
    )
    for header in rows[0]:
        # the row names must stay whole in an 80-column terminal ("strict-chars", "tech+house")
        names = header in ("source", "match")
        table.add_column(header, justify="left" if names else "right", no_wrap=names)
    for row in rows[1:]:
        table.add_row(*row)
    return table


def level_tables(result: LevelEvaluation) -> list[Table]:
    """Requirement-level accuracy per split, then each split's confusion matrix."""
    from nlp.evaluate_levels import SPLITS, cross_validation_rows

    tables = [("Requirement levels (unknown scored as required)", result.rows())]
    tables += [(f"Confusion matrix, {s}", result.matrix_rows(s)) for s in (*SPLITS, "all")]
    tables.append(
        (
            "Requirement levels cross-validated on dev+test+train"
            " (scripts/train_requirement_levels.py;"
            " matrix: gold rows required / preferred / not_required)",
            cross_validation_rows(),
        )
    )
    rendered = []
    for title, rows in tables:
        table = Table(title=title, title_justify="left")
        for i, header in enumerate(rows[0]):
            table.add_column(header, justify="left" if i == 0 else "right")
        for row in rows[1:]:
            table.add_row(*row)
        rendered.append(table)
    return rendered


def role_score_table(result: RoleEvaluation) -> Table:
    """Precision, recall and F1 of the technician decision per split."""
    table = Table(
        title="AI/ML technician decision vs labelled postings: taxonomy "
        f"{result.taxonomy_version}, extractor {result.extractor_version}",
        title_justify="left",
    )
    for header in ("split", "postings", "TP", "FP", "FN", "TN", "precision", "recall", "F1"):
        table.add_column(header, justify="left" if header == "split" else "right")
    for split, c in result.scores.items():
        table.add_row(split, *_score_cells(c))
    table.caption = "dev: the postings the model was fitted on; test: never tuned on"
    return table


def role_cv_table(result: RoleEvaluation) -> Table | None:
    """The cross-validated figures on the dev split: the model, and the rules alone."""
    cv = result.cross_validated
    if cv is None:
        return None
    # no outer padding: with three-digit counts in every column the table needs 81 columns
    # with it, and an 80-column terminal would wrap "model fresh" over two lines
    table = Table(
        title=f"Held out: {cv.folds}-fold cross-validation over the dev postings",
        title_justify="left",
        pad_edge=False,
    )
    for header in ("decision", "postings", "TP", "FP", "FN", "TN", "precision", "recall", "F1"):
        if header == "decision":
            table.add_column(header, justify="left", no_wrap=True)
        else:
            table.add_column(header, justify="right")
    for part, c in cv.model.items():
        table.add_row(f"model {part}", *_score_cells(c))
    for part, c in cv.rules.items():
        table.add_row(f"rules {part}", *_score_cells(c))
    table.caption = "fresh: dev postings of the draws the rules were never tuned on"
    return table


def _score_cells(c: Confusion) -> list[str]:
    if not c.postings:
        return ["0", *("–" for _ in range(7))]
    return [
        *(f"{n:,}" for n in (c.postings, c.tp, c.fp, c.fn, c.tn)),
        *(f"{v:.3f}" for v in (c.precision, c.recall, c.f1)),
    ]


def role_family_table(result: RoleEvaluation) -> Table:
    """The confusions per labelled role family: dev, test, and dev held out (narrow enough
    for an 80-column terminal, where a family name is never cut short)."""
    table = Table(title="Confusions by labelled role family (TP/FP/FN/TN)", title_justify="left")
    table.add_column("role family", justify="left", no_wrap=True)
    for header in ("dev", "test", "dev held out"):
        table.add_column(header, justify="right", no_wrap=True)
    held_out = result.cross_validated.by_family if result.cross_validated else {}
    for family in sorted(result.by_family["all"]):
        split = [result.by_family[s].get(family) for s in ("dev", "test")]
        split.append(held_out.get(family))
        table.add_row(family, *(f"{s.tp}/{s.fp}/{s.fn}/{s.tn}" if s else "–" for s in split))
    return table


def print_kinds(kinds: list[KindInfo]) -> None:
    """A block per kind: what it is, its options with type and default, its secrets."""
    for kind in kinds:
        what = (
            ("online, incremental" if kind.incremental else "online, whole board listings")
            if kind.online
            else "file"
        )
        state = "[green]on by default[/green]" if kind.on_by_default else "off unless configured"
        out.print(f"[bold]{kind.name}[/bold] ({what}; {state})", highlight=False)
        for option in kind.options:
            value = "required" if option.required else f"default {escape(_toml(option.default))}"
            out.print(f"  {option.name}: {escape(option.type)}, {value}", highlight=False)
        for secret, variable in kind.secrets.items():
            out.print(f"  {secret}: secret, from ${variable}", highlight=False)
        if not kind.options and not kind.secrets:
            out.print("  no options", highlight=False)


def _toml(value: object) -> str:
    """A default as it would be written in the settings file."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)
