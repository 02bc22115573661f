"""The skill-gap section: what AI/ML technician postings ask for against what training
programmes teach.

Demand is the share of the latest year's AI/ML technician postings asking for a skill (95%
Wilson interval); coverage is the share of programmes with a lesson naming it. The section
opens with the technician's core skills (every one, even at zero), ranks the largest gaps
over all skills, lists the skills taught far more often than asked for, follows core-skill
demand over the years against coverage, then turns to the programmes
(:mod:`reports.programmes`).
"""

from __future__ import annotations

import polars as pl

from reports import figures, gap_figures, gap_queries, programmes, queries
from reports.exports import Chart, Context, Section
from reports.markup import percent, text

GAP_MIN_POSTINGS = 10
GAP_LIMIT = 15
# "Taught far more often than asked for": by at least a fifth of the programmes, and at least
# three times as often as even the upper end of the demand's 95% interval.
SURPLUS_MIN_COVERAGE = 0.2
SURPLUS_RATIO = 3.0


def gap_section(ctx: Context) -> Section:
    """Demand against coverage: core skills, largest gaps, surplus, over time, programmes."""
    head = (
        "<section aria-labelledby=h-gap><h2 id=h-gap>Skill gap: demand against training "
        "programmes</h2>"
    )
    core = gap_queries.core_gap(ctx.con, ctx.filters)
    empty = _why_empty(core)
    if empty:
        return Section(head + f"<p class=empty>{empty}</p></section>")
    first = core.row(0, named=True)
    year, n_postings, n_programmes = (
        first["demand_year"],
        first["demand_total"],
        first["programmes_total"],
    )
    names = gap_queries.core_skill_names(ctx.con)
    intro = (
        f"<p>Demand is the share of the {n_postings:,} AI/ML technician postings of {year} "
        "(the latest year of the data under the filters) asking for a skill, with its 95% "
        f"Wilson interval; coverage is the share of the {n_programmes} training programmes "
        "in which at least one lesson names it. A lesson is a heading of the programme's "
        "syllabus and the text under it; both sides are tagged by the same extractor. The "
        f"technician's {len(names)} core skills come from <code>nlp/taxonomy/profiles.toml"
        "</code>; a posting asks for one, and a lesson names one, when it names any of the "
        "taxonomy skills listed for it. The syllabi are excerpts, so coverage is a lower "
        "bound.</p>"
    )
    charts: list[Chart] = []
    parts = [
        head,
        intro,
        _core_gap(core, names, charts),
        _largest_gaps(ctx, names, charts),
        _surplus(ctx, charts),
        _over_time(ctx, charts),
        programmes.coverage_by_kind(ctx, charts),
        programmes.fit(ctx, core, charts),
        programmes.matrix(ctx, charts),
    ]
    return Section("".join(parts) + "</section>", charts)


def _why_empty(core: pl.DataFrame) -> str | None:
    if core.is_empty():
        return (
            "The technician's core skills are not stored in this warehouse yet; "
            "<code>skillgap run</code> or <code>skillgap import-curricula</code> stores them."
        )
    first = core.row(0, named=True)
    if not first["programmes_total"]:
        return (
            "No training programmes are stored (or none is tagged under the current "
            "versions). Import some with <code>skillgap import-curricula FILE</code>; "
            "<code>skillgap run</code> loads the bundled ones."
        )
    if not first["demand_total"]:
        return "No AI/ML technician postings pass the filters."
    return None


