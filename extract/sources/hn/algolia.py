"""Hacker News "Ask HN: Who is hiring?" threads through the HN Algolia API.

The monthly threads are stories by the ``whoishiring`` account:
``GET {base_url}/api/v1/search_by_date?tags=story,author_whoishiring&page=N`` lists them
(newest first, ``nbPages`` pages; ``numericFilters=created_at_i>X,created_at_i<Y`` bounds
them in time), and ``GET {base_url}/api/v1/items/{id}`` returns a thread with its comments
as ``children``. Every top-level comment is one posting, dated by its ``created_at``; its
first line is read with :func:`extract.sources.hn.header.parse_header`. Postings carry the source
name ``hn``, like the bundled sightings and month files, so the same comment seen two ways
is one posting. Public API, no key.

By default a fetch reads the newest few threads (a nightly run). With ``since`` it is a
backfill: every thread from that month on (to ``until``), oldest first, one at a time. Each
thread is a board of the fetch report, so the warehouse records which threads were read
whole; told of them through :meth:`HNAlgoliaSource.resume`, the next fetch skips every
thread read whole after its comments had settled, and so carries on where a failed one
stopped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

from extract.connector import (
    Connector,
    dumps,
    page_list,
    parse_records,
    parse_time,
)
from extract.errors import BadRecord, InputError, SourceError
from extract.files.hn_sightings import SOURCE_NAME as HN_SOURCE
from extract.files.hn_sightings import parse_sighting
from extract.records import JobPosting
from extract.source import Row

SOURCE_NAME = "hn_algolia"
_HIRING_TITLE = re.compile(r"^\s*Ask HN:\s*Who is hiring\?", re.IGNORECASE)
_TITLE_MONTH = re.compile(
    r"\((?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+(?P<year>\d{4})\)",
    re.IGNORECASE,
)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_MONTH_OPTION = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
# A thread keeps getting comments for weeks after it opens.
_THREAD_LIFETIME = timedelta(days=45)
# Threads open on the first weekday of their month; the search window is a little wider.
_MONTH_MARGIN = timedelta(days=7)
_NEWEST_BY_DEFAULT = 3


@dataclass(frozen=True, slots=True)
class HNAlgoliaSettings:
    """How much of the monthly threads to read.

    ``since`` and ``until`` (months, ``YYYY-MM``, inclusive) make a fetch a backfill of every
    thread in between, oldest first; the first thread is of 2011-04. ``max_threads`` caps the
    threads one fetch reads: the newest ones, or in a backfill the oldest not yet read whole.
    None reads the 3 newest without ``since``, and every one with it. ``page_size`` search
    hits per page; ``max_pages`` of search results; ``base_url`` for tests.
    """

    max_threads: int | None = None
    since: str | None = None
    until: str | None = None
    page_size: int = 100
    max_pages: int = 50
    base_url: str = "https://hn.algolia.com"

    def __post_init__(self) -> None:
        first, last = month_option("since", self.since), month_option("until", self.until)
        if first and last and last < first:
            raise InputError(f"HN Algolia: until={self.until} is before since={self.since}")
        if self.until and not self.since:
            raise InputError("HN Algolia: until needs since (a backfill from a month on)")


@dataclass(frozen=True, slots=True)
class Thread:
    id: str
    title: str
    created_at: datetime | None

    @property
    def month(self) -> date | None:
        """The month the thread is for: as its title names it, else when it was opened."""
        named = _TITLE_MONTH.search(self.title)
        if named:
            return date(int(named["year"]), _MONTHS.index(named["month"].lower()) + 1, 1)
        if self.created_at is not None:
            return date(self.created_at.year, self.created_at.month, 1)
        return None

    @property
    def board(self) -> str:
        return f"hn:{self.id}"


def month_option(name: str, value: str | None) -> date | None:
    """``2018-05`` as the first day of that month; :class:`InputError` for anything else."""
    if value is None:
        return None
    found = _MONTH_OPTION.match(str(value).strip())
    if found is None or not 1 <= int(found["month"]) <= 12:
        raise InputError(f"HN Algolia: {name}={value!r}: expected a month as YYYY-MM")
    return date(int(found["year"]), int(found["month"]), 1)


def hiring_threads(hits: list[Any]) -> list[Thread]:
    """The "Who is hiring?" threads among search hits (not "Who wants to be hired?")."""
    threads = []
    for hit in hits:
        if not isinstance(hit, Mapping):
            continue
        title, ident = hit.get("title"), hit.get("objectID") or hit.get("story_id")
        if isinstance(title, str) and ident and _HIRING_TITLE.match(title):
            threads.append(Thread(str(ident), title, parse_time(hit.get("created_at"))))
    return threads


def parse_comment(
    comment: Mapping[str, Any], thread: Thread, seen_at: datetime, origin: str
) -> JobPosting:
    """One top-level comment as a posting; :class:`BadRecord` when it cannot be used."""
    created = comment.get("created_at_i")
    if not isinstance(created, int):
        moment = parse_time(comment.get("created_at"))
        if moment is None:
            raise BadRecord("drift: missing field 'created_at'")
        created = int(moment.timestamp())
    raw = dumps({k: v for k, v in comment.items() if k != "children"})
    sighting = {
        "id": comment.get("id"),
        "source": "who_is_hiring",
        "author": comment.get("author"),
        "time": created,
        "text_html": comment.get("text"),
        "collected_on": seen_at.date().isoformat(),
        "thread_id": thread.id,
        "thread_title": thread.title,
    }
    return replace(parse_sighting(sighting, origin, raw), seen_at=seen_at)


class HNAlgoliaSource(Connector[HNAlgoliaSettings]):
    """The monthly hiring threads as a :class:`~extract.source.Source`.

    Each thread is one board in ``report`` (key ``hn:<thread id>``).
    """

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = HNAlgoliaSettings
    incremental = True

    _completed: Mapping[str, datetime] = {}

    def resume(self, completed: Mapping[str, datetime]) -> None:
        """Which boards (``hn:<thread id>``) earlier fetches read whole, and when each such
        fetch started; the next fetch skips the threads that had settled by then."""
        self._completed = dict(completed)

    def _boards(self, since: datetime | None) -> Iterator[tuple[str, Iterator[Row]]]:
        """Comments of the threads opened since ``since`` (less a thread's lifetime), within
        the settings' months; see :class:`HNAlgoliaSettings`."""
        for thread in self._threads(since):
            yield thread.board, self._thread(thread)

    def _threads(self, since: datetime | None) -> list[Thread]:
        first = month_option("since", self.settings.since)
        last = month_option("until", self.settings.until)
        bounds = []
        if since is not None:
            bounds.append(f"created_at_i>{int((since - _THREAD_LIFETIME).timestamp())}")
        if first is not None:
            start = datetime(first.year, first.month, 1, tzinfo=UTC) - _MONTH_MARGIN
            bounds.append(f"created_at_i>{int(start.timestamp())}")
        if last is not None:
            end = _next_month(last) + _MONTH_MARGIN
            bounds.append(f"created_at_i<{int(end.timestamp())}")
        listed = self._search(bounds, limit=None if first else self._newest())
        if first is None:
            return listed
        wanted = [
            t
            for t in listed
            if (month := t.month) is not None
            and first <= month <= (last or month)
            and not self._settled(t)
        ]
        wanted.sort(key=lambda t: (t.month, t.created_at or datetime.min.replace(tzinfo=UTC)))
        return wanted[: self.settings.max_threads]

    def _newest(self) -> int | None:
        return (
            _NEWEST_BY_DEFAULT if self.settings.max_threads is None else self.settings.max_threads
        )

    def _settled(self, thread: Thread) -> bool:
        """Whether a fetch read the thread whole once no more comments were coming."""
        read = self._completed.get(thread.board)
        return (
            read is not None
            and thread.created_at is not None
            and read >= thread.created_at + _THREAD_LIFETIME
        )

    def _search(self, bounds: list[str], limit: int | None) -> list[Thread]:
        params: dict[str, str | int] = {
            "tags": "story,author_whoishiring",
            "hitsPerPage": self.settings.page_size,
        }
        if bounds:
            params["numericFilters"] = ",".join(bounds)
        url = f"{self.settings.base_url}/api/v1/search_by_date"
        found: list[Thread] = []
        for number in range(self.settings.max_pages):
            page = self.client.get(url, params={**params, "page": number}).json()
            found.extend(hiring_threads(page_list(page, "hits", "HN Algolia search")))
            pages = page.get("nbPages")
            if (limit is not None and len(found) >= limit) or not isinstance(pages, int):
                break
            if number + 1 >= pages:
                break
        else:
            raise SourceError(f"HN Algolia search: more than {self.settings.max_pages} pages")
        return found[:limit] if limit is not None else found

    def _thread(self, thread: Thread) -> Iterator[Row]:
        seen_at = self._now()
        fetched = self.client.get(f"{self.settings.base_url}/api/v1/items/{thread.id}")
        entry = self.report.board(thread.board)
        entry.count_page(fetched.not_modified)
        children = page_list(fetched.json(), "children", "HN Algolia item")
        live = [c for c in children if not _deleted(c)]
        yield from parse_records(
            live,
            partial(parse_comment, thread=thread, seen_at=seen_at),
            HN_SOURCE,
            fetched.url,
        )


def _next_month(month: date) -> datetime:
    year, number = divmod(month.year * 12 + month.month, 12)
    return datetime(year, number + 1, 1, tzinfo=UTC)


def _deleted(comment: object) -> bool:
    # Deleted or flagged comments stay in the tree with no author and no text.
    return (
        isinstance(comment, Mapping)
        and comment.get("text") is None
        and comment.get("author") is None
    )
