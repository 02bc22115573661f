"""Any job page, from a list of URLs or a sitemap: schema.org ``JobPosting`` or page text.

A page that embeds ``<script type="application/ld+json">`` with a ``JobPosting`` (what
Google for Jobs reads: title, description, datePosted, hiringOrganization, jobLocation,
validThrough, employmentType, baseSalary) gives a fully described posting. A page without
one falls back to its ``<title>`` and main text. Pages go through the polite HTTP layer,
so robots.txt decides what may be read.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bs4 import BeautifulSoup

from extract.connector import (
    Connector,
    build_posting,
    dumps,
    parse_time,
    require,
    text_or_none,
)
from extract.errors import BadRecord, FetchError, SourceError
from extract.normalise import Salary, canonical_url
from extract.records import JobPosting, QuarantinedRow
from extract.source import Row

SOURCE_NAME = "jobpage"
_UNITS = {"YEAR": "year", "MONTH": "month", "WEEK": "week", "DAY": "day", "HOUR": "hour"}


@dataclass(frozen=True, slots=True)
class JobPageSettings:
    """``urls``: job pages to read; ``sitemaps``: sitemap (or sitemap index) URLs whose
    pages matching ``url_pattern`` (a regular expression; None for all) are read;
    ``max_pages`` bounds one fetch."""

    urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    url_pattern: str | None = None
    max_pages: int = 1000
    max_sitemap_depth: int = 3


def find_job_posting(html: str) -> Mapping[str, Any] | None:
    """The first schema.org ``JobPosting`` object in a page's JSON-LD blocks, if any."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.get_text() or "null")
        except json.JSONDecodeError:
            continue
        found = _job_posting_in(data)
        if found is not None:
            return found
    return None


def parse_job_page(html: str, url: str, seen_at: datetime) -> JobPosting:
    """A job page as a :class:`JobPosting`, from its JSON-LD or else its title and text."""
    job = find_job_posting(html)
    if job is not None:
        return parse_json_ld(job, url, seen_at)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    main = soup.find("main") or soup.find("article") or soup.body or soup
    title_tag = soup.find("title") or soup.find("h1")
    title = title_tag.get_text(" ", strip=True) if title_tag is not None else None
    return build_posting(
        source=SOURCE_NAME,
        source_id=canonical_url(url) or url,
        description=str(main),
        seen_at=seen_at,
        origin=url,
        raw=html,
        title=title,
        url=url,
    )


def parse_json_ld(job: Mapping[str, Any], url: str, seen_at: datetime) -> JobPosting:
    """A schema.org ``JobPosting`` as a :class:`JobPosting`; :class:`BadRecord` on drift."""
    title = require(job, "title")
    description = require(job, "description")
    identifier = job.get("identifier")
    if isinstance(identifier, Mapping):
        identifier = identifier.get("value")
    org = job.get("hiringOrganization")
    company = org.get("name") if isinstance(org, Mapping) else org
    kind = job.get("employmentType")
    if isinstance(kind, list):
        kind = kind[0] if kind else None
    remote = True if str(job.get("jobLocationType") or "").upper() == "TELECOMMUTE" else None
    location, country = _location(job.get("jobLocation"))
    if country is None and remote:
        country = _country_name(job.get("applicantLocationRequirements"))
    page_url = text_or_none(job.get("url")) or url
    return build_posting(
        source=SOURCE_NAME,
        source_id=identifier or canonical_url(page_url) or page_url,
        description=str(description),
        seen_at=seen_at,
        origin=url,
        raw=dumps(job),
        title=str(title),
        company=text_or_none(company),
        location=location,
        remote=remote,
        url=page_url,
        posted_at=parse_time(job.get("datePosted")),
        valid_through=parse_time(job.get("validThrough")),
        salary=_salary(job.get("baseSalary")),
        employment=text_or_none(kind),
        country=country if country and len(country) == 2 else None,
    )


