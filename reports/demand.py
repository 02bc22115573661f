"""Demand sections of the report: trends, AI/ML share beside Indeed, top skills, growth,
emerging terms and skill pairs. Each returns its HTML and the charts it drew."""

from __future__ import annotations

from datetime import date

import polars as pl

from reports import figures, gap_figures, queries
from reports.exports import Chart, Context, Section
from reports.markup import percent, table, text
from reports.technician import core_first, technician_skills

GROWTH_WINDOW_MONTHS = 2
GROWTH_MIN_BASE = 5
GROWTH_LIMIT = 15
TERMS_LIMIT = 15
HEATMAP_SKILLS = 12


def month(value: date) -> str:
    return value.strftime("%b %Y")


def month_span(first: date, last: date) -> str:
    return month(first) if first == last else f"{month(first)} – {month(last)}"


def _heading(key: str, title: str) -> str:
    return f"<section aria-labelledby=h-{key}><h2 id=h-{key}>{text(title)}</h2>"


def _suppression_note(ctx: Context, shares: pl.DataFrame) -> str:
    thin = shares.filter(pl.col("suppressed")).select("month", "postings_in_month").unique()
    if thin.is_empty():
        return f"Every month has at least {ctx.min_postings} postings, so none is left out."
    listed = ", ".join(f"{month(m)} ({n})" for m, n in thin.sort("month").rows())
    return f"Months with fewer than {ctx.min_postings} postings are left out: {listed}."


def _trend_chart(
    ctx: Context, key: str, kind: str, ids: list[str], label: str
) -> tuple[str, list[Chart]]:
    shares = queries.share_monthly(
        ctx.con,
        item_kind=kind,
        item_ids=ids,
        min_postings=ctx.min_postings,
        filters=ctx.filters,
    )
    note = f"<p class=note>{text(_suppression_note(ctx, shares))}</p>" if ids else ""
    shown = shares.filter(~pl.col("suppressed"))
    if shown.is_empty():
        return (
            note + f"<p class=empty>No month has at least {ctx.min_postings} postings with "
            f"{text(label)} counted, so there is no trend to draw yet.</p>",
            [],
        )
    last = shown.filter(pl.col("month") == shown["month"].max()).sort(
        "rolling_share", descending=True
    )
    lead = last.row(0, named=True)
    title = (
        f"{lead['item']} leads the {label} in {month(lead['month'])}: "
        f"{percent(lead['rolling_share'])} of postings (3-month rolling)"
    )
    fig = figures.share_over_time(
        shown, ids, title=title, y_title="share of postings asking for it (%)"
    )
    chart = Chart(key, title, fig, shares)
    rows = [
        [
            r["item"],
            month(r["month"]),
            r["postings_with_item"],
            r["postings_in_month"],
            "suppressed" if r["suppressed"] else percent(r["share"]),
            "–" if r["suppressed"] else f"{percent(r['ci_low'])} – {percent(r['ci_high'])}",
            "–" if r["suppressed"] else percent(r["rolling_share"]),
        ]
        for r in shares.sort("item", "month").iter_rows(named=True)
    ]
    body = chart.html(
        ["item", "month", "asking", "postings", "share", "95% interval", "3-month rolling"],
        rows,
        [False, False, True, True, True, True, True],
    )
    return note + body, [chart]


