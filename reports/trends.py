"""Demand over time: the share of postings asking for each skill cluster and chosen skill, per
month, quarter or year (the report's period), with the gaps in the data named."""

from __future__ import annotations

import polars as pl

from reports import period_figures, period_queries, takeaways
from reports.exports import Chart, Context, Section
from reports.markup import heading, percent, text
from reports.periods import NOUN

# The columns a chart's CSV keeps: periods by label and by the months they hold, never by
# their first day, which can fall in a month without postings.
SHARE_COLUMNS = (
    "item_kind",
    "item_id",
    "item",
    "period_label",
    "first_month",
    "last_month",
    "months",
    "postings_with_item",
    "postings_in_period",
    "suppressed",
    "share",
    "ci_low",
    "ci_high",
    "rolling_postings_with_item",
    "rolling_postings",
    "rolling_share",
)


def suppression_note(ctx: Context, rows: pl.DataFrame, count: str) -> str:
    """Which periods are left out for having fewer than ``min_postings`` postings."""
    thin = rows.filter(pl.col("suppressed")).select("period_start", "period_label", count)
    noun = NOUN[ctx.period]
    if thin.is_empty():
        return f"Every {noun} has at least {ctx.min_postings} postings, so none is left out."
    listed = ", ".join(f"{lab} ({n})" for _, lab, n in thin.unique().sort("period_start").rows())
    return (
        f"{noun.capitalize()}s with fewer than {ctx.min_postings} postings are left out: {listed}."
    )


def gap_note(ctx: Context) -> str:
    """The note under every chart over time: gaps and partial periods, or nothing."""
    note = ctx.coverage.note()
    return f"<p class=note>{text(note)}</p>" if note else ""


def share_chart(
    ctx: Context,
    key: str,
    shares: pl.DataFrame,
    order: list[str],
    title: str,
) -> Chart:
    """A share-over-periods chart of ``shares`` (``share_by_period`` rows) for ``order``."""
    shown = shares.filter(~pl.col("suppressed"))
    fig = period_figures.share_over_periods(
        shown,
        order,
        ctx.coverage.slots(),
        title=title,
        y_title="share of postings asking for it (%)",
        rolling=ctx.period == "month",
        x_title=f"{NOUN[ctx.period]} (posting date, else first seen)",
    )
    return Chart(key, title, fig, shares.select(SHARE_COLUMNS))


def share_rows(shares: pl.DataFrame, rolling: bool) -> tuple[list[str], list[list[object]]]:
    """Headers and rows of the numbers table beneath a share chart."""
    headers = ["item", "period", "asking", "postings", "share", "95% interval"]
    if rolling:
        headers.append("3-month pooled")
    rows = []
    for r in shares.sort("item", "period_start").iter_rows(named=True):
        row = [
            r["item"],
            r["period_label"],
            r["postings_with_item"],
            r["postings_in_period"],
            "suppressed" if r["suppressed"] else percent(r["share"]),
            "–" if r["suppressed"] else f"{percent(r['ci_low'])} – {percent(r['ci_high'])}",
        ]
        if rolling:
            row.append("–" if r["suppressed"] else percent(r["rolling_share"]))
        rows.append(row)
    return headers, rows


def _trend_chart(
    ctx: Context, key: str, kind: str, ids: list[str], label: str
) -> tuple[str, list[Chart]]:
    shares = period_queries.share_by_period(
        ctx.con,
        item_kind=kind,
        item_ids=ids,
        period=ctx.period,
        min_postings=ctx.min_postings,
        filters=ctx.filters,
    )
    note = f"<p class=note>{text(suppression_note(ctx, shares, 'postings_in_period'))}</p>"
    shown = shares.filter(~pl.col("suppressed"))
    if not ids or shown.is_empty():
        return (
            (note if ids else "")
            + f"<p class=empty>No {NOUN[ctx.period]} has at least {ctx.min_postings} postings "
            f"with {text(label)} counted, so there is no trend to draw yet.</p>",
            [],
        )
    chart = share_chart(ctx, key, shares, ids, takeaways.trend(shown, label))
    headers, rows = share_rows(shares, ctx.period == "month")
    body = chart.html(headers, rows, [False, False, True, True, True, True, True][: len(headers)])
    return note + body + gap_note(ctx), [chart]


def trend_section(ctx: Context, skill_ids: list[str], cluster_ids: list[str]) -> Section:
    """Share of postings asking for each chosen cluster and skill, per period."""
    noun = NOUN[ctx.period]
    line = (
        "the line is the share pooled over that month and up to two months before it"
        if ctx.period == "month"
        else f"the line joins consecutive {noun}s"
    )
    parts = [
        heading("trend", "Demand over time"),
        f"<p>Each marker is the share of a {noun}'s postings that ask for the skill (mentioned "
        f"and not marked as not required), with its 95% Wilson interval; {line}. No line "
        f"crosses a {noun} without postings: such {noun}s are shaded and named under the "
        "chart. Hover for the counts.</p>",
    ]
    charts: list[Chart] = []
    for key, kind, ids, label in (
        ("trend-clusters", "cluster", cluster_ids, "skill clusters"),
        ("trend-skills", "skill", skill_ids, "chosen skills"),
    ):
        html, drawn = _trend_chart(ctx, key, kind, ids, label)
        parts.append(f"<h3>{text(label.capitalize())}</h3>" + html)
        charts.extend(drawn)
    return Section("".join(parts) + "</section>", charts)
