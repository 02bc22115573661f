"""The page's first and last sections: headline numbers, and method and data quality."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from reports import queries
from reports.demand import month, month_span
from reports.exports import Chart, Context, Section
from reports.markup import percent, table, text
from reports.technician import decision_notes


def headline_section(ctx: Context, head: dict[str, object]) -> Section:
    """Postings, months, sources, AI/ML shares and freshness, as cards."""
    postings = int(head["postings"])  # type: ignore[call-overload]
    first, last = head["first_month"], head["last_month"]
    assert isinstance(first, date) and isinstance(last, date)
    sources = list(head["sources"] or [])  # type: ignore[call-overload]
    cards = [
        ("Postings analysed", f"{postings:,}", f"distinct, from {head['sightings']:,} sightings"),
        ("Months", month_span(first, last), _months_note(ctx)),
        ("Sources", ", ".join(sources), f"{len(sources)} source(s)"),
        (
            "Ask for AI/ML skills",
            percent(int(head["ai_ml_skill_postings"]) / postings),  # type: ignore[call-overload]
            "postings asking for ≥ 1 AI/ML skill",
        ),
        (
            "AI/ML technician postings",
            percent(int(head["ai_ml_role_postings"]) / postings),  # type: ignore[call-overload]
            f"{head['ai_ml_role_postings']:,} postings",
        ),
        (
            "Data as of",
            _day(head["last_seen"]),
            f"latest sighting; last run {_day(head['last_run'])}",
        ),
    ]
    items = "".join(
        f"<div class=card><dt>{text(label)}</dt><dd>{text(value)}</dd>"
        f"<dd class=note>{text(note)}</dd></div>"
        for label, value, note in cards
    )
    return Section(
        "<section aria-labelledby=h-headline><h2 id=h-headline>At a glance</h2>"
        f"<dl class=cards>{items}</dl></section>"
    )


def _months_note(ctx: Context) -> str:
    held = len(ctx.months)
    missing = len(ctx.coverage.missing_months())
    gaps = f", {missing} without (gaps)" if missing else ""
    return f"{held} with postings{gaps}; by posting date, else first seen; charts per {ctx.period}"


def _day(value: object) -> str:
    return value.strftime("%d %b %Y") if isinstance(value, datetime | date) else "–"


def method_section(ctx: Context, head: dict[str, object]) -> Section:
    """Versions, de-duplication, quarantine, postings per source and month, caveats."""
    quality = queries.data_quality(ctx.con).row(0, named=True)
    reasons = queries.quarantine_reasons(ctx.con)
    per_month = queries.source_months(ctx.con, ctx.filters)
    raw, distinct = int(quality["raw_sightings"]), int(quality["postings"])
    dedup = 1 - distinct / raw if raw else 0.0
    charts = [
        Chart("source-months", "Postings per source and month", None, per_month),
        Chart("quarantine", "Quarantined records per source and reason", None, reasons),
    ]
    facts = table(
        ["measure", "value"],
        [
            ["taxonomy version", head["taxonomy_version"]],
            ["extractor version", head["extractor_version"]],
            ["sightings stored (whole warehouse)", f"{raw:,}"],
            ["distinct postings (whole warehouse)", f"{distinct:,}"],
            ["folded as repeats or reposts", percent(dedup)],
            ["records quarantined", f"{quality['quarantined']:,}"],
            ["training programmes stored", f"{quality['curricula']:,}"],
            ["runs completed / failed", f"{quality['completed_runs']} / {quality['failed_runs']}"],
        ],
        caption="Versions and data quality",
        numeric=[False, True],
    )
    months = table(
        ["source", "month", "postings", "sightings"],
        [[r["source"], month(r["month"]), r["postings"], r["sightings"]]
         for r in per_month.iter_rows(named=True)],
        caption="Postings per source and month (after the filters)",
        numeric=[False, False, True, True],
    )  # fmt: skip
    quarantine = (
        table(
            ["source", "reason", "records"],
            reasons.rows(),
            caption="Quarantined records per source and reason",
            numeric=[False, False, True],
        )
        if not reasons.is_empty()
        else "<p class=note>No record has been quarantined.</p>"
    )
    roles = decision_notes() + (
        "<p class=note>Each posting's role family is that of its qualifying role, else of its "
        "main role: ml_engineering, data_science, ai_engineering, ml_research, "
        "ml_platform_mlops (the technician families), then data_engineering, data_analytics, "
        "software_backend, software_frontend, software_fullstack, mobile, devops_sre, "
        "security, embedded_hardware, management, product_design, sales_marketing_support, "
        "other.</p>"
    )
    caveats = (
        "<ul>"
        "<li>A share moves when the mix of postings moves: more start-ups or more US "
        "postings in a month changes every share, even if no employer changed what it asks "
        "for. Read a change together with the postings per source and month above.</li>"
        "<li>Shares, not volumes: every chart over time shows the share of a period's "
        "postings, never how many postings a period has. How many postings a month holds "
        "depends on how it was collected: each month of the bundled Hacker News files of "
        "2013–2018 was collected one to four days after its thread opened, so it holds most "
        "but not all of the postings the thread ended with (April 2018, collected on its "
        "second day, about 45%). A share does not depend on how complete the month is; a "
        "count does, so monthly volumes are not comparable.</li>"
        "<li>Periods without postings (months never collected, or the years between two "
        "collections) are gaps: no line or rolling window bridges them, and each chart over "
        "time names them beneath it. Quarters and years are counted from the months they "
        "hold.</li>"
        "<li>Counts are of distinct postings: a posting seen many times, or reposted with the "
        "same text, counts once, in the month of its posting date (else when first seen).</li>"
        "<li>A posting asks for a skill when the extractor finds it and does not read it as "
        "“not required”; most postings do not say how strongly they want a skill.</li>"
        f"<li>Periods with fewer than {ctx.min_postings} postings are suppressed in charts "
        "over time, and years with fewer are not compared; intervals of a share are 95% Wilson "
        "score intervals, of a difference of two shares Newcombe's hybrid score interval, of "
        "a ratio of two shares the log-scale (Katz) interval.</li>"
        "<li>Hacker News “Who is hiring?” posts are written by the hiring companies, mostly "
        "software start-ups in the US and Europe; they are not a sample of the job "
        "market.</li>"
        "<li>Curriculum coverage counts a programme as teaching a skill when a lesson of its "
        "syllabus names it. The bundled syllabi are excerpts (titles and first paragraphs), "
        "so coverage is a lower bound; the extractor was built for postings, and its filter "
        "for incidental mentions drops some practices a lesson heading names.</li>"
        "</ul>"
    )
    html = (
        "<section aria-labelledby=h-method><h2 id=h-method>Method and data quality</h2>"
        f"{facts}<h3>AI/ML technician postings</h3>{roles}{months}{quarantine}"
        f"<h3>Caveats</h3>{caveats}"
        "<p class=note>Every number here comes from a view or table macro in the DuckDB file "
        "(for example <code>v_skill_share_yearly</code>, <code>v_skill_gap</code>); "
        "<code>docs/data-dictionary.md</code> describes them. Each chart's data is also in "
        "the CSV files next to this page.</p></section>"
    )
    return Section(html, charts)


def curricula_table(ctx: Context) -> Section:
    """The programmes behind the coverage numbers."""
    rows = queries.curricula(ctx.con)
    if rows.is_empty():
        return Section("")
    data = rows.with_columns(pl.col("skill_names").list.join("; "))
    return Section(
        "<details><summary>Training programmes compared</summary>"
        + table(
            ["programme", "provider", "kind", "licence", "lessons", "skills found", "skills"],
            data.select(
                "name", "provider", "kind", "licence", "lessons", "skills", "skill_names"
            ).rows(),
            numeric=[False, False, False, False, True, True, False],
        )
        + "</details>",
        [Chart("curricula", "Training programmes", None, data)],
    )
