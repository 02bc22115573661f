"""Growth and emerging skills: over the years when the postings span two years with enough
postings each, else between the first and the last reported months; and the terms the
taxonomy does not know yet that grow."""

from __future__ import annotations

from reports import figures, longrun_figures, period_queries, queries, takeaways
from reports.demand import GROWTH_WINDOW_MONTHS, month, month_span
from reports.exports import Chart, Context, Section
from reports.longrun import eligible_years
from reports.markup import heading, percent, table

GROWTH_MIN_BASE = 5
GROWTH_LIMIT = 15
TERMS_LIMIT = 15
THRESHOLD = 0.01


def growth_section(ctx: Context) -> Section:
    """Emerging skills and emerging unknown terms."""
    years, _ = eligible_years(ctx)
    charts: list[Chart] = []
    parts = [heading("growth", "Growth and emerging skills"), "<h3>Emerging skills</h3>"]
    if len(years) >= 2:
        parts.append(_skills_over_years(ctx, charts))
        parts.append(_terms_over_years(ctx, charts))
    else:
        parts.append(_skills_over_months(ctx, charts))
        parts.append(_terms_recent(ctx, charts))
    return Section("".join(parts) + "</section>", charts)


def _skills_over_years(ctx: Context, charts: list[Chart]) -> str:
    rows = period_queries.emerging_skills_yearly(
        ctx.con,
        min_postings=ctx.min_postings,
        min_base=GROWTH_MIN_BASE,
        threshold=THRESHOLD,
        limit=GROWTH_LIMIT,
        filters=ctx.filters,
    )
    if rows.is_empty():
        return "<p class=empty>No skill is asked for in enough postings of the last year.</p>"
    first, last = rows["early_year"][0], rows["late_year"][0]
    title = takeaways.emerging(rows, THRESHOLD)
    fig = longrun_figures.change_dots(
        rows,
        title=title,
        x_title=f"change in share of postings, {first} to {last} (percentage points)",
        notes=[
            "" if year is None else f"{percent(THRESHOLD, 0)} in {year}"
            for year in rows["first_year_at_threshold"].to_list()
        ],
    )
    chart = Chart("emerging-skills", title, fig, rows)
    charts.append(chart)
    table_rows = [
        [
            r["item"],
            "–" if r["first_year_at_threshold"] is None else r["first_year_at_threshold"],
            f"{percent(r['early_share'])} ({r['early_postings']}/{r['early_total']})",
            f"{percent(r['late_share'])} ({r['late_postings']}/{r['late_total']})",
            f"{r['change_pp']:+.1f}",
            f"{r['change_low_pp']:+.1f} to {r['change_high_pp']:+.1f}",
            "new" if r["is_new"] else f"{r['ratio']:.2f}",
        ]
        for r in rows.iter_rows(named=True)
    ]
    return (
        f"<p>The skills whose share of postings grew most from {first} to {last} (the first "
        f"and last years with {ctx.min_postings} or more postings), among those asked for in "
        f"at least {GROWTH_MIN_BASE} postings of {last}, with the first year each reached "
        f"{percent(THRESHOLD, 0)} of postings. Orange marks a skill not asked for at all in "
        f"{first}.</p>"
        + chart.html(
            ["skill", f"first year ≥ {percent(THRESHOLD, 0)}", f"share {first}",
             f"share {last}", "change (pp)", "95% interval (pp)", "ratio"],
            table_rows,
            [False, True, True, True, True, True, True],
        )
    )  # fmt: skip


def _terms_over_years(ctx: Context, charts: list[Chart]) -> str:
    terms = period_queries.emerging_terms_yearly(
        ctx.con, min_postings=ctx.min_postings, limit=TERMS_LIMIT, filters=ctx.filters
    )
    head = (
        "<h3>Emerging terms the taxonomy does not know</h3><p>Terms listed beside known "
        "skills (as in “Python, Zig and SQL”) that name no skill of the taxonomy, whose share "
        "of postings grew most from the first to the last year: candidates for the next "
        "taxonomy version, not yet counted as skills.</p>"
    )
    if terms.is_empty():
        return head + "<p class=empty>No unknown term in 3 or more postings grew.</p>"
    charts.append(Chart("emerging-terms", "Unknown terms that grow over the years", None, terms))
    first, last = terms["early_year"][0], terms["late_year"][0]
    rows = [
        [
            r["example"],
            "new" if r["is_new"] else "",
            f"{percent(r['early_share'], 2)} ({r['early_postings']})",
            f"{percent(r['late_share'], 2)} ({r['late_postings']})",
            f"{r['change_pp']:+.2f} ({r['change_low_pp']:+.2f} to {r['change_high_pp']:+.2f})",
            r["postings"],
            month(r["first_month"]),
        ]
        for r in terms.iter_rows(named=True)
    ]
    return head + table(
        ["term", "flag", f"share {first}", f"share {last}", "change, pp (95% interval)",
         "postings, all years", "first seen"],
        rows,
        caption=f"Unknown terms by growth in share, {first} to {last}",
        numeric=[False, False, True, True, True, True, False],
    )  # fmt: skip


def _skills_over_months(ctx: Context, charts: list[Chart]) -> str:
    growth = queries.skill_growth(
        ctx.con,
        min_postings=ctx.min_postings,
        window_months=GROWTH_WINDOW_MONTHS,
        min_base=GROWTH_MIN_BASE,
        limit=GROWTH_LIMIT,
        filters=ctx.filters,
    )
    if growth.is_empty():
        return (
            "<p class=empty>Not enough data to compare yet: this needs at least "
            f"{2 * GROWTH_WINDOW_MONTHS} months with {ctx.min_postings} or more postings.</p>"
        )
    first = growth.row(0, named=True)
    early = month_span(first["early_first"], first["early_last"])
    late = month_span(first["late_first"], first["late_last"])
    lead = first["skill"] + (" (new)" if first["is_new"] else "")
    title = (
        f"{lead} rose most, {first['change_pp']:+.1f} points, {early} vs {late} "
        "(change in share of postings, percentage points)"
    )
    chart = Chart("growth", title, figures.growth_bars(growth, title=title), growth)
    charts.append(chart)
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
    return (
        f"<p>Fewer than two years hold {ctx.min_postings} or more postings, so the first "
        f"{GROWTH_WINDOW_MONTHS} reported months are compared with the last "
        f"{GROWTH_WINDOW_MONTHS}, for skills asked for in at least {GROWTH_MIN_BASE} postings "
        "of the later months. A skill absent from the earlier months is marked “new” (orange "
        "bar) instead of being given an infinite growth rate.</p>"
        + chart.html(
            ["skill", "flag", f"share {early}", f"share {late}", "change (pp)", "growth"],
            rows,
            [False, False, True, True, True, True],
        )
    )


def _terms_recent(ctx: Context, charts: list[Chart]) -> str:
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
