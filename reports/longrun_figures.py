"""Figures of change between years: a heatmap of year-over-year changes and a dot plot of
changes with their 95% intervals."""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from reports.figures import DECREASE, INCREASE, NEW, _layout


def _points(value: float | None) -> str:
    """``+1.2``, ``-0.4``, and ``0.0`` rather than ``-0.0`` for a change that rounds to none."""
    if value is None:
        return ""
    return "0.0" if round(value, 1) == 0 else f"{value:+.1f}"


def yoy_heatmap(yoy: pl.DataFrame, order: Sequence[tuple[str, str]], *, title: str) -> go.Figure:
    """Items (rows, in ``order`` of (item_kind, item_id)) by year (columns): change in share
    from the year before, in percentage points; blue up, vermillion down. ``yoy`` has
    ``skill_growth_yoy``'s columns."""
    years = sorted(set(yoy["late_year"].to_list()))
    names: list[str] = []
    z: list[list[float | None]] = []
    custom: list[list[tuple[object, ...]]] = []
    for kind, item_id in order:
        rows = yoy.filter((pl.col("item_kind") == kind) & (pl.col("item_id") == item_id))
        if rows.is_empty():
            continue
        by_year = {r["late_year"]: r for r in rows.iter_rows(named=True)}
        names.append(html.escape(rows["item"][0]))
        z.append([by_year[y]["change_pp"] if y in by_year else None for y in years])
        custom.append(
            [
                (
                    by_year[y]["early_year"],
                    100 * by_year[y]["early_share"],
                    100 * by_year[y]["late_share"],
                    by_year[y]["change_low_pp"],
                    by_year[y]["change_high_pp"],
                )
                if y in by_year
                else (None,) * 5
                for y in years
            ]
        )
    # Plotly draws the first row at the bottom; reverse so the order reads top down.
    names, z, custom = names[::-1], z[::-1], custom[::-1]
    reach = max([abs(v) for row in z for v in row if v is not None] or [1.0])
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(y) for y in years],
            y=names,
            zmid=0,
            zmin=-reach,
            zmax=reach,
            colorscale=[[0, DECREASE], [0.5, "#ffffff"], [1, INCREASE]],
            text=[[_points(v) for v in row] for row in z],
            texttemplate="%{text}",
            customdata=custom,
            colorbar={"title": {"text": "pp"}, "ticksuffix": " pp"},
            hovertemplate=(
                "<b>%{y}</b><br>%{customdata[0]} → %{x}: %{customdata[1]:.1f}% → "
                "%{customdata[2]:.1f}%<br>%{z:+.1f} pp (95% CI %{customdata[3]:+.1f} to "
                "%{customdata[4]:+.1f})<extra></extra>"
            ),
            xgap=2,
            ygap=2,
        )
    )
    _layout(
        fig,
        title=title,
        x_title="year, against the year before (percentage points)",
        y_title="skill or cluster",
        height=max(320, 110 + 28 * len(names)),
    )
    fig.update_xaxes(type="category")
    fig.update_layout(margin={"l": 230})
    return fig


def change_dots(
    changes: pl.DataFrame, *, title: str, x_title: str, notes: Sequence[str] | None = None
) -> go.Figure:
    """One row per item, largest rise on top: the change in share (pp) with its 95% interval.

    ``changes`` has the columns of ``skill_change_long_run``; items absent from the early
    year are drawn in their own colour and labelled "(new)". ``notes`` (one per row, plain
    text) are added to the row labels.
    """
    rows = changes.reverse()
    extra = list(notes)[::-1] if notes is not None else [""] * rows.height
    labels = [
        html.escape(name + (" (new)" if new else "") + (f" · {note}" if note else ""))
        for name, new, note in zip(
            rows["item"].to_list(), rows["is_new"].to_list(), extra, strict=True
        )
    ]
    change = rows["change_pp"].to_list()
    low, high = rows["change_low_pp"].to_list(), rows["change_high_pp"].to_list()
    fills = [
        NEW if new else INCREASE if c >= 0 else DECREASE
        for c, new in zip(change, rows["is_new"].to_list(), strict=True)
    ]
    fig = go.Figure(
        go.Scatter(
            x=change,
            y=labels,
            mode="markers",
            marker={"color": fills, "size": 10},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [h - c for h, c in zip(high, change, strict=True)],
                "arrayminus": [c - lo for lo, c in zip(low, change, strict=True)],
                "color": "#444444",
                "thickness": 1.2,
            },
            customdata=list(
                zip(
                    rows["early_year"].to_list(),
                    rows["late_year"].to_list(),
                    [100 * s for s in rows["early_share"].to_list()],
                    [100 * s for s in rows["late_share"].to_list()],
                    low,
                    high,
                    rows["ratio"].to_list(),
                    strict=True,
                )
            ),
            hovertemplate=(
                "<b>%{y}</b><br>%{customdata[0]}: %{customdata[2]:.1f}% → "
                "%{customdata[1]}: %{customdata[3]:.1f}%<br>%{x:+.1f} pp "
                "(95% CI %{customdata[4]:+.1f} to %{customdata[5]:+.1f})<br>"
                "ratio %{customdata[6]:.2f}<extra></extra>"
            ),
        )
    )
    _layout(
        fig,
        title=title,
        x_title=x_title,
        y_title="skill or cluster",
        height=max(320, 100 + 30 * len(labels)),
    )
    fig.update_xaxes(zeroline=True, zerolinecolor="#444444", ticksuffix=" pp", rangemode="tozero")
    fig.update_layout(showlegend=False, margin={"l": 230})
    return fig
