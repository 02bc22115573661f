"""Lever Postings API: a company's published postings, page by page.

``GET {base_url}/v0/postings/{company}?mode=json&skip=N&limit=M`` returns a JSON list; a
page shorter than ``limit`` is the last. Boards on Lever's EU instance use
``api.eu.lever.co``. Public API, no key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from extract.connector import BoardSource, build_posting, dumps, parse_records, parse_time, require
from extract.errors import SourceError
from extract.normalise import Salary
from extract.records import JobPosting
from extract.source import Row
from extract.sources.boards import Board, BoardSettings

SOURCE_NAME = "lever"

_INTERVALS = {
    "per-year-salary": "year",
    "per-month-salary": "month",
    "per-week-salary": "week",
    "per-day-wage": "day",
    "per-hour-wage": "hour",
}


@dataclass(frozen=True, slots=True)
class LeverSettings(BoardSettings):
    """``boards``: companies to fetch; ``page_size`` postings per request (``limit``);
    ``max_pages`` per board, a guard against endless paging; ``base_url`` /
    ``eu_base_url``: API roots, changed only in tests.
    ``companies`` adds bundled boards picked by company name, ``all_boards`` every
    bundled board of this ATS; ``boards`` may also be given as tokens."""

    ATS = "lever"

    page_size: int = 100
    max_pages: int = 100
    base_url: str = "https://api.lever.co"
    eu_base_url: str = "https://api.eu.lever.co"


def parse_posting(
    posting: Mapping[str, Any], board: Board, seen_at: datetime, origin: str
) -> JobPosting:
    """One Lever posting as a :class:`JobPosting`; :class:`BadRecord` on drift."""
    categories = posting.get("categories")
    categories = categories if isinstance(categories, Mapping) else {}
    parts = [str(require(posting, "description"))]
    for section in posting.get("lists") or ():
        if isinstance(section, Mapping):
            parts.append(f"<h3>{section.get('text') or ''}</h3>{section.get('content') or ''}")
    parts.append(str(posting.get("additional") or ""))
    workplace = posting.get("workplaceType")
    return build_posting(
        source=SOURCE_NAME,
        source_id=require(posting, "id"),
        description="".join(parts),
        seen_at=seen_at,
        origin=origin,
        raw=dumps(posting),
        title=require(posting, "text"),
        company=board.company,
        location=categories.get("location"),
        remote=True if workplace == "remote" else False if workplace == "onsite" else None,
        url=posting.get("hostedUrl"),
        posted_at=parse_time(posting.get("createdAt")),
        salary=_salary(posting.get("salaryRange")),
        salary_text=posting.get("salaryDescriptionPlain") or posting.get("salaryDescription"),
        employment=categories.get("commitment"),
        country=posting.get("country") if isinstance(posting.get("country"), str) else None,
    )


class LeverSource(BoardSource[LeverSettings]):
    """Lever boards as a :class:`~extract.source.Source`; see ``report`` afterwards."""

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = LeverSettings

    def _board(self, board: Board) -> Iterator[Row]:
        seen_at = self._now()
        for origin, page in self._pages(board):
            yield from parse_records(
                page, partial(parse_posting, board=board, seen_at=seen_at), SOURCE_NAME, origin
            )

    def _pages(self, board: Board) -> Iterator[tuple[str, list[Any]]]:
        root = self.settings.eu_base_url if board.region == "eu" else self.settings.base_url
        url = f"{root}/v0/postings/{board.token}"
        limit = self.settings.page_size
        entry = self.report.board(board.key)
        for number in range(self.settings.max_pages):
            params: dict[str, str | int] = {"mode": "json", "skip": number * limit, "limit": limit}
            fetched = self.client.get(url, params=params)
            page = fetched.json()
            if not isinstance(page, list):
                raise SourceError(f"drift: Lever response for {board.token} is not a list")
            entry.count_page(fetched.not_modified)
            yield fetched.url, page
            if len(page) < limit:
                return
        raise SourceError(f"Lever board {board.token}: more than {self.settings.max_pages} pages")


def _salary(value: object) -> Salary | None:
    if not isinstance(value, Mapping):
        return None
    low, high, currency = value.get("min"), value.get("max"), value.get("currency")
    if not isinstance(low, int | float) or not isinstance(high, int | float) or not currency:
        return None
    period = _INTERVALS.get(str(value.get("interval")))
    return Salary(float(low), float(high), str(currency), period)
