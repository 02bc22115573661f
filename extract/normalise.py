"""Pure functions that turn what a source says into :class:`JobPosting` fields.

Every online source uses these, so "Remote (US)", "$150k - $180k" or "FULL_TIME" mean the
same whichever board they came from. Each function returns None (or an empty value) for
text it cannot read; none of them raises on arbitrary input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from extract.gazetteer import City, gazetteer, key, province
from extract.sources.hn.header import work_mode
from extract.text import clean_html

__all__ = [
    "Place",
    "Salary",
    "canonical_url",
    "clean_text",
    "employment_type",
    "format_place",
    "format_salary",
    "parse_location",
    "parse_salary",
    "remote_flag",
]


def clean_text(html_or_text: str | None) -> str:
    """Plain text of a description that may be HTML (see :func:`extract.text.clean_html`)."""
    return clean_html(html_or_text) if html_or_text else ""


def remote_flag(*texts: str | None) -> bool | None:
    """True if any text mentions remote work, False if one says on-site/hybrid, else None.

    >>> remote_flag("Berlin", "Remote (EU)")
    True
    """
    found: bool | None = None
    for text in texts:
        if text:
            mode = work_mode(text)
            if mode:
                return True
            if mode is False:
                found = False
    return found


@dataclass(frozen=True, slots=True)
class Place:
    """Where a job is: city, region (state/province name), ISO country code, remote."""

    city: str | None = None
    region: str | None = None
    country: str | None = None
    remote: bool | None = None


_ALTERNATIVES = re.compile(r"\s*(?:;|\||\bor\b|&|\band\b|\n)\s*", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:,|\(|\)|\s[-–—/]\s|/|:|–|—)\s*")
_MODE_WORDS = re.compile(
    r"\b(?:fully|100%|remote(?:ly)?(?:[- ](?:first|friendly|only|ok))?|hybrid|on-?site|on site"
    r"|in[- ]office|in[- ]person|wfh|work from home|anywhere|worldwide|global|only|based)\b",
    re.IGNORECASE,
)
_CODE = re.compile(r"^[A-Z]{2}$")


def parse_location(text: str | None) -> Place:
    """Split a free-text location into city, region, country and remote flag.

    Several places ("Berlin or London", "NYC; SF") give the first one that is recognised.
    An unknown name followed by a known region or country is taken to be the city.

    >>> parse_location("San Francisco, CA")
    Place(city='San Francisco', region='California', country='US', remote=None)
    >>> parse_location("Remote (US)")
    Place(city=None, region=None, country='US', remote=True)
    """
    if not text:
        return Place()
    remote = remote_flag(text)
    # "Trinidad and Tobago" is one place, "Berlin and London" two.
    guarded_text = _names_with_and().sub(lambda m: m.group(0).replace("and", "\x01"), text)
    for alternative in _ALTERNATIVES.split(guarded_text):
        alternative = alternative.replace("\x01", "and")
        place = _one_place(_MODE_WORDS.sub(" ", alternative))
        if place is not None:
            return Place(place.city, place.region, place.country, remote)
    return Place(remote=remote)


@cache
def _names_with_and() -> re.Pattern[str]:
    geo = gazetteer()
    names = [n for n in [*geo.countries, *geo.regions] if " and " in n]
    return re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)


def _one_place(text: str) -> Place | None:
    parts = [p.strip(" .-*") for p in _PARTS.split(text)]
    parts = [p for p in parts if p and len(p) <= 60]
    if not parts:
        return None
    geo = gazetteer()
    city: City | None = None
    city_text: str | None = None
    region: str | None = None
    region_country: str | None = None
    country: str | None = None
    for index, part in enumerate(parts):
        folded = key(part)
        if _CODE.match(part) and index == 0 and part in geo.country_names:
            country = part
            continue
        if _CODE.match(part) and index > 0:
            if city is not None and part == city.country:
                country = country or part
            elif part in geo.region_codes:
                found = geo.region_codes[part]
                if city is not None and city.country == "CA":
                    found = province(part, "CA") or found
                region, region_country = region or found.name, region_country or found.country
            elif part in geo.country_names:
                country = country or part
            continue
        first_city = index == 0 and folded in geo.cities
        # "Atlanta, Georgia" names the state; "Georgia" alone the country.
        as_region = folded in geo.regions and (index > 0 or folded not in geo.countries)
        if as_region and not first_city:
            found = geo.regions[folded]
            region, region_country = region or found.name, region_country or found.country
        elif folded in geo.countries and not first_city:
            country = country or geo.countries[folded]
        elif folded in geo.cities and city is None:
            city, city_text = geo.cities[folded], part
        elif index == 0 and city is None and len(parts) > 1:
            city_text = part  # unknown city, kept if a later part says where it is
    if country is None and region_country is None and city is None:
        return None
    country = country or region_country or (city.country if city else None)
    if city is not None and city.country == country:
        return Place(city.name, region or city.region, country)
    if region_country is not None and country != region_country:
        region = None
    return Place(city_text, region, country)


def format_place(place: Place) -> str:
    """A location string that :func:`parse_location` reads back into the same place."""
    names = gazetteer().country_names
    parts = [place.city, place.region, names.get(place.country or "", place.country)]
    text = ", ".join(p for p in parts if p)
    return f"Remote ({text})" if place.remote else text


@dataclass(frozen=True, slots=True)
class Salary:
    """A stated pay range; ``period`` is year, month, week, day or hour (or None)."""

    min: float
    max: float
    currency: str
    period: str | None


_SYMBOLS = {
    "us$": "USD",
    "usd$": "USD",
    "$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "cad$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "s$": "SGD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
}
_CODES = "USD|EUR|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|PLN|CZK|INR|JPY|SGD|HKD|ILS|BRL|MXN|ZAR"
_CUR = r"(?:US\$|USD\$|CA\$|CAD\$|AU\$|NZ\$|C\$|A\$|S\$|\$|€|£|¥|₹|" + _CODES + r")"
_NUM = r"\d{1,3}(?:[,.\u00a0 '’]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = (
    rf"(?P<Pcur>{_CUR})?\s?(?P<Pnum>{_NUM})\s?(?P<Pmult>[kKmM](?![a-zA-Z]))?"
    rf"\s?(?P<Pcode>{_CODES}|€|£)?(?![\w$])"
)
_SALARY = re.compile(
    _AMOUNT.replace("?P<P", "?P<a")
    + r"(?:\s*(?:-|–|—|to|bis)\s*"
    + _AMOUNT.replace("?P<P", "?P<b")
    + ")?",
    re.IGNORECASE,
)
_PERIODS = (
    ("hour", r"/\s?h(?:ou)?r\b|\bper\s+hour\b|\bhourly\b|\ban\s+hour\b|/\s?h\b"),
    ("day", r"/\s?day\b|\bper\s+day\b|\bdaily\b|\ba\s+day\b"),
    ("week", r"/\s?w(?:ee)?k\b|\bper\s+week\b|\bweekly\b"),
    ("month", r"/\s?mo(?:nth)?\b|\bper\s+month\b|\bmonthly\b|\ba\s+month\b"),
    (
        "year",
        r"/\s?y(?:ea)?r\b|\bper\s+(?:year|annum)\b|\bannual(?:ly)?\b|\byearly\b|\bp\.?a\.?(?!\w)"
        r"|\ba\s+year\b|\b1 year\b",
    ),
)


def parse_salary(text: str | None) -> Salary | None:
    """The first pay range stated in ``text``, or None when there is none with a currency.

    >>> parse_salary("$150k - $180k + equity")
    Salary(min=150000.0, max=180000.0, currency='USD', period='year')
    >>> parse_salary("$60/hr")
    Salary(min=60.0, max=60.0, currency='USD', period='hour')
    """
    if not text:
        return None
    for match in _SALARY.finditer(text[:5000]):
        groups = match.groupdict()
        symbol = groups["acur"] or groups["bcur"] or groups["acode"] or groups["bcode"]
        if symbol is None:
            continue
        currency = _SYMBOLS.get(symbol.casefold(), symbol.upper())
        mult = groups["amult"] or groups["bmult"]
        low = _number(groups["anum"], groups["amult"] or mult)
        high = _number(groups["bnum"], groups["bmult"] or mult) if groups["bnum"] else low
        if low is None or high is None or low <= 0:
            continue
        low, high = min(low, high), max(low, high)
        tail = text[match.start() : match.end() + 30]
        period = _period(tail) or _guess_period(low, high)
        return Salary(low, high, currency, period)
    return None


def format_salary(salary: Salary) -> str:
    """A text that :func:`parse_salary` reads back into ``salary``."""
    period = f" per {salary.period}" if salary.period else ""
    low, high = _plain(salary.min), _plain(salary.max)
    return f"{salary.currency} {low} - {high}{period}"


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _number(text: str | None, mult: str | None) -> float | None:
    if not text:
        return None
    digits = re.sub(r"[\u00a0 '’]", "", text)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        digits = re.sub(r"[.,]", "", digits)
    else:
        digits = digits.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    if mult:
        value *= 1000 if mult in "kK" else 1_000_000
    return value if value < 1e12 else None


def _period(text: str) -> str | None:
    for period, pattern in _PERIODS:
        if re.search(pattern, text, re.IGNORECASE):
            return period
    return None


def _guess_period(low: float, high: float) -> str | None:
    if low >= 10_000:
        return "year"
    if high < 500:
        return "hour"
    return None


_EMPLOYMENT = {
    "full_time": "fulltime full permanent fte regular fulltimeemployee fulltimepermanent",
    "part_time": "parttime",
    "contract": "contract contractor contracttohire freelance freelancer consultant contractual",
    "temporary": "temporary temp seasonal fixedterm",
    "internship": "intern internship workingstudent coop apprentice apprenticeship trainee",
    "other": "other perdiem volunteer",
}
_EMPLOYMENT_KEYS = {word: kind for kind, words in _EMPLOYMENT.items() for word in words.split()}
_EMPLOYMENT_WORDS = re.compile(
    r"\b(?:full[- _]?time|part[- _]?time|permanent|contract(?:or)?|freelance(?:r)?"
    r"|temporary|seasonal|fixed[- ]term|intern(?:ship)?|working student|co-?op|per diem)\b",
    re.IGNORECASE,
)


def employment_type(text: str | None) -> str | None:
    """``full_time``, ``part_time``, ``contract``, ``temporary``, ``internship``, ``other``.

    >>> employment_type("FULL_TIME"), employment_type("Contract to hire")
    ('full_time', 'contract')
    """
    if not text:
        return None
    whole = re.sub(r"[^a-z]", "", text.casefold())
    if whole in _EMPLOYMENT_KEYS:
        return _EMPLOYMENT_KEYS[whole]
    found = _EMPLOYMENT_WORDS.search(text)
    if found is None:
        return None
    return _EMPLOYMENT_KEYS.get(re.sub(r"[^a-z]", "", found.group(0).casefold()))


_TRACKING = frozenset(
    {"gh_src", "lever-source", "lever-origin", "ref", "source", "src", "fbclid", "gclid"}
    | {"mc_cid", "mc_eid", "trk", "trackingid", "refid", "_hsenc", "_hsmi", "igshid"}
)


def canonical_url(url: str | None) -> str | None:
    """The URL with lower-case scheme and host, no fragment, no tracking parameters.

    Meaningful parameters stay, sorted; a trailing slash on the path goes. None when the
    text is not an http(s) URL.

    >>> canonical_url("HTTPS://Jobs.Example.com/a/?utm_source=x&gh_jid=7#apply")
    'https://jobs.example.com/a?gh_jid=7'
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if scheme not in ("http", "https") or not host or any(c.isspace() for c in host):
        return None
    default = {"http": 80, "https": 443}[scheme]
    netloc = host if port in (None, default) else f"{host}:{port}"
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.casefold().startswith("utm_") and k.casefold() not in _TRACKING
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))
