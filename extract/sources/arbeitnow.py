"""Arbeitnow job board API (optional, off by default): jobs in Europe, mostly Germany.

``GET {base_url}/api/job-board-api?page=N`` returns ``{"data": [...], "links": {"next":
...}, "meta": {...}}``; a null ``links.next`` ends the paging. Each job has ``slug``,
``company_name``, ``title``, ``description`` (HTML), ``remote``, ``url``, ``job_types``,
``location`` and ``created_at`` (Unix seconds). Free, no key; Arbeitnow asks for a link
back as attribution.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from extract.connector import (
    Connector,
    build_posting,
    dumps,
    page_list,
    parse_records,
    parse_time,
    require,
)
from extract.errors import SourceError
from extract.records import JobPosting
from extract.source import Row

SOURCE_NAME = "arbeitnow"


@dataclass(frozen=True, slots=True)
class ArbeitnowSettings:
    """``max_pages`` per fetch; ``base_url`` for tests. No key; attribution required."""

    max_pages: int = 20
    base_url: str = "https://www.arbeitnow.com"


def parse_job(job: Mapping[str, Any], seen_at: datetime, origin: str) -> JobPosting:
    """One Arbeitnow job as a :class:`JobPosting`; :class:`BadRecord` on drift."""
    kinds = job.get("job_types")
    remote = job.get("remote")
    return build_posting(
        source=SOURCE_NAME,
        source_id=require(job, "slug"),
        description=str(require(job, "description")),
        seen_at=seen_at,
        origin=origin,
        raw=dumps(job),
        title=require(job, "title"),
        company=job.get("company_name"),
        location=job.get("location"),
        remote=remote if isinstance(remote, bool) else None,
        url=job.get("url"),
        posted_at=parse_time(job.get("created_at")),
        employment=", ".join(str(k) for k in kinds) if isinstance(kinds, list) else None,
    )


class ArbeitnowSource(Connector[ArbeitnowSettings]):
    """Arbeitnow as a :class:`~extract.source.Source` (one board, ``arbeitnow``)."""

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = ArbeitnowSettings
    incremental = True

    def _boards(self, since: datetime | None) -> Iterator[tuple[str, Iterator[Row]]]:
        """Jobs page by page (newest first), stopping at ones created before ``since``."""
        yield SOURCE_NAME, self._jobs(since)

    def _jobs(self, since: datetime | None) -> Iterator[Row]:
        seen_at = self._now()
        for origin, jobs in self._pages():
            fresh = [j for j in jobs if not _older(j, since)]
            yield from parse_records(
                fresh, partial(parse_job, seen_at=seen_at), SOURCE_NAME, origin
            )
            if len(fresh) < len(jobs):
                return

    def _pages(self) -> Iterator[tuple[str, list[Any]]]:
        url = f"{self.settings.base_url}/api/job-board-api"
        entry = self.report.board(SOURCE_NAME)
        for number in range(1, self.settings.max_pages + 1):
            fetched = self.client.get(url, params={"page": number})
            page = fetched.json()
            jobs = page_list(page, "data", "Arbeitnow")
            entry.count_page(fetched.not_modified)
            yield fetched.url, jobs
            links = page.get("links")
            if not jobs or not isinstance(links, Mapping) or not links.get("next"):
                return
        raise SourceError(f"Arbeitnow: more than {self.settings.max_pages} pages")


def _older(job: object, since: datetime | None) -> bool:
    if since is None or not isinstance(job, Mapping):
        return False
    created = parse_time(job.get("created_at"))
    return created is not None and created < since