def sitemap_locations(xml: bytes) -> tuple[list[str], list[str]]:
    """``(pages, child sitemaps)`` listed in a sitemap or sitemap index."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise SourceError(f"sitemap is not valid XML: {exc}") from None
    locs = [(el.text or "").strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc"]
    locs = [loc for loc in locs if loc]
    if root.tag.rsplit("}", 1)[-1] == "sitemapindex":
        return [], locs
    return locs, []


class JobPageSource(Connector[JobPageSettings]):
    """Job pages as a :class:`~extract.source.Source`; one board per sitemap, one for
    the URL list."""

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = JobPageSettings

    def _boards(self, since: datetime | None) -> Iterator[tuple[str, Iterator[Row]]]:
        """Every listed page; ``since`` is ignored (pages carry no reliable change date)."""
        if self.settings.urls:
            yield "urls", self._read("urls", self.settings.urls)
        for sitemap in self.settings.sitemaps:
            key = f"sitemap:{sitemap}"
            yield key, self._read(key, self._sitemap_pages(sitemap))

    def _read(self, key: str, urls: Iterator[str] | tuple[str, ...]) -> Iterator[Row]:
        entry = self.report.board(key)
        failed = 0
        for count, url in enumerate(urls):
            if count >= self.settings.max_pages:
                raise SourceError(f"{key}: more than {self.settings.max_pages} pages")
            try:
                fetched = self.client.get(url)
            except FetchError as exc:
                failed += 1
                yield QuarantinedRow(SOURCE_NAME, url, None, str(exc), "")
                continue
            entry.count_page(fetched.not_modified)
            try:
                yield parse_job_page(fetched.text(), fetched.url, self._now())
            except BadRecord as exc:
                yield QuarantinedRow(SOURCE_NAME, fetched.url, None, str(exc), fetched.text())
        if failed:
            raise SourceError(f"{key}: {failed} page(s) could not be fetched")

    def _sitemap_pages(self, sitemap: str) -> Iterator[str]:
        pattern = re.compile(self.settings.url_pattern) if self.settings.url_pattern else None
        pending = [(sitemap, 0)]
        seen: set[str] = set()
        while pending:
            url, depth = pending.pop(0)
            if url in seen or depth > self.settings.max_sitemap_depth:
                continue
            seen.add(url)
            fetched = self.client.get(url)
            self.report.board(f"sitemap:{sitemap}").count_page()
            pages, children = sitemap_locations(fetched.body)
            pending.extend((child, depth + 1) for child in children)
            yield from (p for p in pages if pattern is None or pattern.search(p))


def _job_posting_in(data: object) -> Mapping[str, Any] | None:
    stack = [data]
    for _ in range(1000):
        if not stack:
            return None
        node = stack.pop(0)
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, Mapping):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if "JobPosting" in kinds:
                return node
            if isinstance(node.get("@graph"), list):
                stack.extend(node["@graph"])
    return None


def _location(value: object) -> tuple[str | None, str | None]:
    first = value[0] if isinstance(value, list) and value else value
    address = first.get("address") if isinstance(first, Mapping) else None
    if isinstance(address, str):
        return address, None
    if not isinstance(address, Mapping):
        return None, None
    country = _country_name(address.get("addressCountry"))
    parts = [address.get("addressLocality"), address.get("addressRegion"), country]
    text = ", ".join(str(p) for p in parts if p)
    return text or None, country


def _country_name(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("addressCountry")
    return text_or_none(value)


def _salary(value: object) -> Salary | None:
    if not isinstance(value, Mapping):
        return None
    amount = value.get("value")
    currency = value.get("currency")
    if isinstance(amount, int | float | str):
        amount = {"value": amount, "unitText": value.get("unitText")}
    if not isinstance(amount, Mapping) or not currency:
        return None
    try:
        low = float(amount.get("minValue") or amount.get("value") or 0)
        high = float(amount.get("maxValue") or amount.get("value") or low)
    except (TypeError, ValueError):
        return None
    if low <= 0:
        return None
    unit = _UNITS.get(str(amount.get("unitText") or "").upper())
    return Salary(low, max(low, high), str(currency).upper(), unit)
