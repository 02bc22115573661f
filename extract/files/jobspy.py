"""Postings from the CSV that JobSpy writes (the user's own scrape of LinkedIn, Indeed...).

JobSpy's CSV has one row per job with ``id``, ``site``, ``job_url``, ``title``,
``company``, ``location``, ``date_posted``, ``job_type``, ``interval``, ``min_amount``,
``max_amount``, ``currency``, ``is_remote`` and ``description`` (Markdown or HTML) among
other columns. The file is read by :class:`~extract.files.tables.FileSource`; each posting is then
completed with the pay, remote flag, employment type and place the row states. The user
is responsible for the terms of the sites they scraped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from extract.files.tables import ColumnMapping, FileSource
from extract.normalise import Salary, canonical_url, employment_type, parse_location
from extract.records import JobPosting, QuarantinedRow
from extract.source import SourceBase

SOURCE_NAME = "jobspy"
MAPPING = ColumnMapping(
    id="id",
    title="title",
    description="description",
    company="company",
    location="location",
    date="date_posted",
    url="job_url",
)
_INTERVALS = {"yearly": "year", "monthly": "month", "weekly": "week", "daily": "day"}
_INTERVALS["hourly"] = "hour"


class JobSpyFile(SourceBase):
    """A JobSpy CSV export as a :class:`~extract.source.Source` named ``jobspy``."""

    name = SOURCE_NAME
    kind = SOURCE_NAME

    def __init__(self, path: Path | str, seen_at: datetime | None = None) -> None:
        self._file = FileSource(path, source=SOURCE_NAME, mapping=MAPPING, seen_at=seen_at)

    def fetch(self, since: datetime | None = None) -> Iterator[JobPosting | QuarantinedRow]:
        """Every row as a completed posting or a quarantined row, in file order."""
        for row in self._file.fetch(since):
            yield complete(row) if isinstance(row, JobPosting) else row


def complete(posting: JobPosting) -> JobPosting:
    """Fill the normalised fields of a posting read from a JobSpy row (its ``raw``)."""
    try:
        row = json.loads(posting.raw)
    except json.JSONDecodeError:
        return posting
    if not isinstance(row, dict):
        return posting
    place = parse_location(posting.location)
    remote = str(row.get("is_remote", "")).strip().casefold()
    salary = _salary(row)
    return replace(
        posting,
        remote=True if remote == "true" else False if remote == "false" else place.remote,
        city=place.city,
        region=place.region,
        country=place.country,
        salary_min=salary.min if salary else None,
        salary_max=salary.max if salary else None,
        salary_currency=salary.currency if salary else None,
        salary_period=salary.period if salary else None,
        employment_type=employment_type(row.get("job_type")),
        canonical_url=canonical_url(row.get("job_url_direct") or posting.url),
    )


def _salary(row: dict[str, object]) -> Salary | None:
    try:
        low = float(str(row.get("min_amount") or "nan"))
        high = float(str(row.get("max_amount") or low))
    except ValueError:
        return None
    currency = str(row.get("currency") or "").strip().upper()
    if not low > 0 or not currency:
        return None
    period = _INTERVALS.get(str(row.get("interval") or "").strip().casefold())
    return Salary(low, max(low, high), currency, period)
