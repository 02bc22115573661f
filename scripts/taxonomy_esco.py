"""ESCO for the taxonomy build: labels to URIs, and the concepts the review file takes.

Used by ``scripts/build_taxonomy.py``. Two exports are read: the digital skills collection
(current ESCO, with altLabels) and the ESCO 1.1.1 label table, which also covers languages,
fields of study and business domains. Only preferred labels are used to find concepts;
ESCO's altLabels are never imported (they are too loose for matching text).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from extract.errors import TaxonomyError

URI_PREFIX = "http://data.europa.eu/esco/skill/"
_QUALIFIER = re.compile(r"\s*\([^)]*\)$")


def read_esco(sources: Path) -> dict[str, str]:
    """ESCO preferredLabel -> concept URI; the digital collection wins over ESCO 1.1.1."""
    labels: dict[str, str] = {}
    all_labels = sources / "esco-1.1.1-all-labels" / "esco_v_1_1_1_data_formatted.csv"
    with all_labels.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["type"] == "preferredLabel":
                labels.setdefault(row["description"].strip(), URI_PREFIX + row["id"].strip())
    digital = sources / "esco" / "digitalSkillsCollection_en.csv"
    with digital.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            labels[row["preferredLabel"].strip()] = row["conceptUri"].strip()
    return labels


def plain_name(label: str) -> str:
    """An ESCO label without its trailing qualifier: "Ruby (computer programming)" -> "Ruby"."""
    return _QUALIFIER.sub("", label).strip()


def reviewed_picks(
    picks: dict[str, dict[str, Any]], esco: dict[str, str], origin: str
) -> list[tuple[dict[str, Any], str]]:
    """Records for the concepts of ``[esco]``: each one a skill of its own, as in taxonomy 1.0."""
    out = []
    for label in sorted(picks):
        if label not in esco:
            raise TaxonomyError(f"{origin}: ESCO has no concept labelled {label!r}")
        pick = dict(picks[label])
        record = {
            "id": pick.pop("id"),
            "name": pick.pop("name", plain_name(label)),
            "category": pick.pop("category"),
            "cluster": pick.pop("cluster", None),
            "aliases": pick.pop("aliases", []),
            "exact_aliases": pick.pop("exact_aliases", []),
            "esco_uri": esco[label],
            "onet_name": None,
        }
        if pick:
            raise TaxonomyError(f"{origin}: unknown keys {sorted(pick)} for {label!r}")
        out.append((record, f"{origin} [esco] {label!r}"))
    return out


def listed_picks(
    take: dict[str, list[str]], esco: dict[str, str], origin: str
) -> list[tuple[dict[str, Any], str]]:
    """Records for ``[esco_take]``: category -> ESCO labels taken with their plain name.

    The build links each one to an existing skill with the same name instead when there is
    one, so these never duplicate a curated skill.
    """
    out = []
    for category in sorted(take):
        for label in sorted(take[category]):
            if label not in esco:
                raise TaxonomyError(f"{origin}: ESCO has no concept labelled {label!r}")
            record: dict[str, Any] = {
                "id": None,
                "name": plain_name(label),
                "category": category,
                "cluster": None,
                "aliases": [],
                "exact_aliases": [],
                "esco_uri": esco[label],
                "onet_name": None,
            }
            out.append((record, f"{origin} [esco_take] {label!r}"))
    return out
