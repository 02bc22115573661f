"""skillgap's settings: one TOML file plus ``SKILLGAP_*`` environment variables.

Built once, at the edge (the CLI command or the flow's caller), and passed down. Precedence,
highest first: values given in code (CLI options), environment variables, the TOML file, the
defaults below. Nested values use ``__`` in variable names (``SKILLGAP_REPORT__TOP_N=15``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from extract.bundled import HN_2026_SIGHTINGS
from extract.errors import InputError

DEFAULT_CONFIG = Path("skillgap.toml")


class InputSpec(BaseModel):
    """One file of postings to import on every run."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: Path
    kind: Literal["file", "hn_sightings"] = "file"
    source: str | None = Field(None, description="source name; default file:<stem>")
    mapping: dict[str, str] = Field(default_factory=dict, description="field -> column")
    encoding: str = "utf-8"


class ReportSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    path: Path = Path("report.html")
    top_n: int = Field(10, ge=1, le=50)
    min_postings: int = Field(30, ge=1, description="months with fewer postings are hidden")


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
    inputs: list[InputSpec] = Field(
        default_factory=lambda: [InputSpec(path=HN_2026_SIGHTINGS, kind="hn_sightings")]
    )
    taxonomy_extra: Path | None = Field(None, description="your own skills and aliases (JSONL)")
    batch_size: int = Field(5000, ge=1)
    tag_workers: int = Field(0, ge=0, description="tagging processes; 0 = all cores for big runs")
    prefect_home: Path = Path(".prefect")
    report: ReportSettings = Field(default_factory=ReportSettings)

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


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from ``config`` (else ``$SKILLGAP_CONFIG``, else ``./skillgap.toml``).

    A named settings file that does not exist is an error; the default one is optional.
    ``overrides`` set to None are ignored, so CLI options can be passed straight through.
    """
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


def prepare_prefect_env(settings: Settings) -> None:
    """Point Prefect at a project-local home with telemetry off, before Prefect is imported."""
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home.resolve()))
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
