"""Demand sections of the report: AI/ML share beside Indeed, top skills and skill pairs. Each
returns its HTML and the charts it drew. (Trends are in :mod:`reports.trends`, the long run in
:mod:`reports.longrun`, growth and emerging skills in :mod:`reports.emerging`.)"""

from __future__ import annotations

from datetime import date

import polars as pl

from reports import gap_figures, period_figures, period_queries, queries
from reports.exports import Chart, Context, Section
from reports.markup import heading, percent, text
from reports.technician import core_first, skill_share_chart, technician_skills
from reports.trends import gap_note

GROWTH_WINDOW_MONTHS = 2
HEATMAP_SKILLS = 12


def month(value: date) -> str:
    return value.strftime("%b %Y")


def month_span(first: date, last: date) -> str:
    return month(first) if first == last else f"{month(first)} – {month(last)}"


def ai_ml_section(ctx: Context) -> Section:
    """Share of AI/ML technician postings per period, beside Indeed Hiring Lab's AI share."""
    ours_all = period_queries.ai_ml_share_by_period(
        ctx.con, period=ctx.period, min_postings=ctx.min_postings, filters=ctx.filters
    )
    ours = ours_all.filter(~pl.col("suppressed"))
    head = heading("ai-ml", "AI/ML technician postings beside Indeed's AI tracker")
    method = (
        "<p class=note><b>How the two differ.</b> skillgap counts a posting as an AI/ML "
        "technician posting when a role it advertises does the practical AI/ML work, by its "
        "title or its own duties (see the method notes); the share is of the postings in this "
        "warehouse (for the bundled data, Hacker News “Who is hiring?” posts, which lean "
        "to software start-ups). Indeed Hiring Lab counts the share of all job postings on "
        "Indeed in a country whose text mentions AI keywords, as a 7-day trailing average; "
        f"skillgap shows the mean of those daily values per {ctx.period}, over the months that "
        "hold postings only. Indeed's series covers the whole job market of a country, so its "
        "level is far lower; compare directions, not levels. Indeed data: Indeed Hiring Lab, "
        "AI Tracker, CC BY 4.0.</p>"
    )
    if ours.is_empty():
        return Section(
            head
            + f"<p class=empty>No {ctx.period} has at least {ctx.min_postings} postings.</p>"
            + method
            + "</section>"
        )
    coverage = queries.indeed_coverage(ctx.con).row(0, named=True)
    first, last = ours["first_month"].min(), ours["last_month"].max()
    assert isinstance(first, date) and isinstance(last, date)
    countries = _indeed_countries(ctx, list(coverage["countries"]))
    indeed = period_queries.indeed_by_period(
        ctx.con, countries=countries, months=ctx.months, period=ctx.period
    ).filter(pl.col("period_label").is_in(ours["period_label"].to_list()))
    if indeed.is_empty():
        scope = (
            f"Indeed's series ({coverage['first_day']:%b %Y} – {coverage['last_day']:%b %Y}) "
            f"has no months in common with these postings ({month_span(first, last)}), so only "
            "skillgap's share is drawn."
        )
    else:
        labels = sorted(set(indeed["period_label"].to_list()))
        span = labels[0] if len(labels) == 1 else f"{labels[0]} – {labels[-1]}"
        scope = (
            f"Indeed's series is shown for {', '.join(countries)} over the months both "
            f"cover ({span}); skillgap's share pools all postings that pass the filters."
        )
    lead = ours.sort("period_start").row(-1, named=True)
    title = (
        f"AI/ML technician postings were {percent(lead['share'])} of postings in "
        f"{lead['period_label']}"
        + _since_first(ours)
        + (
            f"; Indeed's AI share ({countries[0]}) was "
            f"{percent(_last_share(indeed, countries[0]), 2)}"
            if not indeed.is_empty()
            else ""
        )
    )
    fig = period_figures.ai_ml_beside_indeed(
        ours, indeed, ctx.coverage.slots(), title=title, x_title=ctx.period
    )
    data = ours_all.with_columns(pl.lit("skillgap").alias("series")).select(
        "series", "period_label", "postings", "ai_ml_role_postings", "share", "ci_low", "ci_high"
    )
    indeed_rows = indeed.select(
        pl.concat_str(pl.lit("indeed:"), pl.col("country")).alias("series"),
        "period_label",
        pl.lit(None, pl.Int64).alias("postings"),
        pl.lit(None, pl.Int64).alias("ai_ml_role_postings"),
        "share",
        pl.lit(None, pl.Float64).alias("ci_low"),
        pl.lit(None, pl.Float64).alias("ci_high"),
    )
    chart = Chart("ai-ml-share", title, fig, pl.concat([data, indeed_rows]))
    rows = [
        [
            r["series"],
            r["period_label"],
            "" if r["postings"] is None else f"{r['ai_ml_role_postings']} of {r['postings']}",
            percent(r["share"], 2),
            "" if r["ci_low"] is None else f"{percent(r['ci_low'])} – {percent(r['ci_high'])}",
        ]
        for r in chart.data.iter_rows(named=True)
    ]
    body = chart.html(
        ["series", "period", "postings", "share", "95% interval"],
        rows,
        [False, False, True, True, True],
    )
    return Section(
        head + f"<p>{text(scope)}</p>" + body + gap_note(ctx) + method + "</section>",
        [chart],
    )


