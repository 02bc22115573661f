"""Tagging on every core: worker processes each build the extractor once and tag batches.

Workers receive Arrow batches and return :class:`~nlp.records.TaggedBatch` tables, never
spaCy Docs, so what crosses the process boundary is small and cheap to pickle. spaCy's own
``n_process`` ships Docs back and is slower for this job.

:func:`tag_batches` uses a local process pool; :func:`tag_batches_dask` sends the same
batches to the workers of an existing Dask cluster. Either way the caller gets results in
input order and stays the one writer.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa

from extract.errors import TaxonomyError
from nlp.batch import tag_batch
from nlp.extractor import Extractor
from nlp.records import TaggedBatch
from nlp.skills import load_taxonomy

_worker_extractor: Extractor | None = None
_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when the process that started it dies (Linux), and
    end now if it has died already: a killed run must not leave its workers tagging on."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _start_worker(
    taxonomy_extra: Path | None, versions: tuple[str, str], parent: int, ready: Any
) -> None:
    global _worker_extractor
    _end_with_parent(parent)
    extractor = Extractor(load_taxonomy(extra=taxonomy_extra))
    if extractor.versions != versions:
        raise TaxonomyError(
            f"worker built extractor {extractor.versions}, the run expects {versions}"
        )
    _worker_extractor = extractor
    # a worker only tags: what it holds now stays for its life (see held_heap)
    gc.collect()
    gc.freeze()
    ready.release()


def _tag_in_worker(batch: pa.RecordBatch) -> TaggedBatch:
    assert _worker_extractor is not None, "worker was not initialised"
    return tag_batch(_worker_extractor, batch)


def _noop() -> None:
    return None


class TaggingPool:
    """Worker processes started once, each with its extractor built, for one or more runs.

    Entering starts ``workers`` processes and returns when every one has built its
    extractor (from the packaged taxonomy plus ``taxonomy_extra``, at ``extractor``'s
    versions), so :meth:`tag` spends its time tagging. Workers end when the pool is left,
    or when this process ends, however it ends (on Linux).

    >>> with TaggingPool(extractor, workers=2) as pool:  # doctest: +SKIP
    ...     for tagged in pool.tag(batches):
    ...         load_tagging(con, tagged)
    """

    def __init__(
        self,
        extractor: Extractor,
        workers: int,
        taxonomy_extra: Path | None = None,
        start_timeout: float = 600.0,
    ) -> None:
        self.workers = workers
        self._extractor = extractor
        self._taxonomy_extra = taxonomy_extra
        self._start_timeout = start_timeout
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> TaggingPool:
        context = multiprocessing.get_context("spawn")  # fork under Prefect's threads can hang
        ready = context.Semaphore(0)
        pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self._taxonomy_extra, self._extractor.versions, os.getpid(), ready),
        )
        self._pool = pool
        try:
            # the pool starts a process per task submitted while none is idle
            started_at = time.monotonic()
            started = [pool.submit(_noop) for _ in range(self.workers)]
            for _ in range(self.workers):
                while not ready.acquire(timeout=1.0):
                    failed = [f for f in started if f.done() and f.exception() is not None]
                    if failed:
                        raise failed[0].exception()  # type: ignore[misc]
                    if time.monotonic() - started_at > self._start_timeout:
                        raise TimeoutError(f"tagging workers not ready in {self._start_timeout} s")
            for future in started:
                future.result()
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def tag(self, batches: Iterable[pa.RecordBatch]) -> Iterator[TaggedBatch]:
        """Tag ``batches`` in input order; at most two batches per worker are in flight, so
        memory stays bounded however long the input."""
        assert self._pool is not None, "enter the pool first"
        pending: deque[Future[TaggedBatch]] = deque()
        for batch in batches:
            pending.append(self._pool.submit(_tag_in_worker, batch))
            if len(pending) >= 2 * self.workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@contextmanager
def held_heap() -> Iterator[None]:
    """While inside, no cyclic garbage collection walks the objects alive on entering.

    An extractor holds hundreds of thousands of long-lived objects (match patterns, the
    tokenizer's special cases, caches), and tagging allocates enough that a full collection,
    which walks every one of them, comes every few hundred postings: about 2.5% of tagging
    time in one process (``bench/tagging.py``, compiled). :func:`gc.freeze` moves the objects
    alive now to a generation no collection walks; they are still freed as soon as nothing
    refers to them, and leaving gives them back to the collector (:func:`gc.unfreeze`), so a
    long-lived process, such as a served deployment, collects as before once tagging ends.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def tag_batches(
    batches: Iterable[pa.RecordBatch],
    extractor: Extractor,
    *,
    workers: int = 1,
    taxonomy_extra: Path | None = None,
) -> Iterator[TaggedBatch]:
    """Tag ``batches`` in order, in this process (``workers=1``) or in a :class:`TaggingPool`.

    The pool's workers rebuild ``extractor`` from the packaged taxonomy plus
    ``taxonomy_extra`` and must arrive at the same versions. At most two batches per worker
    are in flight, so memory stays bounded however long the input. Workers end when this
    process ends, however it ends (on Linux; call from a thread that outlives the pool).
    """
    if workers <= 1:
        with held_heap():
            for batch in batches:
                yield tag_batch(extractor, batch)
        return
    with TaggingPool(extractor, workers, taxonomy_extra) as pool:
        yield from pool.tag(batches)


# Extractors built in a Dask worker process, by taxonomy extra and expected versions. The
# lock keeps two threads of one worker from building the same extractor twice.
_dask_extractors: dict[tuple[Path | None, tuple[str, str]], Extractor] = {}
_dask_lock = threading.Lock()


def _dask_extractor(taxonomy_extra: Path | None, versions: tuple[str, str]) -> Extractor:
    with _dask_lock:
        extractor = _dask_extractors.get((taxonomy_extra, versions))
        if extractor is None:
            extractor = Extractor(load_taxonomy(extra=taxonomy_extra))
            if extractor.versions != versions:
                raise TaxonomyError(
                    f"Dask worker built extractor {extractor.versions}, the run expects {versions}"
                )
            _dask_extractors[(taxonomy_extra, versions)] = extractor
        return extractor


def _tag_on_dask_worker(
    batch: pa.RecordBatch, taxonomy_extra: Path | None, versions: tuple[str, str]
) -> TaggedBatch:
    return tag_batch(_dask_extractor(taxonomy_extra, versions), batch)


def tag_batches_dask(
    batches: Iterable[pa.RecordBatch],
    extractor: Extractor,
    address: str,
    taxonomy_extra: Path | None = None,
    *,
    in_flight: int | None = None,
) -> Iterator[TaggedBatch]:
    """Tag ``batches`` on the Dask cluster at ``address``, yielding results in input order.

    Each worker process builds the extractor once, from the taxonomy packaged with its own
    skillgap install plus ``taxonomy_extra`` (a path the workers must be able to read), and
    must arrive at ``extractor.versions``. Batches travel as Arrow and come back as
    :class:`~nlp.records.TaggedBatch` tables, never Docs. At most ``in_flight``
    batches (default: two per worker thread) are on the cluster at a time, so memory stays
    bounded however long the input. The client is closed when the iterator is exhausted or
    closed.

    >>> for tagged in tag_batches_dask(batches, extractor, "tcp://10.0.0.5:8786"):  # doctest: +SKIP
    ...     load_tagging(con, tagged)
    """
    from distributed import Client

    with Client(address, set_as_default=False) as client:
        limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
        run = uuid.uuid4().hex
        pending: deque[Any] = deque()
        try:
            for number, batch in enumerate(batches):
                key = f"skillgap-tag-{run}-{number}"
                pending.append(
                    client.submit(
                        _tag_on_dask_worker,
                        batch,
                        taxonomy_extra,
                        extractor.versions,
                        key=key,
                        pure=False,
                    )
                )
                if len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
