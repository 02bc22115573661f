"""Greenhouse Job Board API: every published job of a company's board, with its content.

``GET {base_url}/v1/boards/{token}/jobs?content=true`` returns ``{"jobs": [...], "meta":
{"total": n}}`` in one response (no paging). Each job's ``content`` is HTML whose tags are
entity-escaped, so it is unescaped before cleaning. Public API, no key.
"""

from __future__ import annotations

import html
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

SOURCE_NAME = "greenhouse"


@dataclass(frozen=True, slots=True)
class GreenhouseSettings(BoardSettings):
    """``boards``: the company boards to fetch (see :mod:`extract.sources.boards`);
    ``base_url``: the API root, changed only in tests.
    ``companies`` adds bundled boards picked by company name, ``all_boards`` every
    bundled board of this ATS; ``boards`` may also be given as tokens."""

    ATS = "greenhouse"

    base_url: str = "https://boards-api.greenhouse.io"


def parse_job(job: Mapping[str, Any], board: Board, seen_at: datetime, origin: str) -> JobPosting:
    """One job of a board response as a posting; :class:`BadRecord` on drift."""
    content = require(job, "content")
    location = job.get("location")
    location_name = location.get("name") if isinstance(location, Mapping) else None
    return build_posting(
        source=SOURCE_NAME,
        source_id=require(job, "id"),
        description=html.unescape(str(content)),
        seen_at=seen_at,
        origin=origin,
        raw=dumps(job),
        title=require(job, "title"),
        company=job.get("company_name") or board.company,
        location=location_name,
        url=job.get("absolute_url"),
        posted_at=parse_time(job.get("first_published")),
        salary_text=_pay_text(job),
    )


class GreenhouseSource(BoardSource[GreenhouseSettings]):
    """Greenhouse boards as a :class:`~extract.source.Source`; see ``report`` afterwards."""

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = GreenhouseSettings

    def _board(self, board: Board) -> Iterator[Row]:
        seen_at = self._now()
        for origin, page in self._pages(board):
            jobs = page_list(page, "jobs", "Greenhouse")
            yield from parse_records(
                jobs, partial(parse_job, board=board, seen_at=seen_at), SOURCE_NAME, origin
            )

    def _pages(self, board: Board) -> Iterator[tuple[str, Any]]:
        url = f"{self.settings.base_url}/v1/boards/{board.token}/jobs"
        fetched = self.client.get(url, params={"content": "true"})
        self.report.board(board.key).count_page(fetched.not_modified)
        yield fetched.url, fetched.json()


def _pay_text(job: Mapping[str, Any]) -> str | None:
    # Pay sits in custom metadata when a company publishes it; look for a currency value.
    for item in job.get("metadata") or ():
        if isinstance(item, Mapping) and item.get("value_type") == "currency_range":
            value = item.get("value")
            if isinstance(value, Mapping):
                unit = value.get("unit") or "USD"
                return f"{unit} {value.get('min_value')} - {value.get('max_value')}"
    return None
