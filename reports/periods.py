"""Time resolution of the report: months, quarters or years, and the gaps between them.

The report draws a share per period. Which period follows the data: months while the postings
span two years or less, quarters up to five years, years beyond (``--period`` overrides).
A period without any posting is a gap: it gets an empty slot on the axis, no line crosses it,
and the note under the chart names it (:meth:`Coverage.note`). Periods are named by label,
never by their first day, since that day can fall in a month without postings (the third
quarter of 2016 starts in July 2016, a month never collected).

>>> cov = Coverage.of([date(2016, 6, 1), date(2016, 8, 1)], "month")
>>> [(s.label, s.gap) for s in cov.slots()]
[('2016-06', False), ('2016-07', True), ('2016-08', False)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, cast, get_args

Period = Literal["month", "quarter", "year"]
PERIODS: tuple[Period, ...] = get_args(Period)
CHOICES = ("auto", *PERIODS)
MONTHS_IN: dict[Period, int] = {"month": 1, "quarter": 3, "year": 12}
# Spans (first to last month, inclusive) up to which a finer period is still readable.
AUTO_MONTHS_UP_TO = 24
AUTO_QUARTERS_UP_TO = 60
NOUN: dict[Period, str] = {"month": "month", "quarter": "quarter", "year": "year"}


def _index(month: date) -> int:
    return month.year * 12 + month.month - 1


def _month(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def choose_period(first: date, last: date, requested: str = "auto") -> Period:
    """``requested`` when it names a period, else the one that suits the span of months.

    >>> choose_period(date(2013, 8, 1), date(2026, 5, 1))
    'year'
    """
    if requested != "auto":
        if requested not in PERIODS:
            raise ValueError(f"period must be one of {', '.join(CHOICES)}, not {requested!r}")
        return cast(Period, requested)
    span = _index(last) - _index(first) + 1
    if span <= AUTO_MONTHS_UP_TO:
        return "month"
    return "quarter" if span <= AUTO_QUARTERS_UP_TO else "year"


def start_of(month: date, period: Period) -> date:
    """The first month of the period holding ``month``."""
    step = MONTHS_IN[period]
    return _month(_index(month) // step * step)


def label(start: date, period: Period) -> str:
    """The period's name, as the SQL macro ``period_label`` gives it."""
    if period == "month":
        return f"{start:%Y-%m}"
    if period == "quarter":
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def month_name(month: date) -> str:
    return month.strftime("%b %Y")


def month_ranges(months: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive months grouped into (first, last) ranges."""
    ranges: list[tuple[date, date]] = []
    for m in sorted(set(months)):
        if ranges and _index(m) == _index(ranges[-1][1]) + 1:
            ranges[-1] = (ranges[-1][0], m)
        else:
            ranges.append((m, m))
    return ranges


def describe_ranges(ranges: Sequence[tuple[date, date]]) -> str:
    """``Jul 2016, Aug – Sep 2017 and May 2018 – Dec 2025``."""
    parts = []
    for first, last in ranges:
        if first == last:
            parts.append(month_name(first))
        elif first.year == last.year:
            parts.append(f"{first:%b} – {month_name(last)}")
        else:
            parts.append(f"{month_name(first)} – {month_name(last)}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@dataclass(frozen=True, slots=True)
class Slot:
    """One place on a time axis: a period with postings, or a stretch of periods without
    (``gap``, labelled by its first and last period)."""

    label: str
    start: date
    gap: bool = False


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which months hold postings, seen at one period."""

    months: tuple[date, ...]
    period: Period

    @classmethod
    def of(cls, months: Iterable[date], period: Period) -> Coverage:
        return cls(tuple(sorted({m.replace(day=1) for m in months})), period)

    @property
    def starts(self) -> list[date]:
        """The first months of the periods holding postings, in order."""
        return sorted({start_of(m, self.period) for m in self.months})

    def missing_months(self) -> list[date]:
        """Months between the first and the last month with postings that have none."""
        if not self.months:
            return []
        have = {_index(m) for m in self.months}
        first, last = _index(self.months[0]), _index(self.months[-1])
        return [_month(i) for i in range(first, last + 1) if i not in have]

    def slots(self) -> list[Slot]:
        """Every period from the first to the last with postings; a run of periods without
        postings is one gap slot named by its first and last period."""
        starts = self.starts
        if not starts:
            return []
        step = MONTHS_IN[self.period]
        have = set(starts)
        slots: list[Slot] = []
        missing: list[date] = []
        for i in range(_index(starts[0]), _index(starts[-1]) + 1, step):
            start = _month(i)
            if start in have:
                if missing:
                    slots.append(self._gap_slot(missing))
                    missing = []
                slots.append(Slot(label(start, self.period), start))
            else:
                missing.append(start)
        return slots

    def _gap_slot(self, missing: list[date]) -> Slot:
        first, last = label(missing[0], self.period), label(missing[-1], self.period)
        return Slot(first if first == last else f"{first}–{last}", missing[0], gap=True)

    def partial_periods(self) -> list[tuple[str, str]]:
        """Quarters or years counted from only some of their months, each with its months in
        words ("Aug – Dec 2013 only", "without Jul 2016")."""
        if self.period == "month":
            return []
        step = MONTHS_IN[self.period]
        held: dict[date, list[date]] = {}
        for m in self.months:
            held.setdefault(start_of(m, self.period), []).append(m)
        partial = []
        for start, months in sorted(held.items()):
            if len(months) == step:
                continue
            ranges = month_ranges(months)
            absent = set(range(_index(start), _index(start) + step)) - {_index(m) for m in months}
            gaps = month_ranges(_month(i) for i in absent)
            # Whichever reads shorter: the months held, or the months missing.
            words = (
                f"{describe_ranges(ranges)} only"
                if len(ranges) <= len(gaps)
                else f"without {describe_ranges(gaps)}"
            )
            partial.append((label(start, self.period), words))
        return partial

    def note(self) -> str:
        """The gaps and partial periods in words, for under a chart; empty when none."""
        parts = []
        gaps = month_ranges(self.missing_months())
        if gaps:
            parts.append(
                f"No postings in {describe_ranges(gaps)}: "
                + ("these months are gaps" if self.period == "month" else "gaps")
                + ", never bridged by a line or a rolling window."
            )
        empty = [s.label for s in self.slots() if s.gap]
        if empty and self.period != "month":
            parts.append(f"{NOUN[self.period].capitalize()}s without postings: {', '.join(empty)}.")
        partial = self.partial_periods()
        if partial:
            listed = "; ".join(f"{name} ({words})" for name, words in partial)
            parts.append(
                f"{NOUN[self.period].capitalize()}s counted from some months only: {listed}."
            )
        return " ".join(parts)


def segments(positions: Sequence[int]) -> list[list[int]]:
    """Indices into ``positions`` (slot numbers, ascending) split where a slot is skipped.

    >>> segments([0, 1, 3, 4, 5, 7])
    [[0, 1], [2, 3, 4], [5]]
    """
    runs: list[list[int]] = []
    for i, pos in enumerate(positions):
        if runs and pos == positions[runs[-1][-1]] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
