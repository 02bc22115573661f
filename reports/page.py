"""The self-contained HTML report: headline numbers, skill trends, growth, top companies.

``write_report`` runs the named queries in :mod:`reports.queries`, draws the figures in
:mod:`reports.figures` and writes one HTML file with plotly.js inlined, so the page opens
offline and makes no requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import plotly.offline
import polars as pl

from reports import figures, queries
from reports.markup import figure, percent, table, text

GROWTH_WINDOW_MONTHS = 2
GROWTH_MIN_BASE = 5
GROWTH_LIMIT = 15
COMPANY_LIMIT = 15


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What a written report shows, for the CLI and for tests."""

    path: Path
    postings: int
    sightings: int
    months: tuple[date, date] | None
    mentions: int
    top_skills: tuple[str, ...]
    ai_ml_share: float


def write_report(
    con: duckdb.DuckDBPyConnection, out: Path, *, top_n: int = 10, min_postings: int = 30
) -> ReportSummary:
    """Write the HTML report for the warehouse behind ``con`` to ``out``.

    Monthly shares leave out months with fewer than ``min_postings`` postings. An empty
    warehouse, or one without a completed tagging run, still gets a page saying so.

    >>> write_report(open_warehouse("skillgap.duckdb"), Path("out/report.html"))  # doctest: +SKIP
    """
    if top_n < 1 or min_postings < 1:
        raise ValueError(f"top_n and min_postings must be at least 1, not {top_n}, {min_postings}")
    generated = datetime.now(UTC)
    head = queries.headline(con).row(0, named=True)
    postings = int(head["postings"])
    months = (head["first_month"], head["last_month"]) if postings else None

    if postings == 0 or head["taxonomy_version"] is None:
        reason = (
            "The warehouse holds no postings yet."
            if postings == 0
            else "No tagging run has completed yet, so no skills have been counted."
        )
        body = _nothing_yet(reason, generated)
        summary = ReportSummary(out, postings, int(head["sightings"]), months, 0, (), 0.0)
        _write(out, body, with_plotly=False)
        return summary

    top = queries.top_skills(con, top_n=top_n)
    ai_ml_share = int(head["ai_ml_postings"]) / postings
    parts = [
        _header(head, generated),
        _headline(head, queries.data_quality(con).row(0, named=True), ai_ml_share),
        _trend_section(con, top, min_postings=min_postings),
        _top_skills_section(top),
        _growth_section(con, min_postings=min_postings),
        _companies_section(queries.top_companies(con, limit=COMPANY_LIMIT)),
        _method_note(min_postings),
    ]
    _write(out, "\n".join(parts), with_plotly=True)
    return ReportSummary(
        path=out,
        postings=postings,
        sightings=int(head["sightings"]),
        months=months,
        mentions=int(head["mentions"]),
        top_skills=tuple(top["skill"].to_list()),
        ai_ml_share=ai_ml_share,
    )


def _month(value: date) -> str:
    return value.strftime("%b %Y")


def _month_span(first: date, last: date) -> str:
    return _month(first) if first == last else f"{_month(first)} – {_month(last)}"


def _header(head: dict[str, object], generated: datetime) -> str:
    return (
        "<header><h1>Skills in job postings</h1>"
        f"<p class=meta>Generated {text(generated.strftime('%Y-%m-%d %H:%M UTC'))} · "
        f"taxonomy <code>{text(head['taxonomy_version'])}</code> · "
        f"extractor <code>{text(head['extractor_version'])}</code></p></header>"
    )


def _headline(head: dict[str, object], quality: dict[str, object], ai_ml_share: float) -> str:
    first, last = head["first_month"], head["last_month"]
    assert isinstance(first, date) and isinstance(last, date)
    cards = [
        ("Postings analysed", f"{head['postings']:,}", "distinct postings after de-duplication"),
        ("Sightings", f"{head['sightings']:,}", "times those postings were seen"),
        ("Months", _month_span(first, last), "by posting date, else first seen"),
        ("Mention AI/ML skills", percent(ai_ml_share), "postings with ≥ 1 AI/ML skill"),
        ("Skill mentions", f"{head['mentions']:,}", "under the current versions"),
    ]
    items = "".join(
        f"<div class=card><dt>{text(label)}</dt><dd>{text(value)}</dd>"
        f"<dd class=note>{text(note)}</dd></div>"
        for label, value, note in cards
    )
    dq = (
        f"Raw sightings stored: {quality['raw_sightings']:,} · records quarantined: "
        f"{quality['quarantined']:,} · runs completed: {quality['completed_runs']:,}, "
        f"failed: {quality['failed_runs']:,}"
    )
    return (
        "<section aria-labelledby=h-headline><h2 id=h-headline>At a glance</h2>"
        f"<dl class=cards>{items}</dl><p class=meta>{text(dq)}</p></section>"
    )


