"""The one small protocol every source of postings implements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Protocol, runtime_checkable

from extract.records import JobPosting, QuarantinedRow


@runtime_checkable
class Source(Protocol):
    """A place postings come from: a file, a job board, an API.

    ``fetch`` yields every usable posting as a :class:`JobPosting` and every unusable record
    as a :class:`QuarantinedRow`; one bad record never stops the rest. Sources get their
    settings and HTTP client injected; they read no configuration themselves.
    """

    name: str

    def fetch(self, since: datetime | None = None) -> Iterator[JobPosting | QuarantinedRow]:
        """Yield postings seen at or after ``since`` (all of them when ``None``)."""
        ...
