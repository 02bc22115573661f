"""Training programmes in the warehouse: store them, list what is untagged, store their
lessons and tags.

Reading the files and tagging with the postings' extractor are orchestrated in
:mod:`flows.curricula`; this module only loads and queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import pyarrow as pa

from warehouse.db import scalar

if TYPE_CHECKING:
    import duckdb


def load_curricula(con: duckdb.DuckDBPyConnection, batch: pa.Table) -> tuple[int, int]:
    """Insert new programmes and replace changed ones; return (new, changed).

    A programme whose text changed loses its old lessons and mentions, so it is tagged again.
    """
    con.register("_c", batch)
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            new = _count(con, "SELECT count(*) FROM _c ANTI JOIN curricula USING (curriculum_id)")
            changed = _count(
                con,
                "SELECT count(*) FROM _c JOIN curricula AS k USING (curriculum_id)"
                " WHERE _c.content_hash <> k.content_hash",
            )
            for table in ("curriculum_mentions", "curriculum_tags", "curriculum_lessons"):
                con.execute(
                    f"DELETE FROM {table} WHERE curriculum_id IN"  # noqa: S608 - fixed names
                    " (SELECT curriculum_id FROM _c JOIN curricula AS k USING (curriculum_id)"
                    "  WHERE _c.content_hash <> k.content_hash)"
                )
            con.execute(
                "INSERT OR REPLACE INTO curricula"
                " (curriculum_id, name, provider, kind, description, url, content_hash, origin,"
                "  licence, source_repo, source_commit, note)"
                " SELECT DISTINCT ON (curriculum_id) curriculum_id, name, provider, kind,"
                " description, url, content_hash, origin, licence, source_repo, source_commit,"
                " note FROM _c"
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.unregister("_c")
    return new, changed


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    value = scalar(con, sql)
    assert isinstance(value, int)
    return value


def count_curricula(con: duckdb.DuckDBPyConnection) -> int:
    """How many programmes are stored."""
    return _count(con, "SELECT count(*) FROM curricula")


def curricula_to_tag(
    con: duckdb.DuckDBPyConnection, taxonomy_version: str, extractor_version: str
) -> list[tuple[str, str, str]]:
    """(curriculum_id, content_hash, description) of each programme whose current text has no
    tags under these versions, in id order."""
    rows = con.execute(
        "SELECT curriculum_id, content_hash, description FROM curricula AS c"
        " WHERE NOT EXISTS (SELECT 1 FROM curriculum_tags AS t"
        "  WHERE t.curriculum_id = c.curriculum_id AND t.content_hash = c.content_hash"
        "  AND t.taxonomy_version = ? AND t.extractor_version = ?)"
        " ORDER BY curriculum_id",
        [taxonomy_version, extractor_version],
    ).fetchall()
    return [(str(cid), str(h), str(text)) for cid, h, text in rows]


def store_curriculum_tags(
    con: duckdb.DuckDBPyConnection,
    taxonomy_version: str,
    extractor_version: str,
    tags: Sequence[tuple[str, str, int, datetime]],
    mentions: Sequence[tuple[object, ...]],
    lessons: Sequence[tuple[str, int, str | None, int, int]] = (),
) -> None:
    """Replace, in one transaction, the lessons of the tagged programmes and their mentions
    under these versions.

    ``tags`` are (curriculum_id, content_hash, mentions found, tagged_at); ``mentions`` are rows
    of ``curriculum_mentions`` (its lesson last); ``lessons`` rows of ``curriculum_lessons``
    (curriculum_id, lesson, heading, start, end).
    """
    con.execute("BEGIN TRANSACTION")
    try:
        ids = [(cid,) for cid, *_ in tags]
        con.executemany(
            "DELETE FROM curriculum_mentions WHERE curriculum_id = ?"
            " AND taxonomy_version = ? AND extractor_version = ?",
            [(cid, taxonomy_version, extractor_version) for cid, *_ in tags],
        )
        con.executemany("DELETE FROM curriculum_lessons WHERE curriculum_id = ?", ids)
        if lessons:
            con.executemany("INSERT INTO curriculum_lessons VALUES (?, ?, ?, ?, ?)", lessons)
        if mentions:
            con.executemany(
                'INSERT INTO curriculum_mentions (curriculum_id, skill_id, skill, "start",'
                ' "end", text, requirement, taxonomy_version, extractor_version, lesson)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                mentions,
            )
        con.executemany(
            "INSERT OR REPLACE INTO curriculum_tags VALUES (?, ?, ?, ?, ?, ?)",
            [(cid, h, taxonomy_version, extractor_version, n, at) for cid, h, n, at in tags],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
