"""Typed records that ``extract`` yields, with their Arrow schemas.

A :class:`JobPosting` is one sighting of a posting as a source delivered it, already
normalised (clean text, parsed date). ``raw`` keeps the payload exactly as received so it can
be re-parsed later. A :class:`QuarantinedRow` is a record that could not be used, with the
reason. The warehouse stores both; the schemas below are checked against its tables in tests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, fields
from datetime import datetime
from typing import ClassVar

import pyarrow as pa


def content_hash(text: str) -> str:
    """Hash of a posting's text that ignores case and whitespace differences.

    >>> content_hash("Python  developer") == content_hash("python developer")
    True
    """
    # str.split() breaks on exactly the characters the regex \s matches, and is faster.
    norm = " ".join(text.split()).casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class JobPosting:
    """One sighting of a job posting from one source.

    ``country`` is an ISO 3166-1 alpha-2 code; ``salary_period`` one of ``year``, ``month``,
    ``week``, ``day``, ``hour``; ``employment_type`` one of ``full_time``, ``part_time``,
    ``contract``, ``temporary``, ``internship``, ``other``; ``canonical_url`` the posting's
    URL with tracking parameters and fragments removed, for matching across sources.
    ``posted_precision`` is ``"month"`` when the source dates the posting only to a month:
    ``posted_at`` is then the first instant of that month (UTC) and its day and time mean
    nothing. None means ``posted_at`` is as precise as the source stated it.
    """

    source: str
    source_id: str
    description: str
    seen_at: datetime
    origin: str
    raw: str
    title: str | None = None
    company: str | None = None
    location: str | None = None
    remote: bool | None = None
    url: str | None = None
    posted_at: datetime | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_period: str | None = None
    employment_type: str | None = None
    canonical_url: str | None = None
    valid_through: datetime | None = None
    posted_precision: str | None = None

    ARROW_SCHEMA: ClassVar[pa.Schema]

    @property
    def posting_id(self) -> str:
        return f"{self.source}:{self.source_id}"

    @property
    def content_hash(self) -> str:
        return content_hash(self.description)


JobPosting.ARROW_SCHEMA = pa.schema(
    [
        pa.field("posting_id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("company", pa.string()),
        pa.field("location", pa.string()),
        pa.field("remote", pa.bool_()),
        pa.field("description", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("posted_at", pa.timestamp("us", tz="UTC")),
        pa.field("seen_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("origin", pa.string(), nullable=False),
        pa.field("raw", pa.string(), nullable=False),
        pa.field("city", pa.string()),
        pa.field("region", pa.string()),
        pa.field("country", pa.string()),
        pa.field("salary_min", pa.float64()),
        pa.field("salary_max", pa.float64()),
        pa.field("salary_currency", pa.string()),
        pa.field("salary_period", pa.string()),
        pa.field("employment_type", pa.string()),
        pa.field("canonical_url", pa.string()),
        pa.field("valid_through", pa.timestamp("us", tz="UTC")),
        pa.field("posted_precision", pa.string()),
    ]
)


def postings_to_arrow(postings: list[JobPosting]) -> pa.Table:
    """Columnar form of a batch of postings, in :data:`JobPosting.ARROW_SCHEMA`."""
    # Column by column: one list comprehension per field is several times faster than
    # appending field by field per posting, and Arrow converts each list in one call.
    cols: dict[str, list[object]] = {
        f.name: [getattr(p, f.name) for p in postings] for f in fields(JobPosting)
    }
    cols["posting_id"] = [f"{p.source}:{p.source_id}" for p in postings]
    cols["content_hash"] = [content_hash(p.description) for p in postings]
    return pa.table(
        [pa.array(cols[f.name], f.type) for f in JobPosting.ARROW_SCHEMA],
        schema=JobPosting.ARROW_SCHEMA,
    )


@dataclass(frozen=True, slots=True)
class QuarantinedRow:
    """A record that could not be used, kept with where it came from and why."""

    source: str
    origin: str
    line: int | None
    reason: str
    payload: str

    ARROW_SCHEMA: ClassVar[pa.Schema]


QuarantinedRow.ARROW_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("origin", pa.string(), nullable=False),
        pa.field("line", pa.int64()),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("payload", pa.string(), nullable=False),
    ]
)


def quarantine_to_arrow(rows: list[QuarantinedRow]) -> pa.Table:
    """Columnar form of quarantined rows, in :data:`QuarantinedRow.ARROW_SCHEMA`."""
    if not rows:
        return QuarantinedRow.ARROW_SCHEMA.empty_table()
    columns = zip(*(astuple(r) for r in rows), strict=True)
    names = QuarantinedRow.ARROW_SCHEMA.names
    return pa.table(dict(zip(names, columns, strict=True)), schema=QuarantinedRow.ARROW_SCHEMA)


@dataclass(frozen=True, slots=True)
class PostingBatch:
    """Part of a source read at once: postings in :data:`JobPosting.ARROW_SCHEMA`, in the
    order they came, and the records of the same stretch that could not be used.

    Bulk readers (:meth:`extract.files.tables.FileSource.fetch_batches`) build these columns without
    a :class:`JobPosting` per row; :func:`postings_batches` makes them from any record stream.
    """

    postings: pa.Table
    quarantined: list[QuarantinedRow]

    @property
    def rows(self) -> int:
        return self.postings.num_rows + len(self.quarantined)


def postings_batches(
    records: Iterable[JobPosting | QuarantinedRow], size: int
) -> Iterator[PostingBatch]:
    """Group a stream of records into batches of about ``size`` records."""
    postings: list[JobPosting] = []
    rejected: list[QuarantinedRow] = []
    for record in records:
        if isinstance(record, JobPosting):
            postings.append(record)
        else:
            rejected.append(record)
        if len(postings) + len(rejected) >= size:
            yield PostingBatch(postings_to_arrow(postings), rejected)
            postings, rejected = [], []
    if postings or rejected:
        yield PostingBatch(postings_to_arrow(postings), rejected)
