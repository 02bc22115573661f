"""Reading records out of local files, shared by the file-based sources.

Files are read as bytes and decoded one line at a time, so a wrong ``encoding`` is reported
with the line and byte where decoding failed instead of an offset into some read buffer.
Any encoding that keeps ``\\n`` as a single byte works (UTF-8, Latin-1, cp1252...); UTF-16
does not.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extract.errors import BadRecord, InputError


class _GzipFile(gzip.GzipFile):
    """A gzip file whose damage is an :class:`InputError` naming it, wherever it shows.

    A truncated download only shows when reading reaches the cut, as a bare ``EOFError``
    (which click even reports as "Aborted."), and corrupt data as ``zlib.error``; every
    reader of ``open_bytes`` gets the same clear error instead.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path, "rb")
        self.label = path.name

    def read(self, size: int | None = -1) -> bytes:
        with self._damage():
            return super().read(size)

    def read1(self, size: int = -1) -> bytes:
        with self._damage():
            return super().read1(size)

    def peek(self, n: int) -> bytes:
        with self._damage():
            return super().peek(n)

    def readline(self, size: int | None = -1) -> bytes:
        with self._damage():
            return super().readline(size)

    @contextmanager
    def _damage(self) -> Iterator[None]:
        try:
            yield
        except EOFError as exc:
            raise InputError(
                f"{self.label}: the gzip data ends before its end marker ({exc}); the file "
                "is cut short, as by an interrupted download or copy"
            ) from None
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise InputError(f"{self.label}: not a readable gzip file: {exc}") from None


def open_bytes(path: Path) -> gzip.GzipFile | io.BufferedReader:
    """Open ``path`` for binary reading, decompressing it when it ends in ``.gz``.

    A damaged gzip file raises :class:`InputError` naming it when reading reaches the damage.
    """
    try:
        if path.suffix.lower() == ".gz":
            return _GzipFile(path)
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None


def decoded_lines(
    stream: Iterable[bytes], name: str, encoding: str, *, first: int = 1, offset: int = 0
) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, text)`` for each line, line ending included.

    Raises :class:`InputError` naming the line and byte offset when a line does not decode.
    A UTF-8 byte-order mark at the start of the file is dropped. ``first`` and ``offset`` are
    the number and byte offset of the stream's first line, for a stream that starts mid-file.
    """
    for number, chunk in enumerate(stream, start=first):
        try:
            text = chunk.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: cannot decode line {number} (byte {offset + exc.start}) as "
                f"{encoding}: {exc.reason}; pass --encoding with the file's encoding, "
                "e.g. --encoding latin-1"
            ) from None
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        if number == 1 and text.startswith("\ufeff"):
            text = text[1:]
        offset += len(chunk)
        yield number, text


def json_object(line: str) -> dict[str, Any]:
    """Parse one JSON Lines record; raises :class:`BadRecord` unless it is an object."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(value, dict):
        raise BadRecord(f"not a JSON object but {type(value).__name__}")
    return value


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def strip_line_end(line: str) -> str:
    """The line without its trailing ``\\n`` or ``\\r\\n``."""
    return line.rstrip("\r\n")
