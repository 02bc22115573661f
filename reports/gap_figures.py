"""Figures of skill pairs and of demand against supply: the co-occurrence heatmap, the skill
gap quadrant, and demand growth against curriculum coverage.

Names from the taxonomy are HTML-escaped before they reach Plotly, as in
:mod:`reports.figures`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from reports.figures import DECREASE, INCREASE, OKABE_ITO, _layout

# A sequential scale that reads the same with the common colour-vision deficiencies.
SEQUENTIAL = "Cividis"
LABELLED_POINTS = 6


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


def gap_quadrant(gap: pl.DataFrame, *, title: str) -> go.Figure:
    """Demand share (y) against curriculum coverage (x), both in percent, one point per skill.

    Points above the diagonal are asked for more often than programmes teach them; the
    dotted lines at the medians split the chart into quadrants. The largest gaps are
    labelled; every point names its skill on hover.
    """
    x = [100 * (c or 0.0) for c in gap["coverage"].to_list()]
    y = [100 * d for d in gap["demand_share"].to_list()]
    names = [html.escape(n) for n in gap["skill"].to_list()]
    scores = gap["gap_score"].to_list()
    ranked = sorted(range(len(names)), key=lambda i: -(scores[i] or 0.0))
    labelled = set(ranked[:LABELLED_POINTS])
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=y,
            mode="markers+text",
            text=[names[i] if i in labelled else "" for i in range(len(names))],
            textposition="middle right",
            textfont={"color": "#333333"},
            marker={
                "size": 10,
                "color": [INCREASE if (s or 0) > 0 else OKABE_ITO[2] for s in scores],
                "symbol": ["circle" if (s or 0) > 0 else "diamond" for s in scores],
                "line": {"width": 1, "color": "#ffffff"},
            },
            customdata=list(
                zip(
                    names,
                    gap["demand_postings"].to_list(),
                    gap["demand_total"].to_list(),
                    gap["curricula_covering"].to_list(),
                    gap["curricula_total"].to_list(),
                    [100 * (s or 0.0) for s in scores],
                    strict=True,
                )
            ),
            hovertemplate=(
                "<b>%{customdata[0]}</b><br>demand %{y:.1f}% (%{customdata[1]} of "
                "%{customdata[2]} AI/ML postings)<br>coverage %{x:.0f}% (%{customdata[3]} of "
                "%{customdata[4]} programmes)<br>gap score %{customdata[5]:.1f}<extra></extra>"
            ),
        )
    )
    top = max([*x, *y, 1.0]) * 1.08
    fig.add_shape(
        type="line", x0=0, y0=0, x1=top, y1=top, line={"color": "#777777", "dash": "dash"}
    )
    if x:
        mid_x, mid_y = sorted(x)[len(x) // 2], sorted(y)[len(y) // 2]
        fig.add_vline(x=mid_x, line={"color": "#999999", "dash": "dot", "width": 1})
        fig.add_hline(y=mid_y, line={"color": "#999999", "dash": "dot", "width": 1})
    fig.add_annotation(
        x=0.02, y=0.98, xref="paper", yref="paper", showarrow=False, xanchor="left",
        text="in demand, rarely taught", font={"color": "#555555"},
    )  # fmt: skip
    fig.add_annotation(
        x=0.98, y=0.02, xref="paper", yref="paper", showarrow=False, xanchor="right",
        text="widely taught, asked for less", font={"color": "#555555"},
    )  # fmt: skip
    _layout(
        fig,
        title=title,
        x_title="curriculum coverage (% of programmes teaching the skill)",
        y_title="demand (% of AI/ML technician postings)",
        height=560,
    )
    fig.update_xaxes(range=[-2, top], ticksuffix="%")
    fig.update_yaxes(range=[0, top], ticksuffix="%")
    fig.update_layout(showlegend=False)
    return fig


def growth_against_coverage(rows: pl.DataFrame, *, title: str) -> go.Figure:
    """Change in demand (percentage points, y) against curriculum coverage (percent, x)."""
    x = [100 * (c or 0.0) for c in rows["coverage"].to_list()]
    y = rows["change_pp"].to_list()
    names = [html.escape(n) for n in rows["skill"].to_list()]
    ranked = sorted(range(len(y)), key=lambda i: -y[i])
    half = LABELLED_POINTS // 2
    labelled = set(ranked[:half]) | set(ranked[-half:])
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=y,
            mode="markers+text",
            text=[names[i] if i in labelled else "" for i in range(len(names))],
            textposition="middle right",
            textfont={"color": "#333333"},
            marker={
                "size": 10,
                "color": [INCREASE if v >= 0 else DECREASE for v in y],
                "symbol": ["triangle-up" if v >= 0 else "triangle-down" for v in y],
            },
            customdata=names,
            hovertemplate=(
                "<b>%{customdata}</b><br>demand change %{y:+.1f} pp<br>"
                "coverage %{x:.0f}% of programmes<extra></extra>"
            ),
        )
    )
    fig.add_hline(y=0, line={"color": "#444444", "width": 1})
    _layout(
        fig,
        title=title,
        x_title="curriculum coverage (% of programmes teaching the skill)",
        y_title="change in share of postings (percentage points)",
        height=520,
    )
    fig.update_xaxes(ticksuffix="%", rangemode="tozero")
    fig.update_yaxes(ticksuffix=" pp")
    fig.update_layout(showlegend=False)
    return fig
