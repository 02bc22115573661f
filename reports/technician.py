"""The AI/ML technician's skills: the core of the seed list first, the rest of the stack apart.

The core is the founding article's list (data pipelines, model training and evaluation,
deployment and MLOps, monitoring and drift, the ML frameworks, Python, SQL, Git, Docker,
Kubernetes, cloud platforms, probability, linear algebra, calculus, statistics,
communication), each item mapped to taxonomy skills in ``nlp/taxonomy/profiles.toml``
(:func:`nlp.core_skills.load_core_skills`). A posting asks for an item when it asks for any
of its skills. Every other skill technician postings ask for is "the rest of the stack".
"""

from __future__ import annotations

from functools import cache
from typing import Any

import polars as pl

from nlp.core_skills import CoreSkill, load_core_skills
from nlp.technician_eval import read_results
from reports import figures, queries
from reports.exports import Chart, Context
from reports.markup import percent, text

# Skills technician postings ask for, read before the core is taken out of them.
_ALL_SKILLS = 10_000


@cache
def core_items() -> tuple[CoreSkill, ...]:
    """The core items, in the article's order."""
    return load_core_skills()


def core_skill_ids() -> frozenset[str]:
    """Every taxonomy skill that names a core item."""
    return frozenset(s for item in core_items() for s in item.skill_ids)


def technician_skills(ctx: Context) -> tuple[str, list[Chart]]:
    """Two charts of what AI/ML technician postings ask for: the core items, then the rest."""
    core = queries.core_demand(
        ctx.con, [(i.item_id, i.name, i.skill_ids) for i in core_items()], ctx.filters
    )
    total = int(core["total_ai_ml_postings"][0])
    if total == 0:
        return "<p class=empty>No AI/ML technician postings.</p>", []
    parts = [
        "<h4>The technician's core</h4><p class=note>The skills of the founding article's "
        "list; a posting counts for an item when it asks for any skill mapped to it "
        "(<code>nlp/taxonomy/profiles.toml</code>). Every item is listed, asked for or "
        "not.</p>"
    ]
    lead = core.row(0, named=True)
    title = (
        f"Of the technician's core, {lead['item']} is asked for most: "
        f"{percent(lead['share'])} of {total:,} AI/ML technician postings"
    )
    fig = figures.share_bars(
        core["item"].to_list(),
        core["share"].to_list(),
        list(zip(core["ai_ml_role_postings"].to_list(), [total] * core.height, strict=True)),
        title=title,
        x_title="share of AI/ML technician postings asking for the item (%)",
        y_title="core item",
        ci=(core["ci_low"].to_list(), core["ci_high"].to_list()),
        colour_index=2,
    )
    data = core.with_columns(pl.col("skills").list.join("; "))
    core_chart = Chart("top-skills-ai-ml-core", title, fig, data)
    rows = [
        [
            r["item"],
            r["skills"],
            r["ai_ml_role_postings"],
            percent(r["share"]),
            f"{percent(r['ci_low'])} – {percent(r['ci_high'])}",
        ]
        for r in data.iter_rows(named=True)
    ]
    parts.append(
        core_chart.html(
            ["core item", "skills", "postings", "share", "95% interval"],
            rows,
            [False, False, True, True, True],
        )
    )
    charts = [core_chart]
    stack = rest_of_stack(ctx, ctx.top_n)
    parts.append(
        "<h4>The rest of the stack</h4><p class=note>The skills outside the core that AI/ML "
        "technician postings ask for most.</p>"
    )
    if stack.is_empty():
        parts.append("<p class=empty>Technician postings ask for no skill outside the core.</p>")
        return "".join(parts), charts
    top = stack.row(0, named=True)
    title = (
        f"Beyond the core, {top['skill']} is asked for most: "
        f"{percent(top['share_within_ai_ml'])} of AI/ML technician postings"
    )
    html, stack_chart = skill_share_chart(
        "top-skills-ai-ml-stack",
        stack,
        ("ai_ml_role_postings", "total_ai_ml_postings", "share_within_ai_ml"),
        title=title,
        x_title="share of AI/ML technician postings asking for the skill (%)",
        colour_index=4,
    )
    parts.append(html)
    charts.append(stack_chart)
    return "".join(parts), charts


def skill_share_chart(
    chart_id: str,
    frame: pl.DataFrame,
    columns: tuple[str, str, str],
    *,
    title: str,
    x_title: str,
    colour_index: int,
) -> tuple[str, Chart]:
    """A bar chart of skills by share of postings, with its table (skill, cluster, postings, share).

    ``columns`` names the frame's count of postings asking for the skill, the count they are a
    share of, and the share.
    """
    count, total, share = columns
    fig = figures.share_bars(
        frame["skill"].to_list(),
        frame[share].to_list(),
        list(zip(frame[count].to_list(), frame[total].to_list(), strict=True)),
        title=title,
        x_title=x_title,
        y_title="skill",
        colour_index=colour_index,
    )
    chart = Chart(chart_id, title, fig, frame)
    rows = [
        [r["skill"], r["cluster"] or "", r[count], percent(r[share])]
        for r in frame.iter_rows(named=True)
    ]
    html = chart.html(["skill", "cluster", "postings", "share"], rows, [False, False, True, True])
    return html, chart


