"""Fixtures: a migrated warehouse, empty or loaded with the report dataset."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import duckdb
import pytest
from report_dataset import Posting, build_postings, load

from warehouse.db import open_warehouse


@pytest.fixture
def postings() -> list[Posting]:
    return build_postings()


@pytest.fixture(scope="session")
def loaded_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report dataset loaded once into a warehouse file, for ``con`` to copy: migrating
    and loading it anew took ~1 s of each of some forty tests' set-up."""
    path = tmp_path_factory.mktemp("report-dataset") / "w.duckdb"
    with closing(open_warehouse(path)) as connection:
        load(connection, build_postings())
    return path


@pytest.fixture
def con(loaded_warehouse: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse of its own holding the report dataset (``postings``)."""
    copy = tmp_path / "report-dataset.duckdb"
    shutil.copyfile(loaded_warehouse, copy)
    connection = open_warehouse(copy)
    yield connection
    connection.close()


@pytest.fixture
def empty_con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(":memory:")
    yield connection
    connection.close()
