"""The import step: one input of the settings read, stored and (in a run) written to the ledger.

:func:`import_input` is the step the nightly flow runs for each input (as a task), and the
one ``skillgap collect`` and ``skillgap import`` run by hand under the writer lock: it builds
the source with its secrets, plans an online fetch from the last complete one, stores what
it read (:func:`flows.pipeline.import_source`), removes secrets from board errors, records
the input in the run's ledger when there is a run, and closes the source.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from extract.errors import InputError
from flows.lock import run_lock
from flows.pipeline import ImportCounts, import_source, open_writer, plan_fetch
from flows.settings import HttpOptions, InputSpec, Settings
from flows.sources import KINDS, build_source, redact, secret_values
from warehouse.runs import SourceCounts, record_source

Progress = Callable[[str, str, int], None]
"""Hears (source name, "read" or "stored", records so far)."""


def import_input(
    spec: InputSpec,
    database: Path,
    *,
    http: HttpOptions | None = None,
    batch_size: int = 5000,
    load_batch: int | None = None,
    memory_limit: str | None = None,
    run_id: str | None = None,
    input_no: int | None = None,
    progress: Progress | None = None,
) -> ImportCounts:
    """Collect the input ``spec`` describes into ``database`` and return what it did.

    With a ``run_id`` and ``input_no`` the input is recorded as completed in the run's ledger
    (board errors included, secrets removed). The caller holds the writer lock.
    """
    source = build_source(spec, http)
    try:
        with closing(open_writer(database, memory_limit)) as con:
            counts = import_source(
                con,
                source,
                run_id,
                batch_size,
                load_batch=load_batch,
                plan=plan_fetch(con, spec, source),
                progress=None
                if progress is None
                else lambda step, n: progress(source.name, step, n),
            )
            if counts.errors:
                counts = replace(counts, errors=redact(counts.errors, secret_values(spec)))
            if run_id is not None and input_no is not None:
                record_source(
                    con,
                    run_id,
                    input_no,
                    counts.source,
                    spec.kind,
                    "completed",
                    SourceCounts(
                        fetched=counts.taken + counts.quarantined,
                        quarantined=counts.quarantined,
                        sightings_new=counts.sightings_new,
                        postings_new=counts.postings_new,
                        postings_changed=counts.postings_changed,
                        duplicates=counts.duplicates,
                    ),
                    error=counts.errors,
                )
    finally:
        source.close()
    return counts


def collect_input(
    settings: Settings, spec: InputSpec, progress: Progress | None = None
) -> ImportCounts:
    """:func:`import_input` outside a run, under the writer lock (``collect``, ``import``)."""
    with run_lock(settings.database):
        return import_input(
            spec,
            settings.database,
            http=settings.http,
            batch_size=settings.batch_size,
            load_batch=settings.load_batch_size,
            memory_limit=settings.memory_limit,
            progress=progress,
        )


def select_inputs(
    settings: Settings, name: str | None, options: dict[str, object], live: bool
) -> list[InputSpec]:
    """The inputs ``skillgap collect`` works on: the configured input (kind or source name)
    or a bare kind called ``name``, with ``options`` added; with ``live`` and no name, every
    configured online input."""
    if name is None:
        if not live:
            raise InputError("--source NAME is needed: a kind or an input of the settings")
        found = [s for s in settings.inputs if KINDS[s.kind].online]
        if not found:
            raise InputError("no online inputs configured; name one with --source")
        return found
    matching = matching_inputs(settings, name)
    if not matching and name not in KINDS:
        raise InputError(f"--source {name!r}: neither a configured input nor a known kind")
    try:
        base = matching[0] if matching else InputSpec(kind=name)
    except ValueError as exc:  # a file kind needs a path: configure it, or use `import`
        raise InputError(f"--source {name!r}: {exc}") from None
    if not options:
        return [base]
    return [base.model_copy(update={"options": {**base.options, **options}})]


def matching_inputs(settings: Settings, name: str) -> list[InputSpec]:
    """The configured inputs whose kind or source name is ``name``; the first is collected."""
    return [s for s in settings.inputs if name in (s.kind, s.source)]
