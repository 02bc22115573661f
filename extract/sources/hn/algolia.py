"""Hacker News "Ask HN: Who is hiring?" threads through the HN Algolia API.

The monthly threads are stories by the ``whoishiring`` account:
``GET {base_url}/api/v1/search_by_date?tags=story,author_whoishiring&page=N`` lists them
(newest first, ``nbPages`` pages), and ``GET {base_url}/api/v1/items/{id}`` returns a
thread with its comments as ``children``. Every top-level comment is one posting, dated by
its ``created_at``; its first line is read with :func:`extract.sources.hn.header.parse_header`.
Postings carry the source name ``hn``, like the bundled sightings file, so the same
comment seen both ways is one posting. Public API, no key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from extract.connector import (
    Connector,
    dumps,
    page_list,
    parse_records,
    parse_time,
)
from extract.errors import BadRecord, SourceError
from extract.files.hn_sightings import SOURCE_NAME as HN_SOURCE
from extract.files.hn_sightings import parse_sighting
from extract.normalise import canonical_url, employment_type, parse_location, parse_salary
from extract.records import JobPosting
from extract.source import Row
from extract.sources.hn.header import parse_header

SOURCE_NAME = "hn_algolia"
_HIRING_TITLE = re.compile(r"^\s*Ask HN:\s*Who is hiring\?", re.IGNORECASE)
# A thread keeps getting comments for weeks after it opens.
_THREAD_LIFETIME = timedelta(days=45)


@dataclass(frozen=True, slots=True)
class HNAlgoliaSettings:
    """``max_threads``: newest threads to read (None for all, back to 2011); ``page_size``
    search hits per page; ``max_pages`` of search results; ``base_url`` for tests."""

    max_threads: int | None = 3
    page_size: int = 100
    max_pages: int = 50
    base_url: str = "https://hn.algolia.com"


@dataclass(frozen=True, slots=True)
class Thread:
    id: str
    title: str
    created_at: datetime | None


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
    posting = parse_sighting(sighting, origin, raw)
    header = parse_header(posting.description.split("\n", 1)[0])
    place = parse_location(posting.location)
    pay = parse_salary(header.salary)
    return replace(
        posting,
        seen_at=seen_at,
        city=place.city,
        region=place.region,
        country=place.country,
        salary_min=pay.min if pay else None,
        salary_max=pay.max if pay else None,
        salary_currency=pay.currency if pay else None,
        salary_period=pay.period if pay else None,
        employment_type=employment_type(header.employment_type),
        canonical_url=canonical_url(posting.url),
    )


class HNAlgoliaSource(Connector[HNAlgoliaSettings]):
    """The monthly hiring threads as a :class:`~extract.source.Source`.

    Each thread is one board in ``report`` (key ``hn:<thread id>``).
    """

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = HNAlgoliaSettings
    incremental = True

    def _boards(self, since: datetime | None) -> Iterator[tuple[str, Iterator[Row]]]:
        """Comments of the threads opened since ``since`` (less a thread's lifetime)."""
        for thread in self._threads(since):
            yield f"hn:{thread.id}", self._thread(thread)

    def _threads(self, since: datetime | None) -> list[Thread]:
        params: dict[str, str | int] = {
            "tags": "story,author_whoishiring",
            "hitsPerPage": self.settings.page_size,
        }
        if since is not None:
            params["numericFilters"] = f"created_at_i>{int((since - _THREAD_LIFETIME).timestamp())}"
        url = f"{self.settings.base_url}/api/v1/search_by_date"
        found: list[Thread] = []
        limit = self.settings.max_threads
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
        entry = self.report.board(f"hn:{thread.id}")
        entry.count_page(fetched.not_modified)
        children = page_list(fetched.json(), "children", "HN Algolia item")
        live = [c for c in children if not _deleted(c)]
        yield from parse_records(
            live,
            partial(parse_comment, thread=thread, seen_at=seen_at),
            HN_SOURCE,
            fetched.url,
        )


def _deleted(comment: object) -> bool:
    # Deleted or flagged comments stay in the tree with no author and no text.
    return (
        isinstance(comment, Mapping)
        and comment.get("text") is None
        and comment.get("author") is None
    )