def rest_of_stack(ctx: Context, limit: int) -> pl.DataFrame:
    """The ``limit`` skills outside the core asked for by most AI/ML technician postings."""
    asked = queries.skill_demand(ctx.con, top_n=_ALL_SKILLS, within="ai_ml", filters=ctx.filters)
    return asked.filter(~pl.col("skill_id").is_in(list(core_skill_ids()))).head(limit)


def core_first(ctx: Context, limit: int) -> tuple[pl.DataFrame, int]:
    """Up to ``limit`` skills of technician postings for a pair chart: the core's most asked
    for first (at most half), then the rest of the stack's; and how many are core."""
    asked = queries.skill_demand(ctx.con, top_n=_ALL_SKILLS, within="ai_ml", filters=ctx.filters)
    is_core = pl.col("skill_id").is_in(list(core_skill_ids()))
    core = asked.filter(is_core).head(max(1, limit // 2))
    rest = asked.filter(~is_core).head(limit - core.height)
    return pl.concat([core, rest]), core.height


def _measured(results: dict[str, Any]) -> str:
    """The sentence quoting the figures: the test part when there is one (the measurement),
    and the cross-validated figures on the postings the decision was tuned and fitted on."""
    said = []
    test = results["scores"]["test"]
    postings = test["tp"] + test["fp"] + test["fn"] + test["tn"]
    if postings:
        said.append(
            f"Measured on {postings:,} labelled postings set aside and never used to tune the "
            f"decision: precision {test['precision']:.2f}, recall {test['recall']:.2f} "
            f"(F1 {test['f1']:.2f})."
        )
        errors = []
        if test["fp"]:
            errors.append(
                f"about {_one_in(1 - test['precision'])} postings counted is not a technician "
                "posting by the definition"
            )
        if test["fn"]:
            errors.append(f"about {_one_in(1 - test['recall'])} technician postings is missed")
        if errors:
            said.append(
                "So " + ", and ".join(errors) + ": read the technician figures with that "
                "error in mind."
            )
    cv = results.get("cross_validated")
    if cv is not None:
        every, fresh = cv["model"]["dev"], cv["model"].get("fresh")
        n = every["tp"] + every["fp"] + every["fn"] + every["tn"]
        said.append(
            f"By {cv['folds']}-fold cross-validation over the {n:,} postings it was tuned and "
            f"fitted on (each decided by a model fitted on the others): precision "
            f"{every['precision']:.2f}, recall {every['recall']:.2f} (F1 {every['f1']:.2f})"
        )
        if fresh is not None:
            m = fresh["tp"] + fresh["fp"] + fresh["fn"] + fresh["tn"]
            said[-1] += (
                f"; on the {m:,} of them the hand-written rules were first written without, "
                f"precision {fresh['precision']:.2f}, recall {fresh['recall']:.2f} "
                f"(F1 {fresh['f1']:.2f})"
            )
        said[-1] += (
            "." if not postings else ": tuning figures; the postings set aside are the measurement."
        )
    return " ".join([*said, "Reproduce with skillgap eval --roles."])


def _one_in(rate: float) -> str:
    """'one in five' for 0.2: a share of errors said the way a reader weighs it."""
    words = {
        2: "two",
        3: "three",
        4: "four",
        5: "five",
        6: "six",
        7: "seven",
        8: "eight",
        9: "nine",
        10: "ten",
    }
    count = round(1 / rate)
    return f"one in {words.get(count, str(count))}"


def decision_notes() -> str:
    """How a posting is decided to be an AI/ML technician posting, and how well, for the page.

    The figures come from the results file ``skillgap eval --roles --results`` wrote
    (``nlp/evaluation/roles/results.json``), never from this text.
    """
    results = read_results()
    measured = "No measurement of the decision is shipped with this version."
    if results is not None:
        measured = _measured(results)
    return (
        "<p><b>Who counts as an AI/ML technician.</b> A posting is an AI/ML technician "
        "posting when at least one role it advertises has the practical AI/ML work as its "
        "core: building the data pipelines that feed models; training, evaluating or "
        "optimising models; deploying them with MLOps practice; monitoring them in "
        "production; or building applied AI systems on models (LLM, retrieval or agent "
        "engineering, with evaluation). Roles are read in the job title, in the first line "
        "of a Hacker News post and in its body; a role qualifies by its title (machine "
        "learning engineer, data scientist, ...) or by its own duties; a small logistic "
        "model, fitted on our labelled postings, weighs that reading with the vocabulary of "
        "the work around the role and with the posting's own words (a text model fitted on "
        "the same labels) and decides. A software, data, "
        "DevOps, sales or design role at a company that uses AI does not count unless its "
        "own duties include that work, nor does a posting that only says the company uses "
        "AI. The definition, its decision rules and borderline examples: "
        "<code>docs/ai-ml-technician.md</code>. " + text(measured) + "</p>"
    )
