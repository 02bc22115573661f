"""Settings: defaults, the TOML file, SKILLGAP_* variables, and their precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.bundled import HN_2013_2018_MONTHS, HN_2026_SIGHTINGS
from extract.errors import InputError
from flows.settings import load_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no stray ./skillgap.toml
    for name in ("SKILLGAP_CONFIG", "SKILLGAP_DATABASE", "SKILLGAP_REPORT__TOP_N"):
        monkeypatch.delenv(name, raising=False)


def test_defaults_import_the_bundled_postings() -> None:
    settings = load_settings()
    assert settings.database == Path("skillgap.duckdb")
    assert [(i.path, i.kind) for i in settings.inputs] == [
        (HN_2013_2018_MONTHS, "hn_months"),
        (HN_2026_SIGHTINGS, "hn_sightings"),
    ]
    assert settings.inputs[0].options == {"seen_at": "2018-04-02"}
    assert settings.report.min_postings == 30


def test_toml_file_then_environment_then_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mine.toml"
    config.write_text(
        'database = "from-file.duckdb"\n'
        '[report]\ntop_n = 7\nperiod = "quarter"\n'
        '[[inputs]]\npath = "jobs.csv"\nmapping = { description = "body" }\n',
        encoding="utf-8",
    )
    settings = load_settings(config)
    assert settings.database == Path("from-file.duckdb")
    assert settings.report.top_n == 7
    assert settings.report.period == "quarter"
    assert settings.inputs[0].mapping == {"description": "body"}

    monkeypatch.setenv("SKILLGAP_DATABASE", "from-env.duckdb")
    monkeypatch.setenv("SKILLGAP_REPORT__TOP_N", "12")
    settings = load_settings(config)
    assert settings.database == Path("from-env.duckdb")
    assert settings.report.top_n == 12

    assert load_settings(config, database=Path("opt.duckdb")).database == Path("opt.duckdb")
    assert load_settings(config, database=None).database == Path("from-env.duckdb")


def test_skillgap_toml_in_the_working_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / "skillgap.toml").write_text('database = "here.duckdb"\n', encoding="utf-8")
    assert load_settings().database == Path("here.duckdb")


def test_a_named_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such settings file"):
        load_settings(tmp_path / "absent.toml")


@pytest.mark.parametrize(
    ("text", "field"),
    [("[report]\ntop_n = 0\n", "top_n"), ('[report]\nperiod = "week"\n', "period")],
)
def test_an_invalid_value_names_the_file_and_the_field(
    tmp_path: Path, text: str, field: str
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.toml: invalid settings") as info:
        load_settings(config)
    assert field in str(info.value)


def test_the_readme_example_settings_load_and_build_every_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.sources import build_source

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration") :]
    example = section[section.index("```toml") + len("```toml") : section.index("```\n", 8)]
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "jobs.csv").write_text("body,posted\nPython,2026-01-02\n")
    config = tmp_path / "skillgap.toml"
    config.write_text(example, encoding="utf-8")
    settings = load_settings(config)
    assert settings.schedule.timezone == "Europe/Berlin"
    env = {"SKILLGAP_USAJOBS_API_KEY": "not-a-real-key"}
    sources = [build_source(spec, settings.http, env) for spec in settings.inputs]
    assert [s.name for s in sources] == ["my-ats", "greenhouse", "usajobs"]


def test_a_misspelled_environment_variable_is_refused_with_the_known_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SKILLGAP_DATABSE", "typo.duckdb")
    with pytest.raises(InputError) as info:
        load_settings()
    message = str(info.value)
    assert "SKILLGAP_DATABSE" in message and "did you mean SKILLGAP_DATABASE" in message
    for known in ("SKILLGAP_DATABASE", "SKILLGAP_REPORT__TOP_N", "SKILLGAP_HTTP__CONTACT"):
        assert known in message
    monkeypatch.delenv("SKILLGAP_DATABSE")
    monkeypatch.setenv("SKILLGAP_REPORT__TOP_M", "3")  # a nested field misspelled
    with pytest.raises(InputError, match="SKILLGAP_REPORT__TOP_M"):
        load_settings()


def test_secrets_of_source_kinds_and_every_setting_are_known_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in {
        "SKILLGAP_USAJOBS_API_KEY": "k",
        "SKILLGAP_ADZUNA_APP_ID": "i",
        "SKILLGAP_ADZUNA_APP_KEY": "k",
        "skillgap_memory_limit": "2GB",  # as pydantic-settings, any case
        "SKILLGAP_HTTP__TASK_RETRIES": "1",
        "SKILLGAP_SCHEDULE__CRON": "0 3 * * *",
    }.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert (settings.memory_limit, settings.http.task_retries) == ("2GB", 1)
    assert settings.schedule.cron == "0 3 * * *"


def test_a_toml_syntax_error_names_the_file_line_and_column(tmp_path: Path) -> None:
    config = tmp_path / "broken.toml"
    config.write_text('database = "x.duckdb"\n[report\ntop_n = 3\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_settings(config)
    message = str(info.value)
    assert message.startswith(f"{config}: not valid TOML")
    assert "line 2, column 8" in message
