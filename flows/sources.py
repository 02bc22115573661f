"""The kinds of input a settings file may name, and how each becomes a :class:`Source`.

A kind is registered once, at import of this module, as a :class:`SourceKind`: its name (the
``kind`` of an ``[[inputs]]`` table), a function building the source from the input's
settings, whether it is online (then the flow retries it with backoff) and which secrets it
takes from the environment. Secrets are read here, when the source is built, and handed to
the source; they are never part of the settings, the ledger or a log line.

A connector in ``extract/`` built as ``Source(settings, client)`` from a frozen settings
dataclass and a :class:`~extract.http.PoliteClient` joins with one line at the end of this
module (its module is imported only when an input uses it)::

    register(connector_kind("usajobs", "extract.sources.usajobs", "USAJobsSettings",
                            "USAJobsSource", secrets=("api_key",)))

and is then configured as::

    [[inputs]]
    kind = "usajobs"
    options = { keyword = "machine learning" }   # api_key from $SKILLGAP_USAJOBS_API_KEY
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from extract.errors import (
    FetchError,
    HttpStatusError,
    InputError,
    RedirectError,
    ResponseTooLarge,
    RobotsDisallowed,
)
from extract.files.hn_sightings import HNSightingsFile
from extract.files.tables import ColumnMapping, FileSource
from extract.http import HttpSettings, PoliteClient
from extract.rawstore import FileRawStore, RawStore
from extract.records import JobPosting, QuarantinedRow
from extract.source import Source
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

    The source gets its own :class:`PoliteClient`, closed when the source is closed.
    """

    def build(spec: InputSpec, context: BuildContext) -> Source:
        try:
            settings = settings_cls(**spec.options, **context.secrets)
        except TypeError as exc:
            raise InputError(
                f"input of kind {name!r}: bad options {sorted(spec.options)}: {exc}"
            ) from None
        client = PoliteClient(context.http, store=context.store)
        return ClosingSource(source_cls(settings, client), client.close)

    return SourceKind(
        name,
        build,
        online=True,
        secrets={s: secret_env(name, s) for s in secrets},
        incremental=incremental,
    )


def connector_kind(
    name: str,
    module: str,
    settings_cls: str,
    source_cls: str,
    *,
    secrets: Iterable[str] = (),
    incremental: bool = False,
) -> SourceKind:
    """:func:`online_kind` for a connector in ``extract/``, imported only when an input uses it
    (a connector being rewritten cannot break the other kinds, and start-up stays quick)."""

    def build(spec: InputSpec, context: BuildContext) -> Source:
        connector = importlib.import_module(module)
        kind = online_kind(
            name, getattr(connector, settings_cls), getattr(connector, source_cls), secrets=secrets
        )
        return kind.build(spec, context)

    return SourceKind(
        name,
        build,
        online=True,
        secrets={s: secret_env(name, s) for s in secrets},
        incremental=incremental,
    )


class ClosingSource:
    """A source with something to release when its fetch is over (an HTTP client).

    Other attributes (a connector's fetch ``report``) are the wrapped source's.
    """

    def __init__(self, source: Source, close: Callable[[], None]) -> None:
        self.name = source.name
        self._source = source
        self._close = close

    def fetch(self, since: datetime | None = None) -> Iterator[JobPosting | QuarantinedRow]:
        return self._source.fetch(since)

    def close(self) -> None:
        self._close()

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._source, attribute)


def board_errors(source: Source) -> str | None:
    """What went wrong on the boards of a connector that carried on past them, or None.

    Connectors record a failing board in their fetch ``report`` and go on with the next, so
    such a source completes; the run still counts it as a failure and says which boards.
    """
    report = getattr(source, "report", None)
    errors = getattr(report, "errors", None)
    if not errors:
        return None
    boards = getattr(report, "boards", errors)
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
    close = getattr(source, "close", None)
    if callable(close):
        close()
    return source.name


def _file(spec: InputSpec, context: BuildContext) -> Source:
    assert spec.path is not None  # InputSpec checks that file kinds have one
    mapping = ColumnMapping.from_pairs([f"{k}={v}" for k, v in spec.mapping.items()])
    return FileSource(spec.path, source=spec.source, mapping=mapping, encoding=spec.encoding)


def _hn_sightings(spec: InputSpec, context: BuildContext) -> Source:
    assert spec.path is not None
    return HNSightingsFile(spec.path, encoding=spec.encoding)


def _jobspy(spec: InputSpec, context: BuildContext) -> Source:
    from extract.files.jobspy import JobSpyFile

    assert spec.path is not None
    return JobSpyFile(spec.path)


register(SourceKind("file", _file, needs_path=True))
register(SourceKind("hn_sightings", _hn_sightings, needs_path=True))
register(SourceKind("jobspy", _jobspy, needs_path=True))
for _kind, _module, _settings, _source, _secrets, _incremental in (
    ("greenhouse", "greenhouse", "GreenhouseSettings", "GreenhouseSource", (), False),
    ("lever", "lever", "LeverSettings", "LeverSource", (), False),
    ("ashby", "ashby", "AshbySettings", "AshbySource", (), False),
    ("smartrecruiters", "smartrecruiters", "SmartRecruitersSettings", "SmartRecruitersSource",
     (), False),
    ("workable", "workable", "WorkableSettings", "WorkableSource", (), False),
    ("usajobs", "usajobs", "USAJobsSettings", "USAJobsSource", ("api_key",), True),
    ("usajobs_history", "usajobs", "USAJobsHistorySettings", "USAJobsHistorySource", (), True),
    ("hn_algolia", "hn_algolia", "HNAlgoliaSettings", "HNAlgoliaSource", (), True),
    ("jobpage", "jobpage", "JobPageSettings", "JobPageSource", (), False),
    ("remoteok", "remoteok", "RemoteOKSettings", "RemoteOKSource", (), True),
    ("arbeitnow", "arbeitnow", "ArbeitnowSettings", "ArbeitnowSource", (), True),
    ("adzuna", "adzuna", "AdzunaSettings", "AdzunaSource", ("app_id", "app_key"), True),
):  # fmt: skip
    register(
        connector_kind(
            _kind,
            f"extract.{_module}",
            _settings,
            _source,
            secrets=_secrets,
            incremental=_incremental,
        )
    )
