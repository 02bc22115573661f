"""Reading a source a batch at a time, column-wise where the format allows.

:func:`read_batches` is how the warehouse's import reads any source. For most sources it
groups the records of ``fetch()``; a JSON Lines file is instead parsed a block of lines at a
time by Arrow's JSON reader and cleaned column by column (:mod:`extract.columnar`), about
four times faster than a record at a time. The outcome is the same either way, row for row:
a block that Arrow cannot read as one table (a broken line, a value of the wrong type, a
line that is not an object) is read record by record through ``FileSource.fetch``'s own
parsing, so every bad line is quarantined with the same line number and reason.
"""

from __future__ import annotations

import codecs
import io
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import islice

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from extract.columnar import BLANK_LINE, clean_html_column, content_hashes
from extract.errors import BadRecord, InputError
from extract.files.rows import as_utc, decoded_lines, json_object, open_bytes
from extract.files.tables import FileSource, parse_date
from extract.records import (
    JobPosting,
    PostingBatch,
    QuarantinedRow,
    postings_batches,
    postings_to_arrow,
)
from extract.source import Source

_SHORT_FIELDS = ("title", "company", "location", "url")
_THREADS = min(4, os.cpu_count() or 1)


def read_batches(source: Source, since: datetime | None, size: int) -> Iterator[PostingBatch]:
    """Every record of ``source`` fetched from ``since``, in batches of about ``size``."""
    if isinstance(source, FileSource) and source.format == "jsonl":
        return _jsonl_batches(source, since, size)
    return postings_batches(source.fetch(since), size)


@dataclass(frozen=True, slots=True)
class _Lines:
    """The non-blank lines of a stretch of a file: their numbers and text, line ends cut."""

    numbers: pa.Array
    texts: pa.Array

    def __len__(self) -> int:
        return len(self.texts)


def _jsonl_batches(source: FileSource, since: datetime | None, size: int) -> Iterator[PostingBatch]:
    seen_at = source.seen_at or source.modified_at()
    if since is not None and seen_at < as_utc(since):
        return
    source.check_not_empty()
    # Arrow's parsing and polars' regex passes release the GIL, so two blocks are cleaned at
    # a time while this thread reads the next; at most a few blocks are held at once.
    with ThreadPoolExecutor(_THREADS) as pool, open_bytes(source.path) as stream:
        pending: deque[Future[PostingBatch]] = deque()
        any_line = False
        try:
            for lines in _line_blocks(stream, source.path.name, source.encoding, size):
                if not any_line and lines.texts[0].as_py().lstrip().startswith("["):
                    raise InputError(
                        f"{source.path.name}: looks like a JSON array; expected JSON Lines, "
                        "one object per line"
                    )
                any_line = True
                pending.append(pool.submit(_jsonl_block, source, lines, seen_at))
                if len(pending) > _THREADS:
                    yield pending.popleft().result()
        except InputError:
            # What was read before a fatal line still reaches the caller, as when reading
            # record by record; the caller's staging then discards it with the rest.
            while pending:
                yield pending.popleft().result()
            raise
        while pending:
            yield pending.popleft().result()
        if not any_line:
            raise InputError(f"{source.path.name}: file is empty")


def _line_blocks(stream: Iterable[bytes], name: str, encoding: str, size: int) -> Iterator[_Lines]:
    """The file's non-blank lines, ``size`` lines of the file at a time.

    UTF-8 is checked and split by Arrow and polars a block at a time; other encodings are
    decoded line by line. Either way a line that does not decode raises the same error,
    naming the line and byte.
    """
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    number, offset = 1, 0
    while block := list(islice(stream, size)):
        texts = _utf8_lines(block, first=number == 1) if utf8 else None
        if texts is None:  # another encoding, or a line that is not UTF-8: find which
            decoded = decoded_lines(block, name, encoding, first=number, offset=offset)
            texts = pl.Series([text for _, text in decoded], dtype=pl.String)
        texts = texts.str.strip_chars_end("\r\n")
        keep = ~texts.str.contains(BLANK_LINE)
        numbers = pl.int_range(number, number + len(block), eager=True).filter(keep)
        if keep.any():
            yield _Lines(numbers.to_arrow(), texts.filter(keep).to_arrow())
        number += len(block)
        offset += sum(len(line) for line in block)


def _utf8_lines(block: list[bytes], *, first: bool) -> pl.Series | None:
    """The lines decoded as UTF-8 by Arrow, or None when one of them is not UTF-8."""
    try:
        texts = pl.Series(pa.array(block, pa.binary()).cast(pa.string()))
    except pa.ArrowInvalid:
        return None
    return texts.str.strip_prefix("\ufeff") if first else texts


