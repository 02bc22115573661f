"""Chart titles that state what the numbers show, written from the numbers themselves.

Each function takes the frame a chart is drawn from and returns one sentence. Shares are
fractions; the sentence gives them in percent of postings.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from reports.markup import percent


def _by_period(shown: pl.DataFrame) -> list[tuple[str, pl.DataFrame]]:
    ordered = shown.sort("period_start")
    labels = ordered.unique("period_start", maintain_order=True)["period_label"].to_list()
    return [(lab, ordered.filter(pl.col("period_label") == lab)) for lab in labels]


def _leader(rows: pl.DataFrame) -> dict[str, Any] | None:
    """The item with the largest share (ties: by name), or None when every share is 0."""
    top = rows.sort(["share", "item"], descending=[True, False]).row(0, named=True)
    return top if top["share"] else None


def trend(shown: pl.DataFrame, label: str) -> str:
    """Who leads in the latest period, and who moved most since the first.

    ``shown``: ``share_by_period`` rows that are not suppressed.
    """
    periods = _by_period(shown)
    last_label, last = periods[-1]
    lead = _leader(last)
    if lead is None:
        return f"None of the {label} is asked for in {last_label}"
    share = percent(lead["share"])
    head = f"In {last_label}, {lead['item']} leads the {label}: {share} of postings"
    if len(periods) < 2:
        return head
    first_label, first = periods[0]
    start = dict(zip(first["item_id"].to_list(), first["share"].to_list(), strict=True))
    moves = [
        (r["share"] - start[r["item_id"]], r["item"], start[r["item_id"]], r["share"])
        for r in last.iter_rows(named=True)
        if r["item_id"] in start
    ]
    if not moves:
        return head
    change, item, before, after = max(moves, key=lambda m: (abs(m[0]), m[1]))
    verb = "rose" if change >= 0 else "fell"
    return f"{head}; {item} {verb} most since {first_label} ({percent(before)} → {percent(after)})"


def race(shown: pl.DataFrame, slots_before: dict[str, str | None]) -> str:
    """Which framework leads, and when it took the lead from which.

    ``slots_before`` maps each period label to the label of the period just before it on the
    axis, or None when a gap or the start lies between them.
    """
    periods = [(lab, _leader(rows), rows) for lab, rows in _by_period(shown)]
    led = [(lab, lead, rows) for lab, lead, rows in periods if lead is not None]
    if not led:
        return "None of the ML frameworks is asked for in these postings"
    last_label, current, last_rows = led[-1]
    shares = dict(zip(last_rows["item"].to_list(), last_rows["share"].to_list(), strict=True))
    change = next(
        (i for i in range(len(led) - 1, 0, -1) if led[i - 1][1]["item"] != current["item"]),
        None,
    )
    if change is None:
        runner = last_rows.filter(pl.col("item") != current["item"]).sort(
            ["share", "item"], descending=[True, False]
        )
        tail = (
            f", next {runner['item'][0]} {percent(runner['share'][0])}"
            if not runner.is_empty()
            else ""
        )
        return (
            f"{current['item']} has led the ML frameworks since {led[0][0]}: "
            f"{percent(current['share'])} of postings in {last_label}{tail}"
        )
    taken_label = led[change][0]
    previous_label, previous, _ = led[change - 1]
    when = (
        f"in {taken_label}"
        if slots_before.get(taken_label) == previous_label
        else f"between {previous_label} and {taken_label}"
    )
    other = str(previous["item"])
    return (
        f"{current['item']} overtook {other} {when}: {percent(current['share'])} vs "
        f"{percent(shares.get(other))} of postings in {last_label}"
    )


def climb(ranks: pl.DataFrame) -> str:
    """The skill that climbed most in rank from the first to the last period drawn."""
    ordered = ranks.sort("period_start")
    first_label, last_label = ordered["period_label"][0], ordered["period_label"][-1]
    first = ordered.filter(pl.col("period_label") == first_label)
    last = ordered.filter(pl.col("period_label") == last_label)
    before = dict(zip(first["item_id"].to_list(), first["rank"].to_list(), strict=True))
    moves = [
        (before[r["item_id"]] - r["rank"], r["item"], before[r["item_id"]], r["rank"])
        for r in last.iter_rows(named=True)
        if r["item_id"] in before
    ]
    if first_label == last_label or not moves:
        lead = last.sort("rank", "item").row(0, named=True)
        return f"{lead['item']} ranks first in {last_label}"
    up, item, a, b = max(moves, key=lambda m: (m[0], m[1]))
    down, fell, c, d = min(moves, key=lambda m: (m[0], m[1]))
    text = (
        f"{item} climbed most among these skills: #{a} in {first_label} to #{b} in {last_label}"
        if up > 0
        else f"No skill here climbed from {first_label} to {last_label}"
    )
    return text + (f"; {fell} fell most, #{c} to #{d}" if down < 0 else "")


def _change(r: dict[str, Any]) -> str:
    ratio = r["ratio"]
    times = f", ×{ratio:.1f}" if isinstance(ratio, float) else ", new"
    return (
        f"{percent(r['early_share'])} → {percent(r['late_share'])} "
        f"({r['change_pp']:+.1f} pp{times})"
    )


def biggest_change(changes: pl.DataFrame, what: str) -> str:
    """The largest rise in share between two years (``skill_growth_yoy`` or long-run rows)."""
    top = changes.sort(["change_pp", "item"], descending=[True, False]).row(0, named=True)
    if top["change_pp"] <= 0:
        low = changes.sort(["change_pp", "item"]).row(0, named=True)
        return (
            f"No {what} rose from {low['early_year']} to {low['late_year']}; "
            f"{low['item']} fell most: {_change(low)}"
        )
    return f"{top['item']} rose most from {top['early_year']} to {top['late_year']}: {_change(top)}"


def biggest_yoy(yoy: pl.DataFrame) -> str:
    """The largest year-over-year rise, and how many changes exclude zero."""
    top = yoy.sort(["change_pp", "item"], descending=[True, False]).row(0, named=True)
    clear = yoy.filter((pl.col("change_low_pp") > 0) | (pl.col("change_high_pp") < 0)).height
    return (
        f"The largest year-over-year rise: {top['item']}, {top['early_year']} to "
        f"{top['late_year']}, {top['change_pp']:+.1f} pp; {clear} of {yoy.height} changes "
        "are clear of zero at 95%"
    )


def emerging(rows: pl.DataFrame, threshold: float) -> str:
    """The skill that grew most over the years, and when it first reached ``threshold``."""
    top = rows.row(0, named=True)
    reached = top["first_year_at_threshold"]
    when = (
        f"; it first reached {percent(threshold, 0)} of postings in {reached}"
        if reached is not None
        else ""
    )
    return (
        f"{top['item']} grew most from {top['early_year']} to {top['late_year']}: "
        f"{_change(top)}{when}"
    )