def _core_gap(core: pl.DataFrame, names: pl.DataFrame, charts: list[Chart]) -> str:
    year = core["demand_year"][0]
    ranked = core.sort(["gap", "position"], descending=[True, False])
    wider = ranked.filter(pl.col("gap") > 0)
    taught_more = core.filter(pl.col("gap") < 0).height
    if not wider.is_empty():
        lead = wider.row(0, named=True)
        title = (
            f"{lead['item']} is the widest core-skill gap: asked for in "
            f"{percent(lead['demand_share'])} of {year} AI/ML technician postings, taught by "
            f"{percent(lead['coverage'], 0)} of programmes; {taught_more} of {core.height} "
            "core skills are taught more often than asked for"
        )
    else:
        lead = ranked.row(0, named=True)
        title = (
            f"Every core skill is taught at least as often as {year} AI/ML technician "
            f"postings ask for it; {lead['item']} comes closest (asked for in "
            f"{percent(lead['demand_share'])}, taught by {percent(lead['coverage'], 0)})"
        )
    rows = ranked.rename({"item": "label"})
    fig = gap_figures.demand_against_coverage(
        rows,
        title=title,
        y_title="core skill (widest gap on top)",
        demand_label=f"demand: share of {year} AI/ML technician postings",
    )
    chart = Chart("core-gap", title, fig, ranked)
    charts.append(chart)
    skills = dict(zip(names["item_id"].to_list(), names["skill_names"].to_list(), strict=True))
    table = [
        [
            n + 1,
            r["item"],
            ", ".join(skills.get(r["item_id"], [])),
            f"{percent(r['demand_share'])} ({r['demand_postings']}/{r['demand_total']})",
            f"{percent(r['ci_low'])} – {percent(r['ci_high'])}",
            f"{percent(r['coverage'], 0)} ({r['programmes_teaching']}/{r['programmes_total']})",
            f"{100 * r['gap']:+.1f}",
        ]
        for n, r in enumerate(ranked.iter_rows(named=True))
    ]
    return (
        "<h3>The technician's core skills</h3><p>Every core skill, widest gap first: the dot "
        "is demand with its 95% interval, the diamond coverage. Gap = demand − coverage in "
        "percentage points; below zero, programmes teach the skill more often than postings "
        "ask for it.</p>"
        + chart.html(
            [
                "rank",
                "core skill",
                "taxonomy skills counted",
                "demand",
                "95% interval",
                "coverage",
                "gap (pp)",
            ],
            table,
            [True, False, False, True, True, True, True],
        )
    )


def _largest_gaps(ctx: Context, names: pl.DataFrame, charts: list[Chart]) -> str:
    gap = queries.skill_gap(ctx.con, min_base=GAP_MIN_POSTINGS, filters=ctx.filters)
    ranked = gap.filter(pl.col("gap_score") > 0).head(GAP_LIMIT)
    if ranked.is_empty():
        return (
            "<h3>The largest gaps</h3><p class=empty>No skill asked for in "
            f"{GAP_MIN_POSTINGS} or more AI/ML technician postings is taught less often than "
            "it is asked for.</p>"
        )
    core_ids = {s for ids in names["skill_ids"].to_list() for s in ids}
    labels = [
        name + (" (core)" if skill_id in core_ids else "")
        for name, skill_id in zip(ranked["skill"], ranked["skill_id"], strict=True)
    ]
    year = ranked["demand_year"][0]
    top = list(ranked.head(3).iter_rows(named=True))
    first, *rest = top
    title = (
        f"The largest gaps: {first['skill']} (asked for in {percent(first['demand_share'])} of "
        f"{year} AI/ML technician postings, taught by {percent(first['coverage'], 0)} of "
        "programmes)"
        + "".join(
            f"{' and' if n == len(rest) - 1 else ','} {r['skill']} "
            f"({percent(r['demand_share'])}, {percent(r['coverage'], 0)})"
            for n, r in enumerate(rest)
        )
    )
    fig = figures.share_bars(
        labels,
        ranked["gap_score"].to_list(),
        list(zip(ranked["demand_postings"], ranked["demand_total"], strict=True)),
        title=title,
        x_title="gap: demand − coverage (percentage points of AI/ML technician postings)",
        y_title="skill",
        colour_index=3,
    )
    chart = Chart("skill-gap", title, fig, ranked)
    charts.append(chart)
    return (
        f"<h3>The largest gaps</h3><p>Over every skill asked for in at least {GAP_MIN_POSTINGS} "
        f"AI/ML technician postings of {year}: how much of its demand is not matched by "
        "programmes (demand − coverage, zero when programmes teach it at least as often). "
        "Core skills are marked.</p>"
        + chart.html(
            ["rank", "skill", "demand", "95% interval", "coverage", "gap (pp)"],
            [
                [
                    n + 1,
                    label,
                    f"{percent(r['demand_share'])} ({r['demand_postings']}/{r['demand_total']})",
                    f"{percent(r['ci_low'])} – {percent(r['ci_high'])}",
                    f"{percent(r['coverage'], 0)} ({r['curricula_covering']}/"
                    f"{r['curricula_total']})",
                    f"{100 * r['gap_score']:.1f}",
                ]
                for n, (label, r) in enumerate(
                    zip(labels, ranked.iter_rows(named=True), strict=True)
                )
            ],
            [True, False, True, True, True, True],
        )
    )


