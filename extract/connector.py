"""What the online sources share: the fetch template, drift checks and the posting builder.

Each online source fetches one or more *boards* (a company's Greenhouse board, one
USAJOBS query, the HN threads). Every board gets a :class:`BoardReport`; a board is
``complete`` only when all its pages were fetched and read to the end, and only then may
the warehouse close the postings of that board that were not seen this time. A failing
board is recorded and the next one is fetched.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from extract.errors import BadRecord, SourceError
from extract.normalise import (
    Salary,
    canonical_url,
    clean_text,
    employment_type,
    parse_location,
    parse_salary,
)
from extract.records import JobPosting, QuarantinedRow
from extract.source import FetchReport, Row, SourceBase

if TYPE_CHECKING:
    from extract.http import PoliteClient
    from extract.sources.boards import Board

logger = logging.getLogger(__name__)


def guarded(report: FetchReport, key: str, rows: Iterator[Row]) -> Iterator[Row]:
    """Yield ``rows`` of one board; a :class:`SourceError` ends that board, not the fetch."""
    board = report.board(key)
    try:
        for row in rows:
            if isinstance(row, JobPosting):
                board.postings += 1
                board.source_ids.add(row.source_id)
            else:
                board.quarantined += 1
            yield row
    except SourceError as exc:
        board.error = str(exc)
        logger.warning("%s: board %s failed: %s", report.source, key, exc)
        return
    board.complete = True


def finish(report: FetchReport) -> None:
    """Mark the fetch finished; raise when every board failed, so the caller hears of it."""
    report.finished = True
    errors = report.errors
    if report.boards and len(errors) == len(report.boards):
        first = next(iter(errors.values()))
        raise SourceError(f"{report.source}: all {len(errors)} board(s) failed; first: {first}")


def utc_now() -> datetime:
    return datetime.now(UTC)


S = TypeVar("S")


class Connector(SourceBase, Generic[S]):
    """What every online source holds: its settings, the shared client, a clock, and the
    :class:`FetchReport` of its latest fetch, and how it fetches: board after board, each
    through :func:`guarded`, so a failing board is recorded in ``report`` and the next one
    is read.

    A subclass declares ``name``, ``kind`` and ``settings_class`` (and ``secrets``,
    ``incremental`` where they apply) and yields its boards from ``_boards``.
    """

    online = True
    report: FetchReport

    def __init__(
        self, settings: S, client: PoliteClient, now: Callable[[], datetime] = utc_now
    ) -> None:
        self.settings = settings
        self.client = client
        self._now = now
        self.report = FetchReport(self.name, now())

    def close(self) -> None:
        """Close the HTTP client; the source is built with a client of its own."""
        self.client.close()

    def fetch(self, since: datetime | None = None) -> Iterator[Row]:
        """Every row of every board; see ``report`` afterwards."""
        self.report = FetchReport(self.name, self._now())
        for key, rows in self._boards(since):
            yield from guarded(self.report, key, rows)
        finish(self.report)

    def _boards(self, since: datetime | None) -> Iterator[tuple[str, Iterator[Row]]]:
        """Each board's key with an iterator of its rows, read only when the board's turn
        comes (so a failure while reading it is that board's)."""
        raise NotImplementedError


class _HasBoards(Protocol):
    @property
    def boards(self) -> tuple[Board, ...]: ...


B = TypeVar("B", bound=_HasBoards)


class BoardSource(Connector[B]):
    """What the ATS board sources share: every configured board is read whole.

    ``since`` is ignored on purpose: only a board read whole tells which postings left it.
    A subclass yields one board's rows from ``_board``.
    """

    def _boards(self, since: datetime | None) -> Iterator[tuple[str, Iterator[Row]]]:
        for board in self.settings.boards:
            yield board.key, self._board(board)

    def _board(self, board: Board) -> Iterator[Row]:
        raise NotImplementedError


def parse_records(
    records: Iterable[object],
    parse: Callable[..., JobPosting],
    source: str,
    origin: str,
) -> Iterator[Row]:
    """``parse(record, origin=origin)`` each record; one that does not fit is quarantined
    with the reason."""
    for index, record in enumerate(records):
        if not isinstance(record, Mapping):
            yield QuarantinedRow(
                source, origin, index, f"drift: record is {type(record).__name__}", dumps(record)
            )
            continue
        try:
            yield parse(record, origin=origin)
        except BadRecord as exc:
            yield QuarantinedRow(source, origin, index, str(exc), dumps(record))


def dumps(record: object) -> str:
    """A record as JSON text, keys in the order received."""
    return json.dumps(record, ensure_ascii=False, default=str)


def require(record: Mapping[str, Any], name: str) -> Any:
    """``record[name]``, or :class:`BadRecord` saying the field is missing (API drift)."""
    value = record.get(name)
    if value is None or value == "":
        raise BadRecord(f"drift: missing field {name!r}")
    return value


def page_list(page: object, name: str, what: str) -> list[Any]:
    """The list under ``name`` in a page; a page without it is drift for the whole board."""
    value = page.get(name) if isinstance(page, Mapping) else None
    if not isinstance(value, list):
        raise SourceError(f"drift: {what} response has no {name!r} list")
    return value


def text_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def parse_time(value: object) -> datetime | None:
    """ISO 8601 text (``Z`` allowed), a date, or Unix seconds/milliseconds, in UTC."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            day = date.fromisoformat(text[:10])
        except ValueError:
            return None
        moment = datetime(day.year, day.month, day.day)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def build_posting(
    *,
    source: str,
    source_id: object,
    description: str | None,
    seen_at: datetime,
    origin: str,
    raw: str,
    title: str | None = None,
    company: str | None = None,
    location: str | None = None,
    remote: bool | None = None,
    url: str | None = None,
    posted_at: datetime | None = None,
    valid_through: datetime | None = None,
    salary: Salary | None = None,
    salary_text: str | None = None,
    employment: str | None = None,
    country: str | None = None,
    html: bool = True,
) -> JobPosting:
    """A :class:`JobPosting` with the normalised fields filled from the raw ones.

    ``description`` is cleaned from HTML unless ``html`` is False; the place comes from
    ``location``, the pay from ``salary`` or else ``salary_text``. Raises
    :class:`BadRecord` when there is no id or no text.
    """
    ident = text_or_none(source_id)
    if ident is None:
        raise BadRecord("drift: missing id")
    text = clean_text(description) if html else (description or "").strip()
    if not text:
        raise BadRecord("no description text")
    place = parse_location(location)
    pay = salary or parse_salary(salary_text) or pay_in_text(text)
    return JobPosting(
        source=source,
        source_id=ident,
        description=text,
        seen_at=seen_at,
        origin=origin,
        raw=raw,
        title=text_or_none(title),
        company=text_or_none(company),
        location=text_or_none(location),
        remote=remote if remote is not None else place.remote,
        url=text_or_none(url),
        posted_at=posted_at,
        city=place.city,
        region=place.region,
        country=(country or "").upper() or place.country,
        salary_min=pay.min if pay else None,
        salary_max=pay.max if pay else None,
        salary_currency=pay.currency if pay else None,
        salary_period=pay.period if pay else None,
        employment_type=employment_type(employment),
        canonical_url=canonical_url(url),
        valid_through=valid_through,
    )


_PAY_LINE = re.compile(
    r"\b(?:salary|pay|compensation|base|range|ote|wage|rate|vergütung|gehalt)\b", re.IGNORECASE
)


def pay_in_text(text: str) -> Salary | None:
    """The pay range on the first line of a description that talks about pay."""
    for line in text.split("\n"):
        if _PAY_LINE.search(line):
            found = parse_salary(line)
            if found is not None:
                return found
    return None