def _since_first(ours: pl.DataFrame) -> str:
    if ours.height < 2:
        return ""
    first = ours.sort("period_start").row(0, named=True)
    return f", against {percent(first['share'])} in {first['period_label']}"


def _last_share(indeed: pl.DataFrame, country: str) -> float | None:
    rows = indeed.filter(pl.col("country") == country).sort("period_start")
    return None if rows.is_empty() else float(rows["share"][-1])


def _indeed_countries(ctx: Context, available: list[str]) -> list[str]:
    """The filter's countries Indeed covers, else the covered countries with most postings."""
    if ctx.filters.countries:
        chosen = [c for c in ctx.filters.countries if c in available]
        return chosen or ["US"]
    counts = queries.breakdown(ctx.con, dimension="country", limit=50, filters=ctx.filters)
    found = [v for v in counts["value"].to_list() if v in available][:3]
    return found or ["US"]


def top_skills_section(ctx: Context) -> Section:
    """Top skills in all postings; in AI/ML technician postings the core first, then the rest."""
    parts = [heading("top", "Top skills"), "<h3>All postings</h3>"]
    charts = []
    top = queries.skill_demand(ctx.con, top_n=ctx.top_n, within="all", filters=ctx.filters)
    if top.is_empty():
        parts.append("<p class=empty>No skills counted in all postings.</p>")
    else:
        lead = top.row(0, named=True)
        title = (
            f"{lead['skill']} is asked for most often in all postings: "
            f"{percent(lead['share'])} of them"
        )
        html, chart = skill_share_chart(
            "top-skills",
            top,
            ("postings", "total_postings", "share"),
            title=title,
            x_title="share of all postings asking for the skill (%)",
            colour_index=0,
        )
        parts.append(html)
        charts.append(chart)
    html, drawn = technician_skills(ctx)
    parts.append("<h3>AI/ML technician postings</h3>" + html)
    charts.extend(drawn)
    return Section("".join(parts) + "</section>", charts)


def cooccurrence_section(ctx: Context) -> Section:
    """Heatmap of skills asked for together in AI/ML technician postings."""
    head = heading("pairs", "Skills asked for together in AI/ML technician postings")
    top, core = core_first(ctx, HEATMAP_SKILLS)
    total = int(top["total_ai_ml_postings"][0]) if not top.is_empty() else 0
    if top.is_empty() or total == 0:
        return Section(head + "<p class=empty>No AI/ML technician postings.</p></section>")
    ids = top["skill_id"].to_list()
    pairs = queries.cooccurrence(ctx.con, skill_ids=ids, filters=ctx.filters)
    skills = list(
        zip(ids, top["skill"].to_list(), top["ai_ml_role_postings"].to_list(), strict=True)
    )
    best = pairs.sort("postings_both", "skill_a", descending=[True, False]).head(1)
    if best.is_empty():
        title = "No two of the top skills are asked for together in AI/ML technician postings"
    else:
        b = best.row(0, named=True)
        title = (
            f"{b['skill_a_name']} and {b['skill_b_name']} are the most common pair: "
            f"{percent(b['postings_both'] / total)} of AI/ML technician postings ask for both"
        )
    fig = gap_figures.cooccurrence_heatmap(pairs, skills, total, title=title)
    if 0 < core < len(ids):  # a rule between the core and the rest of the stack
        fig.add_hline(y=core - 0.5, line={"color": "#333", "width": 2})
        fig.add_vline(x=core - 0.5, line={"color": "#333", "width": 2})
    chart = Chart("cooccurrence", title, fig, pairs)
    rows = [
        [
            r["skill_a_name"],
            r["skill_b_name"],
            r["postings_both"],
            percent(r["postings_both"] / total),
        ]
        for r in pairs.filter(pl.col("skill_a") < pl.col("skill_b"))
        .sort("postings_both", descending=True)
        .iter_rows(named=True)
    ]
    body = chart.html(
        ["skill", "with skill", "postings asking for both", "share of AI/ML postings"],
        rows,
        [False, False, True, True],
    )
    note = (
        f"<p>The {core} skills of the technician's core asked for most in the {total:,} AI/ML "
        f"technician postings, then (past the rule) the {len(ids) - core} most asked for from "
        "the rest of the stack; each cell is the share of those postings asking for both "
        "skills, the diagonal the share asking for the skill at all.</p>"
    )
    return Section(head + note + body + "</section>", [chart])
