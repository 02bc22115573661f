"""USAJOBS: current federal openings (Search API) and years of history (Historic JOA API).

Search: ``GET {base_url}/api/search?Keyword=...&Page=N&ResultsPerPage=M`` with the headers
``User-Agent: <your e-mail>`` and ``Authorization-Key: <API key>`` (free, on request from
USAJOBS); results are in ``SearchResult.SearchResultItems[].MatchedObjectDescriptor`` and
``SearchResult.UserArea.NumberOfPages`` says how many pages there are.

History: ``GET {base_url}/api/historicjoa?StartPositionOpenDate=...`` pages with a
continuation token (``paging.next``) and needs no key; the text of each announcement comes
from ``GET {base_url}/api/historicjoa/announcementtext?USAJOBSControlNumbers=a,b,c``.

Both identify an announcement by its control number, so a posting found by both is one
posting of the source ``usajobs``. The data is public domain.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any
from urllib.parse import urljoin

from extract.connector import (
    Connector,
    build_posting,
    dumps,
    page_list,
    parse_records,
    parse_time,
    require,
    text_or_none,
)
from extract.errors import BadRecord, SourceError
from extract.normalise import Salary
from extract.records import JobPosting
from extract.source import Row

SOURCE_NAME = "usajobs"
_PERIODS = {"per year": "year", "pa": "year", "per hour": "hour", "ph": "hour"}
_PERIODS |= {"per month": "month", "pm": "month", "per day": "day", "pd": "day"}
_PERIODS |= {"bi-weekly": "week", "pw": "week", "per week": "week"}
_HISTORY_TEXT = (
    ("summary", "Summary"),
    ("duties", "Duties"),
    ("requirementsQualifications", "Qualifications"),
    ("requirementsConditionsOfEmployment", "Conditions of employment"),
    ("education", "Education"),
    ("evaluations", "How you will be evaluated"),
)


@dataclass(frozen=True, slots=True)
class USAJobsSettings:
    """``email`` is sent as the User-Agent, as USAJOBS requires; ``api_key`` is secret
    (the caller reads it from the environment). Each of ``keywords`` is one query (one
    board in the report); none means a single query for ``job_category_codes`` (occupational
    series such as 2210 IT, 1550 computer science). ``days_posted`` limits a run to recent
    postings (at most 60); ``since`` narrows it further."""

    email: str
    api_key: str = field(repr=False)
    keywords: tuple[str, ...] = ()
    job_category_codes: tuple[str, ...] = ()
    days_posted: int | None = None
    page_size: int = 500
    max_pages: int = 20
    base_url: str = "https://data.usajobs.gov"

    def __post_init__(self) -> None:
        # A settings file may give one keyword as a plain string.
        for name in ("keywords", "job_category_codes"):
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))


@dataclass(frozen=True, slots=True)
class USAJobsHistorySettings:
    """A backfill window of announcements by opening date; ``position_series`` and
    ``agency_codes`` narrow it. No key needed. ``batch_size`` control numbers per
    announcement-text request."""

    start: date
    end: date | None = None
    position_series: tuple[str, ...] = ()
    agency_codes: tuple[str, ...] = ()
    max_pages: int = 1000
    batch_size: int = 50
    base_url: str = "https://data.usajobs.gov"


def parse_search_item(item: Mapping[str, Any], seen_at: datetime, origin: str) -> JobPosting:
    """One ``SearchResultItems`` entry as a :class:`JobPosting`; :class:`BadRecord` on drift."""
    job = require(item, "MatchedObjectDescriptor")
    if not isinstance(job, Mapping):
        raise BadRecord("drift: MatchedObjectDescriptor is not an object")
    details = job.get("UserArea", {}).get("Details", {}) if isinstance(job, Mapping) else {}
    details = details if isinstance(details, Mapping) else {}
    parts = [details.get("JobSummary"), *(details.get("MajorDuties") or [])]
    parts += [job.get("QualificationSummary"), details.get("Requirements")]
    parts.append(details.get("Education"))
    locations = job.get("PositionLocation") or []
    first = locations[0] if locations and isinstance(locations[0], Mapping) else {}
    schedule: object = next(iter(job.get("PositionSchedule") or []), None)
    remote = details.get("RemoteIndicator")
    return build_posting(
        source=SOURCE_NAME,
        source_id=item.get("MatchedObjectId") or require(job, "PositionID"),
        description="\n".join(f"<p>{p}</p>" for p in parts if p),
        seen_at=seen_at,
        origin=origin,
        raw=dumps(item),
        title=require(job, "PositionTitle"),
        company=job.get("OrganizationName") or job.get("DepartmentName"),
        location=first.get("LocationName") or job.get("PositionLocationDisplay"),
        remote=remote if isinstance(remote, bool) else None,
        url=job.get("PositionURI"),
        posted_at=parse_time(job.get("PublicationStartDate")),
        valid_through=parse_time(job.get("ApplicationCloseDate")),
        salary=_search_salary(job.get("PositionRemuneration")),
        employment=schedule.get("Name") if isinstance(schedule, Mapping) else None,
    )


def parse_historic(
    joa: Mapping[str, Any], text: Mapping[str, Any] | None, seen_at: datetime, origin: str
) -> JobPosting:
    """A historic announcement and its text as a :class:`JobPosting`."""
    number = require(joa, "usajobsControlNumber")
    if text is None:
        raise BadRecord(f"no announcement text for control number {number}")
    body = "".join(
        f"<h3>{title}</h3><p>{text[name]}</p>" for name, title in _HISTORY_TEXT if text.get(name)
    )
    places = joa.get("PositionLocations") or []
    first = places[0] if places and isinstance(places[0], Mapping) else {}
    keys = ("positionLocationCity", "positionLocationState", "positionLocationCountry")
    location = ", ".join(str(first[k]) for k in keys if first.get(k))
    low, high = joa.get("minimumSalary"), joa.get("maximumSalary")
    period = _PERIODS.get(str(joa.get("salaryType") or "").casefold())
    salary = (
        Salary(float(low), float(high if isinstance(high, int | float) else low), "USD", period)
        if isinstance(low, int | float) and low > 0
        else None
    )
    return build_posting(
        source=SOURCE_NAME,
        source_id=number,
        description=body,
        seen_at=seen_at,
        origin=origin,
        raw=dumps({**joa, "announcementText": dict(text)}),
        title=require(joa, "positionTitle"),
        company=joa.get("hiringAgencyName") or joa.get("hiringDepartmentName"),
        location=location or None,
        remote=None,
        url=f"https://www.usajobs.gov/job/{number}",
        posted_at=parse_time(joa.get("positionOpenDate")),
        valid_through=parse_time(joa.get("positionCloseDate")),
        salary=salary,
        employment=text_or_none(joa.get("workSchedule")),
    )


class USAJobsSource(Connector[USAJobsSettings]):
    """The USAJOBS Search API as a :class:`~extract.source.Source`, one board per query."""

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = USAJobsSettings
    secrets = ("api_key",)
    incremental = True

    def _boards(self, since: datetime | None) -> Iterator[tuple[str, Iterator[Row]]]:
        """Current announcements matching each query, posted since ``since`` if given."""
        for query in self._queries(since):
            key = "usajobs:" + "&".join(f"{k}={v}" for k, v in query.items())
            yield key, self._query(key, query)

    def _queries(self, since: datetime | None) -> list[dict[str, str | int]]:
        base: dict[str, str | int] = {}
        if self.settings.job_category_codes:
            base["JobCategoryCode"] = ";".join(self.settings.job_category_codes)
        days = self.settings.days_posted
        if since is not None:
            elapsed = math.ceil((self._now() - since).total_seconds() / 86400)
            days = min(days or 60, max(1, elapsed))
        if days is not None:
            base["DatePosted"] = min(60, days)
        if not self.settings.keywords:
            return [base]
        return [{"Keyword": k, **base} for k in self.settings.keywords]

    def _query(self, key: str, query: dict[str, str | int]) -> Iterator[Row]:
        seen_at = self._now()
        url = f"{self.settings.base_url}/api/search"
        entry = self.report.board(key)
        for number in range(1, self.settings.max_pages + 1):
            params = {**query, "Page": number, "ResultsPerPage": self.settings.page_size}
            fetched = self.client.get(
                url,
                params=params,
                headers={"User-Agent": self.settings.email},
                secret_headers={"Authorization-Key": self.settings.api_key},
            )
            page = fetched.json()
            result = page.get("SearchResult") if isinstance(page, Mapping) else None
            items = page_list(result, "SearchResultItems", "USAJOBS search")
            entry.count_page(fetched.not_modified)
            yield from parse_records(
                items,
                partial(parse_search_item, seen_at=seen_at),
                SOURCE_NAME,
                fetched.url,
            )
            pages = _int(result.get("UserArea", {}).get("NumberOfPages")) if result else None
            if not items or pages is None or number >= pages:
                return
        raise SourceError(f"USAJOBS search: more than {self.settings.max_pages} pages")


class USAJobsHistorySource(Connector[USAJobsHistorySettings]):
    """The Historic JOA API with announcement texts, for backfilling years of postings."""

    name = "usajobs_history"
    kind = "usajobs_history"
    settings_class = USAJobsHistorySettings
    incremental = True

    def _boards(self, since: datetime | None) -> Iterator[tuple[str, Iterator[Row]]]:
        """Announcements opened in the window (from ``since`` if that is later)."""
        start = self.settings.start
        if since is not None and since.date() > start:
            start = since.date()
        key = f"usajobs_history:{start.isoformat()}"
        yield key, self._window(key, start)

    def _window(self, key: str, start: date) -> Iterator[Row]:
        seen_at = self._now()
        entry = self.report.board(key)
        for origin, records in self._pages(start):
            entry.count_page()
            numbers = [
                str(r["usajobsControlNumber"])
                for r in records
                if isinstance(r, Mapping) and r.get("usajobsControlNumber")
            ]
            texts: dict[str, Mapping[str, Any]] = {}
            size = self.settings.batch_size
            for at in range(0, len(numbers), size):
                texts |= self._texts(numbers[at : at + size])
            yield from parse_records(
                records,
                partial(_historic, texts=texts, seen_at=seen_at),
                SOURCE_NAME,
                origin,
            )

    def _pages(self, start: date) -> Iterator[tuple[str, list[Any]]]:
        settings = self.settings
        params: dict[str, str | int] = {"StartPositionOpenDate": start.isoformat()}
        if settings.end is not None:
            params["EndPositionOpenDate"] = settings.end.isoformat()
        if settings.position_series:
            params["PositionSeries"] = ",".join(settings.position_series)
        if settings.agency_codes:
            params["HiringAgencyCodes"] = ",".join(settings.agency_codes)
        url: str | None = f"{settings.base_url}/api/historicjoa"
        for _ in range(settings.max_pages):
            if url is None:
                return
            fetched = self.client.get(url, params=params)
            page = fetched.json()
            yield fetched.url, page_list(page, "data", "USAJOBS historic JOA")
            paging = page.get("paging") if isinstance(page, Mapping) else None
            following = paging.get("next") if isinstance(paging, Mapping) else None
            url = urljoin(settings.base_url + "/", following) if following else None
            params = {}
        if url is not None:
            raise SourceError(f"USAJOBS history: more than {settings.max_pages} pages")

    def _texts(self, numbers: list[str]) -> dict[str, Mapping[str, Any]]:
        url = f"{self.settings.base_url}/api/historicjoa/announcementtext"
        page = self.client.get(url, params={"USAJOBSControlNumbers": ",".join(numbers)}).json()
        return {
            str(item["usajobsControlNumber"]): item
            for item in page_list(page, "data", "USAJOBS announcement text")
            if isinstance(item, Mapping) and item.get("usajobsControlNumber")
        }


def _historic(
    joa: Mapping[str, Any],
    origin: str,
    texts: Mapping[str, Mapping[str, Any]],
    seen_at: datetime,
) -> JobPosting:
    return parse_historic(joa, texts.get(str(joa.get("usajobsControlNumber"))), seen_at, origin)


def _search_salary(value: object) -> Salary | None:
    first = next(iter(value), None) if isinstance(value, list) else None
    if not isinstance(first, Mapping):
        return None
    try:
        low = float(first.get("MinimumRange") or 0)
        high = float(first.get("MaximumRange") or low)
    except (TypeError, ValueError):
        return None
    if low <= 0:
        return None
    period = _PERIODS.get(str(first.get("RateIntervalCode") or "").casefold())
    return Salary(low, max(low, high), "USD", period)


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None
