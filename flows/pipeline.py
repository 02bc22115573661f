"""The steps of a run as plain functions: they wire ``extract``, ``nlp`` and ``warehouse``.

The Prefect flow wraps each in a task; the CLI calls them directly where no flow is needed.
Postings travel as typed records until they are batched into Arrow tables for the warehouse.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from extract.files import ColumnMapping, FileSource
from extract.hn import HNSightingsFile
from extract.records import JobPosting, QuarantinedRow, postings_to_arrow, quarantine_to_arrow
from extract.source import Source
from flows.settings import InputSpec
from nlp.extractor import Extractor
from nlp.records import mentions_to_arrow
from nlp.skills import Taxonomy
from warehouse.load import TAGGED_SCHEMA, load_mentions, load_postings, load_quarantine
from warehouse.load import load_taxonomy as store_taxonomy
from warehouse.queries import postings_to_tag


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What importing one source did. ``taken`` + ``quarantined`` = records read."""

    source: str
    taken: int
    quarantined: int
    sightings_new: int
    postings_new: int
    postings_changed: int
    duplicates: int
    quarantine_new: int


@dataclass(frozen=True, slots=True)
class TagCounts:
    postings_tagged: int
    mentions: int
    taxonomy_version: str
    extractor_version: str


def make_source(spec: InputSpec) -> Source:
    """The source an input of the settings file describes."""
    if spec.kind == "hn_sightings":
        return HNSightingsFile(spec.path)
    mapping = ColumnMapping.from_pairs([f"{k}={v}" for k, v in spec.mapping.items()])
    return FileSource(spec.path, source=spec.source, mapping=mapping, encoding=spec.encoding)


def _batches(
    records: Iterator[JobPosting | QuarantinedRow], size: int
) -> Iterator[tuple[list[JobPosting], list[QuarantinedRow]]]:
    postings: list[JobPosting] = []
    rejected: list[QuarantinedRow] = []
    for record in records:
        if isinstance(record, JobPosting):
            postings.append(record)
        else:
            rejected.append(record)
        if len(postings) + len(rejected) >= size:
            yield postings, rejected
            postings, rejected = [], []
    if postings or rejected:
        yield postings, rejected


def import_source(
    con: duckdb.DuckDBPyConnection, source: Source, run_id: str | None, batch_size: int = 5000
) -> ImportCounts:
    """Stream a source into the warehouse in batches; bad records go to quarantine."""
    totals = dict.fromkeys(
        ("taken", "quarantined", "sightings_new", "postings_new", "changed", "dups", "q_new"), 0
    )
    for postings, rejected in _batches(source.fetch(), batch_size):
        loaded = load_postings(con, postings_to_arrow(postings), run_id)
        totals["taken"] += len(postings)
        totals["quarantined"] += len(rejected)
        totals["sightings_new"] += loaded.sightings_new
        totals["postings_new"] += loaded.postings_new
        totals["changed"] += loaded.postings_changed
        totals["dups"] += loaded.duplicates
        totals["q_new"] += load_quarantine(con, quarantine_to_arrow(rejected), run_id)
    return ImportCounts(
        source=source.name,
        taken=totals["taken"],
        quarantined=totals["quarantined"],
        sightings_new=totals["sightings_new"],
        postings_new=totals["postings_new"],
        postings_changed=totals["changed"],
        duplicates=totals["dups"],
        quarantine_new=totals["q_new"],
    )


def register_taxonomy(con: duckdb.DuckDBPyConnection, taxonomy: Taxonomy) -> bool:
    """Store the taxonomy version the extractor uses, once."""
    return store_taxonomy(con, taxonomy.version, taxonomy.attribution, taxonomy.to_arrow())


def tag_new_postings(
    con: duckdb.DuckDBPyConnection,
    extractor: Extractor,
    run_id: str | None,
    batch_size: int = 5000,
) -> TagCounts:
    """Tag every posting whose current text has no mentions under the extractor's versions."""
    taxonomy_version, extractor_version = extractor.versions
    register_taxonomy(con, extractor.taxonomy)
    tagged_total = mentions_total = 0
    for batch in postings_to_tag(con, taxonomy_version, extractor_version, batch_size):
        ids = batch.column("posting_id").to_pylist()
        texts = batch.column("description").to_pylist()
        mentions = []
        counts = []
        for _, found in extractor.tag(zip(ids, texts, strict=True)):
            mentions.extend(found)
            counts.append(len(found))
        tagged = pa.table(
            {
                "posting_id": batch.column("posting_id"),
                "content_hash": batch.column("content_hash"),
                "taxonomy_version": [taxonomy_version] * len(ids),
                "extractor_version": [extractor_version] * len(ids),
                "mentions": pa.array(counts, pa.int32()),
            },
            schema=TAGGED_SCHEMA,
        )
        mentions_total += load_mentions(con, mentions_to_arrow(mentions), tagged, run_id)
        tagged_total += len(ids)
    return TagCounts(tagged_total, mentions_total, taxonomy_version, extractor_version)
