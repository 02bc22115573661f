"""The steps of a run as plain functions: they wire ``extract``, ``nlp`` and ``warehouse``.

The Prefect flow wraps each in a task; the CLI calls them directly where no flow is needed.
Postings travel as typed records until they are batched into Arrow tables for the warehouse.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from extract.files.bulk import read_batches
from extract.records import quarantine_to_arrow
from extract.source import Source
from flows.settings import InputSpec, ReportSettings
from flows.sources import board_errors, source_kind
from nlp.extractor import Extractor
from nlp.parallel import tag_batches
from nlp.skills import Taxonomy, load_taxonomy
from reports.page import ReportSummary, write_report
from warehouse.db import open_warehouse
from warehouse.fetches import completed_boards, fetch_since, record_fetch
from warehouse.load import load_postings, load_quarantine, load_tagging
from warehouse.load import load_taxonomy as store_taxonomy
from warehouse.queries import WarehouseSummary, count_to_tag, postings_to_tag, summarise
from warehouse.runs import finish_run
from warehouse.staging import Stage

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
    errors: str | None = None  # boards a connector could not fetch; the rest was stored
    closed: int = 0  # postings that complete listings of their boards no longer showed


@dataclass(frozen=True, slots=True)
class TagCounts:
    postings_tagged: int
    mentions: int
    taxonomy_version: str
    extractor_version: str
    set_aside: int = 0  # postings not tagged, each in quarantine with its reason


def open_writer(database: Path, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for writing, with DuckDB's memory capped when the settings say so.

    DuckDB caches pages up to its cap (80% of RAM by default), so that cap, not the size of
    an input, bounds what a big import holds in memory.
    """
    return open_warehouse(database, memory_limit)


@dataclass(frozen=True, slots=True)
class FetchPlan:
    """How to fetch an online input: from when, whether its boards may close postings, and
    which of its boards earlier fetches read whole (for :meth:`Source.resume`)."""

    input_key: str
    since: datetime | None
    closes: bool
    completed: Mapping[str, datetime] = field(default_factory=dict)


def plan_fetch(con: duckdb.DuckDBPyConnection, spec: InputSpec, source: Source) -> FetchPlan | None:
    """The plan for an online input (None for files): an incremental kind starts where its
    last complete fetch started; a kind whose boards are read whole closes what they drop."""
    kind = source_kind(spec.kind)
    if not kind.online:
        return None
    options = json.dumps([spec.kind, spec.options], sort_keys=True, default=str)
    key = "input:" + hashlib.sha256(options.encode("utf-8")).hexdigest()[:16]
    since = fetch_since(con, source.name, key) if kind.incremental else None
    completed = completed_boards(con, source.name)
    return FetchPlan(key, since, closes=not kind.incremental, completed=completed)


