"""Tagging a batch of postings into Arrow tables: the unit of work a worker process does.

The batch arrives as Arrow (``posting_id``, ``content_hash``, ``title``, ``description``)
and leaves as a :class:`~nlp.records.TaggedBatch`, so processes exchange columns, not Docs.
No single posting can stop a batch: one longer than :data:`MAX_TAG_CHARS`, or one the
pipeline fails on, is set aside with its reason and the others are tagged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pyarrow as pa

from extract.records import QuarantinedRow, quarantine_to_arrow
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
# No job ad comes near this; a text this long is a page or a file pasted in. Tagging it in
# pieces would take minutes of a run for nothing a reader would count as one posting.
MAX_TAG_CHARS = 1_000_000
SET_ASIDE_SOURCE = "tagging"

_Found = tuple[list[SkillMention], list[UnknownTerm]]


def tag_batch(extractor: Extractor, batch: pa.RecordBatch | pa.Table) -> TaggedBatch:
    """Tag every posting in ``batch``; postings with no skills still get a ``tagged`` row,
    and postings that cannot be tagged a ``set_aside`` row with the reason."""
    ids = batch.column("posting_id").to_pylist()
    hashes = batch.column("content_hash").to_pylist()
    titles = batch.column("title").to_pylist()
    texts = batch.column("description").to_pylist()
    taxonomy_version, extractor_version = extractor.versions

    reasons = {
        i: f"not tagged: the description has {len(text):,} characters, more than the "
        f"{MAX_TAG_CHARS:,} a posting is tagged up to (a page or file pasted in?)"
        for i, text in enumerate(texts)
        if len(text) > MAX_TAG_CHARS
    }
    results = _tag(extractor, ids, texts, [i for i in range(len(ids)) if i not in reasons])
    for i, outcome in results.items():
        if isinstance(outcome, str):
            reasons[i] = outcome

    mentions: list[SkillMention] = []
    unknown: list[UnknownTerm] = []
    profiles: list[PostingProfile] = []
    tagged = []
    for i, outcome in sorted(results.items()):
        if isinstance(outcome, str):
            continue
        found, terms = outcome
        mentions.extend(found)
        unknown.extend(terms)
        tagged.append((ids[i], hashes[i], len(found)))
        profiles.append(
            profile_posting(
                ids[i], titles[i], texts[i], found, extractor.taxonomy, extractor_version
            )
        )
    set_aside = [
        QuarantinedRow(
            SET_ASIDE_SOURCE,
            f"posting {ids[i]}",
            None,
            reason,
            json.dumps(
                {"posting_id": ids[i], "content_hash": hashes[i], "characters": len(texts[i])}
            ),
        )
        for i, reason in sorted(reasons.items())
    ]
    return TaggedBatch(
        tagged=pa.table(
            {
                "posting_id": [t[0] for t in tagged],
                "content_hash": [t[1] for t in tagged],
                "taxonomy_version": [taxonomy_version] * len(tagged),
                "extractor_version": [extractor_version] * len(tagged),
                "mentions": pa.array([t[2] for t in tagged], pa.int32()),
            },
            schema=TAGGED_SCHEMA,
        ),
        mentions=mentions_to_arrow(mentions),
        profiles=profiles_to_arrow(profiles),
        unknown_terms=unknown_terms_to_arrow(unknown),
        set_aside=quarantine_to_arrow(set_aside),
    )


def _tag(
    extractor: Extractor, ids: list[str], texts: list[str], chosen: list[int]
) -> dict[int, _Found | str]:
    """Each chosen posting's mentions and unknown terms, or why it could not be tagged.

    The batch is tagged in one pass; only if the pipeline fails on some text is it tagged
    again one posting at a time, to set aside that posting alone.
    """
    results: dict[int, _Found | str] = {}
    try:
        for i, (_, found, terms) in zip(chosen, _pipe(extractor, ids, texts, chosen), strict=True):
            results[i] = (found, terms)
    except Exception:
        for i in chosen:
            if i in results:
                continue
            try:
                [(_, found, terms)] = _pipe(extractor, ids, texts, [i])
                results[i] = (found, terms)
            except Exception as exc:
                first = str(exc).splitlines()[0] if str(exc) else ""
                results[i] = f"not tagged: the tagger failed on it: {type(exc).__name__}: {first}"
    return results


def _pipe(
    extractor: Extractor, ids: list[str], texts: list[str], chosen: list[int]
) -> Iterator[tuple[str, list[SkillMention], list[UnknownTerm]]]:
    return extractor.tag_with_unknown(((ids[i], texts[i]) for i in chosen), batch_size=256)
