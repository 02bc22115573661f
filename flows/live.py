"""``skillgap collect --live``: does each online source still answer and parse? Stores nothing.

Meant for the user's machine, against the real services: each source fetches until it has
parsed a few postings or its first board is done, and the check says ok or failed.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.errors import SkillgapError
from extract.records import JobPosting
from flows.settings import HttpOptions, InputSpec
from flows.sources import build_source, describe_failure, redact, secret_values


@dataclass(frozen=True, slots=True)
class SmokeCheck:
    source: str
    ok: bool
    postings: int
    error: str | None = None


def smoke_check(spec: InputSpec, http: HttpOptions, limit: int = 5) -> SmokeCheck:
    """Fetch the first board of ``spec`` until ``limit`` postings parse; no raw responses are
    kept and nothing is stored."""
    quiet = http.model_copy(update={"raw_store": None, "max_retries": min(http.max_retries, 1)})
    try:
        source = build_source(spec, quiet)
    except SkillgapError as exc:
        return SmokeCheck(spec.kind, False, 0, describe_failure(exc, spec))
    parsed = 0
    try:
        rows = source.fetch()
        for row in rows:
            parsed += isinstance(row, JobPosting)
            report = source.report
            if parsed >= limit or (report is not None and len(report.boards) > 1):
                break
    except (SkillgapError, OSError, ValueError) as exc:
        return SmokeCheck(source.name, False, parsed, describe_failure(exc, spec))
    finally:
        source.close()
    report = source.report
    errors = report.errors if report is not None else {}
    if errors:
        listed = "; ".join(f"{board}: {error}" for board, error in sorted(errors.items()))
        return SmokeCheck(source.name, False, parsed, redact(listed, secret_values(spec)))
    if parsed == 0:
        return SmokeCheck(source.name, True, 0, "answered, but listed no postings")
    return SmokeCheck(source.name, True, parsed)
