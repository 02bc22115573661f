"""The long run: the ML-framework race, rank movement of the top skills, year-over-year
change, and change from the first to the last year, each with its 95% intervals."""

from __future__ import annotations

import polars as pl

from reports import longrun_figures, period_figures, period_queries, takeaways
from reports.exports import Chart, Context, Section
from reports.markup import heading, percent, text
from reports.periods import Coverage
from reports.trends import gap_note, share_chart, share_rows

# The frameworks the AI/ML technician is defined by are always in the race; the others of the
# taxonomy's ML-framework category join when asked for often enough, up to the palette's size.
NAMED_FRAMEWORKS = ("tensorflow", "keras", "pytorch", "scikit_learn")
FRAMEWORK_MIN_BASE = 10
MAX_FRAMEWORKS = 8
RANKED_SKILLS = 7
RANK_DEPTH = 30


def eligible_years(ctx: Context) -> tuple[list[int], dict[int, int]]:
    """Years with at least ``min_postings`` postings, and every year's postings."""
    months = period_queries.report_months(ctx.con, ctx.filters)
    totals: dict[int, int] = {}
    for month, n in months.rows():
        totals[month.year] = totals.get(month.year, 0) + n
    return sorted(y for y, n in totals.items() if n >= ctx.min_postings), totals


def long_run_section(ctx: Context, skill_ids: list[str], cluster_ids: list[str]) -> Section:
    """Frameworks, ranks, year-over-year and long-run change."""
    years, totals = eligible_years(ctx)
    parts = [
        heading("longrun", "The long run"),
        "<p>Shares of postings, not counts: each month of the bundled Hacker News data was "
        "collected a few days after its thread opened, so monthly volumes are not comparable "
        "(see the method section). Years are compared only when each holds at least "
        f"{ctx.min_postings} postings; differences come with Newcombe's 95% interval, ratios "
        "with a 95% interval on the log scale (Katz).</p>",
    ]
    charts: list[Chart] = []
    parts.append(_framework_race(ctx, charts))
    if len(years) < 2:
        parts.append(
            "<p class=empty>Rank movement, year-over-year and long-run change need postings "
            f"in at least two years with {ctx.min_postings} or more each; "
            f"{_years_held(totals)}.</p>"
        )
        return Section("".join(parts) + "</section>", charts)
    parts.append(_rank_movement(ctx, charts))
    parts.append(_year_over_year(ctx, cluster_ids, skill_ids, years, totals, charts))
    parts.append(_long_run_change(ctx, cluster_ids, skill_ids, charts))
    return Section("".join(parts) + "</section>", charts)


def _years_held(totals: dict[int, int]) -> str:
    if not totals:
        return "there are none"
    listed = ", ".join(f"{y} ({n:,})" for y, n in sorted(totals.items()))
    return f"postings per year: {listed}"


def _framework_race(ctx: Context, charts: list[Chart]) -> str:
    found = period_queries.frameworks(ctx.con, min_base=1, filters=ctx.filters)
    named = [s for s in NAMED_FRAMEWORKS if s in set(found["skill_id"].to_list())]
    others = [
        s
        for s, n in zip(found["skill_id"].to_list(), found["postings"].to_list(), strict=True)
        if s not in named and n >= FRAMEWORK_MIN_BASE
    ]
    ids = (named + others)[:MAX_FRAMEWORKS]
    head = (
        "<h3>The framework race</h3><p>TensorFlow, Keras, PyTorch and scikit-learn, and the "
        "other ML frameworks of the taxonomy asked for in at least "
        f"{FRAMEWORK_MIN_BASE} postings (up to {MAX_FRAMEWORKS} in all), per "
        f"{ctx.period}.</p>"
    )
    shares = period_queries.share_by_period(
        ctx.con,
        item_kind="skill",
        item_ids=ids,
        period=ctx.period,
        min_postings=ctx.min_postings,
        filters=ctx.filters,
    )
    shown = shares.filter(~pl.col("suppressed"))
    if shown.is_empty():
        return head + "<p class=empty>No ML framework is asked for in these postings.</p>"
    slots = ctx.coverage.slots()
    before = {
        s.label: (None if i == 0 or slots[i - 1].gap else slots[i - 1].label)
        for i, s in enumerate(slots)
    }
    order = sorted(
        ids, key=lambda s: -float(shown.filter(pl.col("item_id") == s)["share"].sum() or 0)
    )
    chart = share_chart(ctx, "framework-race", shares, order, takeaways.race(shown, before))
    charts.append(chart)
    headers, rows = share_rows(shares, ctx.period == "month")
    return (
        head
        + chart.html(headers, rows, [False, False, True, True, True, True, True][: len(headers)])
        + gap_note(ctx)
    )


