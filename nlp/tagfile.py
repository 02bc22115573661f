"""The public ``skillgap tag`` contract: JSON Lines in, JSON Lines out.

Input, one object a line: ``{"id": ..., "text": "...", "title": "..."}`` (``id`` any JSON
scalar, echoed back; ``title``, the job title, is optional). Output, one line per input line,
in order::

    {"id": ...,
     "mentions": [{"skill_id", "skill", "start", "end", "text", "requirement"}],
     "posting": {"ai_ml_technician": true|false, "role_family": "...", "roles": [...],
                 "clusters": [...]}}

``start``/``end`` are character offsets into ``text``, end exclusive. ``posting`` is the
posting-level decision (:mod:`nlp.profile`), the same the warehouse stores in
``posting_profiles`` for a posting with this title and text. Other tools and our own
evaluation depend on this shape: extend it only by adding keys.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.errors import InputError
from nlp.extractor import Extractor
from nlp.profile import posting_object, profile_posting

MENTION_KEYS = ("skill_id", "skill", "start", "end", "text", "requirement")


@dataclass(frozen=True, slots=True)
class TagFileCounts:
    texts: int
    mentions: int


@dataclass(frozen=True, slots=True)
class _Item:
    doc_id: Any
    text: str
    title: str | None


def _read_items(path: Path) -> Iterator[_Item]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                yield _parse_line(path, number, line)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _parse_line(path: Path, number: int, line: str) -> _Item:
    where = f"{path} line {number}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise InputError(f'{where}: expected an object like {{"id": 1, "text": "..."}}')
    if "id" not in obj:
        raise InputError(f'{where}: missing "id"')
    if not isinstance(obj.get("text"), str):
        raise InputError(f'{where}: "text" must be a string')
    if isinstance(obj["id"], dict | list):
        raise InputError(f'{where}: "id" must be a string or number')
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError(f'{where}: "title" must be a string when given')
    return _Item(obj["id"], obj["text"], title)


def tag_jsonl(extractor: Extractor, source: Path, target: Path) -> TagFileCounts:
    """Tag every text in ``source`` and write the contract to ``target``.

    The input streams through; the output is written to a temporary file and renamed at the
    end, so when any input line is bad nothing appears at ``target``.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    texts = mentions = 0
    _, extractor_version = extractor.versions
    items: dict[str, _Item] = {}

    def keyed() -> Iterator[tuple[str, str]]:
        # the line number is the document key: ids need not be unique
        for number, item in enumerate(_read_items(source)):
            items[str(number)] = item
            yield str(number), item.text

    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for key, found in extractor.tag(keyed()):
                item = items.pop(key)
                profile = profile_posting(
                    key, item.title, item.text, found, extractor.taxonomy, extractor_version
                )
                record = {
                    "id": item.doc_id,
                    "mentions": [{k: getattr(m, k) for k in MENTION_KEYS} for m in found],
                    "posting": posting_object(profile),
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                texts += 1
                mentions += len(found)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return TagFileCounts(texts, mentions)
