from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.db import open_warehouse


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty warehouse file, migrated, for tests that open many (see ``fresh_copy``)."""
    path = tmp_path_factory.mktemp("migrated") / "empty.duckdb"
    open_warehouse(path).close()
    return path
