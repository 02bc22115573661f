"""Where AI/ML technician postings are: breakdowns by role family, country, source, company.

The skill gap against training programmes is :mod:`reports.skill_gap`.
"""

from __future__ import annotations

import polars as pl

from reports import figures, queries
from reports.exports import Chart, Context, Section
from reports.markup import percent, table, text

BREAKDOWN_LIMIT = 15

DIMENSIONS = (
    ("role_family", "role family", "The family of the posting's qualifying role, else of its "
     "main role, read from its title, first line and body (see the method notes)."),
    ("country", "country", "Country as the source states it, else read from the location "
     "text by a few rules; “unknown” when neither says."),
    ("source", "source", "Where the postings came from."),
    ("company", "company", f"The {BREAKDOWN_LIMIT} companies with the most postings."),
)  # fmt: skip


def breakdown_section(ctx: Context) -> Section:
    """AI/ML technician share of postings by role family, country, source and company."""
    parts = [
        "<section aria-labelledby=h-breakdown><h2 id=h-breakdown>Where AI/ML technician "
        "postings are</h2><p>Each bar is the share of a group's postings that are AI/ML "
        "technician postings, with its 95% Wilson interval; hover for the counts.</p>"
    ]
    charts = []
    for dimension, label, note in DIMENSIONS:
        rows = queries.breakdown(
            ctx.con, dimension=dimension, limit=BREAKDOWN_LIMIT, filters=ctx.filters
        )
        parts.append(f"<h3>By {text(label)}</h3><p class=note>{text(note)}</p>")
        if rows.is_empty():
            parts.append("<p class=empty>No postings.</p>")
            continue
        # The takeaway names a group large enough for its share to mean something.
        big = rows.filter(pl.col("postings") >= ctx.min_postings)
        lead = (
            (big if not big.is_empty() else rows)
            .sort("ai_ml_share", "postings", descending=True)
            .row(0, named=True)
        )
        title = (
            f"{label.capitalize()} “{lead['value']}” has the highest AI/ML technician share"
            + (f" of groups with {ctx.min_postings}+ postings" if not big.is_empty() else "")
            + f": {percent(lead['ai_ml_share'])} of {lead['postings']:,} postings"
        )
        fig = figures.share_bars(
            rows["value"].to_list(),
            rows["ai_ml_share"].to_list(),
            list(
                zip(rows["ai_ml_role_postings"].to_list(), rows["postings"].to_list(), strict=True)
            ),
            title=title,
            x_title="AI/ML technician postings (% of the group's postings)",
            y_title=label,
            ci=(rows["ci_low"].to_list(), rows["ci_high"].to_list()),
        )
        chart = Chart(f"breakdown-{dimension.replace('_', '-')}", title, fig, rows)
        parts.append(
            chart.html(
                [label, "postings", "AI/ML technician", "share", "95% interval"],
                [
                    [
                        r["value"],
                        r["postings"],
                        r["ai_ml_role_postings"],
                        percent(r["ai_ml_share"]),
                        f"{percent(r['ci_low'])} – {percent(r['ci_high'])}",
                    ]
                    for r in rows.iter_rows(named=True)
                ],
                [False, True, True, True, True],
            )
        )
        charts.append(chart)
    companies = queries.top_companies(ctx.con, limit=BREAKDOWN_LIMIT, filters=ctx.filters)
    if not companies.is_empty():
        charts.append(Chart("top-companies", "Top hiring companies", None, companies))
        parts.append(
            table(
                ["company", "postings", "AI/ML technician", "title of latest posting"],
                companies.select(
                    "company", "postings", "ai_ml_role_postings", "latest_title"
                ).rows(),
                caption="Companies with the most distinct postings",
                numeric=[False, True, True, False],
            )
        )
    return Section("".join(parts) + "</section>", charts)