def trend_section(ctx: Context, skill_ids: list[str], cluster_ids: list[str]) -> Section:
    """Monthly share of postings asking for each chosen cluster and skill."""
    parts = [
        _heading("trend", "Demand over time"),
        "<p>Each marker is the share of a month's postings that ask for the skill (mentioned "
        "and not marked as not required), with its 95% Wilson interval; the line is the share "
        "pooled over that month and the two before it. Hover for the counts.</p>",
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


def ai_ml_section(ctx: Context) -> Section:
    """Share of AI/ML technician postings per month, beside Indeed Hiring Lab's AI share."""
    ours_all = queries.ai_ml_share_monthly(
        ctx.con, min_postings=ctx.min_postings, filters=ctx.filters
    )
    ours = ours_all.filter(~pl.col("suppressed"))
    head = _heading("ai-ml", "AI/ML technician postings beside Indeed's AI tracker")
    method = (
        "<p class=note><b>How the two differ.</b> skillgap counts a posting as an AI/ML "
        "technician posting when a role it advertises does the practical AI/ML work, by its "
        "title or its own duties (see the method notes); the share is of the postings in this "
        "warehouse (for the bundled data, Hacker News “Who is hiring?” posts, which lean "
        "to software start-ups). Indeed Hiring Lab counts the share of all job postings on "
        "Indeed in a country whose text mentions AI keywords, as a 7-day trailing average; "
        "skillgap shows the mean of those daily values per month. Indeed's series covers "
        "the whole job market of a country, so its level is far lower; compare directions, "
        "not levels. Indeed data: Indeed Hiring Lab, AI Tracker, CC BY 4.0.</p>"
    )
    if ours.is_empty():
        return Section(
            head
            + f"<p class=empty>No month has at least {ctx.min_postings} postings.</p>"
            + method
            + "</section>"
        )
    coverage = queries.indeed_coverage(ctx.con).row(0, named=True)
    first, last = ours["month"].min(), ours["month"].max()
    assert isinstance(first, date) and isinstance(last, date)
    countries = _indeed_countries(ctx, list(coverage["countries"]))
    indeed = queries.indeed_monthly(
        ctx.con, countries=countries, first_month=first, last_month=last
    )
    overlap = sorted(set(indeed["month"].to_list()))
    if indeed.is_empty():
        scope = (
            f"Indeed's series ({coverage['first_day']:%b %Y} – {coverage['last_day']:%b %Y}) "
            f"has no months in common with these postings ({month_span(first, last)}), so only "
            "skillgap's share is drawn."
        )
    else:
        scope = (
            f"Indeed's series is shown for {', '.join(countries)} over the months both "
            f"cover ({month_span(overlap[0], overlap[-1])}); skillgap's share pools all "
            "postings that pass the filters."
        )
    lead = ours.sort("month").row(-1, named=True)
    title = (
        f"AI/ML technician postings were {percent(lead['share'])} of postings in "
        f"{month(lead['month'])}"
        + (
            f"; Indeed's AI share ({countries[0]}) was "
            f"{percent(_last_share(indeed, countries[0]), 2)}"
            if not indeed.is_empty()
            else ""
        )
    )
    fig = figures.ai_ml_beside_indeed(ours, indeed, title=title)
    data = ours_all.with_columns(pl.lit("skillgap").alias("series")).select(
        "series", "month", "postings", "ai_ml_role_postings", "share", "ci_low", "ci_high"
    )
    indeed_rows = indeed.select(
        pl.concat_str(pl.lit("indeed:"), pl.col("country")).alias("series"),
        "month",
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
            month(r["month"]),
            "" if r["postings"] is None else f"{r['ai_ml_role_postings']} of {r['postings']}",
            percent(r["share"], 2),
            "" if r["ci_low"] is None else f"{percent(r['ci_low'])} – {percent(r['ci_high'])}",
        ]
        for r in chart.data.iter_rows(named=True)
    ]
    body = chart.html(
        ["series", "month", "postings", "share", "95% interval"],
        rows,
        [False, False, True, True, True],
    )
    return Section(head + f"<p>{text(scope)}</p>" + body + method + "</section>", [chart])


def _last_share(indeed: pl.DataFrame, country: str) -> float | None:
    rows = indeed.filter(pl.col("country") == country).sort("month")
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
    parts = [_heading("top", "Top skills"), "<h3>All postings</h3>"]
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
        fig = figures.share_bars(
            top["skill"].to_list(),
            top["share"].to_list(),
            list(zip(top["postings"].to_list(), top["total_postings"].to_list(), strict=True)),
            title=title,
            x_title="share of all postings asking for the skill (%)",
            y_title="skill",
            colour_index=0,
        )
        chart = Chart("top-skills", title, fig, top)
        rows = [
            [r["skill"], r["cluster"] or "", r["postings"], percent(r["share"])]
            for r in top.iter_rows(named=True)
        ]
        parts.append(
            chart.html(["skill", "cluster", "postings", "share"], rows, [False, False, True, True])
        )
        charts.append(chart)
    html, drawn = technician_skills(ctx)
    parts.append("<h3>AI/ML technician postings</h3>" + html)
    charts.extend(drawn)
    return Section("".join(parts) + "</section>", charts)