def _trend_section(con: duckdb.DuckDBPyConnection, top: pl.DataFrame, *, min_postings: int) -> str:
    month_rows = queries.months(con, min_postings=min_postings)
    left_out = month_rows.filter(~pl.col("included"))
    note = (
        f"Months with fewer than {min_postings} postings are left out: "
        + ", ".join(f"{_month(m)} ({n})" for m, n in left_out.select("month", "postings").rows())
        + "."
        if not left_out.is_empty()
        else f"Every month has at least {min_postings} postings, so none is left out."
    )
    title = f"Share of postings mentioning each of the top {len(top)} skills, by month"
    shares = queries.monthly_shares(
        con, skill_ids=top["skill_id"].to_list(), min_postings=min_postings
    )
    if shares.is_empty():
        chart = (
            f"<p class=empty>No month has at least {min_postings} postings with skills counted, "
            "so there is no trend to draw yet.</p>"
        )
    else:
        fig = figures.share_over_time(shares, top["skill_id"].to_list(), title=title)
        chart = figure(
            fig, div_id="chart-trend", data_table=_trend_table(shares, top), summary="Numbers"
        )
    return (
        "<section aria-labelledby=h-trend><h2 id=h-trend>Top skills over time</h2>"
        f"<p>{text(title)}. Share = postings in the month that mention the skill ÷ all postings "
        f"in that month (the top {len(top)} skills by postings overall).</p>"
        f"<p class=note>{text(note)}</p>{chart}</section>"
    )


def _trend_table(shares: pl.DataFrame, top: pl.DataFrame) -> str:
    ids = top["skill_id"].to_list()
    names = dict(zip(ids, top["skill"].to_list(), strict=True))
    cells: dict[date, dict[str, str]] = {}
    totals: dict[date, int] = {}
    for row in shares.iter_rows(named=True):
        totals[row["month"]] = row["postings_in_month"]
        cells.setdefault(row["month"], {})[row["skill_id"]] = (
            f"{percent(row['share'])} ({row['postings_with_skill']})"
        )
    headers = ["month", "postings", *[names[i] for i in ids]]
    rows = [[_month(m), totals[m], *[cells[m].get(i, "–") for i in ids]] for m in sorted(cells)]
    return table(
        headers,
        rows,
        caption="Share of the month's postings (postings with the skill)",
        numeric=[False, *[True] * (len(headers) - 1)],
    )


def _top_skills_section(top: pl.DataFrame) -> str:
    rows = [
        [
            r["skill"],
            r["category"],
            r["postings"],
            percent(r["share"]),
            percent(r["share_within_ai_ml"]),
        ]
        for r in top.iter_rows(named=True)
    ]
    return (
        "<section aria-labelledby=h-top><h2 id=h-top>Top skills</h2>"
        + table(
            [
                "skill",
                "category",
                "postings",
                "share of all postings",
                "share within AI/ML postings",
            ],
            rows,
            caption="Skills mentioned in the most postings. AI/ML postings are those that "
            "mention at least one AI/ML skill.",
            numeric=[False, False, True, True, True],
        )
        + "</section>"
    )


