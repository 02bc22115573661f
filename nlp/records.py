"""Typed records that ``nlp`` yields, with their Arrow schemas."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

import pyarrow as pa

from extract.records import QuarantinedRow

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
    # attribute reads, not dataclasses.astuple, which deep-copies every field
    cols = {name: [getattr(m, name) for m in mentions] for name in names}
    return pa.table(cols, schema=SkillMention.ARROW_SCHEMA)


@dataclass(frozen=True, slots=True)
class UnknownTerm:
    """A phrase that reads like a skill but is not in the taxonomy (yet).

    ``term`` is the normalised form counted across postings; ``text`` the words as written.
    """

    posting_id: str
    term: str
    text: str
    start: int
    end: int
    taxonomy_version: str
    extractor_version: str

    ARROW_SCHEMA: ClassVar[pa.Schema]


UnknownTerm.ARROW_SCHEMA = pa.schema(
    [
        pa.field("posting_id", pa.string(), nullable=False),
        pa.field("term", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
        pa.field("taxonomy_version", pa.string(), nullable=False),
        pa.field("extractor_version", pa.string(), nullable=False),
    ]
)


def unknown_terms_to_arrow(terms: list[UnknownTerm]) -> pa.Table:
    """Columnar form of unknown terms, in :data:`UnknownTerm.ARROW_SCHEMA`."""
    if not terms:
        return UnknownTerm.ARROW_SCHEMA.empty_table()
    names = UnknownTerm.ARROW_SCHEMA.names
    cols = [[getattr(t, name) for t in terms] for name in names]
    return pa.table(dict(zip(names, cols, strict=True)), schema=UnknownTerm.ARROW_SCHEMA)


@dataclass(frozen=True, slots=True)
class PostingProfile:
    """The posting-level view of one tagged posting.

    ``is_ai_ml_role`` is the AI/ML technician decision (``docs/ai-ml-technician.md``), with
    the ``roles`` that qualified it and the ``role_family`` of the posting's main role;
    ``title_says_ai_ml`` tells whether the source's own title names such a role.
    """

    posting_id: str
    is_ai_ml_role: bool
    title_says_ai_ml: bool
    ai_ml_skills: int
    clusters: tuple[str, ...]
    role_family: str
    roles: tuple[str, ...]
    taxonomy_version: str
    extractor_version: str

    ARROW_SCHEMA: ClassVar[pa.Schema]


PostingProfile.ARROW_SCHEMA = pa.schema(
    [
        pa.field("posting_id", pa.string(), nullable=False),
        pa.field("is_ai_ml_role", pa.bool_(), nullable=False),
        pa.field("title_says_ai_ml", pa.bool_(), nullable=False),
        pa.field("ai_ml_skills", pa.int32(), nullable=False),
        pa.field("clusters", pa.list_(pa.string()), nullable=False),
        pa.field("taxonomy_version", pa.string(), nullable=False),
        pa.field("extractor_version", pa.string(), nullable=False),
        pa.field("role_family", pa.string(), nullable=False),
        pa.field("roles", pa.list_(pa.string()), nullable=False),
    ]
)


def profiles_to_arrow(profiles: list[PostingProfile]) -> pa.Table:
    """Columnar form of posting profiles, in :data:`PostingProfile.ARROW_SCHEMA`."""
    names = PostingProfile.ARROW_SCHEMA.names
    columns = {name: [getattr(p, name) for p in profiles] for name in names}
    columns["clusters"] = [list(p.clusters) for p in profiles]
    columns["roles"] = [list(p.roles) for p in profiles]
    return pa.table(columns, schema=PostingProfile.ARROW_SCHEMA)


TAGGED_SCHEMA = pa.schema(
    [
        pa.field("posting_id", pa.string(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("taxonomy_version", pa.string(), nullable=False),
        pa.field("extractor_version", pa.string(), nullable=False),
        pa.field("mentions", pa.int32(), nullable=False),
    ]
)


@dataclass(frozen=True, slots=True)
class TaggedBatch:
    """Everything tagging produced for a batch of postings, as Arrow tables.

    ``tagged`` has one row per posting that was tagged, in :data:`TAGGED_SCHEMA`, including
    postings where nothing was found, so they are not tagged again; the other tables follow
    the schemas of :class:`SkillMention`, :class:`PostingProfile` and :class:`UnknownTerm`.
    ``set_aside`` holds a row per posting that was not tagged, with the reason, in the
    schema of the ``quarantine`` table (:class:`~extract.records.QuarantinedRow`); such a
    posting has no ``tagged`` row, so a later run looks at it again.
    """

    tagged: pa.Table
    mentions: pa.Table
    profiles: pa.Table
    unknown_terms: pa.Table
    set_aside: pa.Table = field(default_factory=QuarantinedRow.ARROW_SCHEMA.empty_table)
