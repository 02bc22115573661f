"""Postings from the user's own CSV, JSON Lines or Parquet files.

A :class:`ColumnMapping` says which of the file's columns holds each posting field.
:class:`FileSource` streams the file record by record; records it cannot use are
quarantined, while problems with the file as a whole (missing mapped column, wrong
encoding, unknown format) raise :class:`~extract.errors.InputError` before any posting is
yielded.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from extract.errors import BadRecord, ColumnMappingError, InputError
from extract.files.rows import as_utc, decoded_lines, json_object, open_bytes, strip_line_end
from extract.records import JobPosting, QuarantinedRow, content_hash
from extract.source import SourceBase
from extract.text import clean_html

_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
_SUPPORTED = ".csv, .jsonl, .ndjson, .parquet, and .csv.gz, .jsonl.gz, .ndjson.gz"
_UNIX_SECONDS = re.compile(r"[+-]?\d+(?:\.\d+)?")
_PARQUET_BATCH_ROWS = 1024


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column of the file holds each posting field; None means the file has none.

    A column left at its default name is used when the file has it and ignored when not.
    A column named explicitly must exist, and ``description`` must always exist.

    >>> ColumnMapping.from_pairs(["description=body", "company="]).description
    'body'
    """

    id: str | None = "id"
    title: str | None = "title"
    description: str = "description"
    company: str | None = "company"
    location: str | None = "location"
    date: str | None = "date"
    url: str | None = "url"

    @classmethod
    def from_pairs(cls, pairs: Iterable[str]) -> ColumnMapping:
        """Build a mapping from ``field=column`` pairs; ``field=`` marks a field as absent."""
        valid = [f.name for f in fields(cls)]
        changes: dict[str, Any] = {}
        for pair in pairs:
            name, sep, column = (part.strip() for part in pair.partition("="))
            if not sep or name not in valid:
                raise InputError(
                    f"bad column mapping {pair!r}: expected FIELD=COLUMN with FIELD one of "
                    f"{', '.join(valid)}"
                )
            if name == "description" and not column:
                raise InputError(f"bad column mapping {pair!r}: description needs a column")
            changes[name] = column or None
        return replace(cls(), **changes)

    def columns(self) -> dict[str, str]:
        """Posting field -> file column, for the fields that are mapped."""
        return {f.name: col for f in fields(self) if (col := getattr(self, f.name)) is not None}

    def required(self) -> dict[str, str]:
        """The mapped columns a file must have: description and every renamed field."""
        return {
            f.name: col
            for f in fields(self)
            if (col := getattr(self, f.name)) is not None
            and (f.name == "description" or col != f.default)
        }


