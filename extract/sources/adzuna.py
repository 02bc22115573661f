"""Adzuna job search API (optional, off by default; needs a free developer key).

``GET {base_url}/v1/api/jobs/{country}/search/{page}?app_id=..&app_key=..&what=..``
returns ``{"count": n, "results": [...]}``; each result has ``id``, ``title``,
``description`` (a snippet, not the full text), ``created``, ``redirect_url``,
``company.display_name``, ``location.display_name``/``area``, ``salary_min``/``max``,
``salary_is_predicted`` and ``contract_time``. Adzuna's terms restrict using the data for
aggregate research without a licence: read them before turning this on.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from extract.connector import (
    Connector,
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

SOURCE_NAME = "adzuna"
_CURRENCIES = {"gb": "GBP", "us": "USD", "de": "EUR", "fr": "EUR", "nl": "EUR", "at": "EUR"}
_CURRENCIES |= {"ca": "CAD", "au": "AUD", "nz": "NZD", "in": "INR", "sg": "SGD", "ch": "CHF"}
_CURRENCIES |= {"pl": "PLN", "br": "BRL", "mx": "MXN", "za": "ZAR", "it": "EUR", "es": "EUR"}
_CURRENCIES |= {"be": "EUR"}


@dataclass(frozen=True, slots=True)
class AdzunaSettings:
    """``app_id``/``app_key`` are secret (read from the environment by the caller);
    ``country`` is Adzuna's two-letter site code (``gb``, ``us``, ``de``...); ``what`` the
    search words; ``results_per_page`` at most 50; ``max_pages`` per fetch."""

    app_id: str = field(repr=False)
    app_key: str = field(repr=False)
    country: str = "gb"
    what: str = "machine learning"
    results_per_page: int = 50
    max_pages: int = 10
    base_url: str = "https://api.adzuna.com"


def parse_result(
    result: Mapping[str, Any], country: str, seen_at: datetime, origin: str
) -> JobPosting:
    """One Adzuna result; predicted (not stated) salaries are left out."""
    company = result.get("company")
    location = result.get("location")
    salary = None
    low, high = result.get("salary_min"), result.get("salary_max")
    predicted = str(result.get("salary_is_predicted") or "0") == "1"
    if isinstance(low, int | float) and low > 0 and not predicted:
        top = high if isinstance(high, int | float) and high >= low else low
        currency = _CURRENCIES.get(country.lower(), "")
        salary = Salary(float(low), float(top), currency, "year") if currency else None
    return build_posting(
        source=SOURCE_NAME,
        source_id=require(result, "id"),
        description=str(require(result, "description")),
        seen_at=seen_at,
        origin=origin,
        raw=dumps(result),
        title=require(result, "title"),
        company=company.get("display_name") if isinstance(company, Mapping) else None,
        location=location.get("display_name") if isinstance(location, Mapping) else None,
        url=result.get("redirect_url"),
        posted_at=parse_time(result.get("created")),
        salary=salary,
        employment=result.get("contract_time") or result.get("contract_type"),
        country=country.upper() if country.lower() != "gb" else "GB",
    )


class AdzunaSource(Connector[AdzunaSettings]):
    """Adzuna search results as a :class:`~extract.source.Source` (one board per query)."""

    name = SOURCE_NAME
    kind = SOURCE_NAME
    settings_class = AdzunaSettings
    secrets = ("app_id", "app_key")
    incremental = True

    def _boards(self, since: datetime | None) -> Iterator[tuple[str, Iterator[Row]]]:
        """One search, at most ``max_pages``; ``since`` sets ``max_days_old``."""
        key = f"adzuna:{self.settings.country}:{self.settings.what}"
        yield key, self._results(key, since)

    def _results(self, key: str, since: datetime | None) -> Iterator[Row]:
        seen_at = self._now()
        for origin, results in self._pages(key, since):
            yield from parse_records(
                results,
                partial(parse_result, country=self.settings.country, seen_at=seen_at),
                SOURCE_NAME,
                origin,
            )

    def _pages(self, key: str, since: datetime | None) -> Iterator[tuple[str, list[Any]]]:
        settings = self.settings
        params: dict[str, str | int] = {
            "what": settings.what,
            "results_per_page": settings.results_per_page,
            "content-type": "application/json",
        }
        if since is not None:
            days = math.ceil((self._now() - since).total_seconds() / 86400)
            params["max_days_old"] = max(1, days)
        entry = self.report.board(key)
        for number in range(1, settings.max_pages + 1):
            url = f"{settings.base_url}/v1/api/jobs/{settings.country}/search/{number}"
            fetched = self.client.get(
                url,
                params=params,
                secret_params={"app_id": settings.app_id, "app_key": settings.app_key},
            )
            page = fetched.json()
            results = page_list(page, "results", "Adzuna")
            entry.count_page()
            yield fetched.url, results
            count = page.get("count")
            if not results or not isinstance(count, int):
                return
            if number * settings.results_per_page >= count:
                return
