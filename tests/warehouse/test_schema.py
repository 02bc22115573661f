"""The Arrow contracts of the records and the migrated DuckDB tables must agree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from extract.errors import WarehouseError
from extract.records import JobPosting, QuarantinedRow
from nlp.records import PostingProfile, SkillMention, UnknownTerm
from nlp.skills import Taxonomy
from warehouse.db import connect, migrate, migrations, open_warehouse

DUCK_TYPES = {
    pa.string(): "VARCHAR",
    pa.bool_(): "BOOLEAN",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.timestamp("us", tz="UTC"): "TIMESTAMP WITH TIME ZONE",
    pa.list_(pa.string()): "VARCHAR[]",
}


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_warehouse(":memory:")
    yield con
    con.close()


def columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, tuple[str, bool]]:
    rows = con.execute(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
        " WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return {name: (dtype, nullable == "YES") for name, dtype, nullable in rows}


def assert_fields_stored(schema: pa.Schema, cols: dict[str, tuple[str, bool]]) -> None:
    for field in schema:
        assert field.name in cols, f"{field.name} has no column"
        dtype, nullable = cols[field.name]
        assert dtype == DUCK_TYPES[field.type], field.name
        if not field.nullable:
            assert not nullable, f"{field.name} is NOT NULL in the record but not in the table"


def test_job_posting_fields_are_columns_of_postings_or_raw_postings(
    con: duckdb.DuckDBPyConnection,
) -> None:
    stored = {**columns(con, "raw_postings"), **columns(con, "postings")}
    assert_fields_stored(JobPosting.ARROW_SCHEMA, stored)


@pytest.mark.parametrize(
    ("schema", "table", "extra"),
    [
        pytest.param(SkillMention.ARROW_SCHEMA, "skill_mentions", set(), id="mentions"),
        pytest.param(Taxonomy.ARROW_SCHEMA, "taxonomy_skills", set(), id="taxonomy"),
        pytest.param(PostingProfile.ARROW_SCHEMA, "posting_profiles", set(), id="profiles"),
        pytest.param(UnknownTerm.ARROW_SCHEMA, "unknown_terms", set(), id="unknown-terms"),
        pytest.param(
            QuarantinedRow.ARROW_SCHEMA,
            "quarantine",
            {"quarantine_id", "run_id", "quarantined_at"},
            id="quarantine",
        ),
    ],
)
def test_record_schema_matches_table(
    con: duckdb.DuckDBPyConnection, schema: pa.Schema, table: str, extra: set[str]
) -> None:
    cols = columns(con, table)
    assert_fields_stored(schema, cols)
    assert set(cols) - set(schema.names) == extra


def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with connect(path) as con:
        first = migrate(con)
        again = migrate(con)
        recorded = con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
    assert [m.version for m in first] == [m.version for m in migrations()]
    assert again == []
    assert [v for (v,) in recorded] == [m.version for m in migrations()]


def test_a_second_writer_gets_a_message_that_says_what_to_do(tmp_path: Path) -> None:
    # DuckDB's lock is per process, so the holder must be another process.
    import subprocess
    import sys

    path = tmp_path / "w.duckdb"
    open_warehouse(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys; c=duckdb.connect({str(path)!r}); "
            "print('ready', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(WarehouseError, match="open in another process") as info:
            connect(path)
        assert "snapshot" in str(info.value)
    finally:
        holder.communicate("")


def test_reading_a_missing_file_read_only_says_so(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError, match="no warehouse file"):
        connect(tmp_path / "absent.duckdb", read_only=True)


_UNINDEXED = ("raw_postings", "skill_mentions", "posting_tags", "posting_profiles", "unknown_terms")


def test_migration_009_keeps_rows_and_constraints_but_drops_the_big_indexes() -> None:
    con = duckdb.connect(":memory:")
    assert [m.version for m in migrate(con, until=8)] == list(range(1, 9))
    con.execute(
        "INSERT INTO skill_mentions VALUES ('hn:1', 'python', 'Python', 0, 6, 'Python',"
        " 'required', 't1', 'e1')"
    )
    con.execute("INSERT INTO posting_tags VALUES ('hn:1', 'h', 't1', 'e1', 1, now(), NULL)")
    assert [m.version for m in migrate(con, until=9)] == [9]
    assert con.execute("SELECT posting_id, skill, requirement FROM skill_mentions").fetchall() == [
        ("hn:1", "Python", "required")
    ]
    assert con.execute("SELECT mentions FROM posting_tags").fetchall() == [(1,)]
    keys = con.execute(
        "SELECT DISTINCT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    assert not {name for (name,) in keys} & set(_UNINDEXED)
    assert con.execute("SELECT count(*) FROM duckdb_indexes()").fetchall() == [(0,)]
    # NOT NULL and CHECK constraints came along
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO skill_mentions VALUES"
            " ('hn:2', 'go', 'Go', 0, 2, 'Go', 'maybe', 't1', 'e1')"
        )
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO raw_postings (source) VALUES ('hn')")


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, bool]]:
    return con.execute(
        "SELECT column_name, data_type, is_nullable FROM duckdb_columns()"
        " WHERE table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()


def _compression(con: duckdb.DuckDBPyConnection, table: str, column: str) -> list[tuple[str]]:
    return con.execute(
        "SELECT DISTINCT compression FROM pragma_storage_info(?)"
        " WHERE column_name = ? AND segment_type = 'VARCHAR'",
        [table, column],
    ).fetchall()


def test_migration_010_stores_the_long_texts_with_zstd_and_keeps_the_rest(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con, until=9)
    before = {t: _columns(con, t) for t in ("postings", "raw_postings")}
    text = "We build data pipelines in Python and SQL. " * 40
    con.execute(
        "INSERT INTO raw_postings (source, source_id, seen_at, content_hash, posting_id, origin,"
        " raw) VALUES ('hn', '1', now(), 'h1', 'hn:1', 'f.jsonl', ?)",
        [text],
    )
    con.execute(
        "INSERT INTO postings (posting_id, source, source_id, content_hash, description,"
        " first_seen, last_seen, sightings, updated_at, city)"
        " VALUES ('hn:1', 'hn', '1', 'h1', ?, now(), now(), 1, now(), 'Berlin')",
        [text],
    )
    assert [m.version for m in migrate(con, until=10)] == [10]
    assert {t: _columns(con, t) for t in before} == before
    assert con.execute("SELECT raw FROM raw_postings").fetchall() == [(text,)]
    assert con.execute("SELECT description, city FROM postings").fetchall() == [(text, "Berlin")]
    con.execute("CHECKPOINT")
    assert _compression(con, "postings", "description") == [("ZSTD",)]
    assert _compression(con, "raw_postings", "raw") == [("ZSTD",)]
    # the primary key of postings came along
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO postings (posting_id, source, source_id, content_hash, description,"
            " first_seen, last_seen, sightings, updated_at)"
            " VALUES ('hn:1', 'hn', '1', 'h2', 'x', now(), now(), 1, now())"
        )


def test_migration_013_gives_old_profiles_a_family_and_retires_the_title_macro() -> None:
    con = duckdb.connect(":memory:")
    migrate(con, until=10)
    con.execute("CREATE MACRO title_role_family(title) AS 'software engineer'")
    con.execute("INSERT INTO posting_profiles VALUES ('hn:1', true, true, 2, ['nlp'], 't0', 'e0')")
    assert 13 in [m.version for m in migrate(con)]
    assert con.execute(
        "SELECT role_family, roles, is_ai_ml_role FROM posting_profiles"
    ).fetchall() == [("other", [], True)]
    macros = con.execute(
        "SELECT function_name FROM duckdb_functions() WHERE function_name = 'title_role_family'"
    ).fetchall()
    assert macros == []
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO posting_profiles (posting_id, is_ai_ml_role, title_says_ai_ml,"
            " ai_ml_skills, clusters, taxonomy_version, extractor_version, roles)"
            " VALUES ('hn:2', false, false, 0, [], 't', 'e', [])"
        )


def test_open_warehouse_sets_the_memory_cap_and_names_a_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = open_warehouse(path, "300MB")
    try:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
        assert limit.endswith("MiB") and 250 < float(limit.split()[0]) <= 300
    finally:
        con.close()
    with pytest.raises(WarehouseError, match="memory_limit 'lots'"):
        open_warehouse(path, "lots")


def test_migration_012_adds_the_date_precision_and_keeps_stored_dates(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con, until=11)
    con.execute(
        "INSERT INTO postings (posting_id, source, source_id, content_hash, description,"
        " posted_at, first_seen, last_seen, sightings, updated_at)"
        " VALUES ('hn:1', 'hn', '1', 'h1', 'x', TIMESTAMPTZ '2026-03-02 16:05:00+00', now(),"
        " now(), 1, now())"
    )
    assert [m.version for m in migrate(con, until=12)] == [12]
    migrate(con)  # the views come with the latest version
    rows = con.execute("SELECT posted_precision, month FROM v_postings").fetchall()
    assert [(precision, str(month)) for precision, month in rows] == [(None, "2026-03-01")]
    assert "posted_precision" in [name for name, _, _ in _columns(con, "v_postings")]
