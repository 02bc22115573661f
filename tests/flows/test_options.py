"""Every input's options are checked before a run starts: names, secrets, types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extract.errors import InputError
from flows.options import check_inputs
from flows.settings import InputSpec
from tests.flows.test_cli import invoke


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        pytest.param(
            "greenhouse",
            {"bords": ["acme"]},
            "input 2 (greenhouse): unknown option 'bords' (did you mean 'boards'?); "
            "options of greenhouse: all_boards, base_url, boards, companies",
            id="misspelled",
        ),
        pytest.param(
            "jobpage",
            {"urls": ["https://example.org/job/1"], "max_pages": "ten"},
            "option 'max_pages' = 'ten': expected a whole number",
            id="text-for-a-number",
        ),
        pytest.param(
            "hn_algolia",
            {"max_threads": True},
            "option 'max_threads' = True: expected int | None",
            id="bool-for-a-number",
        ),
        pytest.param(
            "usajobs",
            {"email": "me@example.org", "keywords": [1, 2]},
            "option 'keywords' = (1, 2): expected tuple[str, ...]",
            id="numbers-for-text",
        ),
        pytest.param(
            "usajobs",
            {"email": "me@example.org", "api_key": "k"},
            "option 'api_key' is a secret: it is read only from the environment variable "
            "SKILLGAP_USAJOBS_API_KEY",
            id="secret-as-option",
        ),
        pytest.param(
            "greenhouse",
            {"boards": [{"company": "no token"}]},
            "bad greenhouse board",
            id="bad-board",
        ),
    ],
)
def test_a_bad_option_is_refused_naming_the_input(
    tmp_path: Path, kind: str, options: dict[str, Any], message: str
) -> None:
    good = InputSpec(path=tmp_path / "jobs.csv")
    with pytest.raises(InputError) as info:
        check_inputs([good, InputSpec(kind=kind, options=options)])
    assert message in str(info.value)
    assert str(info.value).startswith("input 2 (")


def test_options_as_the_readme_and_settings_files_give_them_pass(tmp_path: Path) -> None:
    check_inputs(
        [
            InputSpec(path=tmp_path / "jobs.csv", mapping={"description": "body"}),
            InputSpec(kind="greenhouse", options={"boards": ["acme", {"token": "b"}]}),
            InputSpec(kind="usajobs", options={"email": "e@x.org", "keywords": "ml"}),
            InputSpec(kind="adzuna", options={"country": "de", "max_pages": 2}),
            InputSpec(kind="hn_algolia", options={"max_threads": None}),
            InputSpec(kind="jobpage", options={"sitemaps": ("https://x.org/s.xml",)}),
        ]
    )


def test_a_file_input_takes_no_options(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="takes no options"):
        check_inputs([InputSpec(path=tmp_path / "jobs.csv", options={"boards": ["a"]})])


def test_skillgap_run_refuses_a_misspelled_option_before_starting(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    config = tmp_path / "skillgap.toml"
    config.write_text(
        f'database = "{db}"\n[[inputs]]\nkind = "greenhouse"\noptions = {{ bords = ["acme"] }}\n',
        encoding="utf-8",
    )
    code, output = invoke("run", "-c", str(config))
    assert code == 2, output
    assert "input 1 (greenhouse): unknown option 'bords' (did you mean 'boards'?)" in output
    assert "Traceback" not in output
    assert not db.exists()  # no run was started: no ledger, no Prefect server
