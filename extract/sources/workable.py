"""Workable public job widget: an account's published jobs, then details where missing.

``GET {base_url}/api/v1/widget/accounts/{account}?details=true`` returns ``{"name",
"description", "jobs": [...]}``; with ``details=true`` each job carries its
``description``. A job without one is completed from
``GET {base_url}/api/v2/accounts/{account}/jobs/{shortcode}`` (description, requirements,
benefits). Public endpoints, no key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from extract.connector import (
    BoardSource,
    build_posting,
    dumps,
    page_list,
    parse_records,
    parse_time,
    require,
)
from extract.records import JobPosting
from extract.source import Row
from extract.sources.boards import Board, BoardSettings

SOURCE_NAME = "workable"


@dataclass(frozen=True, slots=True)
class WorkableSettings(BoardSettings):
    """``boards``: Workable accounts (the subdomain as token); ``fetch_details``: read a
    job's detail when the list lacks its text; ``base_url``: changed only in tests.
    ``companies`` adds bundled boards picked by company name, ``all_boards`` every
    bundled board of this ATS; ``boards`` may also be given as tokens."""

    ATS = "workable"

    fetch_details: bool = True
    base_url: str = "https://apply.workable.com"


def parse_job(job: Mapping[str, Any], board: Board, seen_at: datetime, origin: str) -> JobPosting:
    """One Workable job (list entry, details merged in) as a :class:`JobPosting`."""
    parts = [str(require(job, "description"))]
    for extra in ("requirements", "benefits"):
        if job.get(extra):
            parts.append(f"<h3>{extra.title()}</h3>{job[extra]}")
    location = ", ".join(str(job[k]) for k in ("city", "state", "country") if job.get(k))
    if not location:
        first = next(iter(job.get("locations") or ()), None)
        if isinstance(first, Mapping):
            keys = ("city", "region", "country")
            location = ", ".join(str(first[k]) for k in keys if first.get(k))
    telecommuting = job.get("telecommuting")
    return build_posting(
        source=SOURCE_NAME,
        source_id=require(job, "shortcode"),
        description="".join(parts),
        seen_at=seen_at,
        origin=origin,
        raw=dumps(job),
        title=require(job, "title"),
        company=board.company,
        location=location or None,
        remote=True if telecommuting is True else None,
        url=job.get("url") or job.get("shortlink"),
        posted_at=parse_time(job.get("published_on") or job.get("created_at")),
        employment=job.get("employment_type"),
    )


class WorkableSource(BoardSource[WorkableSettings]):
    """Workable accounts as a :class:`~extract.source.Source`; see ``report`` afterwards."""

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = WorkableSettings

    def _board(self, board: Board) -> Iterator[Row]:
        seen_at = self._now()
        for origin, page in self._pages(board):
            jobs = [self._complete(board, j) for j in page_list(page, "jobs", "Workable")]
            yield from parse_records(
                jobs, partial(parse_job, board=board, seen_at=seen_at), SOURCE_NAME, origin
            )

    def _pages(self, board: Board) -> Iterator[tuple[str, Any]]:
        url = f"{self.settings.base_url}/api/v1/widget/accounts/{board.token}"
        fetched = self.client.get(url, params={"details": "true"})
        entry = self.report.board(board.key)
        entry.count_page(fetched.not_modified)
        yield fetched.url, fetched.json()

    def _complete(self, board: Board, job: Any) -> Any:
        if not self.settings.fetch_details or not isinstance(job, Mapping):
            return job
        if job.get("description") or not job.get("shortcode"):
            return job
        url = f"{self.settings.base_url}/api/v2/accounts/{board.token}/jobs/{job['shortcode']}"
        detail = self.client.get(url).json()
        self.report.board(board.key).count_page()
        if not isinstance(detail, Mapping):
            return job
        extra = {k: detail[k] for k in ("description", "requirements", "benefits") if k in detail}
        return {**job, **extra}
