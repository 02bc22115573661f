"""Figures of the training programmes: core-skill coverage by kind, each programme's fit to
technician demand, and the programme-by-core-skill matrix.

Programme and skill names are HTML-escaped before they reach Plotly, as in
:mod:`reports.figures`.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import polars as pl

from reports.figures import _layout, colour
from reports.gap_figures import SEQUENTIAL

# Kinds in the order the report groups programmes by: the shortest formats first.
KIND_ORDER = ("mooc", "course", "certificate", "bootcamp", "degree", "other")
NAME_WIDTH = 48


def kind_rank(kind: str) -> int:
    """Where ``kind`` goes among :data:`KIND_ORDER` (an unknown kind goes last)."""
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def short(name: str, width: int = NAME_WIDTH) -> str:
    """``name`` in at most ``width`` characters: its start and end around an ellipsis (names
    of one provider's programmes often share a long start)."""
    if len(name) <= width:
        return name
    head = (width - 1) // 2
    return name[:head].rstrip() + "…" + name[len(name) - (width - 1 - head) :].lstrip()


def labels(rows: pl.DataFrame) -> dict[str, str]:
    """A distinct axis label per ``curriculum_id``: its kind and its shortened name."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for row in rows.iter_rows(named=True):
        label = f"{row['kind']} · {short(str(row['name']))}"
        n = 2
        while label in taken:
            label = f"{row['kind']} · {short(str(row['name']), NAME_WIDTH - 4)} ({n})"
            n += 1
        taken.add(label)
        found[row["curriculum_id"]] = html.escape(label)
    return found


def kind_heatmap(rows: pl.DataFrame, *, title: str) -> go.Figure:
    """Share of each kind's programmes teaching each core skill (percent), core list order.

    ``rows`` has the columns of the ``core_coverage_by_kind`` query.
    """
    kinds = sorted(set(rows["kind"].to_list()), key=kind_rank)
    items = rows.sort("position").unique("item_id", keep="first", maintain_order=True)
    ids, names = items["item_id"].to_list(), items["item"].to_list()
    cells = {(r["item_id"], r["kind"]): r for r in rows.iter_rows(named=True)}
    sizes = {r["kind"]: r["programmes"] for r in rows.iter_rows(named=True)}
    z = [[100 * cells[(i, k)]["coverage"] for k in kinds] for i in ids]
    counts = [
        [(cells[(i, k)]["programmes_teaching"], cells[(i, k)]["programmes"]) for k in kinds]
        for i in ids
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[f"{k} ({sizes[k]})" for k in kinds],
            y=[html.escape(n) for n in names],
            customdata=counts,
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=100,
            colorbar={"title": {"text": "% of the kind's programmes"}, "ticksuffix": "%"},
            text=[[f"{v:.0f}" for v in row] for row in z],
            texttemplate="%{text}",
            hovertemplate=(
                "<b>%{y}</b> in %{x}<br>taught by %{z:.0f}% (%{customdata[0]} of "
                "%{customdata[1]} programmes)<extra></extra>"
            ),
        )
    )
    _layout(
        fig,
        title=title,
        x_title="programme kind (number of programmes)",
        y_title="core skill",
        height=max(420, 150 + 28 * len(ids)),
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(margin={"l": 220})
    return fig


def fit_bars(rows: pl.DataFrame, *, title: str) -> go.Figure:
    """One bar per programme: the share of core-skill demand it covers, grouped by kind.

    ``rows`` has the columns of the ``programme_fit`` query; within a kind the best fit is on
    top, and each kind has its own colour and legend entry.
    """
    ordered = by_kind(rows, "fit")
    names = labels(ordered)
    fig = go.Figure()
    for n, kind in enumerate(sorted(set(ordered["kind"].to_list()), key=kind_rank)):
        part = ordered.filter(pl.col("kind") == kind)
        fig.add_trace(
            go.Bar(
                x=[100 * (f or 0.0) for f in part["fit"].to_list()],
                y=[names[c] for c in part["curriculum_id"].to_list()],
                orientation="h",
                name=html.escape(kind),
                marker={"color": colour(n)},
                customdata=[
                    (r["items_taught"], r["items"], html.escape(", ".join(r["missing"][:4])))
                    for r in part.iter_rows(named=True)
                ],
                hovertemplate=(
                    "<b>%{y}</b><br>covers %{x:.0f}% of core-skill demand<br>teaches "
                    "%{customdata[0]} of %{customdata[1]} core skills<br>misses most: "
                    "%{customdata[2]}<extra></extra>"
                ),
            )
        )
    _layout(
        fig,
        title=title,
        x_title="share of AI/ML technician core-skill demand the programme teaches (%)",
        y_title="programme",
        height=max(420, 160 + 17 * ordered.height),
    )
    fig.update_xaxes(ticksuffix="%", range=[0, 100])
    # Plotly draws the first category at the bottom: reverse so the first kind is on top.
    axis = [names[c] for c in ordered["curriculum_id"].to_list()][::-1]
    fig.update_yaxes(categoryorder="array", categoryarray=axis, tickfont={"size": 11})
    fig.update_layout(margin={"l": 380, "t": 120}, legend={"traceorder": "normal"})
    return fig


def programme_matrix(rows: pl.DataFrame, fit: pl.DataFrame, *, title: str) -> go.Figure:
    """Programmes (rows, grouped by kind, best fit first) against core skills (columns).

    A cell is the share of the programme's lessons naming the skill (percent); a skill the
    programme does not teach is left blank. ``rows`` has the columns of the
    ``programme_core_matrix`` query, ``fit`` those of ``programme_fit`` (for the order).
    """
    ordered = by_kind(fit, "fit")
    programmes = ordered["curriculum_id"].to_list()
    items = rows.sort("position").unique("item_id", keep="first", maintain_order=True)
    ids = items["item_id"].to_list()
    cells = {(r["curriculum_id"], r["item_id"]): r for r in rows.iter_rows(named=True)}
    z: list[list[float | None]] = []
    hover: list[list[tuple[str, int, int]]] = []
    for cid in programmes:
        line = [cells[(cid, i)] for i in ids]
        z.append([100 * c["lesson_share"] if c["taught"] else None for c in line])
        hover.append(
            [("yes" if c["taught"] else "no", c["lessons_naming"], c["lessons"]) for c in line]
        )
    names = labels(ordered)
    y = [names[cid] for cid in programmes]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[html.escape(n) for n in items["item"].to_list()],
            y=y,
            customdata=hover,
            colorscale=SEQUENTIAL,
            zmin=0,
            colorbar={"title": {"text": "% of its lessons"}, "ticksuffix": "%"},
            xgap=1,
            ygap=1,
            hoverongaps=False,
            hovertemplate=(
                "<b>%{y}</b><br>%{x}: taught %{customdata[0]}, named in %{customdata[1]} of "
                "%{customdata[2]} lessons (%{z:.0f}%)<extra></extra>"
            ),
        )
    )
    _layout(
        fig,
        title=title,
        x_title="core skill (blank: not taught)",
        y_title="programme, grouped by kind",
        height=max(460, 220 + 17 * len(programmes)),
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=y, autorange="reversed", tickfont={"size": 11}
    )
    fig.update_xaxes(tickangle=-40)
    fig.update_layout(margin={"l": 380, "b": 170, "t": 110}, plot_bgcolor="#F2F2F2")
    return fig


def by_kind(rows: pl.DataFrame, value: str) -> pl.DataFrame:
    """Rows grouped by kind in :data:`KIND_ORDER`, the largest ``value`` first within each."""
    return (
        rows.with_columns(
            pl.col("kind").map_elements(kind_rank, return_dtype=pl.Int64).alias("_kind"),
            pl.col(value).fill_null(0.0).alias("_value"),
        )
        .sort(["_kind", "_value", "name"], descending=[False, True, False])
        .drop("_kind", "_value")
    )
