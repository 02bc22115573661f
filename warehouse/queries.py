"""Named queries the pipeline and the CLI read the warehouse with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa

_UNTAGGED = """
FROM postings AS p
ANTI JOIN posting_tags AS t
    ON t.posting_id = p.posting_id AND t.content_hash = p.content_hash
    AND t.taxonomy_version = ? AND t.extractor_version = ?
"""
_TO_TAG_SQL = f"SELECT p.posting_id, p.content_hash, p.title, p.description {_UNTAGGED} ORDER BY 1"
_COUNT_TO_TAG_SQL = f"SELECT count(*) {_UNTAGGED}"


def count_to_tag(
    con: duckdb.DuckDBPyConnection, taxonomy_version: str, extractor_version: str
) -> int:
    """How many postings :func:`postings_to_tag` would yield."""
    rows = con.execute(_COUNT_TO_TAG_SQL, [taxonomy_version, extractor_version]).fetchall()
    return int(rows[0][0])


def postings_to_tag(
    con: duckdb.DuckDBPyConnection,
    taxonomy_version: str,
    extractor_version: str,
    batch_size: int = 5000,
) -> Iterator[pa.RecordBatch]:
    """Postings whose current text has not been tagged under these versions, in batches.

    The rows stream from a cursor of their own, so the caller may write mentions through
    ``con`` while iterating; the cursor reads the snapshot taken when the query began.
    """
    cursor = con.cursor()
    try:
        relation = cursor.sql(_TO_TAG_SQL, params=[taxonomy_version, extractor_version])
        yield from relation.to_arrow_reader(batch_size)
    finally:
        cursor.close()


@dataclass(frozen=True, slots=True)
class WarehouseSummary:
    """Headline numbers of a warehouse."""

    postings: int
    sightings: int
    mentions: int
    postings_with_skills: int
    quarantined: int
    first_month: date | None
    last_month: date | None
    top_skills: list[tuple[str, int]]
    taxonomy_version: str | None
    extractor_version: str | None


def summarise(con: duckdb.DuckDBPyConnection, top: int = 5) -> WarehouseSummary:
    """Headline numbers for the CLI: postings, sightings, mentions, months, top skills."""
    row = con.execute(
        """
        SELECT
            (SELECT count(*) FROM postings),
            (SELECT count(*) FROM raw_postings),
            (SELECT count(*) FROM v_skill_mentions),
            (SELECT count(DISTINCT posting_id) FROM v_skill_mentions),
            (SELECT count(*) FROM quarantine),
            (SELECT min(month) FROM v_postings),
            (SELECT max(month) FROM v_postings),
            (SELECT taxonomy_version FROM v_current_versions),
            (SELECT extractor_version FROM v_current_versions)
        """
    ).fetchall()[0]
    skills = con.execute(
        """
        SELECT skill, count(*) AS n FROM v_posting_skills
        GROUP BY skill ORDER BY n DESC, skill LIMIT ?
        """,
        [top],
    ).fetchall()
    return WarehouseSummary(
        postings=row[0],
        sightings=row[1],
        mentions=row[2],
        postings_with_skills=row[3],
        quarantined=row[4],
        first_month=row[5],
        last_month=row[6],
        top_skills=[(str(name), int(n)) for name, n in skills],
        taxonomy_version=row[7],
        extractor_version=row[8],
    )
