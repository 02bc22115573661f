"""The one protocol every source of postings implements, and what a source reports.

A :class:`Source` has a ``name``, ``fetch``\\ es its rows, offers the :class:`FetchReport` of
its latest fetch (``None`` when it reads no boards, as a file does), may be told which of its
boards earlier fetches read whole (``resume``) and is ``close``\\ d when the run is done with
it. Callers use these five and nothing else, so a source never has to be probed for what it
offers. :class:`SourceBase` gives the defaults of a source with nothing to report, resume
or release, and the class attributes the registry of source kinds reads
(:mod:`extract.sources`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Protocol, runtime_checkable

from extract.records import JobPosting, QuarantinedRow

Row = JobPosting | QuarantinedRow


@dataclass(slots=True)
class BoardReport:
    """How fetching one board went. ``source_ids`` are the postings seen on it."""

    board: str
    complete: bool = False
    pages: int = 0
    not_modified: int = 0
    postings: int = 0
    quarantined: int = 0
    error: str | None = None
    source_ids: set[str] = field(default_factory=set)

    def count_page(self, not_modified: bool = False) -> None:
        """One more page fetched; ``not_modified`` when the server said it had not changed."""
        self.pages += 1
        self.not_modified += int(not_modified)


@dataclass(slots=True)
class FetchReport:
    """How one ``fetch`` went, board by board; read it after the iterator is exhausted."""

    source: str
    started_at: datetime
    boards: dict[str, BoardReport] = field(default_factory=dict)
    finished: bool = False

    def board(self, key: str) -> BoardReport:
        return self.boards.setdefault(key, BoardReport(key))

    @property
    def complete(self) -> bool:
        """Every board was fetched to the end (and the iterator was exhausted)."""
        return self.finished and all(b.complete for b in self.boards.values())

    @property
    def errors(self) -> dict[str, str]:
        return {k: b.error for k, b in self.boards.items() if b.error is not None}

    @property
    def postings(self) -> int:
        return sum(b.postings for b in self.boards.values())

    @property
    def quarantined(self) -> int:
        return sum(b.quarantined for b in self.boards.values())

    @property
    def pages(self) -> int:
        return sum(b.pages for b in self.boards.values())


@runtime_checkable
class Source(Protocol):
    """A place postings come from: a file, a job board, an API.

    ``fetch`` yields every usable posting as a :class:`JobPosting` and every unusable record
    as a :class:`QuarantinedRow`; one bad record never stops the rest. Sources get their
    settings and HTTP client injected; they read no configuration themselves.
    """

    name: str

    @property
    def report(self) -> FetchReport | None:
        """How the latest fetch went board by board; ``None`` for a source without boards."""
        ...

    def fetch(self, since: datetime | None = None) -> Iterator[Row]:
        """Yield postings seen at or after ``since`` (all of them when ``None``)."""
        ...

    def resume(self, completed: Mapping[str, datetime]) -> None:
        """Before a fetch: each board some earlier fetch read whole, with when the latest such
        fetch started. A source that can skip boards already read (the HN backfill skips old
        threads) carries on where a failed fetch stopped; the others ignore it."""
        ...

    def close(self) -> None:
        """Release what the source holds (an HTTP client); called once, after the fetch."""
        ...


class SourceBase:
    """The defaults of a :class:`Source` with no boards to report and nothing to release,
    and what a source kind declares for the registry.

    ``kind`` is the name a settings file gives (``[[inputs]] kind = "greenhouse"``);
    ``settings_class`` builds the source's settings from the input's options (``None`` for
    file kinds, which take a path); ``secrets`` are the settings fields read from the
    environment, never from the settings file; ``online`` sources are retried with backoff;
    ``incremental`` sources fetch from their last complete fetch on, so they close nothing;
    ``default_on`` kinds are collected when a settings file names no inputs.
    """

    name: str
    kind: ClassVar[str]
    settings_class: ClassVar[type[Any] | None] = None
    secrets: ClassVar[tuple[str, ...]] = ()
    online: ClassVar[bool] = False
    incremental: ClassVar[bool] = False
    default_on: ClassVar[bool] = False
    report: FetchReport | None = None

    def resume(self, completed: Mapping[str, datetime]) -> None:
        return None

    def close(self) -> None:
        return None
