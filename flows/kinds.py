"""What each kind of input offers, for ``skillgap sources``: options, secrets, defaults.

An online kind's options are the fields of its settings dataclass and its secrets those the
registry (:mod:`flows.sources`) names, so a new source shows up here without being described
twice. File kinds are set by keys of the ``[[inputs]]`` table itself (:data:`FILE_KEYS`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from flows.settings import InputSpec, Settings
from flows.sources import KINDS, SourceKind

# Which keys of an [[inputs]] table each file kind reads (file kinds have no settings class).
FILE_KEYS = {
    "file": ("path", "source", "mapping", "encoding"),
    "hn_sightings": ("path", "encoding"),
    "hn_months": ("path", "options"),  # options = { seen_at = "2018-04-02" }, else the files' times
    "jobspy": ("path",),
}


@dataclass(frozen=True, slots=True)
class KindOption:
    """One option of a kind: ``options = { name = ... }`` (online) or a key of the input."""

    name: str
    type: str
    default: Any = None
    required: bool = False  # the input must give it; ``default`` is then meaningless


@dataclass(frozen=True, slots=True)
class KindInfo:
    name: str
    online: bool
    incremental: bool
    on_by_default: bool
    options: tuple[KindOption, ...]
    secrets: dict[str, str]  # option -> environment variable


def describe_kinds() -> list[KindInfo]:
    """Every registered kind, by name."""
    defaults = {spec.kind for spec in _default_inputs()}
    return [_describe(KINDS[name], name in defaults) for name in sorted(KINDS)]


def _default_inputs() -> list[InputSpec]:
    # The defaults of the Settings class itself: neither the environment nor a file.
    factory = Settings.model_fields["inputs"].default_factory
    assert factory is not None
    return list(factory())  # type: ignore[call-arg]


def _describe(kind: SourceKind, on: bool) -> KindInfo:
    settings_cls = _settings_class(kind)
    if settings_cls is None:
        options = tuple(_input_key(key) for key in FILE_KEYS.get(kind.name, ("path",)))
    else:
        options = tuple(
            _field_option(f) for f in dataclasses.fields(settings_cls) if f.name not in kind.secrets
        )
    return KindInfo(kind.name, kind.online, kind.incremental, on, options, dict(kind.secrets))


def _settings_class(kind: SourceKind) -> type | None:
    """The settings dataclass an online kind is built from; None for file kinds."""
    settings_cls = kind.settings_class
    return (
        settings_cls
        if isinstance(settings_cls, type) and dataclasses.is_dataclass(settings_cls)
        else None
    )


def _field_option(f: dataclasses.Field[Any]) -> KindOption:
    if f.default is not dataclasses.MISSING:
        return KindOption(f.name, _type_name(f.type), f.default)
    if f.default_factory is not dataclasses.MISSING:
        return KindOption(f.name, _type_name(f.type), f.default_factory())
    return KindOption(f.name, _type_name(f.type), required=True)


def _type_name(annotation: object) -> str:
    if isinstance(annotation, str):
        return annotation
    return getattr(annotation, "__name__", str(annotation))


def _input_key(key: str) -> KindOption:
    if key == "path":  # optional in InputSpec only because online kinds have none
        return KindOption("path", "Path", required=True)
    field = InputSpec.model_fields[key]
    annotation = field.annotation
    name = annotation.__name__ if isinstance(annotation, type) else str(annotation)
    return KindOption(key, name, field.get_default(call_default_factory=True))
