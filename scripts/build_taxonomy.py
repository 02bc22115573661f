"""Build nlp/taxonomy/skills.jsonl from the hand-written files and the public sources.

Developers run this by hand after editing ``nlp/taxonomy/curated.jsonl``,
``nlp/taxonomy/bulk.jsonl``, ``nlp/taxonomy/profiles.toml`` or
``scripts/taxonomy_review.toml``; the package only reads the file it writes.

    python scripts/build_taxonomy.py [--sources /work/shared/data/taxonomy-sources]

Steps, each deterministic; earlier inputs win over later ones:

1. curated skills, then bulk skills (a bulk line whose id or surface form the curated file
   already has gives way), with their ``esco_label`` / ``onet_name`` links checked;
2. ESCO concepts from the review file: ``[esco]`` as skills of their own, ``[esco_take]``
   linked to a skill of the same name or added;
3. O*NET names selected by ``scripts/taxonomy_onet.py``: linked to a skill that already has
   one of their forms, otherwise added with vendor prefixes cleaned off;
4. any skill still without a link gets one where an ESCO label or O*NET name is one of its
   surface forms and no other skill claims it;
5. clusters from the AI/ML technician profile, the ``generic`` / ``ambiguous`` flags, and
   spelling variants (hyphen, space, ".js", slash and plural forms) that no other skill uses.

Ids are stable: a generated skill keeps the id it had in the previous ``skills.jsonl`` (found
by its O*NET name or ESCO URI), and the build stops if an id shipped before would vanish. It
also stops if two skills share an id or a surface form, if a case-insensitive alias is a
common function word, or if a category is unknown.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from taxonomy_esco import listed_picks, read_esco, reviewed_picks  # noqa: E402
from taxonomy_onet import candidates, onet_forms, onet_record, read_onet  # noqa: E402

from extract.errors import TaxonomyError  # noqa: E402
from nlp.roles import check_profile, load_profile  # noqa: E402
from nlp.skills import (  # noqa: E402
    CATEGORIES,
    Skill,
    Taxonomy,
    check_aliases,
    normalize_alias,
    skill_from_record,
)

DEFAULT_SOURCES = Path("/work/shared/data/taxonomy-sources")
DATA = ROOT / "nlp" / "taxonomy"
CURATED = DATA / "curated.jsonl"
BULK = DATA / "bulk.jsonl"
PROFILES = DATA / "profiles.toml"
REVIEW = ROOT / "scripts" / "taxonomy_review.toml"
OUTPUT = DATA / "skills.jsonl"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words and single letters: never a case-insensitive alias (exact "R", "Go" are fine).
STOP_WORDS = _words(
    "a an the it go do does did can could make made will would may might must shall should"
    " at on in is as or and all any one two us we be been being are was were to of for by"
    " with from up so no not if but he she they i you me my our your this that these those"
    " has have had get got set use used new now out off per via more most than then there"
    " here who what when where why how also just key good best well work time only into over"
    " it's its his her them their which while about each other some such very own same both"
) | frozenset("abcdefghijklmnopqrstuvwxyz")
# Lowercase forms that are ordinary words (or common acronyms of other things): a source
# name that cleans down to one of these keeps its vendor prefix, or is matched only as written.
AMBIGUOUS_WORDS = frozenset(
    {
        "access", "ads", "ai", "analytics", "asp", "bamboo", "blink", "bootstrap", "canva",
        "chef", "cloud", "dash", "docs", "drive", "dynamics", "excel", "forms", "go", "hive",
        "jersey", "julia", "make", "meet", "office", "outlook", "postman", "project", "puppet",
        "python", "r", "rage", "react", "ruby", "rust", "salt", "scratch", "selenium", "sheets",
        "slack", "source", "spark", "swift", "teams", "unity", "windows", "word", "workspace",
        "zoom",
    }
)  # fmt: skip
# Last words of names that are countable, so a plural form is natural ("neural networks").
COUNTABLE = _words(
    "agent algorithm api app application architecture assistant chatbot classifier cluster"
    " container contract dashboard database embedding framework graph language lake library"
    " llm microservice model network pattern pipeline platform query report script service"
    " system test transformer tree twin warehouse"
)
TOOL_CATEGORIES = frozenset(
    {
        "programming_language", "ml_framework", "data_tool", "database", "cloud",
        "mlops_devops", "web_framework", "other_tool",
    }
)  # fmt: skip


@dataclass(eq=False)
class Entry:
    record: dict[str, Any]
    origin: str
    forms: set[str] = field(default_factory=set)

    @property
    def skill_id(self) -> str:
        return str(self.record["id"])

    def refresh_forms(self) -> None:
        skill = skill_from_record(self.record, Path(self.origin), 0)
        self.forms = set(skill.aliases) | {a.lower() for a in skill.exact_aliases}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        previous = read_previous(args.output)
        skills = build(args.sources, previous)
        missing = sorted(set(previous) - {s.skill_id for s in skills})
        if missing:
            raise TaxonomyError(f"ids shipped before would vanish: {', '.join(missing)}")
        taxonomy = Taxonomy(version="build", attribution="", skills=tuple(skills))
        check_profile(load_profile(path=PROFILES), taxonomy)
    except TaxonomyError as exc:
        print(f"build_taxonomy: {exc}", file=sys.stderr)
        return 1
    lines = [json.dumps(s.to_json(), ensure_ascii=False) for s in skills]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summarise(skills, args.output)
    return 0


def build(sources: Path, previous: dict[str, dict[str, Any]]) -> list[Skill]:
    """All skills, sorted by id and checked; raises TaxonomyError on any conflict."""
    review = tomllib.loads(REVIEW.read_text(encoding="utf-8"))
    esco = read_esco(sources)
    skipped = frozenset(review["onet"]["skipped_occupations"])
    onet = read_onet(sources / "onet-29.2" / "technology_skills.tsv", skipped)
    common = AMBIGUOUS_WORDS | {w.lower() for w in review["onet"]["common_words"]}
    stable = stable_ids(previous)

    entries = [Entry(rec, f"{CURATED}:{n}") for n, rec in read_jsonl(CURATED)]
    for entry in entries:
        link_explicit(entry, esco, onet)
        entry.refresh_forms()
    add_bulk(entries, esco, onet)
    known = {e.skill_id for e in entries}
    for record, origin in reviewed_picks(review["esco"], esco, str(REVIEW)):
        if record["id"] not in known:
            add_entry(entries, Entry(record, origin))
    for record, origin in listed_picks(review["esco_take"], esco, str(REVIEW)):
        merge_generated(entries, record, origin, stable)
    renames: dict[str, dict[str, Any]] = review["onet"]["rename"]
    for name in sorted(set(review["onet"]["exclude"]) | set(renames)):
        if name not in onet:
            raise TaxonomyError(f"{REVIEW}: O*NET has no name {name!r}")
    linked = {e.record.get("onet_name") for e in entries}
    for item, category in candidates(onet, review["onet"]):
        if item.name in linked:
            continue
        record = onet_record(item, renames.get(item.name, {}), category, common)
        merge_generated(entries, record, f"O*NET {item.name!r}", stable)
    link_remaining(entries, esco, onet)
    apply_profile(entries)
    apply_flags(entries, review["flags"])
    add_variants(entries)
    return checked_skills(entries)


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            out.append((n, json.loads(line)))
    return out


def read_previous(path: Path) -> dict[str, dict[str, Any]]:
    """The skills of the last build, by id (empty when there is none)."""
    if not path.is_file():
        return {}
    return {rec["id"]: rec for _, rec in read_jsonl(path)}


def stable_ids(previous: dict[str, dict[str, Any]]) -> dict[str, str]:
    """O*NET name or ESCO URI -> the id the previous build gave the skill carrying it."""
    out: dict[str, str] = {}
    for skill_id, rec in sorted(previous.items()):
        for key in ("onet_name", "esco_uri"):
            if rec.get(key):
                out.setdefault(rec[key], skill_id)
    return out


def link_explicit(entry: Entry, esco: dict[str, str], onet: dict[str, Any]) -> None:
    rec = entry.record
    label = rec.pop("esco_label", None)
    if label is not None:
        if label not in esco:
            raise TaxonomyError(f"{entry.origin}: ESCO has no concept labelled {label!r}")
        rec["esco_uri"] = esco[label]
    if rec.get("onet_name") is not None and rec["onet_name"] not in onet:
        raise TaxonomyError(f"{entry.origin}: O*NET has no name {rec['onet_name']!r}")


def add_bulk(entries: list[Entry], esco: dict[str, str], onet: dict[str, Any]) -> None:
    """Bulk lines give way to curated ones: a known id is skipped, a claimed alias dropped."""
    known = {e.skill_id for e in entries}
    taken = _form_index(entries)
    for n, rec in read_jsonl(BULK):
        if rec["id"] in known:
            continue
        rec["aliases"] = [a for a in rec.get("aliases", []) if normalize_alias(a) not in taken]
        rec["exact_aliases"] = [a for a in rec.get("exact_aliases", []) if a.lower() not in taken]
        entry = Entry(rec, f"{BULK}:{n}")
        link_explicit(entry, esco, onet)
        entry.refresh_forms()
        if entry.forms & taken.keys():
            continue  # its very name belongs to a curated skill
        add_entry(entries, entry)
        known.add(entry.skill_id)
        taken.update(dict.fromkeys(entry.forms, entry))


def add_entry(entries: list[Entry], entry: Entry) -> None:
    entry.refresh_forms()
    entries.append(entry)


def merge_generated(
    entries: list[Entry], record: dict[str, Any], origin: str, stable: dict[str, str]
) -> None:
    """Link a source record to the skill that has one of its forms, or add it as a skill."""
    link_key = "onet_name" if record["onet_name"] else "esco_uri"
    if any(e.record.get(link_key) == record[link_key] for e in entries):
        return
    raw = {record["name"], *record["aliases"], *record["exact_aliases"]}
    forms = {normalize_alias(f) for f in raw} - STOP_WORDS
    by_form = _form_index(entries)
    owners = {by_form[f] for f in forms if f in by_form}
    if owners:
        owner = min(owners, key=lambda e: e.skill_id)
        if owner.record.get(link_key) is None:
            owner.record[link_key] = record[link_key]
        return
    record["aliases"] = [a for a in record["aliases"] if normalize_alias(a) not in STOP_WORDS]
    record["id"] = record["id"] or stable.get(record[link_key]) or slugify(record["name"])
    ids = {e.skill_id for e in entries}
    if record["id"] in ids:
        return  # another product already answers to this id; a rename in review can fix it
    add_entry(entries, Entry(record, origin))


def link_remaining(entries: list[Entry], esco: dict[str, str], onet: dict[str, Any]) -> None:
    for entry in entries:
        entry.refresh_forms()
    used_uris = {e.record.get("esco_uri") for e in entries} - {None}
    used_onet = {e.record.get("onet_name") for e in entries} - {None}
    by_form = _form_index(entries)
    for label, uri in sorted(esco.items()):
        owner = by_form.get(normalize_alias(label))
        if owner is not None and uri not in used_uris and owner.record.get("esco_uri") is None:
            owner.record["esco_uri"] = uri
            used_uris.add(uri)
    for name in sorted(onet):
        forms = {normalize_alias(f) for f in onet_forms(name) if f}
        owner = next((by_form[f] for f in sorted(forms) if f in by_form), None)
        if owner is not None and name not in used_onet and owner.record.get("onet_name") is None:
            owner.record["onet_name"] = name
            used_onet.add(name)


def apply_profile(entries: list[Entry]) -> None:
    """Give a skill the cluster the profile lists it under, unless it already has another."""
    profile = load_profile(path=PROFILES)
    by_id = {e.skill_id: e for e in entries}
    for group in profile.clusters:
        for skill_id in group.skill_ids:
            entry = by_id.get(skill_id)
            if entry is None:
                raise TaxonomyError(f"{PROFILES}: {group.cluster} lists unknown id {skill_id!r}")
            if entry.record.get("cluster") is None:
                entry.record["cluster"] = group.cluster


def apply_flags(entries: list[Entry], flags: dict[str, list[str]]) -> None:
    """Mark generic and ambiguous skills from the review lists and from their exact aliases."""
    by_id = {e.skill_id: e for e in entries}
    for flag in ("generic", "ambiguous"):
        for skill_id in flags[flag]:
            if skill_id not in by_id:
                raise TaxonomyError(f"{REVIEW}: [flags] {flag} lists unknown id {skill_id!r}")
            by_id[skill_id].record[flag] = True
    for entry in entries:
        exact = {a.lower() for a in entry.record.get("exact_aliases", [])}
        if exact & (AMBIGUOUS_WORDS | STOP_WORDS):
            entry.record["ambiguous"] = True


def add_variants(entries: list[Entry]) -> None:
    """Add spelling variants of each alias that are not already some skill's surface form."""
    for entry in entries:
        entry.refresh_forms()
    taken = _form_index(entries)
    for entry in sorted(entries, key=lambda e: e.skill_id):
        category = entry.record["category"]
        new = set()
        for alias in sorted(entry.forms):
            if alias in {a.lower() for a in entry.record.get("exact_aliases", [])}:
                continue  # a case-sensitive name gets no case-insensitive variants
            new |= variants(alias, category)
        new = {v for v in new if v not in taken and v not in STOP_WORDS and len(v) > 2}
        if new:
            entry.record["aliases"] = [*entry.record.get("aliases", []), *sorted(new)]
            taken.update(dict.fromkeys(new, entry))


