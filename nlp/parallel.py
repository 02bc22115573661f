"""Tagging on every core: worker processes each build the extractor once and tag batches.

Workers receive Arrow batches and return :class:`~nlp.records.TaggedBatch` tables, never
spaCy Docs, so what crosses the process boundary is small and cheap to pickle. spaCy's own
``n_process`` ships Docs back and is slower for this job.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import pyarrow as pa

from extract.errors import TaxonomyError
from nlp.batch import tag_batch
from nlp.extractor import Extractor
from nlp.records import TaggedBatch
from nlp.skills import load_taxonomy

_worker_extractor: Extractor | None = None


def _start_worker(taxonomy_extra: Path | None, versions: tuple[str, str]) -> None:
    global _worker_extractor
    extractor = Extractor(load_taxonomy(extra=taxonomy_extra))
    if extractor.versions != versions:
        raise TaxonomyError(
            f"worker built extractor {extractor.versions}, the run expects {versions}"
        )
    _worker_extractor = extractor


def _tag_in_worker(batch: pa.RecordBatch) -> TaggedBatch:
    assert _worker_extractor is not None, "worker was not initialised"
    return tag_batch(_worker_extractor, batch)


def tag_batches(
    batches: Iterable[pa.RecordBatch],
    extractor: Extractor,
    *,
    workers: int = 1,
    taxonomy_extra: Path | None = None,
) -> Iterator[TaggedBatch]:
    """Tag ``batches`` in order, in this process (``workers=1``) or in a process pool.

    The pool's workers rebuild ``extractor`` from the packaged taxonomy plus
    ``taxonomy_extra`` and must arrive at the same versions. At most two batches per worker
    are in flight, so memory stays bounded however long the input.
    """
    if workers <= 1:
        for batch in batches:
            yield tag_batch(extractor, batch)
        return
    context = multiprocessing.get_context("spawn")  # fork under Prefect's threads can hang
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(taxonomy_extra, extractor.versions),
    ) as pool:
        pending: deque[Future[TaggedBatch]] = deque()
        for batch in batches:
            pending.append(pool.submit(_tag_in_worker, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
