"""Views as code: every file of warehouse/views is applied, and nothing else is a view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from extract.errors import WarehouseError
from warehouse.db import apply_views, migrate, migrations, open_warehouse, views

VIEW_FILES = Path(__file__).resolve().parents[2] / "warehouse" / "views"
LATEST = migrations()[-1].version


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_warehouse(":memory:")
    yield con
    con.close()


def objects(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every view and macro of the warehouse's main schema, name -> 'view' or 'macro'."""
    rows = con.execute(
        "SELECT view_name, 'view' FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'"
        " UNION ALL SELECT function_name, 'macro' FROM duckdb_functions()"
        " WHERE NOT internal AND schema_name = 'main' AND function_type LIKE '%macro'"
    ).fetchall()
    return dict(rows)


def view_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return con.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns AS c"
        " JOIN duckdb_views() AS v ON v.view_name = c.table_name AND NOT v.internal"
        " ORDER BY ALL"
    ).fetchall()


def test_the_views_and_macros_of_a_migrated_warehouse_are_the_files(
    con: duckdb.DuckDBPyConnection,
) -> None:
    files = {path.stem for path in VIEW_FILES.glob("*.sql")}
    assert len(files) > 30
    assert set(objects(con)) == files
    assert objects(con) == {view.name: view.kind for view in views()}


def test_each_file_is_recorded_with_the_digest_of_its_text(
    con: duckdb.DuckDBPyConnection,
) -> None:
    import hashlib

    recorded = dict(con.execute("SELECT name, digest FROM schema_views").fetchall())
    assert recorded == {
        path.stem: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in VIEW_FILES.glob("*.sql")
    }


def test_each_view_comes_after_the_views_and_macros_it_reads() -> None:
    ordered = views()
    seen: set[str] = set()
    for view in ordered:
        assert view.reads <= seen, f"{view.name} comes before {sorted(view.reads - seen)}"
        seen.add(view.name)
    reads = {view.name: view.reads for view in ordered}
    assert reads["v_skill_gap"] == {"skill_gap"}
    read = reads["skill_gap"]
    assert {"report_postings", "v_programme_skill_coverage", "v_posting_demand"} <= read
    assert reads["v_current_versions"] == frozenset()


def test_views_are_made_only_when_migrating_to_the_latest_version() -> None:
    con = duckdb.connect(":memory:")
    migrate(con, until=LATEST - 1)
    assert objects(con) == {}
    migrate(con, until=LATEST)
    assert set(objects(con)) == {view.name for view in views()}


@pytest.mark.parametrize("level", range(1, LATEST), ids=lambda n: f"from-{n:03d}")
def test_a_warehouse_at_any_older_level_upgrades_to_the_same_views(
    con: duckdb.DuckDBPyConnection, level: int
) -> None:
    old = duckdb.connect(":memory:")
    migrate(old, until=level)
    assert [m.version for m in migrate(old)] == list(range(level + 1, LATEST + 1))
    assert objects(old) == objects(con)
    assert view_columns(old) == view_columns(con)


def test_a_stale_definition_from_an_older_file_is_replaced(
    con: duckdb.DuckDBPyConnection,
) -> None:
    fresh = view_columns(con)
    con.execute("CREATE OR REPLACE VIEW v_skill_gap AS SELECT 1 AS old_column")
    con.execute("UPDATE schema_views SET digest = 'older file' WHERE name = 'v_skill_gap'")
    assert migrate(con) == []
    assert view_columns(con) == fresh


def test_unchanged_files_are_not_applied_again_unless_a_view_is_gone(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert apply_views(con) == []
    con.execute("DROP VIEW v_runs")
    assert [view.name for view in apply_views(con)] == [view.name for view in views()]
    assert "v_runs" in objects(con)


def write(folder: Path, name: str, sql: str) -> None:
    (folder / f"{name}.sql").write_text(sql, encoding="utf-8")


def test_a_file_that_fails_names_itself_and_applies_nothing(tmp_path: Path) -> None:
    write(tmp_path, "v_one", "CREATE OR REPLACE VIEW v_one AS SELECT 1 AS a;\n")
    write(tmp_path, "v_two", "CREATE OR REPLACE VIEW v_two AS SELECT a FROM v_one, no_table;\n")
    con = duckdb.connect(":memory:")
    with pytest.raises(WarehouseError, match=r"v_two\.sql failed.*no_table"):
        apply_views(con, tmp_path)
    assert objects(con) == {}


@pytest.mark.parametrize(
    ("sql", "said"),
    [
        pytest.param("CREATE OR REPLACE VIEW v_other AS SELECT 1;", "v_other", id="other-name"),
        pytest.param("CREATE VIEW v_x AS SELECT 1;", "CREATE VIEW v_x", id="no-or-replace"),
        pytest.param(
            "CREATE OR REPLACE VIEW v_x AS SELECT 1;\nCREATE OR REPLACE VIEW v_y AS SELECT 2;",
            "v_y",
            id="two-objects",
        ),
        pytest.param("SELECT 1;", "none", id="nothing"),
    ],
)
def test_a_file_must_create_one_object_named_as_the_file(
    tmp_path: Path, sql: str, said: str
) -> None:
    write(tmp_path, "v_x", sql)
    with pytest.raises(WarehouseError, match=r"v_x\.sql: a view file must hold one") as info:
        views(tmp_path)
    assert said in str(info.value)


def test_files_that_read_each_other_in_a_cycle_are_refused(tmp_path: Path) -> None:
    write(
        tmp_path,
        "v_a",
        "-- reads v_c only in this comment\nCREATE OR REPLACE VIEW v_a AS SELECT * FROM v_b;",
    )
    write(tmp_path, "v_b", "CREATE OR REPLACE VIEW v_b AS SELECT * FROM v_a;")
    write(tmp_path, "v_c", "CREATE OR REPLACE VIEW v_c AS SELECT 'v_a' AS name;")
    with pytest.raises(WarehouseError, match="cycle"):
        views(tmp_path)
    (tmp_path / "v_b.sql").unlink()
    assert {view.name: view.reads for view in views(tmp_path)} == {
        "v_c": frozenset(),
        "v_a": frozenset(),
    }
