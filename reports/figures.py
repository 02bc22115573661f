"""Plotly figures of the report, built from the frames the named queries return.

Labels that come from the taxonomy are HTML-escaped before they reach Plotly: Plotly reads a
small subset of HTML in text, and it decodes entities back to characters when drawing, so an
escaped name shows exactly as written.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

# Okabe & Ito (2008), reordered so the first lines have the strongest contrast on white.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
# Past eight lines the colours repeat, so the line style tells the repeats apart.
DASHES = ("solid", "dash", "dot", "dashdot")
MARKERS = ("circle", "square", "diamond", "triangle-up")
INCREASE = OKABE_ITO[0]
DECREASE = OKABE_ITO[3]


def _layout(fig: go.Figure, *, title: str, x_title: str, y_title: str, height: int) -> None:
    fig.update_layout(
        title={"text": html.escape(title), "x": 0, "xanchor": "left"},
        template="plotly_white",
        height=height,
        margin={"l": 60, "r": 30, "t": 70, "b": 60},
        font={"family": "system-ui, -apple-system, 'Segoe UI', sans-serif", "size": 13},
        hoverlabel={"namelength": -1},
    )
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)


def share_over_time(shares: pl.DataFrame, skill_order: Sequence[str], *, title: str) -> go.Figure:
    """One line per skill: share of the month's postings that mention it, in percent.

    ``shares`` has the columns of the ``monthly_shares`` query; ``skill_order`` lists skill
    ids in the order the legend should show them.
    """
    fig = go.Figure()
    for i, skill_id in enumerate(skill_order):
        rows = shares.filter(pl.col("skill_id") == skill_id).sort("month")
        if rows.is_empty():
            continue
        name = html.escape(rows["skill"][0])
        fig.add_trace(
            go.Scatter(
                x=rows["month"].to_list(),
                y=[100 * s for s in rows["share"].to_list()],
                customdata=list(
                    zip(
                        rows["postings_with_skill"].to_list(),
                        rows["postings_in_month"].to_list(),
                        strict=True,
                    )
                ),
                name=name,
                mode="lines+markers",
                line={
                    "color": OKABE_ITO[i % len(OKABE_ITO)],
                    "dash": DASHES[(i // len(OKABE_ITO)) % len(DASHES)],
                    "width": 2,
                },
                marker={"symbol": MARKERS[(i // len(OKABE_ITO)) % len(MARKERS)], "size": 6},
                # fullData.name, not the name itself: a name is data, not a template.
                hovertemplate=(
                    "<b>%{fullData.name}</b><br>%{x|%b %Y}: %{y:.1f}%<br>"
                    "%{customdata[0]} of %{customdata[1]} postings<extra></extra>"
                ),
            )
        )
    _layout(
        fig,
        title=title,
        x_title="month (posting date, else first seen)",
        y_title="share of postings (%)",
        height=520,
    )
    fig.update_xaxes(tickformat="%b %Y")
    if shares["month"].n_unique() <= 12:
        fig.update_xaxes(dtick="M1")
    fig.update_yaxes(rangemode="tozero", ticksuffix="%")
    fig.update_layout(hovermode="closest", legend={"title": {"text": "skill"}})
    return fig


def growth_bars(growth: pl.DataFrame, *, title: str) -> go.Figure:
    """Horizontal bars: change in share of postings, in percentage points, per skill.

    ``growth`` has the columns of the ``skill_growth`` query, largest change first. Skills
    absent from the early window are labelled "new" and hatched.
    """
    # Plotly draws the first category at the bottom; reverse so the largest rise is on top.
    rows = growth.reverse()
    labels = [
        html.escape(name) + (" (new)" if is_new else "")
        for name, is_new in zip(rows["skill"].to_list(), rows["is_new"].to_list(), strict=True)
    ]
    changes = rows["change_pp"].to_list()
    is_new = rows["is_new"].to_list()
    fig = go.Figure(
        go.Bar(
            x=changes,
            y=labels,
            orientation="h",
            marker={
                "color": [INCREASE if c >= 0 else DECREASE for c in changes],
                "pattern": {"shape": ["/" if n else "" for n in is_new], "fgcolor": "#ffffff"},
            },
            text=[
                f"{c:+.1f} pp" + (" · new" if n else "")
                for c, n in zip(changes, is_new, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            customdata=list(
                zip(
                    rows["early_postings"].to_list(),
                    rows["early_total"].to_list(),
                    rows["late_postings"].to_list(),
                    rows["late_total"].to_list(),
                    strict=True,
                )
            ),
            hovertemplate=(
                "<b>%{y}</b><br>%{x:+.1f} percentage points<br>"
                "early: %{customdata[0]} of %{customdata[1]} postings<br>"
                "late: %{customdata[2]} of %{customdata[3]} postings<extra></extra>"
            ),
        )
    )
    _layout(
        fig,
        title=title,
        x_title="change in share of postings (percentage points)",
        y_title="skill",
        height=max(320, 90 + 34 * len(labels)),
    )
    # Room on both sides for the value labels that sit outside the bars.
    low, high = min([0.0, *changes]), max([0.0, *changes])
    pad = 0.2 * max(high - low, 1.0)
    fig.update_xaxes(
        zeroline=True,
        zerolinecolor="#444444",
        ticksuffix=" pp",
        range=[low - (pad if low < 0 else 0), high + (pad if high > 0 else 0)],
    )
    fig.update_layout(showlegend=False, margin={"l": 200, "r": 90})
    return fig
