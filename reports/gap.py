"""Supply-side sections: breakdowns of postings, and the skill gap against curricula."""

from __future__ import annotations

import polars as pl

from reports import figures, gap_figures, queries
from reports.demand import GROWTH_WINDOW_MONTHS, month_span
from reports.exports import Chart, Context, Section
from reports.markup import percent, table, text

BREAKDOWN_LIMIT = 15
GAP_MIN_POSTINGS = 10
GAP_LIMIT = 15

DIMENSIONS = (
    ("role_family", "role family", "Role family comes from the title by a few rules (see the "
     "method notes); postings without a title count as “other”."),
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


def gap_section(ctx: Context) -> Section:
    """Demand against curriculum coverage: quadrant, ranking, and growth against supply."""
    head = (
        "<section aria-labelledby=h-gap><h2 id=h-gap>Skill gap: demand against training "
        "programmes</h2>"
    )
    gap = queries.skill_gap(ctx.con, min_base=GAP_MIN_POSTINGS, filters=ctx.filters)
    if gap.is_empty():
        return Section(
            head + f"<p class=empty>No skill is asked for in {GAP_MIN_POSTINGS} or more AI/ML "
            "technician postings.</p></section>"
        )
    n_programmes = int(gap["curricula_total"][0])
    if n_programmes == 0:
        return Section(
            head + "<p class=empty>No training programmes are stored (or none is tagged under "
            "the current versions). Import some with <code>skillgap import-curricula "
            "FILE</code>; <code>skillgap run</code> loads the bundled ones.</p></section>"
        )
    intro = (
        f"<p>Demand is the share of the {int(gap['demand_total'][0]):,} AI/ML technician "
        f"postings asking for a skill (skills asked for in at least {GAP_MIN_POSTINGS}); "
        f"coverage is the share of the {n_programmes} training programmes whose description "
        "or syllabus the same extractor finds the skill in. The gap score is demand × (1 − "
        "min(1, coverage ÷ demand)): zero when programmes cover a skill at least as often as "
        "postings ask for it, the full demand when none covers it.</p>"
    )
    charts = []
    lead = gap.row(0, named=True)
    title = (
        f"{lead['skill']} has the largest gap: asked for in {percent(lead['demand_share'])} "
        f"of AI/ML postings, taught in {percent(lead['coverage'], 0)} of programmes"
    )
    quadrant = Chart("skill-gap", title, gap_figures.gap_quadrant(gap, title=title), gap)
    rows = [
        [
            i + 1,
            r["skill"],
            r["cluster"] or "",
            f"{percent(r['demand_share'])} ({r['demand_postings']})",
            f"{percent(r['coverage'], 0)} ({r['curricula_covering']}/{r['curricula_total']})",
            f"{100 * (r['gap_score'] or 0):.1f}",
        ]
        for i, r in enumerate(gap.iter_rows(named=True))
    ]
    parts = [
        head,
        intro,
        quadrant.html(
            ["rank", "skill", "cluster", "demand", "coverage", "gap score (×100)"],
            rows,
            [True, False, False, True, True, True],
        ),
    ]
    charts.append(quadrant)
    ranked = gap.head(GAP_LIMIT)
    rank_title = (
        f"The {len(ranked)} largest gaps, led by {lead['skill']} "
        "(gap score: demand not matched by programmes, % of AI/ML postings)"
    )
    rank_fig = figures.share_bars(
        ranked["skill"].to_list(),
        [g or 0.0 for g in ranked["gap_score"].to_list()],
        list(
            zip(ranked["demand_postings"].to_list(), ranked["demand_total"].to_list(), strict=True)
        ),
        title=rank_title,
        x_title="gap score (percentage points of AI/ML technician postings)",
        y_title="skill",
        colour_index=3,
    )
    ranking = Chart("skill-gap-ranking", rank_title, rank_fig, ranked)
    parts.append(
        ranking.html(
            ["skill", "gap score (×100)"],
            [
                [r["skill"], f"{100 * (r['gap_score'] or 0):.1f}"]
                for r in ranked.iter_rows(named=True)
            ],
            [False, True],
        )
    )
    charts.append(ranking)
    parts.append(_growth_against_supply(ctx, charts))
    return Section("".join(parts) + "</section>", charts)


def _growth_against_supply(ctx: Context, charts: list[Chart]) -> str:
    rows = queries.gap_growth(
        ctx.con,
        min_base=GAP_MIN_POSTINGS,
        min_postings=ctx.min_postings,
        window_months=GROWTH_WINDOW_MONTHS,
        filters=ctx.filters,
    )
    if rows.is_empty():
        return (
            "<p class=empty>Demand growth cannot be set against supply yet: it needs at least "
            f"{2 * GROWTH_WINDOW_MONTHS} months with {ctx.min_postings} or more postings.</p>"
        )
    span = month_span(rows["early_first"][0], rows["late_last"][0])
    uncovered = rows.filter((pl.col("change_pp") > 0) & (pl.col("coverage").fill_null(0) == 0))
    title = (
        f"{len(uncovered)} of {len(rows)} gap skills grew in demand ({span}) "
        "while no programme teaches them"
    )
    chart = Chart("gap-growth", title, gap_figures.growth_against_coverage(rows, title=title), rows)
    table_rows = [
        [
            r["skill"],
            f"{r['change_pp']:+.1f}",
            percent(r["coverage"], 0),
            percent(r["demand_share"]),
        ]
        for r in rows.sort("change_pp", descending=True).iter_rows(named=True)
    ]
    charts.append(chart)
    return (
        "<h3>Demand growth against supply</h3><p>Change in the share of all postings asking "
        f"for each gap skill between the first and last {GROWTH_WINDOW_MONTHS} reported "
        "months, against how many programmes teach it. Skills top-left are growing and "
        "rarely taught.</p>"
        + chart.html(
            ["skill", "demand change (pp)", "coverage", "demand (AI/ML postings)"],
            table_rows,
            [False, True, True, True],
        )
    )
