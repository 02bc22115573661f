"""skillgap's settings: one TOML file plus ``SKILLGAP_*`` environment variables.

Built once, at the edge (the CLI command or the flow's caller), and passed down. Precedence,
highest first: values given in code (CLI options), environment variables, the TOML file, the
defaults below. Nested values use ``__`` in variable names (``SKILLGAP_REPORT__TOP_N=15``).
A ``SKILLGAP_*`` variable that names no setting, no secret of a source kind and not
``SKILLGAP_CONFIG`` is refused, as an unknown key of the file is: a misspelled
``SKILLGAP_DATABSE`` would otherwise quietly leave the default database in use.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from extract.bundled import HN_2013_2018_MONTHS, HN_2013_2018_PUBLISHED, HN_2026_SIGHTINGS
from extract.errors import InputError

DEFAULT_CONFIG = Path("skillgap.toml")


class InputSpec(BaseModel):
    """One input to collect on every run: a file, or an online source of a registered kind.

    ``kind`` names an entry of :mod:`flows.sources`; ``options`` are that kind's settings
    (a board name, a query). Secrets are never options: a kind reads them from environment
    variables when the source is built.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: Path | None = Field(None, description="the file, for file kinds")
    kind: str = "file"
    source: str | None = Field(None, description="source name; default file:<stem>")
    mapping: dict[str, str] = Field(default_factory=dict, description="field -> column")
    encoding: str = "utf-8"
    options: dict[str, Any] = Field(
        default_factory=dict, description="settings of an online source kind"
    )

    @model_validator(mode="after")
    def _known_kind(self) -> InputSpec:
        from flows.sources import source_kind  # the registry imports this module

        kind = source_kind(self.kind)
        if kind.needs_path and self.path is None:
            raise ValueError(f"an input of kind {self.kind!r} needs a path")
        return self


class ScheduleSettings(BaseModel):
    """When the deployed nightly flow runs (``skillgap deploy``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cron: str = Field("0 2 * * *", description="cron expression")
    timezone: str = "UTC"
    deployment: str = "skillgap-nightly"


class HttpOptions(BaseModel):
    """How online sources fetch; see :class:`extract.http.HttpSettings`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    contact: str = Field("https://github.com/skillgap", description="in the User-Agent")
    min_interval: float = Field(1.0, ge=0)
    timeout: float = Field(30.0, gt=0)
    max_retries: int = Field(3, ge=0, description="retries of one request inside a fetch")
    backoff_base: float = Field(1.0, ge=0)
    max_bytes: int = Field(20 * 1024 * 1024, gt=0)
    obey_robots: bool = True
    raw_store: Path | None = Field(
        None, description="keep every response here; re-runs ask 'changed since?'"
    )
    task_retries: int = Field(2, ge=0, description="retries of a whole online source")
    task_retry_delay: float = Field(60.0, ge=0, description="first delay; doubles each retry")


class ReportSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    path: Path = Path("report.html")
    top_n: int = Field(10, ge=1, le=50)
    min_postings: int = Field(
        30, ge=1, description="periods with fewer postings are hidden, years not compared"
    )
    period: Literal["auto", "month", "quarter", "year"] = Field(
        "auto", description="charts over time per month, quarter or year; auto follows the span"
    )


def bundled_inputs() -> list[InputSpec]:
    """What a run reads when the settings name no inputs: the bundled HN postings, August 2013
    to April 2018 (seen when their collector published them), and January to May 2026."""
    return [
        InputSpec(
            path=HN_2013_2018_MONTHS,
            kind="hn_months",
            options={"seen_at": HN_2013_2018_PUBLISHED},
        ),
        InputSpec(path=HN_2026_SIGHTINGS, kind="hn_sightings"),
    ]


