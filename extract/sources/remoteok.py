"""RemoteOK's public feed (optional, off by default): remote jobs, newest first.

``GET {base_url}/api`` returns a JSON list whose first element is a legal notice and the
rest jobs (``id``, ``position``, ``company``, ``description`` HTML, ``location``, ``date``,
``salary_min``/``salary_max``, ``url``). RemoteOK's terms ask that users of the feed link
back to RemoteOK and name it as the source; the README says how.
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
    parse_records,
    parse_time,
    require,
)
from extract.errors import SourceError
from extract.normalise import Salary
from extract.records import JobPosting
from extract.source import Row

SOURCE_NAME = "remoteok"


@dataclass(frozen=True, slots=True)
class RemoteOKSettings:
    """``base_url``: the site root, changed only in tests. No key; attribution required."""

    base_url: str = "https://remoteok.com"


def parse_job(job: Mapping[str, Any], seen_at: datetime, origin: str) -> JobPosting:
    """One RemoteOK job as a :class:`JobPosting`; every one is remote."""
    low, high = job.get("salary_min"), job.get("salary_max")
    salary = None
    if isinstance(low, int | float) and low > 0:
        top = high if isinstance(high, int | float) and high >= low else low
        salary = Salary(float(low), float(top), "USD", "year")
    return build_posting(
        source=SOURCE_NAME,
        source_id=require(job, "id"),
        description=str(require(job, "description")),
        seen_at=seen_at,
        origin=origin,
        raw=dumps(job),
        title=require(job, "position"),
        company=job.get("company"),
        location=job.get("location"),
        remote=True,
        url=job.get("url"),
        posted_at=parse_time(job.get("date")) or parse_time(job.get("epoch")),
        salary=salary,
    )


class RemoteOKSource(Connector[RemoteOKSettings]):
    """RemoteOK as a :class:`~extract.source.Source` (one board, ``remoteok``)."""

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = RemoteOKSettings
    incremental = True

    def _boards(self, since: datetime | None) -> Iterator[tuple[str, Iterator[Row]]]:
        """The jobs in the feed, posted at or after ``since`` when given."""
        yield SOURCE_NAME, self._feed(since)

    def _feed(self, since: datetime | None) -> Iterator[Row]:
        seen_at = self._now()
        fetched = self.client.get(f"{self.settings.base_url}/api")
        page = fetched.json()
        if not isinstance(page, list):
            raise SourceError("drift: RemoteOK response is not a list")
        entry = self.report.board(SOURCE_NAME)
        entry.count_page(fetched.not_modified)
        jobs = [j for j in page if not (isinstance(j, Mapping) and "legal" in j)]
        if since is not None:
            jobs = [j for j in jobs if not _older(j, since)]
        yield from parse_records(
            jobs, partial(parse_job, seen_at=seen_at), SOURCE_NAME, fetched.url
        )


def _older(job: object, since: datetime) -> bool:
    posted = parse_time(job.get("date")) if isinstance(job, Mapping) else None
    return posted is not None and posted < since
