"""Opening the DuckDB file and bringing its schema up to date.

Migrations are the numbered ``NNN_name.sql`` files in ``warehouse/migrations``: tables and
data changes only. Each is applied once, inside one transaction together with its row in
``schema_migrations``, so a failed migration leaves the file as it was.

Views and table macros are the ``<name>.sql`` files in ``warehouse/views``, one object per
file. After the migrations, every one of them is created or replaced (in one transaction,
each after the objects it reads), so editing a file changes the view the next time a writer
opens the warehouse. Migrations therefore read tables, never views: on an old warehouse a
view can still have an older definition while the migrations run. A view whose file is
deleted stays in existing warehouses until a migration drops it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

from extract.errors import WarehouseError

_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
_VIEW_FILE = re.compile(r"^([a-z0-9_]+)\.sql$")
_CREATES = re.compile(r"^CREATE\s+(OR\s+REPLACE\s+)?(VIEW|MACRO)\s+(\w+)", re.I | re.M)
_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The packaged migrations in order."""
    found = []
    for entry in resources.files("warehouse.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise WarehouseError(f"two migrations share a number: {versions}")
    return found


@dataclass(frozen=True, slots=True)
class View:
    """One file of ``warehouse/views``: a view or table macro and the others it reads."""

    name: str
    kind: str
    sql: str
    reads: frozenset[str]


def views(folder: Path | None = None) -> list[View]:
    """The views and macros of ``folder`` (the packaged ones), each after those it reads.

    A file ``<name>.sql`` holds one ``CREATE OR REPLACE VIEW|MACRO <name>`` statement. What it
    reads is every other file's name that appears in its SQL outside comments and strings.
    """
    found: dict[str, tuple[str, str]] = {}
    entries = folder.iterdir() if folder else resources.files("warehouse.views").iterdir()
    for entry in sorted(entries, key=lambda e: e.name):
        match = _VIEW_FILE.match(entry.name)
        if not match:
            continue
        sql = entry.read_text(encoding="utf-8")
        creates = _CREATES.findall(sql)
        if len(creates) != 1 or not creates[0][0] or creates[0][2] != match[1]:
            said = [f"CREATE {'OR REPLACE ' if r else ''}{k} {n}" for r, k, n in creates]
            raise WarehouseError(
                f"{entry.name}: a view file must hold one CREATE OR REPLACE VIEW or MACRO "
                f"named as the file ({match[1]}); it holds {said or 'none'}"
            )
        found[match[1]] = (creates[0][1].lower(), sql)
    by_name = {}
    for name, (kind, sql) in found.items():
        words = set(_WORD.findall(_STRING.sub("", _COMMENT.sub("", sql))))
        by_name[name] = View(name, kind, sql, frozenset(words & found.keys() - {name}))
    sorter = TopologicalSorter({name: view.reads for name, view in by_name.items()})
    ordered: list[View] = []
    try:
        sorter.prepare()
    except CycleError as exc:
        raise WarehouseError(f"view files that read each other in a cycle: {exc.args[1]}") from None
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        ordered.extend(by_name[name] for name in ready)
        sorter.done(*ready)
    return ordered


def apply_views(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> list[View]:
    """Create or replace every view and macro of ``folder`` (``warehouse/views``), all or none.

    Returns the ones made, or nothing when ``schema_views`` shows that this very set of files
    was applied last and every object is still there (replacing them all costs ~170 ms, paid
    on every writer's open otherwise).
    """
    ordered = views(folder)
    wanted = sorted((view.name, hashlib.sha256(view.sql.encode()).hexdigest()) for view in ordered)
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_views (name VARCHAR PRIMARY KEY,"
        " digest VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)"
    )
    recorded = con.execute("SELECT name, digest FROM schema_views ORDER BY name").fetchall()
    if recorded == wanted and not _missing_views(con, ordered):
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        for view in ordered:
            try:
                con.execute(view.sql)
            except duckdb.Error as exc:
                raise WarehouseError(f"view file {view.name}.sql failed: {exc}") from exc
        con.execute("DELETE FROM schema_views")
        con.executemany("INSERT INTO schema_views (name, digest) VALUES (?, ?)", wanted)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return ordered


def _missing_views(con: duckdb.DuckDBPyConnection, ordered: list[View]) -> bool:
    present = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'"
        " UNION SELECT function_name FROM duckdb_functions()"
        " WHERE NOT internal AND schema_name = 'main' AND function_type LIKE '%macro'"
    ).fetchall()
    return not {view.name for view in ordered} <= {name for (name,) in present}


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file, explaining the usual failures in words a user can act on.

    ``":memory:"`` opens a private in-memory warehouse (tests, ``skillgap tag``).
    """
    target = str(path)
    if target != ":memory:":
        p = Path(target)
        if read_only and not p.exists():
            raise WarehouseError(f"{p}: no warehouse file here; run `skillgap run` first")
        p.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(target, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseError(
                f"{target} is open in another process (a run, or a researcher's session). "
                "Close that process and try again; to read while a run is going, query a "
                f"copy (cp {target} snapshot.duckdb) or the Parquet export instead. "
                f"DuckDB said: {exc}"
            ) from exc
        raise WarehouseError(f"{target}: cannot open the warehouse: {exc}") from exc
    except duckdb.Error as exc:
        raise WarehouseError(f"{target}: not a usable DuckDB file: {exc}") from exc
    # DuckDB's progress bar (for statements over 2 s, such as a migration rebuilding a big
    # table) draws over itself with carriage returns: noise in the logs of scheduled runs.
    con.execute("SET enable_progress_bar = false")
    return con


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)"
    )
    return {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection, until: int | None = None) -> list[Migration]:
    """Apply the migrations this file has not seen yet; return the ones applied.

    Then (re)create every view and macro of ``warehouse/views``. ``until`` stops after that
    version (to build an older warehouse, e.g. to test the next migration on it); below the
    latest version no views are made, as they are written for the latest tables.
    """
    done = applied_versions(con)
    applied = []
    known = migrations()
    for migration in known:
        if until is not None and migration.version > until:
            break
        if migration.version in done:
            continue
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise WarehouseError(
                f"migration {migration.version:03d}_{migration.name} failed: {exc}"
            ) from exc
        applied.append(migration)
    if until is None or (known and until >= known[-1].version):
        apply_views(con)
    return applied


def open_warehouse(path: Path | str, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """Connect for writing and migrate: the one way writers open the file.

    ``memory_limit`` caps DuckDB's memory from the start, migrations included (one that
    rebuilds a table copies all of it).
    """
    con = connect(path)
    try:
        if memory_limit:
            try:
                con.execute("SET memory_limit = ?", [memory_limit])
            except duckdb.Error as exc:
                raise WarehouseError(f"memory_limit {memory_limit!r}: {exc}") from None
        # A checkpoint normally also "vacuums": it merges a table's partly filled row groups,
        # which for 10,000 postings added to a million meant rewriting the whole of
        # raw_postings and postings (11 s of a 13 s nightly import). Without it each
        # checkpoint writes only what changed, new rows in row groups of their own. The cost:
        # the space of deleted rows (mentions replaced when a posting is tagged again under
        # the same versions) is not given back to the file.
        con.execute("SET max_vacuum_tasks = 0")
        # DuckDB's own threshold (16 MB of write-ahead log) then suits loads too: a big
        # transaction is written straight into the file instead of into the log and then the
        # file. (With vacuuming, checkpoints that often were most of a load's time, and the
        # threshold was 1 GB; now a million-posting import is 4% faster and peaks 380 MB lower.)
        con.execute("SET wal_autocheckpoint = '16MB'")
        migrate(con)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, **tables: pa.Table) -> Iterator[None]:
    """Arrow ``tables`` queryable under their names within the block, unregistered after.

    An error inside a transaction aborts it, and unregistering then fails too ("Current
    transaction is aborted"): that second error must not hide the first (a full disk).
    """
    for name, table in tables.items():
        con.register(name, table)
    failed = False
    try:
        yield
    except BaseException:
        failed = True
        raise
    finally:
        for name in tables:
            try:
                con.unregister(name)
            except duckdb.Error:
                if not failed:
                    raise


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> object:
    """The first value of the first row, or None; the result is read to the end.

    DuckDB 2 refuses more work on a connection whose last result was not read to the end,
    so ``fetchone()`` on a many-row result is a trap.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


@dataclass(frozen=True, slots=True)
class Compacted:
    """File sizes before and after :func:`compact`, in bytes."""

    before: int
    after: int


def compact(path: Path, memory_limit: str | None = None) -> Compacted:
    """Rewrite the warehouse file into a fresh one, giving back the space of deleted rows.

    Every table, view and row is copied (DuckDB's ``COPY FROM DATABASE``) into
    ``<file>.compact``, which then replaces the file. Nothing else may have the file open; a
    failure leaves the old file as it was. ``memory_limit`` caps DuckDB's memory meanwhile.
    """
    path = Path(path)
    if not path.exists():
        raise WarehouseError(f"{path}: no warehouse file here")
    # Opening it replays what a killed writer left in the log; closing checkpoints it.
    connect(path).close()
    if Path(f"{path}.wal").exists():
        raise WarehouseError(f"{path}: its write-ahead log did not go away on closing")
    before = path.stat().st_size
    fresh = Path(f"{path}.compact")
    for stale in (fresh, Path(f"{fresh}.wal")):
        stale.unlink(missing_ok=True)
    try:
        _copy_database(path, fresh, memory_limit)
    except duckdb.Error as exc:
        fresh.unlink(missing_ok=True)
        raise WarehouseError(f"{path}: compacting failed, the file is unchanged: {exc}") from exc
    except BaseException:
        fresh.unlink(missing_ok=True)
        raise
    os.replace(fresh, path)
    return Compacted(before, path.stat().st_size)


def _copy_database(source: Path, target: Path, memory_limit: str | None) -> None:
    con = duckdb.connect(str(target))
    try:
        con.execute("SET enable_progress_bar = false")
        if memory_limit:
            con.execute("SET memory_limit = ?", [memory_limit])
        name = str(scalar(con, "SELECT current_database()")).replace('"', '""')
        con.execute(f"ATTACH {_quoted_literal(str(source))} AS old (READ_ONLY)")
        con.execute(f'COPY FROM DATABASE old TO "{name}"')
        con.execute("DETACH old")
    finally:
        con.close()


def _quoted_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
