"""Figures over time: shares per period, the AI/ML share beside Indeed, rank movement.

The x axis is a row of slots (:meth:`reports.periods.Coverage.slots`): each period with
postings, and one shaded slot, ticked "no postings", for each stretch of periods without any.
Points sit at their slot's number, so the figure data holds no date at all; lines are drawn
one contiguous stretch at a time, so no line crosses a gap or a suppressed period.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from reports.figures import DASHES, MARKERS, _bars, _layout, _pct, colour
from reports.periods import Slot, segments

GAP_TICK = "no postings"
GAP_FILL = "#eeeeee"
MAX_TICKS = 24


def positions(slots: Sequence[Slot]) -> dict[str, int]:
    """Slot number of each period label with postings."""
    return {s.label: i for i, s in enumerate(slots) if not s.gap}


def time_axis(fig: go.Figure, slots: Sequence[Slot], x_title: str) -> None:
    """Tick each slot by its label (thinned past ``MAX_TICKS``), shade the gaps."""
    every = max(1, -(-sum(not s.gap for s in slots) // MAX_TICKS))
    ticks, seen = [], 0
    for i, s in enumerate(slots):
        if s.gap or seen % every == 0:
            ticks.append(i)
        seen += not s.gap
    fig.update_xaxes(
        title_text=x_title,
        tickmode="array",
        tickvals=ticks,
        ticktext=[GAP_TICK if slots[i].gap else slots[i].label for i in ticks],
        range=[-0.6, len(slots) - 0.4],
        showgrid=False,
        zeroline=False,
    )
    for i, s in enumerate(slots):
        if s.gap:
            fig.add_vrect(x0=i - 0.5, x1=i + 0.5, fillcolor=GAP_FILL, line_width=0, layer="below")


def _segment_lines(
    fig: go.Figure,
    xs: list[int],
    ys: list[float | None],
    *,
    name: str,
    group: str,
    line: dict[str, object],
    customdata: Sequence[object],
    hovertemplate: str,
) -> None:
    """One line trace per stretch of consecutive slots; no line spans a skipped slot."""
    for run in segments(xs):
        fig.add_trace(
            go.Scatter(
                x=[xs[i] for i in run],
                y=[ys[i] for i in run],
                name=name,
                legendgroup=group,
                showlegend=False,
                mode="lines",
                connectgaps=False,
                line=line,
                customdata=[customdata[i] for i in run],
                hovertemplate=hovertemplate,
            )
        )


def share_over_periods(
    shares: pl.DataFrame,
    order: Sequence[str],
    slots: Sequence[Slot],
    *,
    title: str,
    y_title: str,
    rolling: bool,
    x_title: str = "period (posting date, else first seen)",
) -> go.Figure:
    """Per item: the share per period (markers, 95% Wilson bars) and a line through them.

    ``shares`` has the columns of ``share_by_period``, suppressed periods dropped; ``order``
    lists item ids in legend order. With ``rolling`` the line is the share pooled over up
    to three periods (months), else the period's own share.
    """
    fig = go.Figure()
    where = positions(slots)
    for i, item_id in enumerate(order):
        rows = shares.filter(pl.col("item_id") == item_id).sort("period_start")
        if rows.is_empty():
            continue
        name = html.escape(rows["item"][0])
        colour_, dash = colour(i), DASHES[(i // 8) % len(DASHES)]
        xs = [where[p] for p in rows["period_label"].to_list()]
        share = _pct(rows["share"].to_list())
        low, high = _pct(rows["ci_low"].to_list()), _pct(rows["ci_high"].to_list())
        up, down = _bars(low, share, high)
        labels = rows["period_label"].to_list()
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=share,
                name=name,
                legendgroup=item_id,
                mode="markers",
                marker={"color": colour_, "symbol": MARKERS[(i // 8) % len(MARKERS)], "size": 7},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": up,
                    "arrayminus": down,
                    "thickness": 1.2,
                    "width": 3,
                    "color": colour_,
                },
                customdata=list(
                    zip(
                        labels,
                        rows["postings_with_item"].to_list(),
                        rows["postings_in_period"].to_list(),
                        low,
                        high,
                        strict=True,
                    )
                ),
                # fullData.name, not the name itself: a name is data, not a template.
                hovertemplate=(
                    "<b>%{fullData.name}</b><br>%{customdata[0]}: %{y:.1f}% "
                    "(95% CI %{customdata[3]:.1f}–%{customdata[4]:.1f}%)<br>"
                    "%{customdata[1]} of %{customdata[2]} postings<extra></extra>"
                ),
            )
        )
        _segment_lines(
            fig,
            xs,
            _pct(rows["rolling_share" if rolling else "share"].to_list()),
            name=name,
            group=item_id,
            line={"color": colour_, "dash": dash, "width": 2},
            customdata=list(
                zip(
                    labels,
                    rows[("rolling_" if rolling else "") + "postings_with_item"].to_list(),
                    rows["rolling_postings" if rolling else "postings_in_period"].to_list(),
                    strict=True,
                )
            ),
            hovertemplate=(
                "<b>%{fullData.name}</b>"
                + (", pooled with up to 2 months before" if rolling else "")
                + "<br>%{customdata[0]}: %{y:.1f}%<br>"
                "%{customdata[1]} of %{customdata[2]} postings<extra></extra>"
            ),
        )
    _layout(fig, title=title, x_title="", y_title=y_title, height=520)
    time_axis(fig, slots, x_title)
    fig.update_yaxes(rangemode="tozero", ticksuffix="%")
    fig.update_layout(hovermode="closest")
    return fig


def ai_ml_beside_indeed(
    ours: pl.DataFrame,
    indeed: pl.DataFrame,
    slots: Sequence[Slot],
    *,
    title: str,
    x_title: str = "period",
) -> go.Figure:
    """Our AI/ML technician share per period (Wilson bars) and Indeed's per country.

    ``ours`` has the columns of ``ai_ml_share_by_period`` (suppressed periods dropped),
    ``indeed`` those of the ``indeed_by_period`` query, for the same periods.
    """
    fig = go.Figure()
    where = positions(slots)
    labels = ours["period_label"].to_list()
    xs = [where[p] for p in labels]
    share = _pct(ours["share"].to_list())
    low, high = _pct(ours["ci_low"].to_list()), _pct(ours["ci_high"].to_list())
    up, down = _bars(low, share, high)
    counts = list(
        zip(labels, ours["ai_ml_role_postings"].to_list(), ours["postings"].to_list(), strict=True)
    )
    hover = (
        "<b>%{fullData.name}</b><br>%{customdata[0]}: %{y:.1f}%<br>"
        "%{customdata[1]} of %{customdata[2]} postings<extra></extra>"
    )
    name = "skillgap: AI/ML technician postings"
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=share,
            name=name,
            legendgroup="ours",
            mode="markers",
            marker={"size": 8, "color": colour(0)},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": up,
                "arrayminus": down,
                "color": colour(0),
            },
            customdata=counts,
            hovertemplate=hover,
        )
    )
    _segment_lines(
        fig,
        xs,
        share,
        name=name,
        group="ours",
        line={"color": colour(0), "width": 3},
        customdata=counts,
        hovertemplate=hover,
    )
    for i, country in enumerate(sorted(set(indeed["country"].to_list()))):
        rows = indeed.filter(pl.col("country") == country).sort("period_start")
        name = f"Indeed Hiring Lab, {html.escape(country)}"
        ixs = [where[p] for p in rows["period_label"].to_list()]
        values = _pct(rows["share"].to_list())
        days = list(zip(rows["period_label"].to_list(), rows["days"].to_list(), strict=True))
        indeed_hover = (
            "<b>%{fullData.name}</b><br>%{customdata[0]}: %{y:.2f}% "
            "(mean of %{customdata[1]} daily values)<extra></extra>"
        )
        line = {"color": colour(i + 1), "dash": "dash", "width": 2}
        fig.add_trace(
            go.Scatter(
                x=ixs,
                y=values,
                name=name,
                legendgroup=country,
                mode="markers",
                marker={"symbol": "square", "size": 6, "color": line["color"]},
                customdata=days,
                hovertemplate=indeed_hover,
            )
        )
        _segment_lines(
            fig,
            ixs,
            values,
            name=name,
            group=country,
            line=line,
            customdata=days,
            hovertemplate=indeed_hover,
        )
    _layout(fig, title=title, x_title="", y_title="share of postings (%)", height=480)
    time_axis(fig, slots, x_title)
    fig.update_yaxes(rangemode="tozero", ticksuffix="%")
    return fig


def rank_movement(
    ranks: pl.DataFrame, order: Sequence[str], slots: Sequence[Slot], *, title: str
) -> go.Figure:
    """A bump chart: each skill's rank (1 = asked for most) per period, best at the top.

    ``ranks`` has ``item_id``, ``item``, ``period_label``, ``period_start``, ``rank``,
    ``share``, ``postings_with_item`` and ``postings_in_period``.
    """
    fig = go.Figure()
    where = positions(slots)
    for i, item_id in enumerate(order):
        rows = ranks.filter(pl.col("item_id") == item_id).sort("period_start")
        if rows.is_empty():
            continue
        name = html.escape(rows["item"][0])
        colour_ = colour(i)
        xs = [where[p] for p in rows["period_label"].to_list()]
        custom = list(
            zip(
                rows["period_label"].to_list(),
                _pct(rows["share"].to_list()),
                rows["postings_with_item"].to_list(),
                rows["postings_in_period"].to_list(),
                strict=True,
            )
        )
        hover = (
            "<b>%{fullData.name}</b><br>%{customdata[0]}: rank %{y} "
            "(%{customdata[1]:.1f}%, %{customdata[2]} of %{customdata[3]} postings)"
            "<extra></extra>"
        )
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=rows["rank"].to_list(),
                name=name,
                legendgroup=item_id,
                mode="markers",
                marker={"color": colour_, "symbol": MARKERS[(i // 8) % len(MARKERS)], "size": 9},
                customdata=custom,
                hovertemplate=hover,
            )
        )
        _segment_lines(
            fig,
            xs,
            rows["rank"].to_list(),
            name=name,
            group=item_id,
            line={"color": colour_, "dash": DASHES[(i // 8) % len(DASHES)], "width": 2},
            customdata=custom,
            hovertemplate=hover,
        )
    y_title = "rank among all skills (1 = most asked for)"
    # Room for every legend entry without a scrolling legend.
    _layout(fig, title=title, x_title="", y_title=y_title, height=max(560, 160 + 30 * len(order)))
    time_axis(fig, slots, "year")
    deepest = max([1, *ranks["rank"].to_list()])
    ticks = [1, *range(5, deepest + 1, 5)] if deepest > 12 else list(range(1, deepest + 1))
    fig.update_yaxes(range=[deepest + 0.7, 0.3], tickmode="array", tickvals=ticks, zeroline=False)
    return fig
