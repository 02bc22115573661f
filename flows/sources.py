"""The kinds of input a settings file may name, and how each becomes a :class:`Source`.

A kind is a :class:`SourceKind`: its name (the ``kind`` of an ``[[inputs]]`` table), a
function building the source from the input's settings, whether it is online (then the flow
retries it with backoff) and which secrets it takes from the environment. Secrets are read
here, when the source is built, and handed to the source; they are never part of the
settings, the ledger or a log line.

The online kinds are the classes :func:`extract.sources.source_classes` lists; each declares
its kind name, settings class, secrets and whether it is incremental, and is built as
``Source(settings_class(**options, **secrets), client)``. A new source in
``extract/sources/`` is added to that list and is then configured as::

    [[inputs]]
    kind = "usajobs"
    options = { keyword = "machine learning" }   # api_key from $SKILLGAP_USAJOBS_API_KEY
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from extract.connector import Connector
from extract.errors import (
    FetchError,
    HttpStatusError,
    InputError,
    RedirectError,
    ResponseTooLarge,
    RobotsDisallowed,
)
from extract.files.hn_months import HNMonthsFiles
from extract.files.hn_sightings import HNSightingsFile
from extract.files.jobspy import JobSpyFile
from extract.files.tables import ColumnMapping, FileSource
from extract.http import HttpSettings, PoliteClient
from extract.rawstore import FileRawStore, RawStore
from extract.source import Source, SourceBase
from extract.sources import source_classes
from flows.settings import HttpOptions, InputSpec


@dataclass(frozen=True, slots=True)
class BuildContext:
    """What a kind's build function gets besides the input: HTTP settings and its secrets."""

    http: HttpSettings
    secrets: Mapping[str, str] = field(default_factory=dict)
    store: RawStore | None = None


@dataclass(frozen=True, slots=True)
class SourceKind:
    name: str
    build: Callable[[InputSpec, BuildContext], Source]
    online: bool = False
    needs_path: bool = False
    secrets: Mapping[str, str] = field(default_factory=dict)  # option -> environment variable
    # Incremental kinds are fetched from the start of their last complete fetch on, so their
    # boards never list every open posting and close nothing; the others read boards whole.
    incremental: bool = False
    default_on: bool = False  # collected when a settings file names no inputs
    settings_class: Callable[..., Any] | None = None  # its options' fields, for online kinds


KINDS: dict[str, SourceKind] = {}


def register(kind: SourceKind) -> SourceKind:
    """Make ``kind`` available to settings files; a kind of the same name is replaced."""
    KINDS[kind.name] = kind
    return kind


def source_kind(name: str) -> SourceKind:
    """The registered kind ``name``; a ``ValueError`` listing the known kinds otherwise."""
    try:
        return KINDS[name]
    except KeyError:
        known = ", ".join(sorted(KINDS))
        raise ValueError(f"unknown input kind {name!r}; known: {known}") from None


def secret_env(kind: str, option: str) -> str:
    """The environment variable a secret option is read from: ``SKILLGAP_USAJOBS_API_KEY``."""
    return f"SKILLGAP_{kind}_{option}".upper()


def online_kind(
    name: str,
    settings_cls: Callable[..., Any],
    source_cls: Callable[[Any, PoliteClient], Source],
    *,
    secrets: Iterable[str] = (),
    incremental: bool = False,
) -> SourceKind:
    """A kind for a connector built as ``source_cls(settings_cls(**options, **secrets), client)``.

    The source gets its own :class:`PoliteClient` and closes it when it is closed.
    """

    def build(spec: InputSpec, context: BuildContext) -> Source:
        try:
            settings = settings_cls(**spec.options, **context.secrets)
        except TypeError as exc:
            raise InputError(
                f"input of kind {name!r}: bad options {sorted(spec.options)}: {exc}"
            ) from None
        return source_cls(settings, PoliteClient(context.http, store=context.store))

    return SourceKind(
        name,
        build,
        online=True,
        secrets={s: secret_env(name, s) for s in secrets},
        incremental=incremental,
        settings_class=settings_cls,
    )


def connector_kind(cls: type[Connector[Any]]) -> SourceKind:
    """The kind a connector class declares: its ``kind`` name, ``settings_class``,
    ``secrets`` and whether it is ``incremental``."""
    assert cls.settings_class is not None  # every connector declares its settings
    return online_kind(
        cls.kind, cls.settings_class, cls, secrets=cls.secrets, incremental=cls.incremental
    )


def board_errors(source: Source) -> str | None:
    """What went wrong on the boards of a connector that carried on past them, or None.

    Connectors record a failing board in their fetch ``report`` and go on with the next, so
    such a source completes; the run still counts it as a failure and says which boards.
    """
    report = source.report
    errors = report.errors if report is not None else None
    if report is None or not errors:
        return None
    boards = report.boards
    listed = "; ".join(f"{board}: {error}" for board, error in sorted(errors.items()))
    return f"{len(errors)} of {len(boards)} boards failed: {listed}"


