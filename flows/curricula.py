"""Training programmes: read, store and tag them with the same extractor as postings.

``import_curricula`` reads a file (bad rows go to ``quarantine``), stores the programmes and
tags those whose text has not been tagged under the extractor's versions. ``ensure_curricula``
is what a nightly run calls: the bundled programmes when the table is empty, then tagging of
whatever the current versions have not seen, so coverage always uses the same taxonomy as
demand. Storage is :mod:`warehouse.curricula`.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from extract import bundled
from extract.files.curricula import Curriculum, curricula_to_arrow, read_curricula
from extract.records import QuarantinedRow, quarantine_to_arrow
from flows.pipeline import make_extractor
from flows.settings import Settings
from nlp.extractor import Extractor
from warehouse.curricula import (
    count_curricula,
    curricula_to_tag,
    load_curricula,
    store_curriculum_tags,
)
from warehouse.db import open_warehouse
from warehouse.load import load_quarantine

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


def tag_curricula(con: duckdb.DuckDBPyConnection, extractor: Extractor) -> tuple[int, int]:
    """Tag programmes not yet tagged under the extractor's versions; return (tagged, mentions)."""
    taxonomy_version, extractor_version = extractor.versions
    pending = curricula_to_tag(con, taxonomy_version, extractor_version)
    if not pending:
        return 0, 0
    hashes = {cid: h for cid, h, _ in pending}
    mentions: list[tuple[object, ...]] = []
    tags: list[tuple[str, str, int, datetime]] = []
    now = datetime.now(UTC)
    for cid, found in extractor.tag((cid, text) for cid, _, text in pending):
        mentions.extend(
            (cid, m.skill_id, m.skill, m.start, m.end, m.text, m.requirement,
             m.taxonomy_version, m.extractor_version)
            for m in found
        )  # fmt: skip
        tags.append((cid, hashes[cid], len(found), now))
    store_curriculum_tags(con, taxonomy_version, extractor_version, tags, mentions)
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
    if not count_curricula(con):
        return import_curricula(con, default, extractor, run_id=run_id)
    tagged, mentions = tag_curricula(con, extractor)
    return CurriculaCounts(tagged=tagged, mentions=mentions)


def import_curricula_file(settings: Settings, path: Path, encoding: str) -> CurriculaCounts:
    """``skillgap import-curricula``: import and tag ``path`` in the settings' warehouse."""
    extractor = make_extractor(settings.taxonomy_extra)
    with closing(open_warehouse(settings.database)) as con:
        return import_curricula(con, path, extractor, encoding=encoding)
