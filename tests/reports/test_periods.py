"""Time resolution: which period a span gets, the slots of an axis, and the gaps named."""

from __future__ import annotations

from datetime import date

import pytest

from reports.periods import Coverage, choose_period, label, segments, start_of

# The months the bundled Hacker News data holds: Aug 2013 - Apr 2018 without Jul 2016,
# Aug 2017 and Sep 2017, then Jan - May 2026.
HN = [
    date(y, m, 1)
    for y in range(2013, 2027)
    for m in range(1, 13)
    if (date(2013, 8, 1) <= date(y, m, 1) <= date(2018, 4, 1) or date(y, m, 1) >= date(2026, 1, 1))
    and date(y, m, 1) not in (date(2016, 7, 1), date(2017, 8, 1), date(2017, 9, 1))
    and date(y, m, 1) <= date(2026, 5, 1)
]


@pytest.mark.parametrize(
    ("first", "last", "requested", "expected"),
    [
        pytest.param(date(2026, 1, 1), date(2026, 5, 1), "auto", "month", id="five-months"),
        pytest.param(date(2024, 6, 1), date(2026, 5, 1), "auto", "month", id="two-years"),
        pytest.param(date(2024, 5, 1), date(2026, 5, 1), "auto", "quarter", id="25-months"),
        pytest.param(date(2014, 1, 1), date(2018, 4, 1), "auto", "quarter", id="52-months"),
        pytest.param(date(2013, 8, 1), date(2026, 5, 1), "auto", "year", id="thirteen-years"),
        pytest.param(date(2013, 8, 1), date(2026, 5, 1), "month", "month", id="asked"),
    ],
)
def test_the_period_follows_the_span_unless_asked(
    first: date, last: date, requested: str, expected: str
) -> None:
    assert choose_period(first, last, requested) == expected


def test_an_unknown_period_is_refused() -> None:
    with pytest.raises(ValueError, match="month, quarter, year"):
        choose_period(date(2026, 1, 1), date(2026, 2, 1), "week")


@pytest.mark.parametrize(
    ("month", "period", "start", "name"),
    [
        (date(2016, 8, 1), "month", date(2016, 8, 1), "2016-08"),
        (date(2016, 8, 1), "quarter", date(2016, 7, 1), "2016 Q3"),
        (date(2016, 12, 1), "quarter", date(2016, 10, 1), "2016 Q4"),
        (date(2016, 8, 1), "year", date(2016, 1, 1), "2016"),
    ],
)
def test_start_and_label(month: date, period: str, start: date, name: str) -> None:
    assert start_of(month, period) == start  # type: ignore[arg-type]
    assert label(start, period) == name  # type: ignore[arg-type]


def test_years_of_the_bundled_data_have_one_gap_slot_and_partial_years() -> None:
    cov = Coverage.of(HN, "year")
    slots = cov.slots()
    assert [(s.label, s.gap) for s in slots] == [
        *((str(y), False) for y in range(2013, 2019)),
        ("2019–2025", True),
        ("2026", False),
    ]
    note = cov.note()
    assert "No postings in Jul 2016, Aug – Sep 2017 and May 2018 – Dec 2025" in note
    assert "Years without postings: 2019–2025." in note
    assert "2013 (Aug – Dec 2013 only)" in note
    assert "2016 (without Jul 2016)" in note
    assert "2017 (without Aug – Sep 2017)" in note
    assert "2018 (Jan – Apr 2018 only)" in note


def test_months_of_the_bundled_data_are_gaps_where_none_was_collected() -> None:
    cov = Coverage.of(HN, "month")
    gaps = [s.label for s in cov.slots() if s.gap]
    assert gaps == ["2016-07", "2017-08–2017-09", "2018-05–2025-12"]
    assert sum(not s.gap for s in cov.slots()) == len(HN) == 59
    assert cov.partial_periods() == []


def test_quarters_name_the_quarter_that_holds_only_a_gap_month_as_partial() -> None:
    cov = Coverage.of(HN, "quarter")
    assert ("2016 Q3", "Aug – Sep 2016 only") in cov.partial_periods()
    assert [s.label for s in cov.slots() if s.gap] == ["2018 Q3–2025 Q4"]


def test_contiguous_data_has_no_note() -> None:
    months = [date(2026, m, 1) for m in range(1, 6)]
    assert Coverage.of(months, "month").note() == ""


@pytest.mark.parametrize(
    ("positions", "expected"),
    [
        ([], []),
        ([3], [[0]]),
        ([0, 1, 2], [[0, 1, 2]]),
        ([0, 2, 3, 7], [[0], [1, 2], [3]]),
    ],
)
def test_segments_split_where_a_slot_is_skipped(
    positions: list[int], expected: list[list[int]]
) -> None:
    assert segments(positions) == expected
