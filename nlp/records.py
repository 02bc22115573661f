"""Typed records that ``nlp`` yields, with their Arrow schemas."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import ClassVar, Literal

import pyarrow as pa

Requirement = Literal["required", "preferred", "not_required", "unknown"]
REQUIREMENTS: tuple[Requirement, ...] = ("required", "preferred", "not_required", "unknown")


@dataclass(frozen=True, slots=True)
class SkillMention:
    """One skill found in one posting: where, as what text, and how strongly it is asked for.

    ``start`` and ``end`` are character offsets into the posting's text, end exclusive.
    """

    posting_id: str
    skill_id: str
    skill: str
    start: int
    end: int
    text: str
    requirement: Requirement
    taxonomy_version: str
    extractor_version: str

    ARROW_SCHEMA: ClassVar[pa.Schema]


SkillMention.ARROW_SCHEMA = pa.schema(
    [
        pa.field("posting_id", pa.string(), nullable=False),
        pa.field("skill_id", pa.string(), nullable=False),
        pa.field("skill", pa.string(), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("requirement", pa.string(), nullable=False),
        pa.field("taxonomy_version", pa.string(), nullable=False),
        pa.field("extractor_version", pa.string(), nullable=False),
    ]
)


def mentions_to_arrow(mentions: list[SkillMention]) -> pa.Table:
    """Columnar form of a batch of mentions, in :data:`SkillMention.ARROW_SCHEMA`."""
    names = SkillMention.ARROW_SCHEMA.names
    if not mentions:
        return SkillMention.ARROW_SCHEMA.empty_table()
    cols = list(zip(*(astuple(m) for m in mentions), strict=True))
    return pa.table(dict(zip(names, cols, strict=True)), schema=SkillMention.ARROW_SCHEMA)
