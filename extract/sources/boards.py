"""Which company job boards to fetch: the bundled list of 6,417 boards, filtered.

The list (``extract/bundled/ats-boards/boards.csv``, from the jobseek project, MIT) names
each board's applicant-tracking system and its token. :func:`select_boards` turns "all
Greenhouse boards" or "Stripe and Notion" into the :class:`Board` values the ATS sources
take.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from extract.errors import InputError

BUNDLED_BOARDS: Path = Path(__file__).parent.parent / "bundled" / "ats-boards" / "boards.csv"

#: The applicant-tracking systems skillgap has a source for.
SUPPORTED_ATS = ("greenhouse", "lever", "ashby", "smartrecruiters", "workable")

_TOKEN_KEYS = ("token", "board_token", "org", "company", "company_identifier")
# Where the token sits in a board URL when the config names none.
_URL_TOKEN = {
    "greenhouse": re.compile(r"greenhouse\.io/(?:embed/job_board\?for=)?([\w.-]+)"),
    "lever": re.compile(r"jobs\.(?:eu\.)?lever\.co/([\w.-]+)"),
    "ashby": re.compile(r"jobs\.ashbyhq\.com/([\w.%-]+)"),
    "smartrecruiters": re.compile(r"smartrecruiters\.com/([\w.-]+)"),
    "workable": re.compile(r"apply\.workable\.com/([\w.-]+)"),
}


@dataclass(frozen=True, slots=True)
class Board:
    """One company's board on one ATS; ``region`` is ``eu`` for Lever's EU instance."""

    ats: str
    token: str
    company: str
    url: str | None = None
    region: str | None = None

    @property
    def key(self) -> str:
        return f"{self.ats}:{self.token}"


def load_boards(path: Path | str = BUNDLED_BOARDS) -> list[Board]:
    """Every board of a supported ATS in a boards CSV, in file order.

    >>> sum(1 for b in load_boards() if b.ats == "greenhouse") > 2000
    True
    """
    boards: list[Board] = []
    try:
        with Path(path).open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                board = _board(row)
                if board is not None:
                    boards.append(board)
    except FileNotFoundError:
        raise InputError(f"{path}: no such boards file") from None
    return boards


def select_boards(
    boards: Iterable[Board],
    ats: str | Sequence[str] | None = None,
    companies: Sequence[str] = (),
    exact: bool = False,
) -> list[Board]:
    """The boards of the given ATS(s) whose company matches one of ``companies``.

    Names match case-insensitively, as substrings of the company slug or token unless
    ``exact``. No ``companies`` means every board of those ATSs; no ``ats`` means every
    supported ATS.

    >>> [b.key for b in select_boards(load_boards(), "greenhouse", ["stripe"], exact=True)]
    ['greenhouse:stripe']
    """
    wanted_ats = {ats} if isinstance(ats, str) else set(ats or SUPPORTED_ATS)
    unknown = wanted_ats - set(SUPPORTED_ATS)
    if unknown:
        raise InputError(
            f"unknown ATS {', '.join(sorted(unknown))}; use one of {', '.join(SUPPORTED_ATS)}"
        )
    names = [_fold(n) for n in companies if n.strip()]
    chosen: list[Board] = []
    seen: set[str] = set()
    for board in boards:
        if board.ats not in wanted_ats or board.key in seen:
            continue
        if names and not any(_matches(board, n, exact) for n in names):
            continue
        seen.add(board.key)
        chosen.append(board)
    return chosen


def _matches(board: Board, name: str, exact: bool) -> bool:
    candidates = (_fold(board.company), _fold(board.token))
    if exact:
        return name in candidates
    return any(name in c for c in candidates)


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _board(row: dict[str, str]) -> Board | None:
    ats = (row.get("monitor_type") or "").strip()
    if ats not in SUPPORTED_ATS:
        return None
    try:
        config = json.loads(row.get("monitor_config") or "{}")
    except json.JSONDecodeError:
        config = {}
    if not isinstance(config, dict):
        config = {}
    token = next((str(config[k]) for k in _TOKEN_KEYS if config.get(k)), None)
    url = row.get("board_url") or None
    if token is None and url:
        found = _URL_TOKEN[ats].search(url)
        token = found.group(1) if found else None
    if not token:
        return None
    region = config.get("region")
    return Board(
        ats=ats,
        token=token,
        company=row.get("company_slug") or token,
        url=url,
        region=str(region) if region else None,
    )


def resolve_boards(
    ats: str,
    boards: Iterable[Board | str | Mapping[str, Any]] = (),
    companies: Sequence[str] = (),
    all_boards: bool = False,
) -> tuple[Board, ...]:
    """The boards a source's settings name, as :class:`Board` values, without duplicates.

    ``boards`` may hold :class:`Board` values, bare tokens (``"stripe"``) or tables such as
    ``{"token": "mavenoid", "region": "eu"}`` (what a settings file gives); ``companies``
    picks bundled boards by name; ``all_boards`` takes every bundled board of ``ats``.

    >>> [b.key for b in resolve_boards("lever", ["acme", {"token": "euco", "region": "eu"}])]
    ['lever:acme', 'lever:euco']
    """
    chosen: dict[str, Board] = {}
    for item in boards:
        board = _as_board(ats, item)
        chosen.setdefault(board.key, board)
    if companies or all_boards:
        bundled = select_boards(load_boards(), ats, () if all_boards else companies)
        if companies and not all_boards and not bundled:
            raise InputError(f"no {ats} board in the bundled list matches {', '.join(companies)}")
        for board in bundled:
            chosen.setdefault(board.key, board)
    return tuple(chosen.values())


def _as_board(ats: str, item: Board | str | Mapping[str, Any]) -> Board:
    if isinstance(item, Board):
        return item
    if isinstance(item, str) and item.strip():
        return Board(ats, item.strip(), item.strip())
    if isinstance(item, Mapping) and item.get("token"):
        token = str(item["token"])
        region = item.get("region")
        return Board(ats, token, str(item.get("company") or token), None, region and str(region))
    raise InputError(f"bad {ats} board {item!r}: give a token or a table with a token")


@dataclass(frozen=True, slots=True)
class BoardSettings:
    """Which boards of one ATS to fetch; each board source's settings extend this.

    ``boards`` may be given as tokens, tables or :class:`Board` values; ``companies`` adds
    bundled boards picked by company name, ``all_boards`` every bundled board of the ATS.
    After construction ``boards`` holds :class:`Board` values only.
    """

    ATS: ClassVar[str]

    boards: tuple[Board, ...] = ()
    companies: tuple[str, ...] = ()
    all_boards: bool = False

    def __post_init__(self) -> None:
        boards = resolve_boards(self.ATS, self.boards, self.companies, self.all_boards)
        object.__setattr__(self, "boards", boards)