def variants(alias: str, category: str) -> set[str]:
    """Other spellings of a lowercase alias.

    >>> sorted(variants("scikit-learn", "ml_framework"))
    ['scikit learn', 'scikitlearn']
    >>> sorted(variants("react.js", "web_framework"))
    ['react js', 'reactjs']
    """
    out: set[str] = set()
    words = alias.split()
    if "-" in alias and re.fullmatch(r"[a-z0-9 -]+", alias):
        out |= {alias.replace("-", " "), alias.replace("-", "")}
    if alias.endswith(".js") and len(words) == 1:
        out |= {alias[:-3] + "js", alias[:-3] + " js"}
    if len(words) == 1 and re.fullmatch(r"[a-z0-9]+/[a-z0-9]+", alias):
        left, right = alias.split("/")
        out |= {f"{left} / {right}", f"{left}-{right}", left + right}
    if 2 <= len(words) <= 3 and all(w.isalnum() for w in words):
        if len(words) == 2 or category in TOOL_CATEGORIES:
            out.add("-".join(words))  # "amazon-web-services", "machine-learning"
        if len(words) == 2 and category in TOOL_CATEGORIES and len(alias) <= 14:
            out.add("".join(words))
    last = words[-1] if words else ""
    if category not in TOOL_CATEGORIES and last.isalpha():
        if last in COUNTABLE:
            out.add(alias + "s")
        elif last.endswith("s") and last[:-1] in COUNTABLE:
            out.add(alias[:-1])
    return {normalize_alias(v) for v in out} - {alias}


