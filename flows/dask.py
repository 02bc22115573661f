"""The tagging step on an existing Dask cluster, through Prefect's Dask task runner.

Each batch of postings to tag becomes one Prefect task run on a Dask worker; the worker
returns Arrow tables of mentions and this process, the only writer, stores them in input
order. A bounded number of batches is on the cluster at a time. Workers need skillgap
installed at the same version, and ``taxonomy_extra`` at the same path.
"""

from __future__ import annotations

from collections import deque
from contextlib import closing
from pathlib import Path
from typing import Any

import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect_dask import DaskTaskRunner

from flows.pipeline import TagCounts, open_writer, register_taxonomy
from nlp.extractor import Extractor
from nlp.parallel import _tag_on_dask_worker
from nlp.records import TaggedBatch
from nlp.skills import load_taxonomy
from warehouse.load import load_tagging
from warehouse.queries import postings_to_tag

IN_FLIGHT = 4


@task(name="tag-batch", cache_policy=NO_CACHE)
def tag_batch_on_worker(
    batch: pa.RecordBatch, taxonomy_extra: Path | None, versions: tuple[str, str]
) -> TaggedBatch:
    return _tag_on_dask_worker(batch, taxonomy_extra, versions)


@flow(name="tag-on-dask", validate_parameters=False)
def _tag_on_dask(
    database: Path,
    run_id: str,
    batch_size: int,
    taxonomy_extra: Path | None,
    memory_limit: str | None,
    in_flight: int,
) -> TagCounts:
    logger = get_run_logger()
    extractor = Extractor(load_taxonomy(extra=taxonomy_extra))
    versions = extractor.versions
    tagged = mentions = set_aside = 0
    with closing(open_writer(database, memory_limit)) as con:
        register_taxonomy(con, extractor.taxonomy)
        pending: deque[Any] = deque()

        def store(future: Any) -> None:
            nonlocal tagged, mentions, set_aside
            result: TaggedBatch = future.result()
            mentions += load_tagging(con, result, run_id)
            tagged += result.tagged.num_rows
            set_aside += result.set_aside.num_rows
            logger.info("tagged %d postings so far", tagged)

        for batch in postings_to_tag(con, *versions, batch_size):
            pending.append(tag_batch_on_worker.submit(batch, taxonomy_extra, versions))
            if len(pending) >= in_flight:
                store(pending.popleft())
        while pending:
            store(pending.popleft())
    return TagCounts(tagged, mentions, *versions, set_aside=set_aside)


def tag_on_dask(
    database: Path,
    address: str,
    run_id: str,
    *,
    batch_size: int = 5000,
    taxonomy_extra: Path | None = None,
    memory_limit: str | None = None,
    in_flight: int = IN_FLIGHT,
) -> TagCounts:
    """Tag every posting not yet tagged under the current versions on the cluster at
    ``address`` (``tcp://HOST:PORT`` of its scheduler); store the mentions here.

    Runs as a Prefect flow (a subflow when called inside ``nightly``) whose task runner is
    a :class:`prefect_dask.DaskTaskRunner` connected to that scheduler.

    >>> tag_on_dask(Path("skillgap.duckdb"), "tcp://10.0.0.5:8786", run_id)  # doctest: +SKIP
    """
    runner = DaskTaskRunner(address=address)
    tagging = _tag_on_dask.with_options(task_runner=runner)  # type: ignore[arg-type]
    counts: TagCounts = tagging(
        database, run_id, batch_size, taxonomy_extra, memory_limit, max(1, in_flight)
    )
    return counts
