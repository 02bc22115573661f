"""The exceptions skillgap raises, in one tree.

    SkillgapError                 base of everything below; the CLI turns it into a message
    ├── InputError                a file or record the user gave us cannot be used as a whole
    │   └── ColumnMappingError    a mapped column is missing from the file's header
    ├── SourceError               a source could not be fetched or parsed
    ├── TaxonomyError             the skill taxonomy file is malformed
    └── WarehouseError            the DuckDB file cannot be opened, migrated or written

Library code raises these; only ``flows.cli`` turns them into exit codes. A single bad row is
not an exception: importers quarantine it and go on.
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


class TaxonomyError(SkillgapError):
    """The taxonomy data is malformed."""


class WarehouseError(SkillgapError):
    """The warehouse cannot be opened, migrated or written."""
