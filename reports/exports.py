"""What every section hands the page: charts with their data, and writing that data out.

Each :class:`Chart` carries the frame its figure was drawn from; the page writes it as
``<data dir>/<key>.csv`` and, when asked, the figure as ``<key>.png`` (kaleido drives the
system's Chromium). Text cells a spreadsheet would take for a formula are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import plotly.io as pio
import polars as pl

from reports.markup import figure, table
from reports.output import Outputs
from reports.periods import Coverage, Period
from reports.queries import Filters

PNG_WIDTH = 1100


@dataclass(frozen=True, slots=True)
class Context:
    """What every section reads: the connection, the filters and the report's settings.

    ``period`` is the time resolution of the charts over time; ``months`` the months that
    hold filtered postings.
    """

    con: duckdb.DuckDBPyConnection
    filters: Filters
    top_n: int
    min_postings: int
    period: Period = "month"
    months: tuple[date, ...] = ()

    @property
    def coverage(self) -> Coverage:
        """The months with postings, seen at the report's period."""
        return Coverage.of(self.months, self.period)

    @property
    def years(self) -> Coverage:
        """The months with postings, seen per year."""
        return Coverage.of(self.months, "year")


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: ``key`` names its element id and files; ``data`` is what was drawn."""

    key: str
    title: str
    fig: go.Figure | None
    data: pl.DataFrame

    def html(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        numeric: Sequence[bool],
        summary: str = "Numbers",
    ) -> str:
        """The chart with its data table beneath (a plain table when there is no figure)."""
        data_table = table(headers, rows, numeric=numeric)
        if self.fig is None:
            return data_table
        return figure(
            self.fig,
            div_id=f"chart-{self.key}",
            title=self.title,
            data_table=data_table,
            summary=summary,
        )


@dataclass(slots=True)
class Section:
    """A part of the page and the charts it drew."""

    html: str
    charts: list[Chart] = field(default_factory=list)


def write_data(
    charts: Sequence[Chart], directory: Path, outputs: Outputs, *, png: bool = False
) -> list[Path]:
    """Write each chart's data as CSV (and its figure as PNG) through ``outputs``; return the
    files it puts in place."""
    written = []
    for chart in charts:
        path = directory / f"{chart.key}.csv"
        with outputs.temporary(path).open("wb") as f:
            spreadsheet_safe(chart.data).write_csv(f)
        written.append(path)
    if png:
        drawn = [c for c in charts if c.fig is not None]
        paths = [directory / f"{c.key}.png" for c in drawn]
        if drawn:
            pio.write_images(
                [c.fig for c in drawn],
                [outputs.temporary(p) for p in paths],
                format="png",
                width=PNG_WIDTH,
                height=[c.fig.layout.height or 500 for c in drawn],  # type: ignore[union-attr]
            )
        written.extend(paths)
    return written


# What a spreadsheet program reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = r"^[=+\-@\t\r]"


def spreadsheet_safe(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every text cell that a spreadsheet would run as a formula (a company
    named ``=HYPERLINK(...)``) prefixed with ``'``, as OWASP recommends; numbers, negative
    ones included, are left alone.

    >>> spreadsheet_safe(pl.DataFrame({"a": ["=1+1", "ok"], "n": [-1, 2]})).rows()
    [("'=1+1", -1), ('ok', 2)]
    """
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if not text:
        return frame
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA_START))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text
    )
