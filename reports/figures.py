"""Plotly figures of the report, built from the frames the named queries return.

Labels that come from the taxonomy are HTML-escaped before they reach Plotly: Plotly reads a
small subset of HTML in text, and it decodes entities back to characters when drawing, so an
escaped name shows exactly as written.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from functools import cache

import plotly.graph_objects as go
import plotly.io as pio
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
NEW = OKABE_ITO[1]


def wrap_title(title: str, width: int = 95) -> str:
    """The title escaped, broken into lines of about ``width`` characters for Plotly."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(title, width)) or ""


@cache
def _template() -> go.layout.Template:
    """Plotly's "plotly_white" for the trace types the report draws. The whole template
    (defaults for two dozen trace types) is copied into every figure and its JSON."""
    white = pio.templates["plotly_white"]
    return go.layout.Template(
        layout=white.layout, data={kind: white.data[kind] for kind in ("bar", "scatter", "heatmap")}
    )


def _layout(fig: go.Figure, *, title: str, x_title: str, y_title: str, height: int) -> None:
    fig.update_layout(
        title={"text": wrap_title(title), "x": 0, "xanchor": "left"},
        template=_template(),
        height=height,
        margin={"l": 60, "r": 30, "t": 90, "b": 60},
        font={"family": "system-ui, -apple-system, 'Segoe UI', sans-serif", "size": 13},
        hoverlabel={"namelength": -1},
    )
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)


def _pct(values: Sequence[float | None]) -> list[float | None]:
    return [None if v is None else 100 * v for v in values]


def _bars(
    low: Sequence[float | None], mid: Sequence[float | None], high: Sequence[float | None]
) -> tuple[list[float], list[float]]:
    """Error-bar lengths above and below each value (zero where a bound is missing)."""
    up = [h - m if h is not None and m is not None else 0.0 for h, m in zip(high, mid, strict=True)]
    down = [
        m - lo if lo is not None and m is not None else 0.0 for lo, m in zip(low, mid, strict=True)
    ]
    return up, down


def colour(i: int) -> str:
    """The ``i``-th colour of the palette (it repeats after eight)."""
    return OKABE_ITO[i % len(OKABE_ITO)]


def share_bars(
    labels: Sequence[str],
    shares: Sequence[float],
    counts: Sequence[tuple[int, int]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    ci: tuple[Sequence[float | None], Sequence[float | None]] | None = None,
    colour_index: int = 0,
) -> go.Figure:
    """Horizontal bars of shares (0-1, drawn in percent), largest on top.

    ``labels`` are raw text (escaped here); ``counts`` are (numerator, denominator) pairs
    for the hover; ``ci`` optional (low, high) bounds as shares.
    """
    n = len(labels)
    order = list(range(n))[::-1]
    x = [100 * shares[i] for i in order]
    bar = go.Bar(
        x=x,
        y=[html.escape(labels[i]) for i in order],
        orientation="h",
        marker={"color": colour(colour_index)},
        text=[f"{v:.1f}%" for v in x],
        textposition="outside",
        cliponaxis=False,
        customdata=[counts[i] for i in order],
        hovertemplate=(
            "<b>%{y}</b><br>%{x:.1f}%<br>%{customdata[0]} of %{customdata[1]} postings"
            "<extra></extra>"
        ),
    )
    if ci is not None:
        low = [ci[0][i] for i in order]
        high = [ci[1][i] for i in order]
        bar.error_x = {
            "type": "data",
            "symmetric": False,
            "array": [100 * (h or 0) - v for h, v in zip(high, x, strict=True)],
            "arrayminus": [v - 100 * (lo or 0) for lo, v in zip(low, x, strict=True)],
            "color": "#444444",
            "thickness": 1,
        }
        bar.textposition = "inside"
        bar.insidetextanchor = "start"
        bar.textfont = {"color": "#ffffff"}
    fig = go.Figure(bar)
    _layout(fig, title=title, x_title=x_title, y_title=y_title, height=max(300, 90 + 30 * n))
    fig.update_xaxes(ticksuffix="%", rangemode="tozero")
    fig.update_layout(showlegend=False, margin={"l": 220, "r": 60})
    return fig


def growth_bars(growth: pl.DataFrame, *, title: str) -> go.Figure:
    """Horizontal bars: change in share of postings, in percentage points, per skill.

    ``growth`` has the columns of the ``skill_growth`` query, largest change first. Skills
    absent from the early window are labelled "new" and drawn in their own colour.
    """
    # Plotly draws the first category at the bottom; reverse so the largest rise is on top.
    rows = growth.reverse()
    labels = [
        html.escape(name) + (" (new)" if is_new else "")
        for name, is_new in zip(rows["skill"].to_list(), rows["is_new"].to_list(), strict=True)
    ]
    changes = rows["change_pp"].to_list()
    is_new = rows["is_new"].to_list()
    fills = [
        NEW if n else INCREASE if c >= 0 else DECREASE for c, n in zip(changes, is_new, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=changes,
            y=labels,
            orientation="h",
            # New skills get their own colour and a "(new)" label; a per-bar fill pattern
            # would be clearer, but Plotly warns in the console for bars without one.
            marker={"color": fills},
            text=[
                f"{c:+.1f} pp" + (" · new" if n else f" ({g:+.0f}%)" if g is not None else "")
                for c, n, g in zip(changes, is_new, rows["growth_pct"].to_list(), strict=True)
            ],
            textposition="outside",
            textfont={"color": "#333333"},
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
