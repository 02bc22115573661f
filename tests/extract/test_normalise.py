from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.gazetteer import gazetteer
from extract.normalise import (
    Place,
    Salary,
    canonical_url,
    employment_type,
    format_place,
    format_salary,
    parse_location,
    parse_salary,
    remote_flag,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("San Francisco, CA", Place("San Francisco", "California", "US")),
        ("Remote (US)", Place(None, None, "US", True)),
        ("Berlin, Deutschland", Place("Berlin", None, "DE")),
        ("Berlin, DE", Place("Berlin", None, "DE")),
        ("London, UK", Place("London", None, "GB")),
        ("London, Ontario, Canada", Place("London", "Ontario", "CA")),
        ("Lehi, UT", Place("Lehi", "Utah", "US")),
        ("Atlanta, Georgia", Place("Atlanta", "Georgia", "US")),
        ("Georgia", Place(None, None, "GE")),
        ("Hybrid - Austin, TX", Place("Austin", "Texas", "US", False)),
        ("NYC or Remote", Place("New York", "New York", "US", True)),
        ("München", Place("Munich", None, "DE")),
        ("Remote - Europe", Place(remote=True)),
        ("", Place()),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_parse_location(text: str, expected: Place) -> None:
    assert parse_location(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$150k - $180k", Salary(150000, 180000, "USD", "year")),
        ("€90k–€120k", Salary(90000, 120000, "EUR", "year")),
        ("120,000 USD per year", Salary(120000, 120000, "USD", "year")),
        ("$60/hr", Salary(60, 60, "USD", "hour")),
        ("£50,000 - £70,000 pa", Salary(50000, 70000, "GBP", "year")),
        ("90.000 € - 110.000 €", Salary(90000, 110000, "EUR", "year")),
        ("CHF 120'000", Salary(120000, 120000, "CHF", "year")),
        ("$5,000 per month", Salary(5000, 5000, "USD", "month")),
        ("C$95k", Salary(95000, 95000, "CAD", "year")),
        ("5+ years of Python", None),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_parse_salary(text: str, expected: Salary | None) -> None:
    assert parse_salary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FullTime", "full_time"),
        ("FULL_TIME", "full_time"),
        ("Full-time", "full_time"),
        ("Permanent", "full_time"),
        ("part time", "part_time"),
        ("Contract to hire", "contract"),
        ("INTERN", "internship"),
        ("PER_DIEM", "other"),
        ("Seasonal", "temporary"),
        ("Engineering", None),
    ],
)
def test_employment_type(text: str, expected: str | None) -> None:
    assert employment_type(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://Jobs.Example.COM:443/a/?utm_source=x&gh_jid=7&gh_src=y#apply",
            "https://jobs.example.com/a?gh_jid=7",
        ),
        ("https://jobs.lever.co/acme/1?lever-source=LinkedIn", "https://jobs.lever.co/acme/1"),
        ("http://x.test:8080/?ref=hn&source=a&id=2", "http://x.test:8080?id=2"),
        ("mailto:jobs@example.com", None),
        ("not a url", None),
    ],
)
def test_canonical_url(url: str, expected: str | None) -> None:
    assert canonical_url(url) == expected


def test_remote_flag() -> None:
    assert remote_flag(None, "Berlin", "remote-first") is True
    assert remote_flag("Onsite in Paris") is False
    assert remote_flag("Paris") is None


@given(st.text(max_size=300))
def test_normalisers_never_crash(text: str) -> None:
    parse_location(text)
    employment_type(text)
    canonical_url(text)
    found = parse_salary(text)
    if found is not None:
        assert 0 < found.min <= found.max


@given(st.text(max_size=200))
def test_employment_type_is_idempotent(text: str) -> None:
    kind = employment_type(text)
    if kind is not None:
        assert employment_type(kind) == kind


_URL_PART = st.text(alphabet="abcxyz0123-_~.", min_size=1, max_size=8)


@given(
    st.sampled_from(["http", "https", "HTTPS"]),
    st.lists(_URL_PART, min_size=1, max_size=3),
    st.lists(_URL_PART, max_size=3),
    st.lists(st.tuples(st.sampled_from(["id", "utm_medium", "gh_src", "q", "ref"]), _URL_PART)),
    st.text(max_size=5),
)
def test_canonical_url_is_idempotent(
    scheme: str, host: list[str], path: list[str], query: list[tuple[str, str]], fragment: str
) -> None:
    url = f"{scheme}://{'.'.join(host)}.Example.com/{'/'.join(path)}"
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query)
    url += f"#{fragment}"
    once = canonical_url(url)
    assert once is not None
    assert canonical_url(once) == once
    assert "utm_" not in once and "gh_src" not in once and "#" not in once


@given(
    st.floats(min_value=1, max_value=5e6, allow_nan=False).map(lambda f: float(round(f))),
    st.floats(min_value=0, max_value=5e6, allow_nan=False).map(lambda f: float(round(f))),
    st.sampled_from(["USD", "EUR", "GBP", "CHF", "INR"]),
    st.sampled_from(["year", "month", "week", "day", "hour"]),
)
def test_salary_round_trip(low: float, extra: float, currency: str, period: str) -> None:
    salary = Salary(low, low + extra, currency, period)
    assert parse_salary(format_salary(salary)) == salary


# City-states ("Singapore") read as the city, which is right but not a round trip.
_COUNTRIES = sorted(
    (code, name)
    for code, name in gazetteer().country_names.items()
    if name.casefold() not in gazetteer().cities
)


@given(st.sampled_from(_COUNTRIES), st.booleans())
def test_every_country_name_round_trips(country: tuple[str, str], remote: bool) -> None:
    code, _name = country
    place = Place(None, None, code, True if remote else None)
    assert parse_location(format_place(place)) == place


@given(
    st.sampled_from(sorted({(c.name, c.region, c.country) for c in gazetteer().cities.values()}))
)
def test_every_city_round_trips(city: tuple[str, str | None, str]) -> None:
    place = Place(*city)
    assert parse_location(format_place(place)) == place