class Settings(BaseSettings):
    """Everything a run needs to know."""

    model_config = SettingsConfigDict(
        env_prefix="SKILLGAP_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
        toml_file=DEFAULT_CONFIG,
    )

    database: Path = Path("skillgap.duckdb")
    inputs: list[InputSpec] = Field(default_factory=bundled_inputs)
    taxonomy_extra: Path | None = Field(None, description="your own skills and aliases (JSONL)")
    batch_size: int = Field(5000, ge=1)
    load_batch_size: int = Field(
        50_000,
        ge=1,
        description="rows an import stores per transaction; bigger is faster (each transaction "
        "passes over the stored sightings once), smaller holds less in memory",
    )
    tag_workers: int = Field(0, ge=0, description="tagging processes; 0 = all cores for big runs")
    dask_address: str | None = Field(
        None, description="tag on this existing Dask cluster (tcp://HOST:PORT) instead"
    )
    prefect_home: Path = Path(".prefect")
    memory_limit: str | None = Field(
        "1GB",
        description="DuckDB's memory cap for writers (spills to disk beyond it); '1GB' keeps "
        "a run over a million postings under 2 GB; none = DuckDB's own 80% of RAM",
    )
    report: ReportSettings = Field(default_factory=ReportSettings)
    schedule: ScheduleSettings = Field(default_factory=ScheduleSettings)
    http: HttpOptions = Field(default_factory=HttpOptions)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))


def known_variables() -> list[str]:
    """Every ``SKILLGAP_*`` environment variable skillgap reads, sorted.

    The settings (nested ones as ``SKILLGAP_REPORT__TOP_N``), ``SKILLGAP_CONFIG``, and the
    secrets of every registered source kind (``SKILLGAP_USAJOBS_API_KEY``).
    """
    from flows.sources import KINDS  # the registry imports this module

    names = {"SKILLGAP_CONFIG"}

    def add(prefix: str, model: type[BaseModel]) -> None:
        for field_name, info in model.model_fields.items():
            name = f"{prefix}{field_name.upper()}"
            names.add(name)
            nested = info.annotation
            if isinstance(nested, type) and issubclass(nested, BaseModel):
                add(f"{name}__", nested)

    add("SKILLGAP_", Settings)
    names.update(var.upper() for kind in KINDS.values() for var in kind.secrets.values())
    return sorted(names)


def check_environment(environ: Mapping[str, str] | None = None) -> None:
    """Refuse ``SKILLGAP_*`` variables skillgap does not know, listing the ones it does."""
    env = os.environ if environ is None else environ
    known = known_variables()
    unknown = sorted(n for n in env if n.upper().startswith("SKILLGAP_") and n.upper() not in known)
    if not unknown:
        return
    described = []
    for name in unknown:
        close = difflib.get_close_matches(name.upper(), known, n=1)
        described.append(f"{name} (did you mean {close[0]}?)" if close else name)
    raise InputError(
        f"unknown environment variable{'s' if len(unknown) > 1 else ''} "
        f"{', '.join(described)}: unset or rename it. skillgap reads {', '.join(known)}"
    )


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from ``config`` (else ``$SKILLGAP_CONFIG``, else ``./skillgap.toml``).

    A named settings file that does not exist is an error; the default one is optional, and
    so is every ``SKILLGAP_*`` variable that :func:`known_variables` does not list.
    ``overrides`` set to None are ignored, so CLI options can be passed straight through.
    """
    check_environment()
    named = config or (
        Path(os.environ["SKILLGAP_CONFIG"]) if "SKILLGAP_CONFIG" in os.environ else None
    )
    if named is not None and not named.is_file():
        raise InputError(f"{named}: no such settings file")
    toml_file = named or DEFAULT_CONFIG

    class _FromFile(Settings):
        model_config = SettingsConfigDict(**{**Settings.model_config, "toml_file": toml_file})

    values = {k: v for k, v in overrides.items() if v is not None}
    try:
        return _FromFile(**values)
    except ValidationError as exc:
        raise InputError(f"{toml_file}: invalid settings:\n{exc}") from exc
    except tomllib.TOMLDecodeError as exc:  # its message says where: "(at line 2, column 8)"
        raise InputError(f"{toml_file}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise InputError(f"{toml_file}: cannot read the settings: {exc.strerror}") from None


def prepare_prefect_env(settings: Settings) -> None:
    """Point Prefect at a project-local home with telemetry off, before Prefect is imported."""
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home.resolve()))
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
