"""Build nlp/taxonomy/skills.jsonl from the curated file and the public sources.

Developers run this by hand after editing ``nlp/taxonomy/curated.jsonl`` or
``scripts/taxonomy_review.toml``; the package only reads the file it writes.

    python scripts/build_taxonomy.py [--sources /work/shared/data/taxonomy-sources]

Steps, each deterministic:

1. curated skills, with their ``esco_label`` / ``onet_name`` links checked against the sources;
2. ESCO concepts listed in the review file, as skills of their own;
3. O*NET Hot Technology and In Demand names from tech commodity classes: linked to a skill
   that already has that name, otherwise added after vendor prefixes are cleaned off;
4. any skill still without a link gets one where an ESCO label or O*NET name is one of its
   surface forms and no other skill claims it.

It stops with a message if two skills share an id or a surface form.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.errors import TaxonomyError  # noqa: E402
from nlp.skills import Skill, check_aliases, normalize_alias, skill_from_record  # noqa: E402

DEFAULT_SOURCES = Path("/work/shared/data/taxonomy-sources")
CURATED = ROOT / "nlp" / "taxonomy" / "curated.jsonl"
REVIEW = ROOT / "scripts" / "taxonomy_review.toml"
OUTPUT = ROOT / "nlp" / "taxonomy" / "skills.jsonl"

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
            "Eclipse ",
            "ESRI ",
            "Google ",
            "IBM ",
            "Microsoft ",
            "Oracle ",
            "Red Hat ",
            "SAP ",
            "StataCorp ",
            "Tenable ",
            "The MathWorks ",
            "MathWorks ",
            "Unity Technologies ",
            "Unreal Technology ",
            "National Instruments ",
        ),
        key=len,
        reverse=True,
    )
)
# Lowercase forms that are ordinary words (or other common acronyms): a source name that
# cleans down to one of these keeps its vendor prefix, or is matched only as written.
AMBIGUOUS_WORDS = frozenset(
    {
        "access",
        "analytics",
        "ads",
        "asp",
        "bamboo",
        "bootstrap",
        "canva",
        "chef",
        "cloud",
        "dash",
        "docs",
        "drive",
        "dynamics",
        "excel",
        "forms",
        "go",
        "hive",
        "jersey",
        "make",
        "meet",
        "office",
        "outlook",
        "postman",
        "project",
        "puppet",
        "python",
        "r",
        "rage",
        "react",
        "ruby",
        "salt",
        "scratch",
        "selenium",
        "sheets",
        "slack",
        "source",
        "spark",
        "swift",
        "teams",
        "unity",
        "windows",
        "word",
        "zoom",
    }
)
_QUALIFIER = re.compile(r"\s*\([^)]*\)$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+$")


@dataclass(eq=False)
class Entry:
    record: dict[str, Any]
    origin: str
    forms: set[str] = field(default_factory=set)

    def refresh_forms(self) -> None:
        skill = skill_from_record(self.record, Path(self.origin), 0)
        self.forms = set(skill.aliases) | set(skill.exact_aliases)


@dataclass(frozen=True)
class OnetName:
    name: str
    commodities: tuple[str, ...]  # most frequent first
    hot_or_in_demand: bool


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        skills = build(args.sources)
    except TaxonomyError as exc:
        print(f"build_taxonomy: {exc}", file=sys.stderr)
        return 1
    lines = [json.dumps(s.to_json(), ensure_ascii=False) for s in skills]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summarise(skills, args.output)
    return 0


def build(sources: Path) -> list[Skill]:
    """All skills, sorted by id and checked; raises TaxonomyError on any conflict."""
    review = tomllib.loads(REVIEW.read_text(encoding="utf-8"))
    esco = read_esco(sources / "esco" / "digitalSkillsCollection_en.csv")
    onet = read_onet(sources / "onet-29.2" / "technology_skills.tsv")

    entries = [Entry(rec, f"{CURATED}:{n}") for n, rec in read_jsonl(CURATED)]
    for entry in entries:
        link_explicit(entry, esco, onet)
    entries += esco_picks(review["esco"], esco)
    for entry in entries:
        entry.refresh_forms()
    add_onet(entries, onet, review["onet"])
    link_remaining(entries, esco, onet)

    skills = [
        skill_from_record(e.record, Path(e.origin), 0)
        for e in sorted(entries, key=lambda e: e.record["id"])
    ]
    seen: dict[str, str] = {}
    for entry in entries:
        other = seen.setdefault(entry.record["id"], entry.origin)
        if other != entry.origin:
            raise TaxonomyError(f"id {entry.record['id']!r} from {entry.origin} and {other}")
    check_aliases(skills)
    return skills


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            out.append((n, json.loads(line)))
    return out


def read_esco(path: Path) -> dict[str, str]:
    """ESCO preferredLabel -> conceptUri."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["preferredLabel"].strip(): row["conceptUri"] for row in csv.DictReader(fh)}