def _growth_section(con: duckdb.DuckDBPyConnection, *, min_postings: int) -> str:
    growth = queries.skill_growth(
        con,
        min_postings=min_postings,
        window_months=GROWTH_WINDOW_MONTHS,
        min_base=GROWTH_MIN_BASE,
        limit=GROWTH_LIMIT,
    )
    heading = "<section aria-labelledby=h-growth><h2 id=h-growth>Fastest-growing skills</h2>"
    if growth.is_empty():
        return (
            heading + "<p class=empty>Not enough data to compare yet: this needs at least "
            f"{2 * GROWTH_WINDOW_MONTHS} months with {min_postings} or more postings, and "
            f"skills in at least {GROWTH_MIN_BASE} postings of the latest months.</p></section>"
        )
    first = growth.row(0, named=True)
    early = _month_span(first["early_first"], first["early_last"])
    late = _month_span(first["late_first"], first["late_last"])
    title = f"Change in share of postings, {early} vs {late} (percentage points)"
    rows = [
        [
            r["skill"],
            "new" if r["is_new"] else "",
            f"{percent(r['early_share'])} ({r['early_postings']}/{r['early_total']})",
            f"{percent(r['late_share'])} ({r['late_postings']}/{r['late_total']})",
            f"{r['change_pp']:+.1f}",
        ]
        for r in growth.iter_rows(named=True)
    ]
    data_table = table(
        ["skill", "flag", f"share {early}", f"share {late}", "change (pp)"],
        rows,
        numeric=[False, False, True, True, True],
    )
    fig = figures.growth_bars(growth, title=title)
    return (
        heading + f"<p>{text(title)}. Only skills in at least {GROWTH_MIN_BASE} postings of the "
        "later months are shown. A skill with no postings in the earlier months is marked "
        "“new” (hatched bar) instead of being given an infinite growth rate.</p>"
        + figure(fig, div_id="chart-growth", data_table=data_table, summary="Numbers")
        + "</section>"
    )


def _companies_section(companies: pl.DataFrame) -> str:
    if companies.is_empty():
        body = "<p class=empty>No posting names its company.</p>"
    else:
        body = table(
            ["company", "postings", "title of latest posting"],
            companies.select("company", "postings", "latest_title").rows(),
            caption="Companies with the most distinct postings",
            numeric=[False, True, False],
        )
    return (
        "<section aria-labelledby=h-companies><h2 id=h-companies>Top hiring companies</h2>"
        f"{body}</section>"
    )


def _method_note(min_postings: int) -> str:
    return (
        "<footer><p>Counts are of distinct postings: a posting seen many times, or reposted "
        "with the same text, counts once. A posting counts in the month of its posting date, "
        "or of when it was first seen if it has none. Skills are those found by the current "
        "extractor with the current taxonomy (the latest completed run). Shares over time "
        f"skip months with fewer than {min_postings} postings, where a share would mostly be "
        "noise.</p></footer>"
    )


def _nothing_yet(reason: str, generated: datetime) -> str:
    return (
        "<header><h1>Skills in job postings</h1>"
        f"<p class=meta>Generated {text(generated.strftime('%Y-%m-%d %H:%M UTC'))}</p></header>"
        "<section><h2>Nothing to report yet</h2>"
        f"<p class=empty>{text(reason)} Collect and tag postings with <code>skillgap run</code>, "
        "then write the report again.</p></section>"
    )


_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;margin:0;
background:#fafafa;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:24px 28px 48px;background:#fff}
h1{margin:0 0 4px;font-size:1.8rem}h2{margin-top:2.2rem;font-size:1.3rem;
border-bottom:1px solid #ddd;padding-bottom:4px}
.meta,.note{color:#555;font-size:.9rem}.empty{color:#555;font-style:italic}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:0}
.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;background:#fcfcfc}
.card dt{font-size:.85rem;color:#555}.card dd{margin:2px 0 0;font-size:1.5rem;font-weight:600}
.card dd.note{font-size:.8rem;font-weight:400}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:8px 0}
caption{text-align:left;color:#555;font-size:.85rem;padding-bottom:4px}
th,td{border-bottom:1px solid #e5e5e5;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:12px 0}.chart{width:100%;min-height:320px}
details{margin-top:6px}summary{cursor:pointer;color:#0072B2}.table-wrap{overflow-x:auto}
footer{margin-top:2.5rem;color:#555;font-size:.85rem}
"""

# Draws every chart from its inert JSON block once plotly.js (inlined above) has loaded.
_DRAW = """
document.querySelectorAll('script[type="application/json"][data-figure]').forEach(
  function (node) {
    var spec = JSON.parse(node.textContent);
    Plotly.newPlot(node.getAttribute('data-figure'), spec.data, spec.layout,
      {responsive: true, displaylogo: false});
  });
"""


def _write(out: Path, body: str, *, with_plotly: bool) -> None:
    scripts = (
        f"<script>{plotly.offline.get_plotlyjs()}</script><script>{_DRAW}</script>"
        if with_plotly
        else ""
    )
    page = (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        # No network at all: the page must open offline and must not call home.
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
        "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; "
        'font-src data:">'
        f"<title>Skills in job postings</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main>{scripts}</body></html>\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
