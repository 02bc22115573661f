"""The steps of a run as plain functions: they wire ``extract``, ``nlp`` and ``warehouse``.

The Prefect flow wraps each in a task; the CLI calls them directly where no flow is needed.
Postings travel as typed records until they are batched into Arrow tables for the warehouse.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extract.files import ColumnMapping, FileSource
from extract.hn import HNSightingsFile
from extract.records import JobPosting, QuarantinedRow, postings_to_arrow, quarantine_to_arrow
from extract.source import Source
from flows.settings import InputSpec
from nlp.extractor import Extractor
from nlp.parallel import tag_batches
from nlp.skills import Taxonomy
from warehouse.load import load_postings, load_quarantine, load_tagging
from warehouse.load import load_taxonomy as store_taxonomy
from warehouse.queries import count_to_tag, postings_to_tag

PARALLEL_FROM_POSTINGS = 10_000


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
    *,
    workers: int = 1,
    taxonomy_extra: Path | None = None,
) -> TagCounts:
    """Tag every posting whose current text has no mentions under the extractor's versions.

    ``workers`` > 1 tags in that many processes; one writer (this process) loads the results.
    """
    taxonomy_version, extractor_version = extractor.versions
    register_taxonomy(con, extractor.taxonomy)
    tagged_total = mentions_total = 0
    batches = postings_to_tag(con, taxonomy_version, extractor_version, batch_size)
    for result in tag_batches(batches, extractor, workers=workers, taxonomy_extra=taxonomy_extra):
        mentions_total += load_tagging(con, result, run_id)
        tagged_total += result.tagged.num_rows
    return TagCounts(tagged_total, mentions_total, taxonomy_version, extractor_version)


def choose_workers(con: duckdb.DuckDBPyConnection, extractor: Extractor, setting: int) -> int:
    """Worker processes for tagging: the setting, or with 0 all cores once there is enough
    to tag that starting them (a few seconds each) pays off."""
    if setting > 0:
        return setting
    todo = count_to_tag(con, *extractor.versions)
    return (os.cpu_count() or 1) if todo >= PARALLEL_FROM_POSTINGS else 1