def read_secrets(spec: InputSpec, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The secrets the kind of ``spec`` needs, from the environment; names, never values,
    appear in the error when one is missing."""
    env = os.environ if environ is None else environ
    kind = source_kind(spec.kind)
    missing = [var for var in kind.secrets.values() if not env.get(var)]
    if missing:
        raise InputError(
            f"input of kind {spec.kind!r} needs the environment variable(s) {', '.join(missing)}"
        )
    return {option: env[var] for option, var in kind.secrets.items()}


def http_settings(options: HttpOptions) -> HttpSettings:
    return HttpSettings(
        contact=options.contact,
        min_interval=options.min_interval,
        timeout=options.timeout,
        max_retries=options.max_retries,
        backoff_base=options.backoff_base,
        max_bytes=options.max_bytes,
        obey_robots=options.obey_robots,
    )


def build_source(
    spec: InputSpec, http: HttpOptions | None = None, environ: Mapping[str, str] | None = None
) -> Source:
    """The source an input of the settings describes, with its secrets and HTTP client."""
    try:
        kind = source_kind(spec.kind)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    options = http or HttpOptions()
    store = FileRawStore(options.raw_store) if options.raw_store and kind.online else None
    context = BuildContext(http_settings(options), read_secrets(spec, environ), store)
    return kind.build(spec, context)


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret value replaced by ``***``."""
    for value in secrets:
        if value:
            text = text.replace(value, "***")
    return text


def is_transient(error: BaseException) -> bool:
    """Whether fetching again later may succeed: network trouble and server errors, not a
    robots.txt refusal, an oversized body, a redirect loop or a 4xx other than 429."""
    if not isinstance(error, FetchError):
        return False
    if isinstance(error, RobotsDisallowed | ResponseTooLarge | RedirectError):
        return False
    status = error.status if isinstance(error, HttpStatusError) else None
    return status is None or status == 429 or status >= 500


def secret_values(spec: InputSpec) -> list[str]:
    """The values of the secrets the input's kind reads, to remove from anything shown."""
    kind = KINDS.get(spec.kind)
    names = kind.secrets.values() if kind is not None else ()
    return [os.environ[var] for var in names if os.environ.get(var)]


def describe_failure(error: BaseException, spec: InputSpec) -> str:
    """One line for the ledger and the log, with every secret of the input removed."""
    return redact(f"{type(error).__name__}: {error}", secret_values(spec))


def source_label(spec: InputSpec, http: HttpOptions | None = None) -> str:
    """The name the input's source goes by, for the ledger even when the input failed."""
    try:
        source = build_source(spec, http)
    except (InputError, ValueError):
        return spec.source or (f"{spec.kind}:{spec.path.name}" if spec.path else spec.kind)
    source.close()
    return source.name


def _file(spec: InputSpec, context: BuildContext) -> Source:
    assert spec.path is not None  # InputSpec checks that file kinds have one
    mapping = ColumnMapping.from_pairs([f"{k}={v}" for k, v in spec.mapping.items()])
    return FileSource(spec.path, source=spec.source, mapping=mapping, encoding=spec.encoding)


def _hn_sightings(spec: InputSpec, context: BuildContext) -> Source:
    assert spec.path is not None
    return HNSightingsFile(spec.path, encoding=spec.encoding)


def _hn_months(spec: InputSpec, context: BuildContext) -> Source:
    assert spec.path is not None
    unknown = sorted(set(spec.options) - {"seen_at"})
    if unknown:
        raise InputError(f"input of kind 'hn_months': unknown options {unknown}; known: seen_at")
    seen_at = spec.options.get("seen_at")
    return HNMonthsFiles(spec.path, seen_at=_moment("seen_at", seen_at) if seen_at else None)


def _moment(option: str, value: object) -> datetime:
    """A date or time given as an option (``2018-04-02``, ``2018-04-02T10:00:00Z``), in UTC."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            f"option {option}={value!r}: expected an ISO date such as 2018-04-02"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _jobspy(spec: InputSpec, context: BuildContext) -> Source:
    assert spec.path is not None
    return JobSpyFile(spec.path)


def file_kind(
    cls: type[SourceBase], build: Callable[[InputSpec, BuildContext], Source]
) -> SourceKind:
    """The kind a file reader class declares, built from an input's path by ``build``."""
    return SourceKind(cls.kind, build, needs_path=True, default_on=cls.default_on)


register(file_kind(FileSource, _file))
register(file_kind(HNSightingsFile, _hn_sightings))
register(file_kind(HNMonthsFiles, _hn_months))
register(file_kind(JobSpyFile, _jobspy))
for _cls in source_classes():
    register(connector_kind(_cls))