def _jsonl_block(source: FileSource, lines: _Lines, seen_at: datetime) -> PostingBatch:
    columns = source.mapping.columns()
    wanted = list(dict.fromkeys(columns.values()))
    schema = pa.schema([pa.field(name, pa.string()) for name in wanted])
    options = pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore")
    joined = pl.Series(lines.texts).str.join("\n").cast(pl.Binary).item()
    try:
        table = pj.read_json(
            io.BytesIO(joined),
            read_options=pj.ReadOptions(use_threads=True, block_size=1 << 26),
            parse_options=options,
        )
    except pa.ArrowInvalid:
        return _block_by_record(source, lines, seen_at)
    if table.num_rows != len(lines):
        return _block_by_record(source, lines, seen_at)
    return _postings_from_columns(
        source, {field: table[column] for field, column in columns.items()}, lines, seen_at
    )


def _block_by_record(source: FileSource, lines: _Lines, seen_at: datetime) -> PostingBatch:
    """A block read as ``FileSource.fetch`` reads it, one line at a time."""
    postings: list[JobPosting] = []
    rejected: list[QuarantinedRow] = []
    for number, text in zip(lines.numbers.to_pylist(), lines.texts.to_pylist(), strict=True):
        try:
            postings.append(source.posting(json_object(text), number, text, seen_at))
        except BadRecord as exc:
            rejected.append(QuarantinedRow(source.name, source.path.name, number, str(exc), text))
    return PostingBatch(postings_to_arrow(postings), rejected)


def _postings_from_columns(
    source: FileSource,
    columns: dict[str, pa.ChunkedArray],
    lines: _Lines,
    seen_at: datetime,
) -> PostingBatch:
    """What ``FileSource.posting`` makes of each row, built a column at a time."""
    description = clean_html_column(columns["description"])
    has_text = pc.fill_null(pc.not_equal(description, ""), False)
    reasons: list[str | None] = [None if ok else "no text" for ok in has_text.to_pylist()]
    posted: list[datetime | None] = [None] * len(lines)
    if "date" in columns:
        name = source.mapping.date or "date"
        for index, value in enumerate(columns["date"].to_pylist()):
            if reasons[index] is None and value is not None:
                try:
                    posted[index] = _date(value, name)
                except BadRecord as exc:
                    reasons[index] = str(exc)
    keep = [reason is None for reason in reasons]
    rejected = [
        QuarantinedRow(
            source.name, source.path.name, lines.numbers[i].as_py(), reason, lines.texts[i].as_py()
        )
        for i, reason in enumerate(reasons)
        if reason is not None
    ]
    mask = pa.array(keep, pa.bool_())
    texts = description.filter(mask)
    hashes = content_hashes(texts)
    ids = _ids(columns.get("id"), mask, hashes)
    kept_numbers = lines.numbers.filter(mask)
    count = len(kept_numbers)
    values: dict[str, pa.Array] = {
        "posting_id": pc.binary_join_element_wise(source.name, ids, ":"),
        "source": pa.array([source.name] * count, pa.string()),
        "source_id": ids,
        "content_hash": pa.array(hashes, pa.string()),
        "description": texts,
        "posted_at": pa.array(
            [p for p, k in zip(posted, keep, strict=True) if k], pa.timestamp("us", tz="UTC")
        ),
        "seen_at": pa.array([seen_at] * count, pa.timestamp("us", tz="UTC")),
        "origin": pc.binary_join_element_wise(
            f"{source.path.name}:", pc.cast(kept_numbers, pa.string()), ""
        ),
        "raw": lines.texts.filter(mask),
    }
    for field in _SHORT_FIELDS:
        if field in columns:
            values[field] = _one_line(columns[field].filter(mask))
    arrays = [_as_array(values.get(f.name), f.type, count) for f in JobPosting.ARROW_SCHEMA]
    return PostingBatch(pa.table(arrays, schema=JobPosting.ARROW_SCHEMA), rejected)


@lru_cache(maxsize=65536)
def _date(value: str, column: str) -> datetime | None:
    # Postings of one export share few distinct dates; parse each once.
    return parse_date(value, column)


def _ids(column: pa.ChunkedArray | None, mask: pa.Array, hashes: list[str]) -> pa.Array:
    """Each row's id, trimmed; a row with none is known by its content hash."""
    fallback = pa.array(hashes, pa.string())
    if column is None:
        return fallback
    ids = pc.utf8_trim_whitespace(column.filter(mask).combine_chunks())
    ids = pc.if_else(pc.equal(ids, ""), pa.scalar(None, pa.string()), ids)
    return pc.coalesce(ids, fallback)


def _one_line(column: pa.ChunkedArray) -> pa.Array:
    """A short field cleaned of markup and kept to one line; empty becomes null."""
    text = pc.replace_substring(clean_html_column(column), "\n", " ")
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)


def _as_array(value: pa.Array | None, kind: pa.DataType, count: int) -> pa.Array:
    """The column as ``kind``; a field the file does not map is all nulls."""
    return pa.nulls(count, kind) if value is None else value.cast(kind)
