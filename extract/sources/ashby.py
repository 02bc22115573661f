"""Ashby posting API: a company's whole job board in one response, with pay if published.

``GET {base_url}/posting-api/job-board/{org}?includeCompensation=true`` returns
``{"apiVersion": ..., "jobs": [...]}``. Jobs with ``isListed`` false are skipped. Public
API, no key.
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
from extract.normalise import Salary
from extract.records import JobPosting
from extract.source import Row
from extract.sources.boards import Board, BoardSettings

SOURCE_NAME = "ashby"

_INTERVALS = {"1 YEAR": "year", "1 MONTH": "month", "1 WEEK": "week", "1 DAY": "day"}
_INTERVALS["1 HOUR"] = "hour"


@dataclass(frozen=True, slots=True)
class AshbySettings(BoardSettings):
    """``boards``: organisations to fetch; ``base_url``: the API root, changed in tests.
    ``companies`` adds bundled boards picked by company name, ``all_boards`` every
    bundled board of this ATS; ``boards`` may also be given as tokens."""

    ATS = "ashby"

    base_url: str = "https://api.ashbyhq.com"


def parse_job(job: Mapping[str, Any], board: Board, seen_at: datetime, origin: str) -> JobPosting:
    """One Ashby job as a :class:`JobPosting`; :class:`BadRecord` on drift."""
    description = job.get("descriptionHtml") or require(job, "descriptionPlain")
    comp = job.get("compensation")
    comp = comp if isinstance(comp, Mapping) else {}
    workplace = job.get("workplaceType")
    remote = job.get("isRemote") if isinstance(job.get("isRemote"), bool) else None
    if workplace == "Remote":
        remote = True
    return build_posting(
        source=SOURCE_NAME,
        source_id=require(job, "id"),
        description=str(description),
        seen_at=seen_at,
        origin=origin,
        raw=dumps(job),
        title=require(job, "title"),
        company=board.company,
        location=_location(job),
        remote=remote,
        url=job.get("jobUrl"),
        posted_at=parse_time(job.get("publishedAt")),
        salary=_salary(comp.get("summaryComponents")),
        salary_text=comp.get("scrapeableCompensationSalarySummary")
        or comp.get("compensationTierSummary"),
        employment=job.get("employmentType"),
    )


class AshbySource(BoardSource[AshbySettings]):
    """Ashby boards as a :class:`~extract.source.Source`; see ``report`` afterwards."""

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = AshbySettings

    def _board(self, board: Board) -> Iterator[Row]:
        seen_at = self._now()
        for origin, page in self._pages(board):
            jobs = [j for j in page_list(page, "jobs", "Ashby") if _listed(j)]
            yield from parse_records(
                jobs, partial(parse_job, board=board, seen_at=seen_at), SOURCE_NAME, origin
            )

    def _pages(self, board: Board) -> Iterator[tuple[str, Any]]:
        url = f"{self.settings.base_url}/posting-api/job-board/{board.token}"
        fetched = self.client.get(url, params={"includeCompensation": "true"})
        entry = self.report.board(board.key)
        entry.count_page(fetched.not_modified)
        yield fetched.url, fetched.json()


def _listed(job: object) -> bool:
    return not (isinstance(job, Mapping) and job.get("isListed") is False)


def _location(job: Mapping[str, Any]) -> str | None:
    location = job.get("location")
    address = job.get("address")
    postal = address.get("postalAddress") if isinstance(address, Mapping) else None
    if isinstance(postal, Mapping):
        parts = [postal.get(k) for k in ("addressLocality", "addressRegion", "addressCountry")]
        joined = ", ".join(str(p) for p in parts if p)
        if joined and not location:
            return joined
    return str(location) if location else None


def _salary(components: object) -> Salary | None:
    for item in components if isinstance(components, list) else ():
        if not isinstance(item, Mapping) or item.get("compensationType") != "Salary":
            continue
        low, high = item.get("minValue"), item.get("maxValue")
        currency = item.get("currencyCode")
        if isinstance(low, int | float) and currency:
            top = high if isinstance(high, int | float) else low
            period = _INTERVALS.get(str(item.get("interval") or "").upper())
            return Salary(float(low), float(top), str(currency), period)
    return None
