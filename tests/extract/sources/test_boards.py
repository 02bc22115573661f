from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import InputError
from extract.sources.boards import BUNDLED_BOARDS, Board, load_boards, select_boards


def test_bundled_list_with_licence() -> None:
    boards = load_boards()
    by_ats = {ats: sum(b.ats == ats for b in boards) for ats in {b.ats for b in boards}}
    assert by_ats["greenhouse"] == 2545 and by_ats["ashby"] == 930 and by_ats["lever"] == 184
    assert "MIT" in (BUNDLED_BOARDS.parent / "LICENSE").read_text()
    assert "jobseek" in (BUNDLED_BOARDS.parent / "README.md").read_text()


def test_all_boards_of_one_ats() -> None:
    chosen = select_boards(load_boards(), "smartrecruiters")
    assert len(chosen) == 74 and all(b.ats == "smartrecruiters" for b in chosen)


def test_companies_by_name() -> None:
    boards = load_boards()
    exact = select_boards(boards, "greenhouse", ["Stripe"], exact=True)
    assert [b.key for b in exact] == ["greenhouse:stripe"]
    loose = select_boards(boards, None, ["STRIPE"])
    assert {b.key for b in exact} <= {b.key for b in loose}


def test_token_from_url_and_region(tmp_path: Path) -> None:
    csv_text = (
        "company_slug,board_slug,board_url,monitor_type,monitor_config,scraper_type,scraper_config\n"
        'acme,acme-gh,https://job-boards.greenhouse.io/acmeinc,greenhouse,"{}",skip,\n'
        "eu,eu-lever,https://jobs.eu.lever.co/euco,lever,"
        '"{""token"": ""euco"", ""region"": ""eu""}",skip,\n'
        'other,other-x,https://x.test,workday,"{}",skip,\n'
    )
    path = tmp_path / "boards.csv"
    path.write_text(csv_text)
    assert load_boards(path) == [
        Board("greenhouse", "acmeinc", "acme", "https://job-boards.greenhouse.io/acmeinc"),
        Board("lever", "euco", "eu", "https://jobs.eu.lever.co/euco", "eu"),
    ]


def test_unknown_ats_is_refused() -> None:
    with pytest.raises(InputError, match="unknown ATS workday"):
        select_boards([], "workday")


def test_settings_accept_tokens_tables_and_company_names() -> None:
    from extract.sources.greenhouse import GreenhouseSettings
    from extract.sources.lever import LeverSettings

    settings = GreenhouseSettings(boards=("acme", "acme"), companies=("stripe",))  # type: ignore[arg-type]
    assert [b.key for b in settings.boards][:2] == ["greenhouse:acme", "greenhouse:stripe"]
    lever = LeverSettings(boards=[{"token": "euco", "region": "eu"}])  # type: ignore[arg-type]
    assert lever.boards == (Board("lever", "euco", "euco", None, "eu"),)
    assert len(GreenhouseSettings(all_boards=True).boards) == 2539  # distinct tokens
    with pytest.raises(InputError, match="no greenhouse board"):
        GreenhouseSettings(companies=("no-such-company-xyz",))
