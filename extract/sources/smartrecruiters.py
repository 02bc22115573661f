"""SmartRecruiters Posting API: list a company's postings, then read each one's job ad.

``GET {base_url}/v1/companies/{id}/postings?limit=L&offset=O`` returns ``{"offset",
"limit", "totalFound", "content": [...]}`` without the job text; ``GET .../postings/{id}``
adds ``jobAd.sections`` (company description, job description, qualifications, additional
information). Public API, no key.
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
from extract.errors import BadRecord, HttpStatusError, SourceError
from extract.records import JobPosting, QuarantinedRow
from extract.source import Row
from extract.sources.boards import Board, BoardSettings

SOURCE_NAME = "smartrecruiters"
_SECTIONS = ("jobDescription", "qualifications", "additionalInformation", "companyDescription")


@dataclass(frozen=True, slots=True)
class SmartRecruitersSettings(BoardSettings):
    """``boards``: companies (their SmartRecruiters identifier as token); ``page_size``
    postings per list request (at most 100); ``max_pages`` per company; ``base_url``: the
    API root, changed only in tests.
    ``companies`` adds bundled boards picked by company name, ``all_boards`` every
    bundled board of this ATS; ``boards`` may also be given as tokens."""

    ATS = "smartrecruiters"

    page_size: int = 100
    max_pages: int = 100
    base_url: str = "https://api.smartrecruiters.com"


def parse_posting(
    detail: Mapping[str, Any], board: Board, seen_at: datetime, origin: str
) -> JobPosting:
    """A posting's detail record as a :class:`JobPosting`; :class:`BadRecord` on drift."""
    job_ad = require(detail, "jobAd")
    sections = job_ad.get("sections") if isinstance(job_ad, Mapping) else None
    if not isinstance(sections, Mapping):
        raise BadRecord("drift: missing field 'jobAd.sections'")
    parts = []
    for name in _SECTIONS:
        section = sections.get(name)
        if isinstance(section, Mapping) and section.get("text"):
            parts.append(f"<h3>{section.get('title') or ''}</h3>{section['text']}")
    location = detail.get("location")
    location = location if isinstance(location, Mapping) else {}
    place = location.get("fullLocation") or ", ".join(
        str(location[k]) for k in ("city", "region", "country") if location.get(k)
    )
    company = detail.get("company")
    kind = detail.get("typeOfEmployment")
    return build_posting(
        source=SOURCE_NAME,
        source_id=require(detail, "id"),
        description="".join(parts),
        seen_at=seen_at,
        origin=origin,
        raw=dumps(detail),
        title=require(detail, "name"),
        company=company.get("name") if isinstance(company, Mapping) else board.company,
        location=place or None,
        remote=location.get("remote") if isinstance(location.get("remote"), bool) else None,
        url=detail.get("postingUrl"),
        posted_at=parse_time(detail.get("releasedDate")),
        employment=kind.get("label") if isinstance(kind, Mapping) else None,
        country=location.get("country") if isinstance(location.get("country"), str) else None,
    )


class SmartRecruitersSource(BoardSource[SmartRecruitersSettings]):
    """SmartRecruiters companies as a :class:`~extract.source.Source`."""

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = SmartRecruitersSettings

    def _board(self, board: Board) -> Iterator[Row]:
        seen_at = self._now()
        for summary in self._summaries(board):
            posting_id = summary.get("id") if isinstance(summary, Mapping) else None
            if not posting_id:
                origin = f"{self.settings.base_url}/v1/companies/{board.token}/postings"
                yield QuarantinedRow(SOURCE_NAME, origin, None, "drift: missing id", dumps(summary))
                continue
            url = f"{self.settings.base_url}/v1/companies/{board.token}/postings/{posting_id}"
            try:
                fetched = self.client.get(url)
            except HttpStatusError as exc:
                if exc.status != 404:
                    raise
                yield QuarantinedRow(SOURCE_NAME, url, None, "posting detail gone (HTTP 404)", "")
                continue
            self.report.board(board.key).count_page()
            yield from parse_records(
                [fetched.json()],
                partial(parse_posting, board=board, seen_at=seen_at),
                SOURCE_NAME,
                fetched.url,
            )

    def _summaries(self, board: Board) -> Iterator[Any]:
        url = f"{self.settings.base_url}/v1/companies/{board.token}/postings"
        limit = self.settings.page_size
        entry = self.report.board(board.key)
        offset = 0
        for _ in range(self.settings.max_pages):
            fetched = self.client.get(url, params={"limit": limit, "offset": offset})
            page = fetched.json()
            content = page_list(page, "content", "SmartRecruiters")
            entry.count_page(fetched.not_modified)
            yield from content
            offset += len(content)
            total = page.get("totalFound")
            if not content or not isinstance(total, int) or offset >= total:
                return
        pages = self.settings.max_pages
        raise SourceError(f"SmartRecruiters {board.token}: more than {pages} pages")
