"""Figures of skill pairs and of demand against supply: the co-occurrence heatmap, demand
against coverage per skill, and the change of core-skill demand against coverage.

Names from the taxonomy are HTML-escaped before they reach Plotly, as in
:mod:`reports.figures`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from reports.figures import DECREASE, INCREASE, OKABE_ITO, _layout, _pct

# A sequential scale that reads the same with the common colour-vision deficiencies.
SEQUENTIAL = "Cividis"


def cooccurrence_heatmap(
    pairs: pl.DataFrame, skills: Sequence[tuple[str, str, int]], total: int, *, title: str
) -> go.Figure:
    """Share of AI/ML technician postings asking for both skills of each pair, in percent.

    ``pairs`` has the columns of the ``cooccurrence`` query; ``skills`` lists
    ``(skill_id, name, postings)`` in axis order; the diagonal is each skill on its own.
    """
    ids = [s[0] for s in skills]
    names = [html.escape(s[1]) for s in skills]
    both = {(r["skill_a"], r["skill_b"]): r["postings_both"] for r in pairs.iter_rows(named=True)}
    alone = {s[0]: s[2] for s in skills}
    counts = [
        [alone[a] if a == b else both.get((a, b), 0) for b in ids]
        for a in ids  # one row per y category
    ]
    z = [[100 * c / total if total else 0.0 for c in row] for row in counts]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=names,
            customdata=counts,
            colorscale=SEQUENTIAL,
            zmin=0,
            colorbar={"title": {"text": "% of AI/ML postings"}, "ticksuffix": "%"},
            text=[[f"{v:.0f}" for v in row] for row in z],
            texttemplate="%{text}",
            hovertemplate=(
                "<b>%{y}</b> with <b>%{x}</b><br>%{z:.1f}% of AI/ML technician postings"
                f"<br>%{{customdata}} of {total} postings<extra></extra>"
            ),
        )
    )
    _layout(
        fig,
        title=title,
        x_title="skill",
        y_title="skill",
        height=max(420, 160 + 34 * len(ids)),
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-40)
    fig.update_layout(margin={"l": 200, "b": 160})
    return fig


def demand_against_coverage(
    rows: pl.DataFrame, *, title: str, y_title: str, demand_label: str
) -> go.Figure:
    """Per row, demand (dot with its 95% interval) against coverage (diamond), in percent.

    ``rows`` has ``label``, ``demand_share``, ``ci_low``, ``ci_high``, ``demand_postings``,
    ``demand_total``, ``coverage``, ``programmes_teaching`` and ``programmes_total``; the first
    row is drawn on top. A grey line joins the two marks, so its length is the gap.
    """
    order = rows.reverse()
    labels = [html.escape(label) for label in order["label"].to_list()]
    demand = _pct(order["demand_share"].to_list())
    coverage = _pct(order["coverage"].to_list())
    low = _pct(order["ci_low"].to_list())
    high = _pct(order["ci_high"].to_list())
    joins_x: list[float | None] = []
    joins_y: list[str | None] = []
    for label, d, c in zip(labels, demand, coverage, strict=True):
        joins_x += [d, c, None]
        joins_y += [label, label, None]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=joins_x, y=joins_y, mode="lines", line={"color": "#BBBBBB", "width": 3},
            hoverinfo="skip", showlegend=False,
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=demand,
            y=labels,
            mode="markers",
            name=html.escape(demand_label),
            marker={"color": INCREASE, "size": 10, "symbol": "circle"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [(h or 0) - (d or 0) for h, d in zip(high, demand, strict=True)],
                "arrayminus": [(d or 0) - (lo or 0) for lo, d in zip(low, demand, strict=True)],
                "color": INCREASE,
                "thickness": 1.2,
                "width": 4,
            },
            customdata=list(
                zip(
                    order["demand_postings"].to_list(),
                    order["demand_total"].to_list(),
                    low,
                    high,
                    strict=True,
                )
            ),
            hovertemplate=(
                "<b>%{y}</b><br>asked for in %{x:.1f}% (95% CI %{customdata[2]:.1f}–"
                "%{customdata[3]:.1f}%)<br>%{customdata[0]} of %{customdata[1]} AI/ML "
                "technician postings<extra></extra>"
            ),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=coverage,
            y=labels,
            mode="markers",
            name="coverage: share of programmes teaching it",
            marker={"color": OKABE_ITO[1], "size": 11, "symbol": "diamond"},
            customdata=list(
                zip(
                    order["programmes_teaching"].to_list(),
                    order["programmes_total"].to_list(),
                    strict=True,
                )
            ),
            hovertemplate=(
                "<b>%{y}</b><br>taught by %{x:.0f}% of programmes<br>%{customdata[0]} of "
                "%{customdata[1]} programmes<extra></extra>"
            ),
        )
    )
    _layout(
        fig,
        title=title,
        x_title="share (%): demand in AI/ML technician postings, coverage in programmes",
        y_title=y_title,
        height=max(360, 130 + 30 * len(labels)),
    )
    # a little room left of zero, so marks at zero show whole
    top = max([v for v in [*high, *coverage, 1.0] if v is not None])
    fig.update_xaxes(ticksuffix="%", range=[-0.02 * top, 1.05 * top])
    # room for a two-line title above the legend
    fig.update_layout(
        margin={"l": 220, "r": 30, "t": 120},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0},
    )
    return fig


def gap_change(rows: pl.DataFrame, *, title: str) -> go.Figure:
    """Per core skill: demand in the first year (hollow), in the last (dot with its 95%
    interval) and today's coverage (diamond), in percent; the first row on top.

    ``rows`` has the columns of the ``core_gap_over_time`` query.
    """
    order = rows.reverse()
    labels = [html.escape(label) for label in order["item"].to_list()]
    first = _pct(order["first_share"].to_list())
    last = _pct(order["last_share"].to_list())
    low = _pct(order["last_ci_low"].to_list())
    high = _pct(order["last_ci_high"].to_list())
    coverage = _pct(order["coverage"].to_list())
    first_year, last_year = rows["first_year"][0], rows["last_year"][0]
    fig = go.Figure()
    for label, a, b in zip(labels, first, last, strict=True):
        fig.add_annotation(
            x=b, y=label, ax=a, ay=label, xref="x", yref="y", axref="x", ayref="y",
            showarrow=True, arrowhead=2, arrowsize=1, arrowwidth=1.5,
            arrowcolor=INCREASE if (b or 0) >= (a or 0) else DECREASE, text="",
        )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=first,
            y=labels,
            mode="markers",
            name=f"demand {first_year}",
            marker={"color": "#FFFFFF", "size": 9, "line": {"color": "#555555", "width": 1.5}},
            customdata=list(
                zip(order["first_postings"].to_list(), order["first_total"].to_list(), strict=True)
            ),
            hovertemplate=(
                f"<b>%{{y}}</b><br>{first_year}: asked for in %{{x:.1f}}% (%{{customdata[0]}} "
                "of %{customdata[1]} technician postings)<extra></extra>"
            ),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=last,
            y=labels,
            mode="markers",
            name=f"demand {last_year}",
            marker={"color": INCREASE, "size": 10},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [(h or 0) - (d or 0) for h, d in zip(high, last, strict=True)],
                "arrayminus": [(d or 0) - (lo or 0) for lo, d in zip(low, last, strict=True)],
                "color": INCREASE,
                "thickness": 1.2,
                "width": 4,
            },
            customdata=list(
                zip(order["last_postings"].to_list(), order["last_total"].to_list(), strict=True)
            ),
            hovertemplate=(
                f"<b>%{{y}}</b><br>{last_year}: asked for in %{{x:.1f}}% (%{{customdata[0]}} "
                "of %{customdata[1]} technician postings)<extra></extra>"
            ),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=coverage,
            y=labels,
            mode="markers",
            name="coverage today",
            marker={"color": OKABE_ITO[1], "size": 11, "symbol": "diamond"},
            hovertemplate="<b>%{y}</b><br>taught by %{x:.0f}% of programmes<extra></extra>",
        )
    )
    _layout(
        fig,
        title=title,
        x_title="share (%): demand in AI/ML technician postings, coverage in programmes",
        y_title="core skill",
        height=max(380, 130 + 30 * len(labels)),
    )
    fig.update_xaxes(ticksuffix="%", rangemode="tozero")
    # room for a two-line title above the legend
    fig.update_layout(
        margin={"l": 220, "r": 30, "t": 120},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0},
    )
    return fig