def _rank_movement(ctx: Context, charts: list[Chart]) -> str:
    ranks = period_queries.skill_ranks(
        ctx.con, period="year", min_postings=ctx.min_postings, filters=ctx.filters
    )
    if ranks.is_empty():
        return "<h3>Rank movement of the top skills</h3><p class=empty>No skill is asked for.</p>"
    first, last = ranks["period_start"].min(), ranks["period_start"].max()
    top_last = ranks.filter((pl.col("period_start") == last) & (pl.col("rank") <= RANKED_SKILLS))
    top_first = ranks.filter((pl.col("period_start") == first) & (pl.col("rank") <= RANKED_SKILLS))
    chosen = list(
        dict.fromkeys(top_last.sort("rank", "item")["item_id"].to_list()
                      + top_first.sort("rank", "item")["item_id"].to_list())
    )  # fmt: skip
    picked = ranks.filter(pl.col("item_id").is_in(chosen))
    drawn = picked.filter(pl.col("rank") <= RANK_DEPTH)
    years = Coverage.of(ctx.months, "year")
    title = takeaways.climb(picked)
    fig = period_figures.rank_movement(drawn, chosen, years.slots(), title=title)
    chart = Chart("rank-movement", title, fig, picked.drop("period_start"))
    charts.append(chart)
    rows = [
        [r["item"], r["period_label"], f"#{r['rank']}", percent(r["share"]),
         r["postings_with_item"], r["postings_in_period"]]
        for r in picked.sort("item", "period_start").iter_rows(named=True)
    ]  # fmt: skip
    note = years.note()
    return (
        "<h3>Rank movement of the top skills</h3>"
        f"<p>The {RANKED_SKILLS} skills asked for most in the last year and in the first, "
        "ranked among all skills in each year with enough postings (1 = asked for in most "
        f"postings). Ranks below {RANK_DEPTH} are in the table, not drawn.</p>"
        + chart.html(
            ["skill", "year", "rank", "share", "asking", "postings"],
            rows,
            [False, False, True, True, True, True],
        )
        + (f"<p class=note>{text(note)}</p>" if note else "")
    )


def _interval(low: float | None, high: float | None, fmt: str) -> str:
    return "–" if low is None or high is None else f"{low:{fmt}} to {high:{fmt}}"


def _change_rows(changes: pl.DataFrame) -> list[list[object]]:
    return [
        [
            r["item"],
            f"{r['early_year']} → {r['late_year']}",
            f"{percent(r['early_share'])} ({r['early_postings']}/{r['early_total']})",
            f"{percent(r['late_share'])} ({r['late_postings']}/{r['late_total']})",
            f"{r['change_pp']:+.1f}",
            _interval(r["change_low_pp"], r["change_high_pp"], "+.1f"),
            "new" if r["is_new"] else ("–" if r["ratio"] is None else f"{r['ratio']:.2f}"),
            _interval(r["ratio_low"], r["ratio_high"], ".2f"),
        ]
        for r in changes.iter_rows(named=True)
    ]


CHANGE_HEADERS = [
    "item",
    "years",
    "share, earlier",
    "share, later",
    "change (pp)",
    "95% interval (pp)",
    "ratio",
    "95% interval",
]
CHANGE_NUMERIC = [False, False, True, True, True, True, True, True]


def _year_over_year(
    ctx: Context,
    cluster_ids: list[str],
    skill_ids: list[str],
    years: list[int],
    totals: dict[int, int],
    charts: list[Chart],
) -> str:
    yoy = period_queries.skill_growth_yoy(
        ctx.con,
        cluster_ids=cluster_ids,
        skill_ids=skill_ids,
        min_postings=ctx.min_postings,
        filters=ctx.filters,
    )
    # A cluster and a skill can share an id (machine_learning): items are (kind, id).
    order = [*(("cluster", c) for c in cluster_ids), *(("skill", s) for s in skill_ids)]
    missing = [
        f"{y} ({'no postings' if totals.get(y - 1, 0) == 0 else 'too few postings'} in {y - 1})"
        for y in years
        if y - 1 not in years and y != years[0]
    ]
    note = (
        f"<p class=note>No year-over-year value for {text(', '.join(missing))}.</p>"
        if missing
        else ""
    )
    head = (
        "<h3>Year over year</h3><p>Each year against the year before, wherever both have "
        f"{ctx.min_postings} or more postings: the change in share of postings in percentage "
        "points (blue up, vermillion down), for the clusters and skills of the trend charts. "
        "The table gives both shares, the change with its 95% interval and the ratio of the "
        "shares with its own.</p>"
    )
    if yoy.is_empty():
        return head + note + "<p class=empty>No two consecutive years hold enough postings.</p>"
    title = takeaways.biggest_yoy(yoy)
    fig = longrun_figures.yoy_heatmap(yoy, order, title=title)
    chart = Chart("year-over-year", title, fig, yoy)
    charts.append(chart)
    rank = {item: n for n, item in enumerate(order)}
    ordered = yoy.with_columns(
        pl.struct("item_kind", "item_id")
        .map_elements(lambda r: rank[(r["item_kind"], r["item_id"])], return_dtype=pl.Int64)
        .alias("o")
    ).sort("o", "late_year")
    return head + note + chart.html(CHANGE_HEADERS, _change_rows(ordered), CHANGE_NUMERIC)


def _long_run_change(
    ctx: Context, cluster_ids: list[str], skill_ids: list[str], charts: list[Chart]
) -> str:
    changes = period_queries.skill_change_long_run(
        ctx.con,
        cluster_ids=cluster_ids,
        skill_ids=skill_ids,
        min_postings=ctx.min_postings,
        filters=ctx.filters,
    )
    if changes.is_empty():
        return ""
    changes = changes.sort(["change_pp", "item"], descending=[True, False])
    first, last = changes["early_year"][0], changes["late_year"][0]
    title = takeaways.biggest_change(changes, "cluster or skill")
    fig = longrun_figures.change_dots(
        changes,
        title=title,
        x_title=f"change in share of postings, {first} to {last} (percentage points)",
    )
    chart = Chart("long-run-change", title, fig, changes)
    charts.append(chart)
    return (
        f"<h3>From {first} to {last}</h3><p>The first and the last year with {ctx.min_postings} "
        "or more postings: the change in share of postings with its 95% interval; orange marks "
        "what was not asked for at all in the first year (a ratio would be infinite).</p>"
        + chart.html(CHANGE_HEADERS, _change_rows(changes), CHANGE_NUMERIC)
    )
