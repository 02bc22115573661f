"""Small HTML building blocks that escape everything they are given.

Cells, captions and labels pass through :func:`html.escape`; figure JSON goes into an inert
``<script type="application/json">`` element with ``<``, ``>`` and ``&`` written as JSON
unicode escapes, so no string in the data can close the element or open a new one.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import plotly.graph_objects as go
import plotly.io as pio


def text(value: object) -> str:
    """``value`` as escaped HTML text; ``None`` shows as an en dash."""
    return "–" if value is None else html.escape(str(value))


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    caption: str | None = None,
    numeric: Sequence[bool] | None = None,
) -> str:
    """An HTML table; columns flagged in ``numeric`` are right-aligned."""
    align = list(numeric) if numeric is not None else [False] * len(headers)
    head = "".join(
        f'<th scope="col"{" class=num" if a else ""}>{text(h)}</th>'
        for h, a in zip(headers, align, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=num' if a else ''}>{text(c)}</td>"
            for c, a in zip(row, align, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    cap = f"<caption>{text(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def script_json(json_text: str) -> str:
    """JSON text made safe to sit inside a ``<script>`` element.

    Inside JSON these characters only occur in strings, where the ``\\uXXXX`` forms mean the
    same thing to ``JSON.parse`` but can no longer spell ``</script>`` or ``<!--``.
    """
    return (
        json_text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def figure(fig: go.Figure, *, div_id: str, title: str, data_table: str, summary: str) -> str:
    """A chart placeholder named by its title, its figure as inert JSON, and its numbers.

    The numbers sit in a ``<details>`` table beneath the chart, so they are there for screen
    readers, for copying, and when scripts do not run.
    """
    spec = script_json(pio.to_json(fig, validate=False, pretty=False))
    return (
        f'<figure class="chart-block">'
        f'<div class="chart" id="{text(div_id)}" role="img" aria-label="{text(title)}"></div>'
        f'<script type="application/json" data-figure="{text(div_id)}">{spec}</script>'
        f"<figcaption>{text(title)}</figcaption>"
        f"<details><summary>{text(summary)}</summary>"
        f'<div class="table-wrap">{data_table}</div></details>'
        f"</figure>"
    )


def percent(share: float | None, digits: int = 1) -> str:
    """``0.1234`` as ``"12.3%"``; ``None`` as an en dash."""
    return "–" if share is None else f"{100 * share:.{digits}f}%"


def heading(key: str, title: str) -> str:
    """The opening of a page section: ``<section>`` labelled by its ``<h2 id=h-key>``."""
    return f"<section aria-labelledby=h-{key}><h2 id=h-{key}>{text(title)}</h2>"
