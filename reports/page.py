"""The self-contained HTML report, and the data behind each of its charts.

``write_report`` runs the named queries in :mod:`reports.queries` (each a table macro of the
warehouse, called with the report's filters), draws the figures, writes one HTML file with
plotly.js inlined, so the page opens offline and makes no requests, and writes each chart's
data as CSV (and optionally PNG) into a folder beside the page. The files are put in place
together once all are written (:mod:`reports.output`): a report that fails half-way leaves
the previous one whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import plotly.offline
import polars as pl

from extract.errors import InputError
from reports import queries
from reports.demand import ai_ml_section, cooccurrence_section, top_skills_section
from reports.emerging import growth_section
from reports.exports import Context, Section, write_data
from reports.gap import breakdown_section
from reports.longrun import long_run_section
from reports.markup import text
from reports.method import curricula_table, headline_section, method_section
from reports.output import report_outputs
from reports.period_queries import report_months
from reports.periods import CHOICES, choose_period
from reports.queries import NO_FILTERS, Filters
from reports.skill_gap import gap_section
from reports.trends import trend_section


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
    charts: tuple[str, ...] = ()
    data_files: tuple[Path, ...] = ()
    period: str = "month"


def data_dir_for(out: Path) -> Path:
    """Where the chart data goes: ``report.html`` → ``report_data/``."""
    return out.with_name(f"{out.stem}_data")


def write_report(
    con: duckdb.DuckDBPyConnection,
    out: Path,
    *,
    top_n: int = 10,
    min_postings: int = 30,
    filters: Filters = NO_FILTERS,
    png: bool = False,
    period: str = "auto",
) -> ReportSummary:
    """Write the HTML report for the warehouse behind ``con`` to ``out``.

    Charts over time show a share per ``period``: ``"month"``, ``"quarter"``, ``"year"``, or
    ``"auto"``, which picks by the span of the postings (months up to two years, quarters up
    to five, years beyond). Periods with fewer than ``min_postings`` postings are left out,
    and years with fewer are not compared. ``filters``
    narrows the postings counted and chooses the trend lines; the page states them. Each
    chart's data goes to ``report_data/<chart>.csv`` beside ``report.html``, and with ``png``
    each figure to ``<chart>.png``. An empty warehouse, or one without a completed tagging
    run, still gets a page saying so.

    >>> write_report(open_warehouse("skillgap.duckdb"), Path("out/report.html"))  # doctest: +SKIP
    """
    if top_n < 1 or min_postings < 1:
        raise ValueError(f"top_n and min_postings must be at least 1, not {top_n}, {min_postings}")
    if period not in CHOICES:
        raise ValueError(f"period must be one of {', '.join(CHOICES)}, not {period!r}")
    _check_pattern(con, filters.title_pattern)
    with queries.shared_views_computed_once(con):
        return _write_report(con, out, top_n, min_postings, filters, png, period)


def _write_report(
    con: duckdb.DuckDBPyConnection,
    out: Path,
    top_n: int,
    min_postings: int,
    filters: Filters,
    png: bool,
    period: str,
) -> ReportSummary:
    generated = datetime.now(UTC)
    head = queries.headline(con, filters).row(0, named=True)
    postings = int(head["postings"])
    months = (head["first_month"], head["last_month"]) if postings else None

    if postings == 0 or head["taxonomy_version"] is None:
        reason = (
            "No postings pass the filters." if postings == 0 and filters != NO_FILTERS
            else "The warehouse holds no postings yet." if postings == 0
            else "No tagging run has completed yet, so no skills have been counted."
        )  # fmt: skip
        body = _header(head, generated, filters) + _nothing_yet(reason)
        with report_outputs(out) as outputs:
            outputs.write_text(out, _page(body, with_plotly=False))
        return ReportSummary(out, postings, int(head["sightings"]), months, 0, (), 0.0)

    assert months is not None
    ctx = Context(
        con,
        filters,
        top_n,
        min_postings,
        period=choose_period(*months, requested=period),
        months=tuple(report_months(con, filters)["month"].to_list()),
    )
    top = queries.skill_demand(con, top_n=top_n, filters=filters)
    skill_ids, missing = _trend_skills(ctx, top)
    cluster_ids = list(filters.clusters) or queries.clusters(con, filters)["cluster"].to_list()
    sections: list[Section] = [
        headline_section(ctx, head),
        trend_section(ctx, skill_ids, cluster_ids),
        long_run_section(ctx, skill_ids, cluster_ids),
        ai_ml_section(ctx),
        top_skills_section(ctx),
        growth_section(ctx),
        cooccurrence_section(ctx),
        breakdown_section(ctx),
        gap_section(ctx),
        curricula_table(ctx),
        method_section(ctx, head),
    ]
    charts = [c for s in sections for c in s.charts]
    warning = (
        f"<p class=warn>No skill matches {text(', '.join(missing))}; check the names with "
        "<code>skillgap summary</code>.</p>"
        if missing
        else ""
    )
    body = _header(head, generated, filters) + warning + "\n".join(s.html for s in sections)
    with report_outputs(out) as outputs:  # the data first, the page last
        files = write_data(charts, data_dir_for(out), outputs, png=png)
        outputs.write_text(out, _page(body, with_plotly=any(c.fig is not None for c in charts)))
    return ReportSummary(
        path=out,
        postings=postings,
        sightings=int(head["sightings"]),
        months=months,
        mentions=int(head["mentions"]),
        top_skills=tuple(top["skill"].to_list()),
        ai_ml_share=int(head["ai_ml_skill_postings"]) / postings,
        charts=tuple(c.key for c in charts if c.fig is not None),
        data_files=tuple(files),
        period=ctx.period,
    )


def _check_pattern(con: duckdb.DuckDBPyConnection, pattern: str | None) -> None:
    if pattern is None:
        return
    try:
        con.execute("SELECT regexp_matches('', ?)", [pattern]).fetchall()
    except duckdb.Error as exc:
        raise InputError(f"--title {pattern!r} is not a valid regular expression: {exc}") from exc


def _trend_skills(ctx: Context, top: pl.DataFrame) -> tuple[list[str], list[str]]:
    """Skill ids for the trend chart (the ``top`` skills unless some were asked for), and
    the requested names that matched no skill."""
    wanted = ctx.filters.skills
    if not wanted:
        return top["skill_id"].to_list(), []
    found = queries.skills_lookup(ctx.con, wanted)
    keys = set(found["id_key"].to_list()) | set(found["name_key"].to_list())
    return found["skill_id"].to_list(), [w for w in wanted if w.lower() not in keys]


def _header(head: dict[str, object], generated: datetime, filters: Filters) -> str:
    described = filters.describe()
    scope = (
        "Filters: " + "; ".join(described) + "."
        if described
        else "Filters: none (every posting in the warehouse)."
    )
    versions = (
        f" · taxonomy <code>{text(head['taxonomy_version'])}</code> · "
        f"extractor <code>{text(head['extractor_version'])}</code>"
        if head["taxonomy_version"]
        else ""
    )
    return (
        "<header><h1>Skills in AI/ML technician job postings</h1>"
        f"<p class=meta>Generated {text(generated.strftime('%Y-%m-%d %H:%M UTC'))}{versions}</p>"
        f"<p class=filters>{text(scope)}</p></header>"
    )


def _nothing_yet(reason: str) -> str:
    return (
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
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}figcaption{position:absolute;left:-9999px}
.filters{background:#f3f7fb;border-left:3px solid #0072B2;padding:4px 10px}
.warn{background:#fff4e5;border-left:3px solid #E69F00;padding:4px 10px}ul{padding-left:1.2rem}
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


def _page(body: str, *, with_plotly: bool) -> str:
    scripts = (
        f"<script>{plotly.offline.get_plotlyjs()}</script><script>{_DRAW}</script>"
        if with_plotly
        else ""
    )
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        # No network at all: the page must open offline and must not call home.
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
        "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; "
        'font-src data:">'
        f"<title>Skills in AI/ML technician job postings</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main>{scripts}</body></html>\n"
    )