def read_onet(path: Path) -> dict[str, OnetName]:
    commodities: dict[str, Counter[str]] = defaultdict(Counter)
    flagged: set[str] = set()
    # The file mixes CRLF and CR line ends; universal newlines handle both.
    with path.open(encoding="utf-8", newline=None) as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            name = row["Example"].strip()
            commodities[name][row["Commodity Title"].strip()] += 1
            if "Y" in (row["Hot Technology"].strip(), row["In Demand"].strip()):
                flagged.add(name)
    return {
        name: OnetName(
            name, tuple(c for c, _ in sorted(counts.items(), key=_by_count)), name in flagged
        )
        for name, counts in commodities.items()
    }


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def link_explicit(entry: Entry, esco: dict[str, str], onet: dict[str, OnetName]) -> None:
    rec = entry.record
    label = rec.pop("esco_label", None)
    if label is not None:
        if label not in esco:
            raise TaxonomyError(f"{entry.origin}: ESCO has no concept labelled {label!r}")
        rec["esco_uri"] = esco[label]
    if rec.get("onet_name") is not None and rec["onet_name"] not in onet:
        raise TaxonomyError(f"{entry.origin}: O*NET has no name {rec['onet_name']!r}")


def esco_picks(picks: dict[str, dict[str, Any]], esco: dict[str, str]) -> list[Entry]:
    out = []
    for label in sorted(picks):
        if label not in esco:
            raise TaxonomyError(f"{REVIEW}: ESCO has no concept labelled {label!r}")
        pick = dict(picks[label])
        record = {
            "id": pick.pop("id"),
            "name": pick.pop("name", _QUALIFIER.sub("", label)),
            "category": pick.pop("category"),
            "cluster": pick.pop("cluster", None),
            "aliases": pick.pop("aliases", []),
            "exact_aliases": pick.pop("exact_aliases", []),
            "esco_uri": esco[label],
            "onet_name": None,
        }
        if pick:
            raise TaxonomyError(f"{REVIEW}: unknown keys {sorted(pick)} for {label!r}")
        out.append(Entry(record, f"{REVIEW} [esco] {label!r}"))
    return out


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
    if len(words) >= 3 and _ACRONYM.match(words[-1]):
        return " ".join(words[:-1]), words[-1], base
    return base, None, base


def add_onet(entries: list[Entry], onet: dict[str, OnetName], review: dict[str, Any]) -> None:
    commodity_category: dict[str, str] = review["commodities"]
    excluded = set(review["exclude"])
    renames: dict[str, dict[str, Any]] = review["rename"]
    for name in sorted(set(excluded) | set(renames)):
        if name not in onet:
            raise TaxonomyError(f"{REVIEW}: O*NET has no name {name!r}")
    by_form = _form_index(entries)
    linked = {e.record.get("onet_name") for e in entries}
    for item in sorted(onet.values(), key=lambda o: o.name):
        tech = [c for c in item.commodities if c in commodity_category]
        if not item.hot_or_in_demand or not tech or item.name in excluded | linked:
            continue
        cleaned, acronym, bare = onet_forms(item.name)
        rename = renames.get(item.name, {})
        cleaned = rename.get("name", cleaned)
        raw = {f for f in (item.name, bare, cleaned, acronym) if f}
        forms = raw | {normalize_alias(f) for f in raw}
        owners = {by_form[f] for f in forms if f in by_form}
        if owners:
            owner = min(owners, key=lambda e: e.record["id"])
            if owner.record.get("onet_name") is None:
                owner.record["onet_name"] = item.name
            continue
        if _is_generic(cleaned):
            continue
        entry = Entry(_onet_record(item, cleaned, acronym, rename, commodity_category[tech[0]]), "")
        entry.origin = f"O*NET {item.name!r}"
        entry.refresh_forms()
        entries.append(entry)
        by_form.update(dict.fromkeys(entry.forms, entry))


