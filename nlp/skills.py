"""The skill taxonomy: typed skills, the packaged data file and a loader for it.

The data lives in ``nlp/taxonomy/skills.jsonl`` (one skill per line, written by
``scripts/build_taxonomy.py``) with its metadata in ``nlp/taxonomy/taxonomy.toml``. Nothing
is read until :func:`load_taxonomy` is called.

Aliases come in two kinds. ``aliases`` are lowercase and meant to be matched without regard
to case. ``exact_aliases`` keep their capitalisation and are meant to be matched as written:
they hold the short names that are also ordinary words ("Go", "R", "Spark"), which only
mean the skill when spelled that way.

Two flags tell the extractor where a match needs context. ``ambiguous`` skills have a name
that is also an everyday word or name even when capitalised ("Go", "Spark", "Swift", "German"
as a nationality). ``generic`` skills are real knowledge areas named by a common word
("testing", "security", "cloud", "banking") that a posting may use without asking for them.

Each fine-grained category belongs to one of the nine groups of :data:`GROUPS`, given by
:data:`CATEGORY_GROUPS` and :attr:`Skill.category_group` (the vocabularies are in
:mod:`nlp.categories`). The AI/ML technician profile in ``nlp/taxonomy/profiles.toml``
(:func:`nlp.roles.load_profile`) lists the skills that role needs, by cluster.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from extract.errors import TaxonomyError
from nlp.categories import AI_ML_CLUSTERS as AI_ML_CLUSTERS  # re-exported
from nlp.categories import CATEGORIES as CATEGORIES
from nlp.categories import CATEGORY_GROUPS as CATEGORY_GROUPS
from nlp.categories import CLUSTERS as CLUSTERS
from nlp.categories import GROUP_LABELS as GROUP_LABELS
from nlp.categories import GROUPS as GROUPS

SKILL_FIELDS = (
    "id",
    "name",
    "category",
    "cluster",
    "aliases",
    "exact_aliases",
    "esco_uri",
    "onet_name",
    "generic",
    "ambiguous",
)
# A line in an extra file that names a packaged skill may only add surface forms to it.
_ALIAS_FIELDS = frozenset({"id", "aliases", "exact_aliases"})
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
DATA_DIR = Path(__file__).parent / "taxonomy"

_Fail = Callable[[str], TaxonomyError]


def normalize_alias(text: str) -> str:
    """Lowercase form of a surface form with runs of whitespace made single spaces.

    >>> normalize_alias("  Scikit   Learn ")
    'scikit learn'
    """
    return " ".join(text.split()).lower()


@dataclass(frozen=True, slots=True)
class Skill:
    """One skill of the taxonomy, with the surface forms that name it in text."""

    skill_id: str
    name: str
    category: str
    aliases: tuple[str, ...]
    exact_aliases: tuple[str, ...] = ()
    cluster: str | None = None
    esco_uri: str | None = None
    onet_name: str | None = None
    generic: bool = False
    ambiguous: bool = False

    @property
    def category_group(self) -> str:
        """The one of :data:`GROUPS` this skill's category belongs to."""
        return CATEGORY_GROUPS[self.category]

    @property
    def is_ai_ml(self) -> bool:
        """Whether the skill belongs to one of the AI/ML clusters."""
        return self.cluster in AI_ML_CLUSTERS

    def to_json(self) -> dict[str, Any]:
        """The skill as one line of ``skills.jsonl`` (a plain dict in the file's key order)."""
        return {
            "id": self.skill_id,
            "name": self.name,
            "category": self.category,
            "cluster": self.cluster,
            "aliases": list(self.aliases),
            "exact_aliases": list(self.exact_aliases),
            "esco_uri": self.esco_uri,
            "onet_name": self.onet_name,
            "generic": self.generic,
            "ambiguous": self.ambiguous,
        }


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """A loaded taxonomy: its skills sorted by id, its version and its attribution text."""

    version: str
    attribution: str
    skills: tuple[Skill, ...]
    _by_id: dict[str, Skill] = field(init=False, repr=False, compare=False)

    ARROW_SCHEMA: ClassVar[pa.Schema]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {s.skill_id: s for s in self.skills})

    def get(self, skill_id: str) -> Skill:
        """The skill with this id; raises :class:`TaxonomyError` when there is none."""
        try:
            return self._by_id[skill_id]
        except KeyError:
            raise TaxonomyError(
                f"no skill with id {skill_id!r} in taxonomy {self.version}"
            ) from None

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._by_id

    def __iter__(self) -> Iterator[Skill]:
        return iter(self.skills)

    def __len__(self) -> int:
        return len(self.skills)

    def to_arrow(self) -> pa.Table:
        """One row per skill, in :attr:`Taxonomy.ARROW_SCHEMA`."""
        columns: dict[str, list[Any]] = {
            "taxonomy_version": [self.version] * len(self.skills),
            "skill_id": [s.skill_id for s in self.skills],
            "name": [s.name for s in self.skills],
            "category": [s.category for s in self.skills],
            "cluster": [s.cluster for s in self.skills],
            "aliases": [list(s.aliases) for s in self.skills],
            "exact_aliases": [list(s.exact_aliases) for s in self.skills],
            "esco_uri": [s.esco_uri for s in self.skills],
            "onet_name": [s.onet_name for s in self.skills],
            "is_ai_ml": [s.is_ai_ml for s in self.skills],
        }
        return pa.table(columns, schema=Taxonomy.ARROW_SCHEMA)


