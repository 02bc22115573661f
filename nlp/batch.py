"""Tagging a batch of postings into Arrow tables: the unit of work a worker process does.

The batch arrives as Arrow (``posting_id``, ``content_hash``, ``title``, ``description``)
and leaves as a :class:`~nlp.records.TaggedBatch`, so processes exchange columns, not Docs.
"""

from __future__ import annotations

import pyarrow as pa

from nlp.extractor import Extractor
from nlp.profile import profile_posting
from nlp.records import (
    TAGGED_SCHEMA,
    PostingProfile,
    SkillMention,
    TaggedBatch,
    UnknownTerm,
    mentions_to_arrow,
    profiles_to_arrow,
    unknown_terms_to_arrow,
)

BATCH_COLUMNS = ("posting_id", "content_hash", "title", "description")


def tag_batch(extractor: Extractor, batch: pa.RecordBatch | pa.Table) -> TaggedBatch:
    """Tag every posting in ``batch``; postings with no skills still get a ``tagged`` row."""
    ids = batch.column("posting_id").to_pylist()
    titles = batch.column("title").to_pylist()
    texts = batch.column("description").to_pylist()
    taxonomy_version, extractor_version = extractor.versions

    mentions: list[SkillMention] = []
    unknown: list[UnknownTerm] = []
    profiles: list[PostingProfile] = []
    counts: list[int] = []
    docs = extractor.nlp.pipe(zip(texts, ids, strict=True), as_tuples=True, batch_size=256)
    for (doc, posting_id), title, text in zip(docs, titles, texts, strict=True):
        found = extractor.mentions(posting_id, doc)
        terms = extractor.unknown_terms(posting_id, doc)
        mentions.extend(found)
        unknown.extend(terms)
        counts.append(len(found))
        profiles.append(
            profile_posting(posting_id, title, text, found, extractor.taxonomy, extractor_version)
        )
    tagged = pa.table(
        {
            "posting_id": ids,
            "content_hash": batch.column("content_hash").to_pylist(),
            "taxonomy_version": [taxonomy_version] * len(ids),
            "extractor_version": [extractor_version] * len(ids),
            "mentions": pa.array(counts, pa.int32()),
        },
        schema=TAGGED_SCHEMA,
    )
    return TaggedBatch(
        tagged=tagged,
        mentions=mentions_to_arrow(mentions),
        profiles=profiles_to_arrow(profiles),
        unknown_terms=unknown_terms_to_arrow(unknown),
    )
