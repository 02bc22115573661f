"""Hive-partitioned Parquet export, read back with DuckDB."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from extract.records import JobPosting, postings_to_arrow
from nlp.batch import tag_batch
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy
from warehouse.db import open_warehouse, scalar
from warehouse.export import export_parquet
from warehouse.load import load_postings, load_tagging
from warehouse.load import load_taxonomy as store_taxonomy
from warehouse.queries import postings_to_tag
from warehouse.runs import finish_run, start_run

TEXTS = [
    ("hn", "1", 1, "Python and SQL required."),
    ("hn", "2", 2, "Kubernetes and Terraform; Go is a plus."),
    ("lever", "a", 2, "PyTorch, CUDA and Python."),
    ("lever", "b", 3, "We are a bakery."),
]


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_warehouse(tmp_path_factory.mktemp("wh") / "w.duckdb")
    postings = [
        JobPosting(src, sid, text, datetime(2026, month, 5, tzinfo=UTC), f"f:{sid}", "{}")
        for src, sid, month, text in TEXTS
    ]
    load_postings(con, postings_to_arrow(postings))
    extractor = Extractor(load_taxonomy())
    taxonomy = extractor.taxonomy
    store_taxonomy(con, taxonomy.version, taxonomy.attribution, taxonomy.to_arrow())
    run_id = start_run(con, "test")
    for batch in postings_to_tag(con, *extractor.versions):
        load_tagging(con, tag_batch(extractor, batch), run_id)
    finish_run(
        con,
        run_id,
        "completed",
        taxonomy_version=extractor.versions[0],
        extractor_version=extractor.versions[1],
    )
    yield con
    con.close()


def read_back(target: Path, dataset: str) -> duckdb.DuckDBPyRelation:
    pattern = str(target / dataset / "**" / "*.parquet")
    return duckdb.read_parquet(pattern, hive_partitioning=True)


def test_export_reads_back_with_the_warehouse_counts(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    counts = export_parquet(con, tmp_path / "lake")

    postings = read_back(tmp_path / "lake", "postings")
    mentions = read_back(tmp_path / "lake", "mentions")
    assert (
        counts.postings == len(postings.fetchall()) == scalar(con, "SELECT count(*) FROM postings")
    )
    assert (
        counts.mentions
        == len(mentions.fetchall())
        == scalar(con, "SELECT count(*) FROM v_skill_mentions")
    )
    assert counts.mentions > 0
    by_partition = sorted(
        duckdb.sql("SELECT month, source, count(*) FROM postings GROUP BY ALL").fetchall()
    )
    assert by_partition == [
        ("2026-01", "hn", 1), ("2026-02", "hn", 1), ("2026-02", "lever", 1), ("2026-03", "lever", 1)
    ]  # fmt: skip
    assert (tmp_path / "lake" / "postings" / "month=2026-02" / "source=lever").is_dir()


def test_export_twice_leaves_one_copy(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    export_parquet(con, tmp_path / "lake")
    again = export_parquet(con, tmp_path / "lake")

    assert len(read_back(tmp_path / "lake", "postings").fetchall()) == again.postings
    assert len(read_back(tmp_path / "lake", "mentions").fetchall()) == again.mentions
    assert sorted(p.name for p in (tmp_path / "lake").iterdir()) == ["mentions", "postings"]
