"""Hacker News "Who is hiring?" postings, read from a sightings JSON Lines file.

Each line of the file is one sighting of an HN item by a collector run::

    {"id": 46467610, "source": "who_is_hiring", "author": "...", "time": 1767377545,
     "text_html": "Acme | Engineer | Berlin<p>...", "collected_on": "2026-01-01",
     "thread_id": 46466074, "thread_title": "Ask HN: Who is hiring? (January 2026)"}

``source`` is ``who_is_hiring`` for a comment in the monthly thread and ``direct`` for a job
story posted on its own; both become postings of the single source ``hn`` and the kind stays
visible in ``raw``. :func:`parse_sighting` is the pure part; :class:`HNSightingsFile` only
reads lines and turns failures into quarantined rows.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from extract.errors import BadRecord
from extract.files.rows import as_utc, decoded_lines, json_object, open_bytes, strip_line_end
from extract.normalise import canonical_url, employment_type, parse_location, parse_salary
from extract.records import JobPosting, QuarantinedRow
from extract.source import SourceBase
from extract.sources.hn.header import HNHeader, parse_header, work_mode
from extract.text import clean_html

__all__ = ["HNHeader", "HNSightingsFile", "parse_header", "parse_sighting"]

SOURCE_NAME = "hn"

_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Job stories link to a Work at a Startup page whose title reads "Role at Company | Y Combinator".
_YC_PAGE_TITLE = re.compile(r"^(?P<role>.+?) at (?P<company>[^|]+?) \| Y Combinator")
_STORY_COMPANY = re.compile(r"^(?P<company>.+?)\s*\((?:YC|Y Combinator)\b[^)]*\)")
_IS_HIRING_COMPANY = re.compile(r"^(?P<company>[^:(]{1,60}?) is hiring\b", re.IGNORECASE)
_IS_HIRING = re.compile(r"\bis hiring\b:?\s*(?P<rest>.*)$", re.IGNORECASE)
_STORY_ROLE_END = re.compile(
    r"(?:^|\s+)(?:to|who|for|in|at|with|and more)\b.*$|\s*[(–—].*$|\s+-\s.*$", re.IGNORECASE
)
_GENERIC_PAGE_ROLES = frozenset({"jobs", "careers", "open roles"})
_ARTICLE = re.compile(r"^(?:an?|the|our)\s+", re.IGNORECASE)


def parse_sighting(obj: dict[str, Any], origin: str, raw: str | None = None) -> JobPosting:
    """Turn one decoded sightings record into a :class:`JobPosting`.

    ``raw`` is the record's text as read from the file; when omitted the record is
    re-serialised. Raises :class:`~extract.errors.BadRecord` when the record has no id, no
    text or an unusable time.
    """
    item_id = obj.get("id")
    if item_id is None or isinstance(item_id, bool) or str(item_id).strip() == "":
        raise BadRecord("no id")
    text_html = obj.get("text_html")
    if not isinstance(text_html, str):
        raise BadRecord("no text")
    description = clean_html(text_html)
    if not description:
        raise BadRecord("no text")
    posted_at = _unix_time(obj.get("time"))
    seen_at = _collection_day(obj.get("collected_on"))

    if obj.get("source") == "direct":
        header = _story_header(description)
    else:
        header = parse_header(description.split("\n", 1)[0])
    url = full_link(header.url, text_html) if header.url else None
    return JobPosting(
        source=SOURCE_NAME,
        source_id=str(item_id).strip(),
        description=description,
        seen_at=seen_at,
        origin=origin,
        raw=raw if raw is not None else json.dumps(obj, ensure_ascii=False),
        posted_at=posted_at,
        **header_fields(header, url),
    )


def header_fields(header: HNHeader, url: str | None) -> dict[str, Any]:
    """The fields of a :class:`JobPosting` an HN header gives, with the normalised ones (place,
    pay, employment type, canonical link) derived from it: one place for every HN reader."""
    place = parse_location(header.location)
    pay = parse_salary(header.salary)
    return {
        "title": header.role,
        "company": header.company,
        "location": header.location,
        "remote": header.remote,
        "url": url,
        "city": place.city,
        "region": place.region,
        "country": place.country,
        "salary_min": pay.min if pay else None,
        "salary_max": pay.max if pay else None,
        "salary_currency": pay.currency if pay else None,
        "salary_period": pay.period if pay else None,
        "employment_type": employment_type(header.employment_type),
        "canonical_url": canonical_url(url),
    }


class HNSightingsFile(SourceBase):
    """A sightings JSON Lines file as a :class:`~extract.source.Source`.

    >>> from extract.bundled import HN_2026_SIGHTINGS
    >>> rows = HNSightingsFile(HN_2026_SIGHTINGS).fetch()
    >>> next(rows).posting_id
    'hn:46467610'
    """

    name = SOURCE_NAME
    kind = "hn_sightings"
    default_on = True

    def __init__(self, path: Path | str, encoding: str = "utf-8") -> None:
        self.path = Path(path)
        self.encoding = encoding

    def fetch(self, since: datetime | None = None) -> Iterator[JobPosting | QuarantinedRow]:
        """Yield one posting per usable line and one quarantined row per unusable line.

        With ``since``, postings collected before it are skipped; quarantined rows carry no
        trustworthy date, so they are always yielded.
        """
        cutoff = as_utc(since) if since is not None else None
        file_name = self.path.name
        with open_bytes(self.path) as stream:
            for number, line in decoded_lines(stream, file_name, self.encoding):
                text = strip_line_end(line)
                if not text.strip():
                    continue
                try:
                    posting = parse_sighting(json_object(text), f"{file_name}:{number}", text)
                except BadRecord as exc:
                    yield QuarantinedRow(SOURCE_NAME, file_name, number, str(exc), text)
                    continue
                if cutoff is None or posting.seen_at >= cutoff:
                    yield posting


def _unix_time(value: object) -> datetime:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadRecord(f"bad time {value!r}: expected Unix seconds")
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise BadRecord(f"bad time {value!r}: out of range") from None


def _collection_day(value: object) -> datetime:
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise BadRecord(f"bad collected_on {value!r}: expected YYYY-MM-DD")
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _story_header(description: str) -> HNHeader:
    """Header fields of a job story: its title line, then the linked page's title."""
    lines = description.split("\n", 2)
    headline = lines[0]
    company_match = _STORY_COMPANY.match(headline) or _IS_HIRING_COMPANY.match(headline)
    company = company_match.group("company") if company_match else None
    page = _YC_PAGE_TITLE.match(lines[1]) if len(lines) > 1 else None
    if page and page.group("role").casefold() not in _GENERIC_PAGE_ROLES:
        role: str | None = page.group("role")
        company = company or page.group("company")
    else:
        role = _story_role(headline)
    return HNHeader(company=company, role=role, remote=work_mode(headline))


def _story_role(headline: str) -> str | None:
    """The role in "Acme (YC W23) Is Hiring a Staff Engineer" or "Acme: Staff Engineer – $X"."""
    hiring = _IS_HIRING.search(headline)
    if hiring:
        rest = hiring.group("rest")
    elif ":" in headline:
        rest = headline.split(":", 1)[1]
    else:
        return None
    role = _ARTICLE.sub("", _STORY_ROLE_END.sub("", rest.strip())).strip(" .,:!")
    return role or None


def full_link(shown: str, text_html: str) -> str:
    """The full address behind a link, whose text HN shortens to "https://exam..."."""
    prefix = shown.removesuffix("...")
    for href in _HREF.findall(text_html):
        target = html.unescape(href)
        if target.startswith(prefix):
            return target
    return shown