def _surplus(ctx: Context, charts: list[Chart]) -> str:
    rows = gap_queries.skill_surplus(
        ctx.con,
        min_coverage=SURPLUS_MIN_COVERAGE,
        ratio=SURPLUS_RATIO,
        limit=GAP_LIMIT,
        filters=ctx.filters,
    )
    rule = (
        f"taught by at least {percent(SURPLUS_MIN_COVERAGE, 0)} of the programmes and at least "
        f"{SURPLUS_RATIO:.0f} times as often as the upper end of its demand's 95% interval"
    )
    if rows.is_empty():
        return (
            "<h3>Taught far more often than asked for</h3><p class=empty>No skill is "
            f"{text(rule)}.</p>"
        )
    lead = rows.row(0, named=True)
    title = (
        f"{rows.height} skills are taught far more often than AI/ML technician postings ask "
        f"for them, led by {lead['skill']}: taught by {percent(lead['coverage'], 0)} of "
        f"programmes, asked for in {percent(lead['demand_share'])} of {lead['demand_year']} "
        "postings"
    )
    drawn = rows.rename({"skill": "label", "curricula_covering": "programmes_teaching",
                         "curricula_total": "programmes_total"})  # fmt: skip
    fig = gap_figures.demand_against_coverage(
        drawn,
        title=title,
        y_title="skill (largest surplus on top)",
        demand_label=f"demand: share of {lead['demand_year']} AI/ML technician postings",
    )
    chart = Chart("skill-surplus", title, fig, rows)
    charts.append(chart)
    return (
        f"<h3>Taught far more often than asked for</h3><p>Skills {text(rule)}, largest "
        "surplus (coverage − demand) first. Fundamentals that postings take for granted "
        "show here as well as skills the market asks for less than programmes assume.</p>"
        + chart.html(
            ["skill", "coverage", "demand", "95% interval", "surplus (pp)"],
            [
                [
                    r["skill"],
                    f"{percent(r['coverage'], 0)} ({r['curricula_covering']}/"
                    f"{r['curricula_total']})",
                    f"{percent(r['demand_share'])} ({r['demand_postings']}/{r['demand_total']})",
                    f"{percent(r['ci_low'])} – {percent(r['ci_high'])}",
                    f"{100 * r['surplus']:.1f}",
                ]
                for r in rows.iter_rows(named=True)
            ],
            [False, True, True, True, True],
        )
    )


def _over_time(ctx: Context, charts: list[Chart]) -> str:
    rows = gap_queries.core_gap_over_time(
        ctx.con, min_postings=ctx.min_postings, filters=ctx.filters
    )
    head = "<h3>The gap over time</h3>"
    if rows.is_empty():
        return (
            head + "<p class=empty>Demand over the years needs at least two years with "
            f"{ctx.min_postings} or more AI/ML technician postings each.</p>"
        )
    y0, y1 = rows["first_year"][0], rows["last_year"][0]
    rows = rows.with_columns(
        grew=pl.col("change_low") > 0,
        keeps_up=pl.col("coverage") >= pl.col("last_share"),
    ).sort(["change", "position"], descending=[True, False])
    grew = rows.filter(pl.col("grew"))
    behind = grew.filter(~pl.col("keeps_up"))
    if grew.is_empty():
        title = (
            f"No core skill's demand grew clearly from {y0} to {y1} (95% interval of the "
            f"change above zero); the largest rise is {rows['item'][0]}'s, "
            f"{100 * rows['change'][0]:+.1f} pp"
        )
    else:
        title = (
            f"{grew.height} of {rows.height} core skills grew in demand from {y0} to {y1}; "
            f"coverage trails the {y1} demand for {behind.height} of them"
            + (f": {', '.join(behind['item'].to_list())}" if not behind.is_empty() else "")
        )
    chart = Chart("core-gap-over-time", title, gap_figures.gap_change(rows, title=title), rows)
    charts.append(chart)
    return (
        head + f"<p>Demand for each core skill in {y0} and {y1} (the first and last years "
        f"with {ctx.min_postings} or more AI/ML technician postings) against today's "
        "coverage. A skill grew when the 95% interval of the change (Newcombe's hybrid "
        "score interval) lies above zero; coverage keeps up when today's programmes teach it "
        f"at least as often as {y1} postings ask for it.</p>"
        + chart.html(
            [
                "core skill",
                f"demand {y0}",
                f"demand {y1}",
                "change (pp, 95% interval)",
                "grew",
                "coverage",
                "keeps up",
            ],
            [
                [
                    r["item"],
                    f"{percent(r['first_share'])} ({r['first_postings']}/{r['first_total']})",
                    f"{percent(r['last_share'])} ({r['last_postings']}/{r['last_total']})",
                    f"{100 * r['change']:+.1f} ({100 * r['change_low']:+.1f} to "
                    f"{100 * r['change_high']:+.1f})",
                    "yes" if r["grew"] else "no",
                    f"{percent(r['coverage'], 0)} ({r['programmes_teaching']}/"
                    f"{r['programmes_total']})",
                    "yes" if r["keeps_up"] else "no",
                ]
                for r in rows.iter_rows(named=True)
            ],
            [False, True, True, True, False, True, False],
        )
    )
