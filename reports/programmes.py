"""The programme side of the skill-gap section: core-skill coverage by kind, each programme's
fit to technician demand, and the programme-by-core-skill matrix.

A programme's **fit** is the share of technician core-skill demand it covers: the demand
shares of the core skills it teaches, summed, over the sum for all core skills (so a skill
asked for in 40% of postings weighs ten times one asked for in 4%).
"""

from __future__ import annotations

import polars as pl

from reports import gap_queries, programme_figures
from reports.exports import Chart, Context
from reports.markup import percent, table, text
from reports.programme_figures import kind_rank

BEST_PER_KIND = 3
SKILLS_BY_KIND = 30
KIND_PLURAL = {
    "mooc": "MOOCs",
    "course": "courses",
    "certificate": "certificates",
    "bootcamp": "bootcamps",
    "degree": "degrees",
    "other": "other programmes",
}


def plural(kind: str) -> str:
    """The kind as a plural noun for prose ("MOOCs", "bootcamps")."""
    return KIND_PLURAL.get(kind, kind)


def coverage_by_kind(ctx: Context, charts: list[Chart]) -> str:
    """Heatmap of core skills by programme kind, and every taught skill by kind as a table."""
    rows = gap_queries.core_coverage_by_kind(ctx.con)
    head = "<h3>Coverage by kind of programme</h3>"
    if rows.is_empty():
        return head + "<p class=empty>No programme is tagged under the current versions.</p>"
    n_items = rows["item_id"].n_unique()
    # The coverages of a kind summed over the core skills: core skills its programmes teach
    # on average.
    per_kind = (
        rows.group_by("kind")
        .agg(pl.col("coverage").sum().alias("mean_items"), pl.col("programmes").first())
        .sort(["mean_items", "kind"], descending=[True, False])
    )
    most, least = per_kind.row(0, named=True), per_kind.row(-1, named=True)
    title = (
        f"{plural(most['kind']).capitalize()} teach the most core skills, "
        f"{most['mean_items']:.1f} of {n_items} on average; {plural(least['kind'])} the fewest, "
        f"{least['mean_items']:.1f}"
    )
    chart = Chart(
        "core-coverage-by-kind", title, programme_figures.kind_heatmap(rows, title=title), rows
    )
    charts.append(chart)
    kinds = sorted(set(rows["kind"].to_list()), key=kind_rank)
    cells = {(r["item_id"], r["kind"]): r for r in rows.iter_rows(named=True)}
    items = rows.sort("position").unique("item_id", keep="first", maintain_order=True)
    core_table = [
        [item["item"]]
        + [
            f"{percent(c['coverage'], 0)} ({c['programmes_teaching']}/{c['programmes']})"
            for k in kinds
            for c in [cells[(item["item_id"], k)]]
        ]
        for item in items.iter_rows(named=True)
    ]
    every = gap_queries.skill_coverage_by_kind(ctx.con)
    every_chart = Chart(
        "skill-coverage-by-kind", "Every taught skill by programme kind", None, every
    )
    charts.append(every_chart)
    return (
        head + "<p>The share of each kind's programmes that teach each core skill. "
        f"{len(kinds)} kinds: "
        + ", ".join(f"{text(plural(k))} ({size})" for k, size in _sizes(rows, kinds))
        + ".</p>"
        + chart.html(["core skill", *kinds], core_table, [False] + [True] * len(kinds))
        + "<details><summary>The "
        + str(SKILLS_BY_KIND)
        + " most widely taught skills by kind (every taught skill in "
        "<code>skill-coverage-by-kind.csv</code>)</summary>"
        + table(
            ["skill", *kinds],
            _wide(every, kinds).head(SKILLS_BY_KIND).rows(),
            numeric=[False] + [True] * len(kinds),
        )
        + "</details>"
    )


def _sizes(rows: pl.DataFrame, kinds: list[str]) -> list[tuple[str, int]]:
    sizes = {r["kind"]: r["programmes"] for r in rows.iter_rows(named=True)}
    return [(k, sizes[k]) for k in kinds]


def _wide(every: pl.DataFrame, kinds: list[str]) -> pl.DataFrame:
    """Skills as rows, kinds as columns of "share (k/n)", most widely taught first."""
    totals = every.group_by("skill_id").agg(pl.col("programmes_teaching").sum().alias("_n"))
    cells = every.with_columns(
        cell=pl.format(
            "{}% ({}/{})",
            (100 * pl.col("coverage")).round(0).cast(pl.Int64),
            pl.col("programmes_teaching"),
            pl.col("programmes"),
        )
    )
    wide = cells.pivot(on="kind", index=["skill_id", "skill"], values="cell")
    return (
        wide.join(totals, on="skill_id")
        .sort(["_n", "skill"], descending=[True, False])
        .select("skill", *[k for k in kinds if k in wide.columns])
    )