Taxonomy.ARROW_SCHEMA = pa.schema(
    [
        pa.field("taxonomy_version", pa.string(), nullable=False),
        pa.field("skill_id", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("category", pa.string(), nullable=False),
        pa.field("cluster", pa.string(), nullable=True),
        pa.field("aliases", pa.list_(pa.string()), nullable=False),
        pa.field("exact_aliases", pa.list_(pa.string()), nullable=False),
        pa.field("esco_uri", pa.string(), nullable=True),
        pa.field("onet_name", pa.string(), nullable=True),
        pa.field("is_ai_ml", pa.bool_(), nullable=False),
    ]
)


def load_taxonomy(path: Path | None = None, extra: Path | None = None) -> Taxonomy:
    """Load the packaged taxonomy, or the one at ``path``, merged with a user's ``extra`` file.

    ``extra`` uses the line format of ``skills.jsonl``. A line whose id is already known adds
    its ``aliases`` and ``exact_aliases`` to that skill (it may carry no other field); a line
    with a new id adds a whole skill. Metadata is read from ``taxonomy.toml`` beside ``path``,
    or from the packaged one when there is none.

    >>> load_taxonomy().get("scikit_learn").name  # doctest: +SKIP
    'scikit-learn'
    """
    path = path if path is not None else DATA_DIR / "skills.jsonl"
    declared_version, attribution = _read_metadata(path.with_name("taxonomy.toml"))
    skills: dict[str, Skill] = {}
    for lineno, record in _read_records(path):
        skill = skill_from_record(record, path, lineno)
        if skill.skill_id in skills:
            raise TaxonomyError(f"{path}:{lineno}: duplicate skill id {skill.skill_id!r}")
        skills[skill.skill_id] = skill
    if extra is not None:
        _merge_extra(skills, extra)
    ordered = tuple(skills[k] for k in sorted(skills))
    check_aliases(ordered)
    return Taxonomy(
        version=f"{declared_version}+{content_hash(ordered)[:8]}",
        attribution=attribution,
        skills=ordered,
    )


def content_hash(skills: Iterable[Skill]) -> str:
    """SHA-256 (hex) of the skills in their canonical line format, so any edit changes it."""
    digest = hashlib.sha256()
    for skill in skills:
        digest.update(json.dumps(skill.to_json(), ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def check_aliases(skills: Iterable[Skill]) -> None:
    """Raise :class:`TaxonomyError` if one surface form would name two skills.

    An exact alias clashes with a case-insensitive alias of another skill when their
    lowercase forms are equal, since a matcher would find both at the same place.
    """
    owner: dict[str, str] = {}
    exact_owner: dict[str, str] = {}
    for skill in skills:
        for alias in skill.aliases:
            other = owner.setdefault(alias, skill.skill_id)
            if other != skill.skill_id:
                raise TaxonomyError(
                    f"alias {alias!r} is shared by {other!r} and {skill.skill_id!r}"
                )
        for alias in skill.exact_aliases:
            other = exact_owner.setdefault(alias, skill.skill_id)
            if other != skill.skill_id:
                raise TaxonomyError(
                    f"exact alias {alias!r} is shared by {other!r} and {skill.skill_id!r}"
                )
    for alias, skill_id in exact_owner.items():
        other = owner.get(alias.lower(), skill_id)
        if other != skill_id:
            raise TaxonomyError(
                f"exact alias {alias!r} of {skill_id!r} clashes with alias of {other!r}"
            )


def skill_from_record(record: dict[str, Any], path: Path, lineno: int) -> Skill:
    """Build a :class:`Skill` from one parsed line, or raise naming the file and line."""

    def fail(what: str) -> TaxonomyError:
        return TaxonomyError(f"{path}:{lineno}: {what}")

    unknown = sorted(set(record) - set(SKILL_FIELDS))
    if unknown:
        raise fail(f"unknown field(s) {', '.join(unknown)}")
    skill_id = _required_str(record, "id", fail)
    if not _ID_PATTERN.match(skill_id):
        raise fail(f"id {skill_id!r} is not a lowercase slug like 'scikit_learn'")
    name = _required_str(record, "name", fail)
    category = _required_str(record, "category", fail)
    if category not in CATEGORIES:
        raise fail(f"category {category!r} is not one of {', '.join(CATEGORIES)}")
    cluster = _optional_str(record, "cluster", fail)
    if cluster is not None and cluster not in CLUSTERS:
        raise fail(f"cluster {cluster!r} is not one of {', '.join(CLUSTERS)}")
    exact = _str_list(record, "exact_aliases", fail)
    aliases = {normalize_alias(a) for a in _str_list(record, "aliases", fail)}
    if name not in exact:
        aliases.add(normalize_alias(name))
    aliases.discard("")
    return Skill(
        skill_id=skill_id,
        name=name,
        category=category,
        aliases=tuple(sorted(aliases)),
        exact_aliases=tuple(sorted({a.strip() for a in exact if a.strip()})),
        cluster=cluster,
        esco_uri=_optional_str(record, "esco_uri", fail),
        onet_name=_optional_str(record, "onet_name", fail),
        generic=_flag(record, "generic", fail),
        ambiguous=_flag(record, "ambiguous", fail),
    )


def _merge_extra(skills: dict[str, Skill], extra: Path) -> None:
    for lineno, record in _read_records(extra):
        skill_id = record.get("id")
        known = skills.get(skill_id) if isinstance(skill_id, str) else None
        if known is None:
            skill = skill_from_record(record, extra, lineno)
            skills[skill.skill_id] = skill
            continue
        extra_fields = sorted(set(record) - _ALIAS_FIELDS)
        if extra_fields:
            raise TaxonomyError(
                f"{extra}:{lineno}: skill {skill_id!r} is already in the taxonomy; a line for it"
                f" may only add aliases, not {', '.join(extra_fields)}"
            )

        def fail(what: str, lineno: int = lineno) -> TaxonomyError:
            return TaxonomyError(f"{extra}:{lineno}: {what}")

        aliases = {normalize_alias(a) for a in _str_list(record, "aliases", fail)}
        exact = {a.strip() for a in _str_list(record, "exact_aliases", fail)}
        skills[known.skill_id] = Skill(
            skill_id=known.skill_id,
            name=known.name,
            category=known.category,
            aliases=tuple(sorted(set(known.aliases) | aliases - {""})),
            exact_aliases=tuple(sorted(set(known.exact_aliases) | exact - {""})),
            cluster=known.cluster,
            esco_uri=known.esco_uri,
            onet_name=known.onet_name,
            generic=known.generic,
            ambiguous=known.ambiguous,
        )


def _read_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy file: {exc}") from exc
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TaxonomyError(f"{path}:{lineno}: not valid JSON: {exc.msg}") from None
        if not isinstance(record, dict):
            raise TaxonomyError(f"{path}:{lineno}: expected a JSON object")
        yield lineno, record


def _read_metadata(path: Path) -> tuple[str, str]:
    if not path.is_file():
        path = DATA_DIR / "taxonomy.toml"
    try:
        meta = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy metadata: {exc}") from exc
    version, attribution = meta.get("declared_version"), meta.get("attribution")
    if not isinstance(version, str) or not isinstance(attribution, str):
        raise TaxonomyError(f"{path}: 'declared_version' and 'attribution' must be strings")
    return version, attribution


def _required_str(record: dict[str, Any], key: str, fail: _Fail) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(f"field {key!r} must be a non-empty string")
    return value


def _optional_str(record: dict[str, Any], key: str, fail: _Fail) -> str | None:
    value = record.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise fail(f"field {key!r} must be a non-empty string or null")
    return value


def _flag(record: dict[str, Any], key: str, fail: _Fail) -> bool:
    value = record.get(key, False)
    if not isinstance(value, bool):
        raise fail(f"field {key!r} must be true or false")
    return value


def _str_list(record: dict[str, Any], key: str, fail: _Fail) -> list[str]:
    value = record.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"field {key!r} must be a list of strings")
    return value
