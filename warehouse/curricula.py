"""Training programmes in the warehouse: load them, and tag them with the postings' extractor.

``import_curricula`` reads a file (bad rows go to ``quarantine``), stores the programmes and
tags those whose text has not been tagged under the extractor's versions. ``ensure_curricula``
is what a nightly run calls: the bundled programmes when the table is empty, then tagging of
whatever the current versions have not seen, so coverage always uses the same taxonomy as
demand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from extract import bundled
from extract.curricula import Curriculum, curricula_to_arrow, read_curricula
from extract.records import QuarantinedRow, quarantine_to_arrow
from warehouse.db import scalar
from warehouse.load import load_quarantine

if TYPE_CHECKING:
    import duckdb

    from nlp.extractor import Extractor

BUNDLED_CURRICULA = Path(bundled.__file__).parent / "curricula" / "programmes.jsonl"


@dataclass(frozen=True, slots=True)
class CurriculaCounts:
    """What one import or tagging pass did."""

    read: int = 0
    new: int = 0
    changed: int = 0
    quarantined: int = 0
    tagged: int = 0
    mentions: int = 0


def load_curricula(con: duckdb.DuckDBPyConnection, batch: pa.Table) -> tuple[int, int]:
    """Insert new programmes and replace changed ones; return (new, changed).

    A programme whose text changed loses its old mentions, so it is tagged again.
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
            for table in ("curriculum_mentions", "curriculum_tags"):
                con.execute(
                    f"DELETE FROM {table} WHERE curriculum_id IN"  # noqa: S608 - fixed names
                    " (SELECT curriculum_id FROM _c JOIN curricula AS k USING (curriculum_id)"
                    "  WHERE _c.content_hash <> k.content_hash)"
                )
            con.execute(
                "INSERT OR REPLACE INTO curricula"
                " (curriculum_id, name, provider, kind, description, url, content_hash, origin)"
                " SELECT DISTINCT ON (curriculum_id) curriculum_id, name, provider, kind,"
                " description, url, content_hash, origin FROM _c"
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


def tag_curricula(con: duckdb.DuckDBPyConnection, extractor: Extractor) -> tuple[int, int]:
    """Tag programmes not yet tagged under the extractor's versions; return (tagged, mentions)."""
    taxonomy_version, extractor_version = extractor.versions
    pending = con.execute(
        "SELECT curriculum_id, content_hash, description FROM curricula AS c"
        " WHERE NOT EXISTS (SELECT 1 FROM curriculum_tags AS t"
        "  WHERE t.curriculum_id = c.curriculum_id AND t.content_hash = c.content_hash"
        "  AND t.taxonomy_version = ? AND t.extractor_version = ?)"
        " ORDER BY curriculum_id",
        [taxonomy_version, extractor_version],
    ).fetchall()
    if not pending:
        return 0, 0
    hashes = {cid: h for cid, h, _ in pending}
    mentions: list[tuple[object, ...]] = []
    tags: list[tuple[object, ...]] = []
    now = datetime.now(UTC)
    for cid, found in extractor.tag((cid, text) for cid, _, text in pending):
        mentions.extend(
            (cid, m.skill_id, m.skill, m.start, m.end, m.text, m.requirement,
             m.taxonomy_version, m.extractor_version)
            for m in found
        )  # fmt: skip
        tags.append((cid, hashes[cid], taxonomy_version, extractor_version, len(found), now))
    con.execute("BEGIN TRANSACTION")
    try:
        con.executemany(
            "DELETE FROM curriculum_mentions WHERE curriculum_id = ?"
            " AND taxonomy_version = ? AND extractor_version = ?",
            [(cid, taxonomy_version, extractor_version) for cid in hashes],
        )
        if mentions:
            con.executemany(
                "INSERT INTO curriculum_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", mentions
            )
        con.executemany("INSERT OR REPLACE INTO curriculum_tags VALUES (?, ?, ?, ?, ?, ?)", tags)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(tags), len(mentions)


def import_curricula(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    extractor: Extractor,
    *,
    encoding: str = "utf-8",
    run_id: str | None = None,
) -> CurriculaCounts:
    """Read, store and tag the programmes in ``path``; bad rows go to ``quarantine``."""
    good: list[Curriculum] = []
    bad: list[QuarantinedRow] = []
    for item in read_curricula(path, encoding):
        if isinstance(item, Curriculum):
            good.append(item)
        else:
            bad.append(item)
    quarantined = load_quarantine(con, quarantine_to_arrow(bad), run_id)
    new, changed = load_curricula(con, curricula_to_arrow(good)) if good else (0, 0)
    tagged, mentions = tag_curricula(con, extractor)
    return CurriculaCounts(len(good), new, changed, quarantined, tagged, mentions)


def ensure_curricula(
    con: duckdb.DuckDBPyConnection,
    extractor: Extractor,
    default: Path = BUNDLED_CURRICULA,
    run_id: str | None = None,
) -> CurriculaCounts:
    """Import ``default`` when no programme is stored yet; tag what the versions have not seen."""
    if not scalar(con, "SELECT count(*) FROM curricula"):
        return import_curricula(con, default, extractor, run_id=run_id)
    tagged, mentions = tag_curricula(con, extractor)
    return CurriculaCounts(tagged=tagged, mentions=mentions)