def fit(ctx: Context, core: pl.DataFrame, charts: list[Chart]) -> str:
    """Every programme's fit, the best per kind, and what the best one misses."""
    rows = gap_queries.programme_fit(ctx.con, ctx.filters)
    head = "<h3>Programme fit</h3>"
    if rows.is_empty() or rows["fit"].is_null().all():
        return head + "<p class=empty>No core skill is asked for, so no fit can be weighed.</p>"
    best = rows.row(0, named=True)
    misses = best["missing"]
    title = (
        f"Best fit: {best['name']} ({best['kind']}) covers {percent(best['fit'], 0)} of AI/ML "
        "technician core-skill demand"
        + (f"; it misses {', '.join(misses[:3])}" if misses else "; it misses none")
    )
    # CSV holds no lists: the missed core skills as one "; "-separated cell.
    data = rows.with_columns(pl.col("missing").list.join("; "))
    chart = Chart("programme-fit", title, programme_figures.fit_bars(rows, title=title), data)
    charts.append(chart)
    demand = dict(zip(core["item"].to_list(), core["demand_share"].to_list(), strict=True))
    missed = (
        "<p>What the best fit misses, with the share of postings asking for each: "
        + "; ".join(f"{text(m)} {percent(demand.get(m))}" for m in misses)
        + ".</p>"
        if misses
        else "<p>The best fit teaches every core skill.</p>"
    )
    per_kind = rows.filter(pl.col("rank_in_kind") <= BEST_PER_KIND).sort(
        pl.col("kind").map_elements(kind_rank, return_dtype=pl.Int64), "rank_in_kind", "name"
    )
    every = [
        [
            r["name"],
            r["provider"],
            r["kind"],
            percent(r["fit"], 1),
            f"{r['items_taught']}/{r['items']}",
            ", ".join(r["missing"]),
        ]
        for r in rows.iter_rows(named=True)
    ]
    best_rows = [
        [
            r["kind"],
            r["rank_in_kind"],
            r["name"],
            percent(r["fit"], 1),
            f"{r['items_taught']}/{r['items']}",
            ", ".join(r["missing"][:3]),
        ]
        for r in per_kind.iter_rows(named=True)
    ]
    return (
        head + "<p>A programme's fit is the share of technician core-skill demand it covers: "
        "the demand shares of the core skills it teaches, summed, over the sum for all core "
        "skills. Grouped by kind, best first.</p>"
        + chart.html(
            ["programme", "provider", "kind", "fit", "core skills taught", "misses"],
            every,
            [False, False, False, True, True, False],
        )
        + missed
        + table(
            ["kind", "rank", "programme", "fit", "core skills taught", "misses most"],
            best_rows,
            caption=f"The {BEST_PER_KIND} best-fitting programmes of each kind",
            numeric=[False, True, False, True, True, False],
        )
    )


def matrix(ctx: Context, charts: list[Chart]) -> str:
    """Heatmap of every programme against every core skill, programmes grouped by kind."""
    rows = gap_queries.programme_core_matrix(ctx.con)
    head = "<h3>Programmes against core skills</h3>"
    if rows.is_empty():
        return head + "<p class=empty>No programme is tagged under the current versions.</p>"
    order = gap_queries.programme_fit(ctx.con, ctx.filters)
    per_item = (
        rows.group_by("item_id", "item", "position")
        .agg(pl.col("taught").sum().alias("programmes"))
        .sort(["programmes", "position"], descending=[True, False])
    )
    n = rows["curriculum_id"].n_unique()
    top, bottom = per_item.row(0, named=True), per_item.row(-1, named=True)
    none = per_item.filter(pl.col("programmes") == 0)["item"].to_list()
    title = (
        f"{top['item']} is taught by {top['programmes']} of {n} programmes, "
        f"{bottom['item']} by {bottom['programmes']}"
        + (f"; no programme teaches {', '.join(none)}" if none else "")
    )
    fig = programme_figures.programme_matrix(rows, order, title=title)
    chart = Chart("programme-core-matrix", title, fig, rows)
    charts.append(chart)
    items = rows.sort("position").unique("item_id", keep="first", maintain_order=True)
    cells = {(r["curriculum_id"], r["item_id"]): r for r in rows.iter_rows(named=True)}
    ordered = programme_figures.by_kind(order, "fit")
    return (
        head + "<p>Each cell is the share of the programme's lessons that name the core skill; "
        "blank where no lesson does. Programmes are grouped by kind, best fit first.</p>"
        + chart.html(
            ["programme", "kind", *items["item"].to_list()],
            [
                [r["name"], r["kind"]]
                + [
                    percent(c["lesson_share"], 0) if c["taught"] else ""
                    for i in items["item_id"].to_list()
                    for c in [cells[(r["curriculum_id"], i)]]
                ]
                for r in ordered.iter_rows(named=True)
            ],
            [False, False] + [True] * items.height,
        )
    )
