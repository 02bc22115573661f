"""O*NET Technology Skills for the taxonomy build: reading, selecting and cleaning names.

Used by ``scripts/build_taxonomy.py``; nothing here knows about the other inputs.

A name is a candidate when it belongs to one of the commodity classes listed in the review
file and is either flagged Hot Technology / In Demand or listed for a computer and
mathematical occupation (O*NET-SOC 15-*), or when the review file names it under
``include``. Candidates in ``exclude``, and names that describe a kind of software rather
than a product ("Packet analysis software"), are dropped.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Longest first, so "Amazon Web Services AWS " wins over "Amazon ".
VENDOR_PREFIXES = tuple(
    sorted(
        (
            "Adobe ",
            "Amazon ",
            "Amazon Web Services ",
            "Amazon Web Services AWS ",
            "Apache ",
            "Apple ",
            "Atlassian ",
            "Autodesk ",
            "Borland ",
            "Dassault Systemes ",
            "Eclipse ",
            "Embarcadero ",
            "Embarcadero Technologies ",
            "ESRI ",
            "Esri ",
            "Google ",
            "HashiCorp ",
            "Hewlett Packard HP ",
            "Hewlett-Packard HP ",
            "IBM ",
            "JetBrains ",
            "Maplesoft ",
            "MathWorks ",
            "Microsoft ",
            "National Instruments ",
            "Oracle ",
            "Qlik Tech ",
            "Red Hat ",
            "SAP ",
            "SmartBear Software ",
            "StataCorp ",
            "Sun Microsystems ",
            "Systat Software ",
            "Tenable ",
            "The MathWorks ",
            "Unity Technologies ",
            "Unreal Technology ",
            "Wolfram Research ",
        ),
        key=len,
        reverse=True,
    )
)
COMPUTING_OCCUPATIONS = "15-"  # computer and mathematical occupations
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+$")
_SUFFIX = re.compile(r"\s+(?:software|systems?)$")


@dataclass(frozen=True)
class OnetName:
    name: str
    commodities: tuple[str, ...]  # most frequent first
    hot_or_in_demand: bool
    computing: bool  # listed for a computer or mathematical occupation


def read_onet(path: Path, skipped_occupations: frozenset[str] = frozenset()) -> dict[str, OnetName]:
    """Every distinct O*NET technology name with its classes and flags.

    Occupations in ``skipped_occupations`` (health informatics, actuaries, ...) do not make a
    name count as computing: their tools are mostly niche industry software.
    """
    commodities: dict[str, Counter[str]] = defaultdict(Counter)
    flagged: set[str] = set()
    computing: set[str] = set()
    # The file mixes CRLF and CR line ends; universal newlines handle both.
    with path.open(encoding="utf-8", newline=None) as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            name = row["Example"].strip()
            commodities[name][row["Commodity Title"].strip()] += 1
            if "Y" in (row["Hot Technology"].strip(), row["In Demand"].strip()):
                flagged.add(name)
            code = row["O*NET-SOC Code"].strip()
            if code.startswith(COMPUTING_OCCUPATIONS) and code not in skipped_occupations:
                computing.add(name)
    return {
        name: OnetName(
            name,
            tuple(c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            name in flagged,
            name in computing,
        )
        for name, counts in commodities.items()
    }


def onet_forms(name: str) -> tuple[str, str | None, str]:
    """(cleaned name, acronym or None, name without vendor) for an O*NET example name.

    >>> onet_forms("Microsoft SQL Server Reporting Services SSRS")
    ('SQL Server Reporting Services', 'SSRS', 'SQL Server Reporting Services SSRS')
    """
    base = re.sub(r"\s+software$", "", name)
    for prefix in VENDOR_PREFIXES:
        if base.startswith(prefix) and len(base) > len(prefix):
            base = base[len(prefix) :]
            break
    words = base.split()
    if len(words) >= 3 and _ACRONYM.match(words[-1]) and _abbreviates(words[-1], words[:-1]):
        return " ".join(words[:-1]), words[-1], base
    return base, None, base


def _abbreviates(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` can stand for ``words``: its letters appear in them in order,
    the first one starting a word ("XML" for "Extensible markup language", not "GAUSS" for
    "Aptech Systems")."""
    text = "".join(words).lower()
    letters = acronym.lower()
    if not any(w.lower().startswith(letters[0]) for w in words):
        return False
    position = 0
    for letter in letters:
        position = text.find(letter, position) + 1
        if position == 0:
            return False
    return True


def is_generic(name: str) -> bool:
    """True for names of a kind of software ("Packet analysis software") rather than a product.

    >>> is_generic("Network monitoring software"), is_generic("Apache Kafka")
    (True, False)
    """
    words = _SUFFIX.sub("", name).split()
    if len(words) < 2 or _ACRONYM.match(words[-1]):
        return False
    return all(w.islower() for w in words[1:]) and not any(c.isdigit() for c in name)


def candidates(onet: dict[str, OnetName], review: dict[str, Any]) -> Iterator[tuple[OnetName, str]]:
    """Selected names with the category their class gives; flagged names first, then by name."""
    classes: dict[str, str] = review["commodities"]
    hot_only = set(review["hot_only"])
    included = set(review.get("include", []))
    excluded = set(review["exclude"])
    renamed = set(review["rename"])
    for item in sorted(onet.values(), key=lambda o: (not o.hot_or_in_demand, o.name)):
        tech = [c for c in item.commodities if c in classes]
        wide = [c for c in tech if c not in hot_only]
        chosen = (
            item.name in included
            or (bool(tech) and item.hot_or_in_demand)
            or (bool(wide) and item.computing)
        )
        if not chosen or item.name in excluded:
            continue
        if item.name not in renamed | included and is_generic(item.name):
            continue
        category = classes[tech[0]] if tech else review["include_category"]
        yield item, category


def onet_record(
    item: OnetName, rename: dict[str, Any], category: str, ambiguous_words: frozenset[str]
) -> dict[str, Any]:
    """A taxonomy record for a selected name; the build later gives it a stable id.

    Flagged names with a trailing acronym are named by it ("XML"), as in taxonomy 1.0; other
    names keep their long form and take a short acronym only as written, since a few capital
    letters often stand for something else in prose (BIND, SAN).
    """
    cleaned, acronym, bare = onet_forms(item.name)
    exact: list[str] = list(rename.get("exact_aliases", []))
    aliases: list[str] = [item.name, bare, *rename.get("aliases", [])]
    name = rename.get("name", cleaned)
    if acronym is not None:
        if "name" not in rename and item.hot_or_in_demand:
            name, acronym = acronym, cleaned
        if acronym.isalpha() and acronym.isupper() and len(acronym) <= 4:
            exact.append(acronym)
        else:
            aliases.append(acronym)
    if name.lower() in ambiguous_words:
        # "Oracle Cloud" keeps its vendor; a bare word is left to the curated file.
        name = item.name.removesuffix(" software")
    if name.lower() in ambiguous_words:
        exact.append(name)
    case_sensitive = {a.lower() for a in exact} | ambiguous_words
    aliases = [a for a in aliases if " ".join(a.split()).lower() not in case_sensitive]
    category = rename.get("category", category)
    return {
        "id": rename.get("id"),
        "name": name,
        "category": category,
        "cluster": rename.get("cluster", "cloud" if category == "cloud" else None),
        "aliases": aliases,
        "exact_aliases": exact,
        "esco_uri": None,
        "onet_name": item.name,
    }