class FileSource(SourceBase):
    """A local CSV, JSON Lines or Parquet file of postings as a :class:`~extract.source.Source`.

    ``seen_at`` stamps every posting of the file. It defaults to the file's modification
    time, so importing an unchanged file again adds no sightings, while a re-exported file
    counts as seen again.
    Gzipped CSV and JSON Lines (``.csv.gz``, ``.jsonl.gz``) are read as they are.
    """

    kind = "file"

    def __init__(
        self,
        path: Path | str,
        source: str | None = None,
        mapping: ColumnMapping | None = None,
        format: str | None = None,
        encoding: str = "utf-8",
        seen_at: datetime | None = None,
    ) -> None:
        self.path = Path(path)
        self.format = format.lower() if format else _infer_format(self.path)
        if self.format not in _FORMATS.values():
            raise InputError(
                f"{self.path.name}: unknown format {format!r}; use csv, jsonl or parquet"
            )
        self.name = source or f"file:{_stem(self.path)}"
        self.mapping = mapping or ColumnMapping()
        self.encoding = encoding
        self.seen_at = as_utc(seen_at) if seen_at is not None else None

    def fetch(self, since: datetime | None = None) -> Iterator[JobPosting | QuarantinedRow]:
        """Yield a posting or a quarantined row per record, in file order.

        Every posting of a file shares one ``seen_at``, so ``since`` keeps all of them or
        none.
        """
        seen_at = self.seen_at or self.modified_at()
        if since is not None and seen_at < as_utc(since):
            return
        self.check_not_empty()
        records = {"csv": self._csv, "jsonl": self._jsonl, "parquet": self._parquet}
        for line, payload, record in records[self.format]():
            if isinstance(record, BadRecord):
                yield QuarantinedRow(self.name, self.path.name, line, str(record), payload)
                continue
            try:
                yield self.posting(record, line, payload, seen_at)
            except BadRecord as exc:
                yield QuarantinedRow(self.name, self.path.name, line, str(exc), payload)

    def modified_at(self) -> datetime:
        """The file's modification time, the default ``seen_at`` of its postings."""
        return _modified_at(self.path)

    def check_not_empty(self) -> None:
        """Raise :class:`InputError` when the file has no bytes at all."""
        if self.path.is_file() and self.path.stat().st_size == 0:
            raise InputError(f"{self.path.name}: file is empty")

    def _csv(self) -> Iterator[tuple[int, str, Mapping[str, Any] | BadRecord]]:
        with open_bytes(self.path) as stream:
            lines = (text for _, text in decoded_lines(stream, self.path.name, self.encoding))
            reader = csv.reader(lines)
            try:
                header = next(reader, None)
                if header is None:
                    raise InputError(f"{self.path.name}: file is empty")
                self._check_columns(header)
                end = reader.line_num
                for cells in reader:
                    start, end = end + 1, reader.line_num
                    if not cells:
                        continue
                    row = dict(zip(header, cells, strict=False))
                    payload = json.dumps(row, ensure_ascii=False)
                    if len(cells) != len(header):
                        bad = BadRecord(f"expected {len(header)} cells, found {len(cells)}")
                        yield start, payload, bad
                    else:
                        yield start, payload, row
            except csv.Error as exc:
                raise InputError(
                    f"{self.path.name}: malformed CSV near line {reader.line_num}: {exc}"
                ) from None

    def _jsonl(self) -> Iterator[tuple[int, str, Mapping[str, Any] | BadRecord]]:
        with open_bytes(self.path) as stream:
            any_line = False
            for number, line in decoded_lines(stream, self.path.name, self.encoding):
                text = strip_line_end(line)
                if not text.strip():
                    continue
                if not any_line and text.lstrip().startswith("["):
                    raise InputError(
                        f"{self.path.name}: looks like a JSON array; expected JSON Lines, "
                        "one object per line"
                    )
                any_line = True
                try:
                    yield number, text, json_object(text)
                except BadRecord as exc:
                    yield number, text, exc
            if not any_line:
                raise InputError(f"{self.path.name}: file is empty")

    def _parquet(self) -> Iterator[tuple[int, str, Mapping[str, Any] | BadRecord]]:
        try:
            parquet = pq.ParquetFile(self.path)
        except FileNotFoundError:
            raise InputError(f"{self.path}: no such file") from None
        except (pa.ArrowException, OSError) as exc:
            raise InputError(f"{self.path.name}: not a readable Parquet file: {exc}") from None
        with parquet:
            names = parquet.schema_arrow.names
            self._check_columns(names)
            wanted = [c for c in dict.fromkeys(self.mapping.columns().values()) if c in names]
            number = 0
            for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=wanted):
                for row in batch.to_pylist():
                    number += 1
                    yield number, json.dumps(row, ensure_ascii=False, default=str), row

    def _check_columns(self, available: Sequence[str]) -> None:
        missing = [(f, c) for f, c in self.mapping.required().items() if c not in available]
        if missing:
            what = ", ".join(f"{c!r} (mapped to {f})" for f, c in missing)
            noun = "column" if len(missing) == 1 else "columns"
            raise ColumnMappingError(
                f"{self.path.name}: {noun} {what} not found; columns are: "
                f"{', '.join(available) or '(none)'}"
            )

    def posting(
        self, record: Mapping[str, Any], line: int, payload: str, seen_at: datetime
    ) -> JobPosting:
        """The posting one parsed record of the file holds; raises ``BadRecord`` if none."""
        cols = self.mapping.columns()
        body = record.get(cols["description"])
        description = clean_html(str(body)) if body is not None else ""
        if not description:
            raise BadRecord("no text")
        source_id = _text(record.get(cols["id"])) if "id" in cols else None
        posted_at = None
        if "date" in cols:
            posted_at = parse_date(record.get(cols["date"]), cols["date"])
        return JobPosting(
            source=self.name,
            source_id=source_id or content_hash(description),
            description=description,
            seen_at=seen_at,
            origin=f"{self.path.name}:{line}",
            raw=payload,
            title=_field(record, cols, "title"),
            company=_field(record, cols, "company"),
            location=_field(record, cols, "location"),
            url=_field(record, cols, "url"),
            posted_at=posted_at,
        )


def parse_date(value: object, column: str) -> datetime | None:
    """A posting date from a cell: ISO 8601 date or datetime, or Unix seconds.

    Naive datetimes are taken as UTC; empty cells give None. Day-first and month-first
    forms such as ``03/04/2026`` are refused on purpose: nothing in the cell says which
    one it is, and a silently swapped day and month is worse than a quarantined row.

    >>> parse_date("2026-03-04", "posted").isoformat()
    '2026-03-04T00:00:00+00:00'
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, tz=UTC)
        if isinstance(value, str):
            text = value.strip()
            if _UNIX_SECONDS.fullmatch(text):
                return datetime.fromtimestamp(float(text), tz=UTC)
            return as_utc(datetime.fromisoformat(text))
    except (ValueError, OverflowError, OSError):
        pass
    raise BadRecord(f"unparseable date {value!r} in column {column!r}")


def _modified_at(path: Path) -> datetime:
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    return datetime.fromtimestamp(int(mtime), tz=UTC)


def _infer_format(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
        if suffixes and suffixes[-1] == ".parquet":
            raise InputError(
                f"{path.name}: gzipped Parquet is not supported; supported: {_SUPPORTED}"
            )
    if not suffixes or suffixes[-1] not in _FORMATS:
        raise InputError(f"{path.name}: unknown file type; supported: {_SUPPORTED}")
    return _FORMATS[suffixes[-1]]


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", *_FORMATS):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _field(record: Mapping[str, Any], cols: Mapping[str, str], name: str) -> str | None:
    """A short text field, with any markup or entities removed and kept to one line."""
    if name not in cols:
        return None
    text = _text(record.get(cols[name]))
    if text is None:
        return None
    return " ".join(clean_html(text).split("\n")) or None
