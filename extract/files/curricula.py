"""Training programmes (degrees, bootcamps, certificates, online courses) from CSV or JSONL.

Each record needs ``name``, ``provider``, ``kind`` and a text to tag: ``description`` or
``syllabus`` (both are joined when both are there); ``url``, ``licence``, ``source_repo``,
``source_commit`` and ``note`` are optional. A record that lacks one of the required fields,
or has an unknown kind, is yielded as a :class:`QuarantinedRow` with its line and reason; a
file that cannot be read as a whole raises :class:`InputError`. Knows nothing of DuckDB: the
warehouse stores what this yields.

:func:`split_lessons` cuts a programme's text into lessons: a heading line and the text under
it (see its docstring), the unit coverage is counted in.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from extract.errors import BadRecord, InputError
from extract.files.rows import decoded_lines, json_object, open_bytes, strip_line_end
from extract.records import QuarantinedRow, content_hash
from extract.text import clean_html

KINDS = ("degree", "bootcamp", "certificate", "mooc", "course", "other")
SOURCE = "curricula"
_TEXT_FIELDS = ("description", "syllabus")
_REQUIRED = ("name", "provider", "kind")
_OPTIONAL = ("url", "licence", "source_repo", "source_commit", "note")
# A markdown heading: one to six "#" and a space at the start of a line, then some text.
_HEADING = re.compile(r"^#{1,6}[ \t]+(\S[^\n]*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Curriculum:
    """One training programme and the text that says what it teaches.

    The id depends on provider and name only, so a re-imported programme with a revised
    description replaces the old one instead of adding a second.
    """

    name: str
    provider: str
    kind: str
    description: str
    origin: str
    url: str | None = None
    licence: str | None = None
    source_repo: str | None = None
    source_commit: str | None = None
    note: str | None = None

    ARROW_SCHEMA: ClassVar[pa.Schema]

    @property
    def curriculum_id(self) -> str:
        key = f"{self.provider.casefold().strip()}\x1f{self.name.casefold().strip()}"
        return "cur:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    @property
    def content_hash(self) -> str:
        return content_hash(self.description)


Curriculum.ARROW_SCHEMA = pa.schema(
    [
        pa.field("curriculum_id", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("provider", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("description", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("origin", pa.string(), nullable=False),
        pa.field("licence", pa.string()),
        pa.field("source_repo", pa.string()),
        pa.field("source_commit", pa.string()),
        pa.field("note", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class Lesson:
    """One lesson of a programme's text: ``text[start:end]``, which starts with ``heading``.

    ``heading`` is the heading's text without its ``#`` marks, or None for the text before the
    first heading (and for a text without headings, which is one lesson).
    """

    index: int
    heading: str | None
    start: int
    end: int


def split_lessons(text: str) -> list[Lesson]:
    r"""Cut ``text`` into lessons: each heading line and the text under it.

    A heading is a line that starts with one to six ``#`` and a space (markdown). A lesson
    runs from its heading to the next heading of any level: levels are not used, as syllabi
    nest them inconsistently. Text before the first heading is a lesson of its own (heading
    None) when it holds more than whitespace; a text without headings is one lesson, an empty
    one none. Lessons are numbered from 0 in order and together cover the text from the
    first lesson's start.

    >>> [(l.heading, l.start, l.end) for l in split_lessons("Intro\n## Docker\nrun it\n# Git")]
    [(None, 0, 6), ('Docker', 6, 23), ('Git', 23, 28)]
    """
    starts = [(m.start(), m.group(1).strip()) for m in _HEADING.finditer(text)]
    pieces: list[tuple[int, str | None]] = []
    first = starts[0][0] if starts else len(text)
    if text[:first].strip():
        pieces.append((0, None))
    pieces.extend(starts)
    if not pieces:
        return []
    ends = [start for start, _ in pieces[1:]] + [len(text)]
    return [
        Lesson(index, heading, start, end)
        for index, ((start, heading), end) in enumerate(zip(pieces, ends, strict=True))
    ]


def curricula_to_arrow(items: list[Curriculum]) -> pa.Table:
    """Columnar form of programmes, in :data:`Curriculum.ARROW_SCHEMA`."""
    rows = [
        {
            "curriculum_id": c.curriculum_id,
            "name": c.name,
            "provider": c.provider,
            "kind": c.kind,
            "description": c.description,
            "url": c.url,
            "content_hash": c.content_hash,
            "origin": c.origin,
            "licence": c.licence,
            "source_repo": c.source_repo,
            "source_commit": c.source_commit,
            "note": c.note,
        }
        for c in items
    ]
    return pa.Table.from_pylist(rows, schema=Curriculum.ARROW_SCHEMA)


def read_curricula(path: Path, encoding: str = "utf-8") -> Iterator[Curriculum | QuarantinedRow]:
    """Yield a programme or a quarantined row per record of a ``.csv`` or ``.jsonl`` file.

    >>> [c.kind for c in read_curricula(Path("programmes.csv"))]  # doctest: +SKIP
    ['mooc', 'degree']
    """
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".csv"):
        records = _csv(path, encoding)
    elif name.endswith((".jsonl", ".ndjson")):
        records = _jsonl(path, encoding)
    else:
        raise InputError(f"{path.name}: expected a .csv or .jsonl file of training programmes")
    for line, payload, record in records:
        try:
            if isinstance(record, BadRecord):
                raise record
            yield _curriculum(record, f"{path.name}:{line}")
        except BadRecord as exc:
            yield QuarantinedRow(SOURCE, path.name, line, str(exc), payload)


def _curriculum(record: Mapping[str, Any], origin: str) -> Curriculum:
    values = {key: _text(record.get(key)) for key in (*_REQUIRED, *_TEXT_FIELDS, *_OPTIONAL)}
    missing = [key for key in _REQUIRED if not values[key]]
    if missing:
        raise BadRecord(f"no {', '.join(missing)}")
    kind = (values["kind"] or "").casefold()
    if kind not in KINDS:
        raise BadRecord(f"kind {values['kind']!r} is not one of {', '.join(KINDS)}")
    text = "\n".join(clean_html(v) for key in _TEXT_FIELDS if (v := values[key]))
    if not text.strip():
        raise BadRecord("no description or syllabus")
    return Curriculum(
        name=values["name"] or "",
        provider=values["provider"] or "",
        kind=kind,
        description=text,
        origin=origin,
        url=values["url"],
        licence=values["licence"],
        source_repo=values["source_repo"],
        source_commit=values["source_commit"],
        note=values["note"],
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _csv(path: Path, encoding: str) -> Iterator[tuple[int, str, Mapping[str, Any] | BadRecord]]:
    with open_bytes(path) as stream:
        lines = (text for _, text in decoded_lines(stream, path.name, encoding))
        reader = csv.reader(lines)
        try:
            header = next(reader, None)
            if header is None:
                raise InputError(f"{path.name}: file is empty")
            header = [h.strip().casefold() for h in header]
            _check_header(path, header)
            end = reader.line_num
            for cells in reader:
                start, end = end + 1, reader.line_num
                if not cells:
                    continue
                row = dict(zip(header, cells, strict=False))
                payload = json.dumps(row, ensure_ascii=False)
                if len(cells) != len(header):
                    yield (
                        start,
                        payload,
                        BadRecord(f"expected {len(header)} cells, found {len(cells)}"),
                    )
                else:
                    yield start, payload, row
        except csv.Error as exc:
            raise InputError(
                f"{path.name}: malformed CSV near line {reader.line_num}: {exc}"
            ) from None


def _check_header(path: Path, header: list[str]) -> None:
    missing = [key for key in _REQUIRED if key not in header]
    if not any(key in header for key in _TEXT_FIELDS):
        missing.append("description or syllabus")
    if missing:
        raise InputError(
            f"{path.name}: column {', '.join(missing)} not found; columns are: "
            f"{', '.join(header) or '(none)'}"
        )


def _jsonl(path: Path, encoding: str) -> Iterator[tuple[int, str, Mapping[str, Any] | BadRecord]]:
    with open_bytes(path) as stream:
        any_line = False
        for number, line in decoded_lines(stream, path.name, encoding):
            text = strip_line_end(line)
            if not text.strip():
                continue
            any_line = True
            try:
                yield number, text, json_object(text)
            except BadRecord as exc:
                yield number, text, exc
        if not any_line:
            raise InputError(f"{path.name}: file is empty")