def _onet_record(
    item: OnetName, cleaned: str, acronym: str | None, rename: dict[str, Any], category: str
) -> dict[str, Any]:
    exact: list[str] = list(rename.get("exact_aliases", []))
    aliases: list[str] = [item.name, *rename.get("aliases", [])]
    name = cleaned
    if acronym is not None and "name" not in rename:
        # "Extensible markup language XML" is known by its acronym.
        name = acronym
        aliases.append(cleaned)
    elif acronym is not None:
        aliases.append(acronym)
    if name.lower() in AMBIGUOUS_WORDS:
        # "Oracle Cloud" keeps its vendor; a bare word is left to the curated file.
        name = item.name.removesuffix(" software")
    if name.lower() in AMBIGUOUS_WORDS:
        exact.append(name)
    aliases = [a for a in aliases if normalize_alias(a) not in AMBIGUOUS_WORDS]
    category = rename.get("category", category)
    return {
        "id": rename.get("id", slugify(name)),
        "name": name,
        "category": category,
        "cluster": rename.get("cluster", "cloud" if category == "cloud" else None),
        "aliases": aliases,
        "exact_aliases": exact,
        "esco_uri": None,
        "onet_name": item.name,
    }


def _is_generic(name: str) -> bool:
    """True for category names such as "Statistical software" rather than products."""
    words = name.split()
    if words[-1].lower() not in {"software", "system", "systems"}:
        return False
    return all(w.islower() or _ACRONYM.match(w) for w in words[1:])


def link_remaining(entries: list[Entry], esco: dict[str, str], onet: dict[str, OnetName]) -> None:
    for entry in entries:
        entry.refresh_forms()
    used_uris = {e.record.get("esco_uri") for e in entries} - {None}
    used_onet = {e.record.get("onet_name") for e in entries} - {None}
    by_form = _form_index(entries)
    for label, uri in sorted(esco.items()):
        owner = by_form.get(label) or by_form.get(normalize_alias(label))
        if owner is not None and uri not in used_uris and owner.record.get("esco_uri") is None:
            owner.record["esco_uri"] = uri
            used_uris.add(uri)
    for name in sorted(onet):
        owner = by_form.get(name) or by_form.get(normalize_alias(name))
        if owner is not None and name not in used_onet and owner.record.get("onet_name") is None:
            owner.record["onet_name"] = name
            used_onet.add(name)


def _form_index(entries: list[Entry]) -> dict[str, Entry]:
    index: dict[str, Entry] = {}
    for entry in entries:
        for form in entry.forms:
            index.setdefault(form, entry)
    return index


def slugify(name: str) -> str:
    """Skill id for a name: "SQL Server Reporting Services" -> "sql_server_reporting_services"."""
    text = name.lower().replace("+", "p").replace("#", "sharp").replace("&", "and")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def summarise(skills: list[Skill], output: Path) -> None:
    by_category: dict[str, int] = defaultdict(int)
    by_cluster: dict[str, int] = defaultdict(int)
    for skill in skills:
        by_category[skill.category] += 1
        by_cluster[skill.cluster or "-"] += 1
    print(f"wrote {len(skills)} skills to {output}")
    print("by category:", dict(sorted(by_category.items())))
    print("by cluster:", dict(sorted(by_cluster.items())))
    print("with esco_uri:", sum(s.esco_uri is not None for s in skills))
    print("with onet_name:", sum(s.onet_name is not None for s in skills))


if __name__ == "__main__":
    raise SystemExit(main())
