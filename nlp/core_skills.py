"""The AI/ML technician's core skills: the seed list, each item mapped to taxonomy skills.

The list is data, in ``nlp/taxonomy/profiles.toml`` under ``[[profiles.ai_ml_technician.core]]``
(id, name, skills), in the founding article's order: data pipelines, model training and
evaluation, deployment and MLOps, monitoring and drift, the four ML frameworks, Python, SQL,
Git, Docker, Kubernetes, cloud platforms, probability, linear algebra, calculus, statistics
and communication. A posting asks for an item when it asks for any of the item's skills; a
training programme teaches it when one of its lessons names any of them.

>>> [item.item_id for item in load_core_skills()][:2]  # doctest: +SKIP
['data_pipelines', 'model_training']
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pyarrow as pa

from extract.errors import TaxonomyError
from nlp.skills import Taxonomy

PROFILES = Path(__file__).parent / "taxonomy" / "profiles.toml"


@dataclass(frozen=True, slots=True)
class CoreSkill:
    """One item of the core list: its id, its name in the report, the skills that name it."""

    item_id: str
    name: str
    skill_ids: tuple[str, ...]

    ARROW_SCHEMA: ClassVar[pa.Schema]


# One row per item and skill, the form the warehouse's ``core_skills`` table holds.
CoreSkill.ARROW_SCHEMA = pa.schema(
    [
        pa.field("item_id", pa.string(), nullable=False),
        pa.field("item", pa.string(), nullable=False),
        pa.field("position", pa.int32(), nullable=False),
        pa.field("skill_id", pa.string(), nullable=False),
    ]
)


def load_core_skills(
    profile_id: str = "ai_ml_technician",
    path: Path | None = None,
    taxonomy: Taxonomy | None = None,
) -> tuple[CoreSkill, ...]:
    """The core items of ``profile_id`` in ``profiles.toml`` (the packaged one by default).

    Raises :class:`TaxonomyError` when the list is missing or malformed: an item without an id
    or skills, an id used twice, a skill listed under two items, or (with ``taxonomy``) a
    skill id the taxonomy does not have.
    """
    path = path if path is not None else PROFILES
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"{path}: cannot read profiles: {exc}") from exc
    raw = data.get("profiles", {}).get(profile_id, {}).get("core")
    if not isinstance(raw, list) or not raw:
        raise TaxonomyError(f"{path}: profile {profile_id!r} lists no core skills")
    items: list[CoreSkill] = []
    owner: dict[str, str] = {}
    for number, entry in enumerate(raw, start=1):
        item_id, skills = entry.get("id"), entry.get("skills")
        where = f"{path}: {profile_id} core item {number}"
        if not isinstance(item_id, str) or not item_id:
            raise TaxonomyError(f"{where}: no id")
        if (
            not isinstance(skills, list)
            or not skills
            or not all(isinstance(s, str) for s in skills)
        ):
            raise TaxonomyError(f"{where} ({item_id}): 'skills' must list skill ids")
        if any(item.item_id == item_id for item in items):
            raise TaxonomyError(f"{where}: id {item_id!r} is used twice")
        for skill_id in skills:
            other = owner.setdefault(skill_id, item_id)
            if other != item_id:
                raise TaxonomyError(f"{where}: {skill_id!r} is listed under {other} and {item_id}")
            if taxonomy is not None and skill_id not in taxonomy:
                raise TaxonomyError(f"{where} ({item_id}): {skill_id!r} is not in the taxonomy")
        items.append(CoreSkill(item_id, str(entry.get("name", item_id)), tuple(skills)))
    return tuple(items)


def core_skills_to_arrow(items: Sequence[CoreSkill]) -> pa.Table:
    """One row per item and skill, in :data:`CoreSkill.ARROW_SCHEMA`; ``position`` from 1."""
    rows = [
        {"item_id": item.item_id, "item": item.name, "position": position, "skill_id": skill_id}
        for position, item in enumerate(items, start=1)
        for skill_id in item.skill_ids
    ]
    return pa.Table.from_pylist(rows, schema=CoreSkill.ARROW_SCHEMA)
