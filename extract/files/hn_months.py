"""Hacker News "Who is hiring?" postings from month files: one JSON array per thread.

A month file is named after the month of its thread, ``YYYY-MM.json`` (read compressed as
``.json.gz`` or ``.json.xz`` too), and holds one object per top-level comment::

    [{"url": "https://news.ycombinator.com/item?id=6141776", "user": "someone",
      "full_html": "Acme | Engineer | Berlin<p>We use Python.", "location": null, ...}]

This is the shape the collector gaganpreet/hn-hiring-mapped published for 2013 to 2018,
bundled in ``extract/bundled/hn-who-is-hiring-2013-2018``. Other fields (the collector's
geocoding and flags) are kept in ``raw`` and not read.

The comment's id comes from its ``url``, so each posting is ``hn:<item id>``: the posting
that :mod:`extract.files.hn_sightings` and :mod:`extract.sources.hn.algolia` make of the same
comment. The records
carry no time, so a posting is dated to its file's month and no day: ``posted_at`` is the
first instant of the month and ``posted_precision`` is ``"month"``.

A record that cannot be used (not an object, no item id in its url, no text) is quarantined
with its file, its position in the array and the reason. A file that cannot be read as a
whole (not a month file name, bad compression, not a JSON array) raises
:class:`~extract.errors.InputError` naming it.
"""

from __future__ import annotations

import gzip
import json
import lzma
import re
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from extract.errors import BadRecord, InputError
from extract.files.hn_sightings import SOURCE_NAME, full_link, header_fields
from extract.files.rows import as_utc
from extract.records import JobPosting, QuarantinedRow
from extract.source import SourceBase
from extract.sources.hn.header import parse_header
from extract.text import clean_html

__all__ = ["HNMonthsFiles", "is_month_file", "month_files", "parse_month_record"]

MONTH_PRECISION = "month"
_MONTH_FILE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})\.json(?:\.gz|\.xz)?$")
_ITEM_URL = re.compile(r"^https?://news\.ycombinator\.com/item\?id=(?P<id>\d+)$")
_FORMAT = "YYYY-MM.json, YYYY-MM.json.gz or YYYY-MM.json.xz"


def is_month_file(path: Path) -> bool:
    """Whether ``path`` is named like a month file (``2015-04.json.xz``)."""
    return _MONTH_FILE.match(path.name) is not None


def month_files(path: Path) -> list[Path]:
    """The month files ``path`` names, oldest first: the file itself, or those in the
    directory or in its ``months`` subdirectory (the layout the bundled data uses).

    Raises :class:`InputError` when there is nothing to read.
    """
    if path.is_file():
        _month_of(path)
        return [path]
    if not path.is_dir():
        raise InputError(f"{path}: no such file or directory")
    for folder in (path, path / "months"):
        found = sorted(p for p in folder.glob("*") if p.is_file() and is_month_file(p))
        if found:
            return found
    raise InputError(f"{path}: no month files ({_FORMAT}) in it or in its months/ directory")


def parse_month_record(
    obj: dict[str, Any], month: date, seen_at: datetime, origin: str, raw: str
) -> JobPosting:
    """One comment of a month file as a posting dated to ``month``.

    Raises :class:`~extract.errors.BadRecord` when the record has no HN item url or no text.
    """
    url = obj.get("url")
    found = _ITEM_URL.match(url.strip()) if isinstance(url, str) else None
    if found is None:
        raise BadRecord(f"no HN item id: url {url!r} is not https://news.ycombinator.com/item?id=N")
    text_html = obj.get("full_html")
    if not isinstance(text_html, str):
        raise BadRecord("no text")
    description = clean_html(text_html)
    if not description:
        raise BadRecord("no text")
    header = parse_header(description.split("\n", 1)[0])
    link = full_link(header.url, text_html) if header.url else None
    return JobPosting(
        source=SOURCE_NAME,
        source_id=found.group("id"),
        description=description,
        seen_at=seen_at,
        origin=origin,
        raw=raw,
        posted_at=datetime(month.year, month.month, 1, tzinfo=UTC),
        posted_precision=MONTH_PRECISION,
        **header_fields(header, link),
    )


class HNMonthsFiles(SourceBase):
    """A month file, or a directory of them, as a :class:`~extract.source.Source`.

    ``seen_at`` stamps every posting; it defaults to each file's modification time, so
    importing the same files again adds nothing.

    >>> from extract.bundled import HN_2013_2018_MONTHS
    >>> rows = HNMonthsFiles(HN_2013_2018_MONTHS).fetch()
    >>> first = next(rows)
    >>> first.posting_id, first.posted_at.date().isoformat(), first.posted_precision
    ('hn:6141776', '2013-08-01', 'month')
    """

    name = SOURCE_NAME
    kind = "hn_months"
    default_on = True

    def __init__(self, path: Path | str, seen_at: datetime | None = None) -> None:
        self.path = Path(path)
        self.seen_at = as_utc(seen_at) if seen_at is not None else None

    def fetch(self, since: datetime | None = None) -> Iterator[JobPosting | QuarantinedRow]:
        """Yield a posting or a quarantined row per record, file by file, oldest month first.

        With ``since``, files seen before it are skipped, as for other files.
        """
        cutoff = as_utc(since) if since is not None else None
        for path in month_files(self.path):
            seen_at = self.seen_at or _modified_at(path)
            if cutoff is not None and seen_at < cutoff:
                continue
            yield from self._records(path, seen_at)

    def _records(self, path: Path, seen_at: datetime) -> Iterator[JobPosting | QuarantinedRow]:
        month = _month_of(path)
        records = _json_array(path)
        for number, obj in enumerate(records, start=1):
            raw = json.dumps(obj, ensure_ascii=False)
            if not isinstance(obj, dict):
                reason = f"not a JSON object but {type(obj).__name__}"
                yield QuarantinedRow(SOURCE_NAME, path.name, number, reason, raw)
                continue
            try:
                yield parse_month_record(obj, month, seen_at, f"{path.name}#{number}", raw)
            except BadRecord as exc:
                yield QuarantinedRow(SOURCE_NAME, path.name, number, str(exc), raw)


def _month_of(path: Path) -> date:
    found = _MONTH_FILE.match(path.name)
    month = int(found.group("month")) if found else 0
    if found is None or not 1 <= month <= 12:
        raise InputError(f"{path.name}: not a month file; its name must be {_FORMAT}")
    return date(int(found.group("year")), month, 1)


def _json_array(path: Path) -> list[Any]:
    """The decoded JSON array a month file holds."""
    name = path.name
    try:
        if name.endswith(".gz"):
            data = gzip.decompress(path.read_bytes())
        elif name.endswith(".xz"):
            data = lzma.decompress(path.read_bytes())
        else:
            data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
        raise InputError(f"{name}: cannot decompress: {exc}") from None
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(value, list):
        raise InputError(
            f"{name}: expected a JSON array of comments, found a {type(value).__name__}"
        )
    return value


def _modified_at(path: Path) -> datetime:
    return datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC)