def growth_section(ctx: Context) -> Section:
    """Year-over-year growth, emerging skills and emerging unknown terms."""
    parts = [_heading("growth", "Growth and emerging skills")]
    charts = []
    yoy = queries.skill_growth_yoy(
        ctx.con, min_base=GROWTH_MIN_BASE, limit=GROWTH_LIMIT, filters=ctx.filters
    )
    parts.append("<h3>Year over year</h3>")
    if yoy.is_empty():
        parts.append(
            "<p class=empty>No year-over-year comparison: it needs postings in the same "
            "three months a year before the latest month, and these postings do not go back "
            "that far.</p>"
        )
    else:
        html, chart = _growth_chart(
            "growth-yoy",
            yoy.rename(
                {
                    "year_ago_postings": "early_postings",
                    "year_ago_total": "early_total",
                    "recent_postings": "late_postings",
                    "recent_total": "late_total",
                    "year_ago_share": "early_share",
                    "recent_share": "late_share",
                    "year_ago_first": "early_first",
                    "year_ago_last": "early_last",
                    "recent_first": "late_first",
                    "recent_last": "late_last",
                }
            ),
        )
        parts.append(html)
        charts.append(chart)
    parts.append("<h3>Emerging skills</h3>")
    growth = queries.skill_growth(
        ctx.con,
        min_postings=ctx.min_postings,
        window_months=GROWTH_WINDOW_MONTHS,
        min_base=GROWTH_MIN_BASE,
        limit=GROWTH_LIMIT,
        filters=ctx.filters,
    )
    if growth.is_empty():
        parts.append(
            "<p class=empty>Not enough data to compare yet: this needs at least "
            f"{2 * GROWTH_WINDOW_MONTHS} months with {ctx.min_postings} or more postings.</p>"
        )
    else:
        parts.append(
            f"<p>The first {GROWTH_WINDOW_MONTHS} reported months against the last "
            f"{GROWTH_WINDOW_MONTHS}, for skills asked for in at least {GROWTH_MIN_BASE} "
            "postings of the later months. A skill absent from the earlier months is marked "
            "“new” (orange bar) instead of being given an infinite growth rate.</p>"
        )
        html, chart = _growth_chart("growth", growth)
        parts.append(html)
        charts.append(chart)
    parts.append(_terms(ctx, charts))
    return Section("".join(parts) + "</section>", charts)


def _growth_chart(key: str, growth: pl.DataFrame) -> tuple[str, Chart]:
    first = growth.row(0, named=True)
    early = month_span(first["early_first"], first["early_last"])
    late = month_span(first["late_first"], first["late_last"])
    lead = first["skill"] + (" (new)" if first["is_new"] else "")
    title = (
        f"{lead} rose most, {first['change_pp']:+.1f} points, {early} vs {late} "
        "(change in share of postings, percentage points)"
    )
    fig = figures.growth_bars(growth, title=title)
    chart = Chart(key, title, fig, growth)
    rows = [
        [
            r["skill"],
            "new" if r["is_new"] else "",
            f"{percent(r['early_share'])} ({r['early_postings']}/{r['early_total']})",
            f"{percent(r['late_share'])} ({r['late_postings']}/{r['late_total']})",
            f"{r['change_pp']:+.1f}",
            "new" if r["growth_pct"] is None else f"{r['growth_pct']:+.0f}%",
        ]
        for r in growth.iter_rows(named=True)
    ]
    html = chart.html(
        ["skill", "flag", f"share {early}", f"share {late}", "change (pp)", "growth"],
        rows,
        [False, False, True, True, True, True],
    )
    return html, chart


def _terms(ctx: Context, charts: list[Chart]) -> str:
    terms = queries.emerging_terms(
        ctx.con, recent_months=GROWTH_WINDOW_MONTHS, limit=TERMS_LIMIT, filters=ctx.filters
    )
    head = (
        "<h3>Emerging terms the taxonomy does not know</h3><p>Terms listed beside known "
        "skills (as in “Python, Zig and SQL”) that name no skill of the taxonomy, most used in "
        f"the last {GROWTH_WINDOW_MONTHS} months first: candidates for the next taxonomy "
        "version, not yet counted as skills.</p>"
    )
    if terms.is_empty():
        return head + "<p class=empty>No unknown term appears in 3 or more postings.</p>"
    charts.append(Chart("emerging-terms", "Emerging unknown terms", None, terms))
    rows = [
        [
            r["example"],
            "new" if r["is_new"] else "",
            r["recent_postings"],
            r["postings"],
            month(r["first_month"]),
        ]
        for r in terms.iter_rows(named=True)
    ]
    return head + table(
        ["term", "flag", "postings, recent months", "postings, all months", "first seen"],
        rows,
        caption="Unknown terms by recent use",
        numeric=[False, False, True, True, False],
    )


def cooccurrence_section(ctx: Context) -> Section:
    """Heatmap of skills asked for together in AI/ML technician postings."""
    head = _heading("pairs", "Skills asked for together in AI/ML technician postings")
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
