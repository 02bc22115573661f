"""Checking every input of the settings before a run starts.

A run used to learn of a misspelled option only when that input's turn came, after the
Prefect server had started and the other inputs had been read. :func:`check_inputs` builds
each input's source the way the run will (with stand-in secrets: a missing key stays that
input's failure at run time) and checks what the settings file gave it: every option name
is one its kind takes, no secret is given as an option, and each value has the type the
kind's settings declare (a list where a tuple is declared; an int where a float is). It
opens no connection and reads no input.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Union, cast, get_args, get_origin, get_type_hints

from extract.errors import InputError
from flows.settings import HttpOptions, InputSpec
from flows.sources import SourceKind, build_source, source_kind


def check_inputs(inputs: Sequence[InputSpec], http: HttpOptions | None = None) -> None:
    """Raise one :class:`InputError` naming every input whose configuration cannot work.

    >>> check_inputs([InputSpec(kind="greenhouse", options={"bords": ["acme"]})])
    Traceback (most recent call last):
    InputError: input 1 (greenhouse): unknown option 'bords' (did you mean 'boards'?); ...
    """
    problems = []
    for number, spec in enumerate(inputs, start=1):
        try:
            check_input(spec, http)
        except (InputError, ValueError) as exc:
            problems.append(f"input {number} ({spec.kind}): {exc}")
    if problems:
        raise InputError("; ".join(problems) + "; nothing was run")


#: The options a file kind takes; its build function checks their values.
FILE_KIND_OPTIONS: dict[str, frozenset[str]] = {"hn_months": frozenset({"seen_at"})}


def check_input(spec: InputSpec, http: HttpOptions | None = None) -> None:
    """Raise :class:`InputError` when ``spec`` cannot build its source as configured."""
    kind = source_kind(spec.kind)
    declared = _declared_options(kind)
    if declared is not None:
        _check_names(spec, kind, declared)
    elif set(spec.options) - FILE_KIND_OPTIONS.get(spec.kind, frozenset()):
        raise InputError(
            f"an input of kind {spec.kind!r} takes no options, got {sorted(spec.options)}"
        )
    stand_ins = {var: "not-read-when-checking" for var in kind.secrets.values()}
    source = build_source(spec, http, stand_ins)
    try:
        settings = getattr(source, "settings", None)
        if declared is not None and settings is not None:
            for name in spec.options:
                # The value as the settings object holds it, after its own normalising (one
                # keyword given as text becomes a tuple of one).
                _check_type(name, getattr(settings, name), declared[name])
    finally:
        source.close()


def _declared_options(kind: SourceKind) -> dict[str, Any] | None:
    if kind.settings_class is None:
        return None
    cls = cast(type[Any], kind.settings_class)  # a dataclass, for every online kind
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.init}


def _check_names(spec: InputSpec, kind: SourceKind, declared: Mapping[str, Any]) -> None:
    allowed = sorted(n for n in declared if n not in kind.secrets)
    for name in spec.options:
        if name in kind.secrets:
            raise InputError(
                f"option {name!r} is a secret: it is read only from the environment variable "
                f"{kind.secrets[name]}, never from the settings"
            )
        if name not in declared:
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InputError(
                f"unknown option {name!r}{hint}; options of {spec.kind}: "
                f"{', '.join(allowed) or 'none'}"
            )


def _check_type(name: str, value: object, hint: Any) -> None:
    if not _conforms(value, hint):
        raise InputError(f"option {name!r} = {value!r}: expected {_describe(hint)}")


def _conforms(value: object, hint: Any) -> bool:
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        return True
    if hint is None or hint is type(None):
        return value is None
    if origin in (Union, types.UnionType):
        return any(_conforms(value, arg) for arg in args)
    if origin is Literal:
        return value in args
    if origin in (tuple, list, set, frozenset):
        if not isinstance(value, list | tuple | set | frozenset):
            return False
        if origin is tuple and args and args[-1] is not Ellipsis:
            return len(value) == len(args) and all(map(_conforms, value, args))
        return all(_conforms(item, args[0]) for item in value) if args else True
    if origin is not None and issubclass(origin, Mapping):
        return isinstance(value, Mapping) and all(
            _conforms(k, args[0]) and _conforms(v, args[1]) for k, v in value.items()
        )
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return not isinstance(hint, type) or isinstance(value, hint)


def _describe(hint: Any) -> str:
    if isinstance(hint, type) and get_origin(hint) is None:
        return {"str": "text", "int": "a whole number", "float": "a number"}.get(
            hint.__name__, hint.__name__
        )
    return str(hint).replace("typing.", "").replace("NoneType", "None")
