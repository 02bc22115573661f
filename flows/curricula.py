"""Training programmes: read, store and tag them with the same extractor as postings.

``import_curricula`` reads a file (bad rows go to ``quarantine``), stores the programmes and
tags those whose text has not been tagged under the extractor's versions. Tagging goes lesson
by lesson (:func:`extract.files.curricula.split_lessons`): each lesson is its own document
for the extractor, and each mention keeps its lesson's number. ``ensure_curricula`` is what a
nightly run calls: the technician's core skills (:mod:`nlp.core_skills`) stored afresh, the
bundled programmes when the table is empty, then tagging of whatever the current versions
have not seen, so coverage always uses the same taxonomy as demand. Storage is
:mod:`warehouse.curricula` and :mod:`warehouse.core_skills`.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from extract import bundled
from extract.files.curricula import Curriculum, curricula_to_arrow, read_curricula, split_lessons
from extract.records import QuarantinedRow, quarantine_to_arrow
from flows.pipeline import make_extractor
from flows.settings import Settings
from nlp.core_skills import core_skills_to_arrow, load_core_skills
from nlp.extractor import Extractor
from warehouse.core_skills import store_core_skills
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
    """Tag programmes not yet tagged under the extractor's versions; return (tagged, mentions).

    Each lesson is tagged as a document of its own; mention offsets are moved back into the
    programme's text, so ``description[start:end]`` is what was found.
    """
    taxonomy_version, extractor_version = extractor.versions
    pending = curricula_to_tag(con, taxonomy_version, extractor_version)
    if not pending:
        return 0, 0
    lessons = {cid: split_lessons(text) for cid, _, text in pending}
    texts = {cid: text for cid, _, text in pending}
    # One document per lesson, named by its place in this list.
    documents = [(cid, lesson) for cid, _, _ in pending for lesson in lessons[cid]]
    found: dict[str, list[tuple[object, ...]]] = {cid: [] for cid, _, _ in pending}
    tagged = extractor.tag(
        (str(n), texts[cid][lesson.start : lesson.end]) for n, (cid, lesson) in enumerate(documents)
    )
    for key, mentions in tagged:
        cid, lesson = documents[int(key)]
        found[cid].extend(
            (cid, m.skill_id, m.skill, m.start + lesson.start, m.end + lesson.start, m.text,
             m.requirement, m.taxonomy_version, m.extractor_version, lesson.index)
            for m in mentions
        )  # fmt: skip
    now = datetime.now(UTC)
    tags = [(cid, content, len(found[cid]), now) for cid, content, _ in pending]
    rows = [row for cid in found for row in found[cid]]
    lesson_rows = [
        (cid, lesson.index, lesson.heading, lesson.start, lesson.end)
        for cid, items in lessons.items()
        for lesson in items
    ]
    store_curriculum_tags(con, taxonomy_version, extractor_version, tags, rows, lesson_rows)
    return len(tags), len(rows)


def refresh_core_skills(con: duckdb.DuckDBPyConnection, extractor: Extractor) -> int:
    """Store the technician's core skills, checked against the extractor's taxonomy."""
    items = load_core_skills(taxonomy=extractor.taxonomy)
    return store_core_skills(con, core_skills_to_arrow(items))


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
    """Store the core skills; import ``default`` when no programme is stored yet; tag what the
    versions have not seen."""
    refresh_core_skills(con, extractor)
    if not count_curricula(con):
        return import_curricula(con, default, extractor, run_id=run_id)
    tagged, mentions = tag_curricula(con, extractor)
    return CurriculaCounts(tagged=tagged, mentions=mentions)


def import_curricula_file(settings: Settings, path: Path, encoding: str) -> CurriculaCounts:
    """``skillgap import-curricula``: import and tag ``path`` in the settings' warehouse."""
    extractor = make_extractor(settings.taxonomy_extra)
    with closing(open_warehouse(settings.database)) as con:
        refresh_core_skills(con, extractor)
        return import_curricula(con, path, extractor, encoding=encoding)
