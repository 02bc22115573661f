"""A small shipped gazetteer: countries, US states, Canadian provinces and tech cities.

The data lives in ``extract/bundled/gazetteer/*.csv`` (written for skillgap; country codes
are ISO 3166-1 alpha-2). It is read on first use, not at import.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DIR = Path(__file__).parent / "bundled" / "gazetteer"


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    code: str
    country: str


@dataclass(frozen=True, slots=True)
class City:
    name: str
    region: str | None
    country: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lookup tables keyed by casefolded name; codes are upper case."""

    countries: dict[str, str]  # name or alias -> ISO2
    country_names: dict[str, str]  # ISO2 -> English short name
    regions: dict[str, Region]  # full name -> region
    region_codes: dict[str, Region]  # "CA" -> California (US first, then Canada)
    cities: dict[str, City]  # name or alias -> city


def key(text: str) -> str:
    """The lookup form of a place name."""
    return " ".join(text.casefold().replace(".", " ").split())


@cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once."""
    countries: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in _rows("countries.csv"):
        code = row["iso2"]
        names[code] = row["name"]
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            countries[key(alias)] = code
    regions: dict[str, Region] = {}
    codes: dict[str, Region] = {}
    for row in _rows("regions.csv"):
        region = Region(row["name"], row["code"], row["country"])
        regions[key(region.name)] = region
        codes.setdefault(region.code, region)
    cities: dict[str, City] = {}
    for row in _rows("cities.csv"):
        region_code = row["region"] or None
        full = codes.get(region_code) if region_code else None
        if full is not None and full.country != row["country"]:
            full = None
        city = City(row["city"], full.name if full else region_code, row["country"])
        for alias in [row["city"], *filter(None, row["aliases"].split("|"))]:
            cities.setdefault(key(alias), city)
    return Gazetteer(countries, names, regions, codes, cities)


def province(code: str, country: str) -> Region | None:
    """The US state or Canadian province with this two-letter code in ``country``."""
    for region in gazetteer().regions.values():
        if region.code == code and region.country == country:
            return region
    return None


def _rows(name: str) -> list[dict[str, str]]:
    with (_DIR / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))
