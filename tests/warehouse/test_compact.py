"""Compacting the warehouse file: the space of deleted rows comes back, nothing else changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import WarehouseError
from warehouse.db import compact, connect, migrate, open_warehouse

_TABLES = ("raw_postings", "postings", "schema_migrations")


def _snapshot(path: Path) -> dict[str, object]:
    con = connect(path, read_only=True)
    try:
        found: dict[str, object] = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()  # noqa: S608 - fixed names
            for t in _TABLES
        }
        found["raw"] = con.execute("SELECT sum(hash(raw)) FROM raw_postings").fetchall()
        found["views"] = con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1"
        ).fetchall()
        found["ddl"] = con.execute(
            "SELECT table_name, sql FROM duckdb_tables() ORDER BY 1"
        ).fetchall()
        return found
    finally:
        con.close()


def test_compact_gives_back_the_space_of_deleted_rows_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = open_warehouse(path)
    con.execute(
        "INSERT INTO raw_postings (source, source_id, seen_at, content_hash, posting_id, origin,"
        " raw) SELECT 'hn', i::VARCHAR, now(), md5(i::VARCHAR), 'hn:' || i, 'f', repeat(md5(i::"
        "VARCHAR), 20) FROM range(200000) AS r(i)"
    )
    con.close()
    con = open_warehouse(path)
    con.execute("DELETE FROM raw_postings WHERE source_id::INTEGER % 10 <> 0")
    con.close()
    before = _snapshot(path)
    size = path.stat().st_size

    sizes = compact(path)

    assert sizes.before == size
    assert sizes.after == path.stat().st_size
    assert sizes.after < size / 3
    assert _snapshot(path) == before
    assert before["raw_postings"] == [(20_000,)]
    assert not Path(f"{path}.compact").exists()
    # the compacted file is a warehouse like any other: up to date, writable
    con = open_warehouse(path)
    assert migrate(con) == []
    con.execute("DELETE FROM raw_postings WHERE source_id = '0'")
    con.close()


def test_compacting_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError, match="no warehouse file"):
        compact(tmp_path / "absent.duckdb")