def checked_skills(entries: list[Entry]) -> list[Skill]:
    seen: dict[str, str] = {}
    for entry in entries:
        other = seen.setdefault(entry.skill_id, entry.origin)
        if other != entry.origin:
            raise TaxonomyError(f"id {entry.skill_id!r} from {entry.origin} and {other}")
    skills = [
        skill_from_record(e.record, Path(e.origin), 0)
        for e in sorted(entries, key=lambda e: e.skill_id)
    ]
    for skill in skills:
        if skill.category not in CATEGORIES:
            raise TaxonomyError(f"{skill.skill_id}: unknown category {skill.category!r}")
        stop = sorted(set(skill.aliases) & STOP_WORDS)
        if stop:
            raise TaxonomyError(f"{skill.skill_id}: alias(es) {stop} are common words")
    check_aliases(skills)
    return skills


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
    print(f"wrote {len(skills)} skills to {output}")
    print("by category:", dict(sorted(Counter(s.category for s in skills).items())))
    print("by group:", dict(sorted(Counter(s.category_group for s in skills).items())))
    print("by cluster:", dict(sorted(Counter(s.cluster or "-" for s in skills).items())))
    print("with esco_uri:", sum(s.esco_uri is not None for s in skills))
    print("with onet_name:", sum(s.onet_name is not None for s in skills))
    print(
        "generic:", sum(s.generic for s in skills), "ambiguous:", sum(s.ambiguous for s in skills)
    )


if __name__ == "__main__":
    raise SystemExit(main())
