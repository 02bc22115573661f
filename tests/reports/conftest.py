"""Fixtures: a migrated in-memory warehouse, empty or loaded with the report dataset."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest
from report_dataset import Posting, build_postings, load

from warehouse.db import open_warehouse


@pytest.fixture
def postings() -> list[Posting]:
    return build_postings()


@pytest.fixture
def con(postings: list[Posting]) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(":memory:")
    load(connection, postings)
    yield connection
    connection.close()


@pytest.fixture
def empty_con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(":memory:")
    yield connection
    connection.close()