def import_source(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    run_id: str | None,
    batch_size: int = 5000,
    *,
    load_batch: int | None = None,
    plan: FetchPlan | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> ImportCounts:
    """Read a whole source, then store it; bad records go to quarantine.

    The source is first read to its end into staging files (:mod:`warehouse.staging`), so
    an error half-way (bad encoding at line 900,000, a dropped connection on page 40) stores
    nothing. Then the staged rows are loaded ``load_batch`` at a time (default ``batch_size``),
    each batch one idempotent transaction: a run killed while storing leaves whole batches, and
    the next run completes the rest. Memory stays bounded by the batch sizes throughout.
    ``progress`` hears ("read", records so far) while reading and ("stored", records so far)
    while storing.
    With a ``plan`` (online inputs), the fetch starts at its ``since``, and once everything is
    stored the connector's fetch report is recorded (:func:`warehouse.fetches.record_fetch`).
    """
    totals = dict.fromkeys(
        ("taken", "quarantined", "sightings_new", "postings_new", "changed", "dups", "q_new"), 0
    )
    if plan is not None:
        source.resume(plan.completed)
    with Stage(con) as stage:
        since = plan.since if plan is not None else None
        for batch in read_batches(source, since, batch_size):
            stage.add("postings", batch.postings)
            stage.add("quarantine", quarantine_to_arrow(batch.quarantined))
            totals["taken"] += batch.postings.num_rows
            totals["quarantined"] += len(batch.quarantined)
            if progress is not None:
                progress("read", totals["taken"] + totals["quarantined"])
        stored = 0
        for batch in stage.batches("postings", load_batch or batch_size):
            loaded = load_postings(con, batch, run_id)
            totals["sightings_new"] += loaded.sightings_new
            totals["postings_new"] += loaded.postings_new
            totals["changed"] += loaded.postings_changed
            totals["dups"] += loaded.duplicates
            stored += batch.num_rows
            if progress is not None:
                progress("stored", stored)
        for batch in stage.batches("quarantine", batch_size):
            totals["q_new"] += load_quarantine(con, batch, run_id)
    report = source.report
    closed = 0
    if plan is not None and report is not None:
        closed = record_fetch(con, report, input_key=plan.input_key, closes=plan.closes)
    return ImportCounts(
        source=source.name,
        taken=totals["taken"],
        quarantined=totals["quarantined"],
        sightings_new=totals["sightings_new"],
        postings_new=totals["postings_new"],
        postings_changed=totals["changed"],
        duplicates=totals["dups"],
        quarantine_new=totals["q_new"],
        errors=board_errors(source),
        closed=closed,
    )


def make_extractor(taxonomy_extra: Path | None = None) -> Extractor:
    """The skill extractor over the packaged taxonomy plus the user's own skills, if any."""
    return Extractor(load_taxonomy(extra=taxonomy_extra))


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
    progress: Callable[[int], None] | None = None,
) -> TagCounts:
    """Tag every posting whose current text has no mentions under the extractor's versions.

    ``workers`` > 1 tags in that many processes; one writer (this process) loads the results.
    Each batch is stored in its own transaction, so a run cut short keeps what it tagged and
    the next run tags only the rest. A posting that cannot be tagged (far too long, or one
    the pipeline fails on) is set aside into ``quarantine`` with its reason and the others
    go on; it stays untagged, so each run looks at it again. ``progress`` hears the postings
    tagged so far.
    """
    taxonomy_version, extractor_version = extractor.versions
    register_taxonomy(con, extractor.taxonomy)
    tagged_total = mentions_total = set_aside = 0
    batches = postings_to_tag(con, taxonomy_version, extractor_version, batch_size)
    for result in tag_batches(batches, extractor, workers=workers, taxonomy_extra=taxonomy_extra):
        mentions_total += load_tagging(con, result, run_id)
        tagged_total += result.tagged.num_rows
        set_aside += result.set_aside.num_rows
        if progress is not None:
            progress(tagged_total)
    return TagCounts(tagged_total, mentions_total, taxonomy_version, extractor_version, set_aside)


def choose_workers(con: duckdb.DuckDBPyConnection, extractor: Extractor, setting: int) -> int:
    """Worker processes for tagging: the setting, or with 0 all cores once there is enough
    to tag that starting them (a few seconds each) pays off."""
    if setting > 0:
        return setting
    todo = count_to_tag(con, *extractor.versions)
    return (os.cpu_count() or 1) if todo >= PARALLEL_FROM_POSTINGS else 1


def complete_with_report(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    report: ReportSettings,
    *,
    counts: dict[str, Any],
    tagging: TagCounts,
    message: str | None,
) -> tuple[WarehouseSummary, ReportSummary]:
    """Close the run as completed and write its report, in one transaction: the run counts
    as completed only once its report is in place.

    The report is written inside the transaction that marks the run completed, so it shows
    this run's mentions (readers follow the last completed run), and its files are renamed
    into place before that transaction commits. A report that cannot be written rolls the
    run back to ``running`` for the caller to close as failed; a run killed while writing
    it stays ``running`` and the next run closes it as abandoned. Either way the previous
    report is left whole (:mod:`reports.output`).
    """
    con.execute("BEGIN TRANSACTION")
    try:
        finish_run(
            con,
            run_id,
            "completed",
            counts=counts,
            taxonomy_version=tagging.taxonomy_version,
            extractor_version=tagging.extractor_version,
            message=message,
            postings_tagged=tagging.postings_tagged,
            mentions_stored=tagging.mentions,
        )
        summary = summarise(con)
        written = write_report(
            con,
            report.path,
            top_n=report.top_n,
            min_postings=report.min_postings,
            period=report.period,
        )
        con.execute("COMMIT")
    except BaseException:
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    return summary, written
