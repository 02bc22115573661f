"""Tagging on a Dask cluster gives what one process gives, in input order."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pytest
from distributed import LocalCluster

from nlp.batch import tag_batch
from nlp.extractor import Extractor
from nlp.parallel import tag_batches_dask
from nlp.skills import load_taxonomy

TEXTS = [
    ("a", "ML Engineer", "Requirements: PyTorch, Kubernetes, Zorblax and Python."),
    ("b", None, "We are a bakery."),
    ("c", "Data Scientist", "Nice to have: Spark, SQL, Quixotl."),
    ("d", "Frontend", "React, TypeScript and Frobnitz"),
    ("e", "Platform Engineer", "Must know Terraform and AWS; Go is a plus."),
]


def batches() -> list[pa.RecordBatch]:
    rows = TEXTS * 3
    return [
        pa.RecordBatch.from_pydict(
            {
                "posting_id": [f"{r[0]}{n + i}" for i, r in enumerate(chunk)],
                "content_hash": [f"h-{r[0]}" for r in chunk],
                "title": [r[1] for r in chunk],
                "description": [r[2] for r in chunk],
            }
        )
        for n, chunk in ((n, rows[n : n + 2]) for n in range(0, len(rows), 2))
    ]


@pytest.fixture(scope="module")
def cluster_address() -> Iterator[str]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_results_equal_one_process_in_input_order(cluster_address: str) -> None:
    extractor = Extractor(load_taxonomy())
    expected = [tag_batch(extractor, b) for b in batches()]

    got = list(tag_batches_dask(batches(), extractor, cluster_address, in_flight=3))

    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected, strict=True):
        assert mine.tagged.equals(theirs.tagged)
        assert mine.mentions.equals(theirs.mentions)
        assert mine.profiles.equals(theirs.profiles)
        assert mine.unknown_terms.equals(theirs.unknown_terms)
    assert sum(r.mentions.num_rows for r in got) > 0
