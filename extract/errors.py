"""The exceptions skillgap raises, in one tree.

    SkillgapError                 base of everything below; the CLI turns it into a message
    ├── InputError                a file or record the user gave us cannot be used as a whole
    │   └── ColumnMappingError    a mapped column is missing from the file's header
    ├── SourceError               a source could not be fetched or parsed
    │   └── FetchError            a URL could not be fetched; ``url`` (secret-free), ``status``
    │       ├── RobotsDisallowed  robots.txt forbids the URL; nothing was requested
    │       ├── HttpStatusError   the server answered with an error status (after any retries)
    │       ├── RateLimited       the server asked us to wait longer than ``retry_after_max``
    │       ├── ResponseTooLarge  the body exceeded ``max_bytes``; reading stopped there
    │       └── RedirectError     a redirect loop or too many redirects
    ├── TaxonomyError             the skill taxonomy file is malformed
    ├── WarehouseError            the DuckDB file cannot be opened, migrated or written
    │   └── RunActiveError        another process holds the warehouse's run lock
    └── ReportError               the report or its chart data cannot be written

    BadRecord (a ValueError)      one record cannot be used; never leaves ``extract``

Library code raises these; only ``flows.cli`` turns them into exit codes. A single bad row is
not an error of the run: a source catches :class:`BadRecord`, quarantines the row with the
message as its reason, and goes on.
"""

from __future__ import annotations


class SkillgapError(Exception):
    """Base class for every error skillgap raises on purpose."""


class InputError(SkillgapError):
    """A user-supplied file or record cannot be used; the message names it and says why."""


class ColumnMappingError(InputError):
    """A column named in the mapping is not in the file."""


class SourceError(SkillgapError):
    """A source failed to fetch or parse."""


class FetchError(SourceError):
    """A URL could not be fetched. ``url`` never carries secrets."""

    def __init__(self, message: str, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class RobotsDisallowed(FetchError):
    """robots.txt of the host forbids this URL for our user agent."""


class HttpStatusError(FetchError):
    """The server answered with an error status."""


class RateLimited(FetchError):
    """The server asked us to come back later than we are willing to wait."""


class ResponseTooLarge(FetchError):
    """The response body was bigger than the configured cap."""


class RedirectError(FetchError):
    """Redirects went round in a loop or did not end."""


class TaxonomyError(SkillgapError):
    """The taxonomy data is malformed."""


class WarehouseError(SkillgapError):
    """The warehouse cannot be opened, migrated or written."""


class RunActiveError(WarehouseError):
    """Another process holds the run lock of this warehouse."""


class BadRecord(ValueError):
    """One record cannot be used; the message is the quarantine reason.

    Internal to ``extract``: sources catch it and yield a ``QuarantinedRow``.
    """


class ReportError(SkillgapError):
    """The report page or its data files cannot be written (a full disk, no permission)."""
