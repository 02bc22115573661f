"""The public ``skillgap tag`` contract: JSON Lines in, JSON Lines out.

Input, one object a line: ``{"id": ..., "text": "..."}`` (``id`` any JSON scalar, echoed back).
Output, one line per input line, in order::

    {"id": ..., "mentions": [{"skill_id", "skill", "start", "end", "text", "requirement"}]}

``start``/``end`` are character offsets into ``text``, end exclusive. Other tools and our own
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

MENTION_KEYS = ("skill_id", "skill", "start", "end", "text", "requirement")


@dataclass(frozen=True, slots=True)
class TagFileCounts:
    texts: int
    mentions: int


def _read_items(path: Path) -> Iterator[tuple[Any, str]]:
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


def _parse_line(path: Path, number: int, line: str) -> tuple[Any, str]:
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
    return obj["id"], obj["text"]


def tag_jsonl(extractor: Extractor, source: Path, target: Path) -> TagFileCounts:
    """Tag every text in ``source`` and write the contract to ``target``.

    The input streams through; the output is written to a temporary file and renamed at the
    end, so when any input line is bad nothing appears at ``target``.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    texts = mentions = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            # the id's JSON text rides along as the document key and is decoded on the way out
            keyed = ((json.dumps(doc_id), text) for doc_id, text in _read_items(source))
            for key, found in extractor.tag(keyed):
                record = {
                    "id": json.loads(key),
                    "mentions": [{k: getattr(m, k) for k in MENTION_KEYS} for m in found],
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                texts += 1
                mentions += len(found)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return TagFileCounts(texts, mentions)
