"""Candidate skill terms the taxonomy does not know, for the emerging-terms view.

A sentence that lists two or more known skills is a skill list ("Python, Django, Celery and
Postgres"); a ``Company | Role | Location`` header line is not. The list's other items that
look like tool names are the candidates: one to three words, each starting with a capital
letter or digit or written like a product ("dbt-core", "Next.js", "gRPC"), none of them a
common word. Each is counted under a normalised form (case folded, spaces collapsed), so
"LangGraph" and "langgraph" count as one term.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SENTENCES = re.compile(r"[^\n.!?;]+(?:[.!?;](?!\w)|$)|[^\n]+", re.MULTILINE)
_ITEM = re.compile(r"[^,/;:()\[\]•|]+")
_JOINERS = re.compile(r"\s+(?:and|or|&|plus|as well as)\s+", re.IGNORECASE)
_WORD = r"(?:[A-Z0-9][\w.+#-]*|[a-z]+[A-Z][\w.+#-]*|[a-z][\w+#-]*\.(?:js|io|ai|py)\b)"
_CANDIDATE = re.compile(rf"^{_WORD}(?:\s{_WORD}){{0,2}}$")
_MAX_CHARS = 32
_MIN_KNOWN = 2
_HEADER_BARS = 2

# Capitalised words that start list items without naming a tool.
_COMMON = frozenset(
    """
    a an the and or of in on for with to we you our your it its this that these those
    experience experienced strong solid senior junior lead staff principal remote hybrid
    onsite full time part full-time part-time contract required preferred bonus plus nice
    knowledge skills
    skill familiarity understanding ability proficiency background degree years year etc
    e.g i.e eg ie us uk eu usa europe america london berlin paris nyc sf january
    february march april may june july august september october november december monday
    tuesday wednesday thursday friday saturday sunday engineer engineers developer
    developers manager team teams company startup product products customer customers
    equity salary benefits visa apply email please note using use build building tools
    frameworks libraries languages systems services platforms technologies stack others
    other similar related modern cloud native
    """.split()  # noqa: SIM905 - a word list reads best as words
)


def _is_candidate(item: str) -> bool:
    if len(item) > _MAX_CHARS or not _CANDIDATE.match(item):
        return False
    words = item.lower().split()
    return not any(w.strip(".") in _COMMON for w in words) and not item.isdigit()


def normalise(term: str) -> str:
    """The form an unknown term is counted under."""
    return " ".join(term.casefold().split())


def find_unknown_terms(text: str, known: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """``(start, end, normalised term)`` of each candidate in ``text``.

    ``known`` are the character spans of the skills found, sorted by start.
    """
    found: list[tuple[int, int, str]] = []
    for sentence in _SENTENCES.finditer(text):
        s_start, s_end = sentence.span()
        inside = [(a, b) for a, b in known if a >= s_start and b <= s_end]
        if len(inside) < _MIN_KNOWN or text.count("|", s_start, s_end) >= _HEADER_BARS:
            continue  # not a list, or a "Company | Role | Location" header
        for part in _ITEM.finditer(text, s_start, s_end):
            if text[part.end() : part.end() + 1] == ":":
                continue  # a label such as "Requirements:" or "Stack:"
            for piece in _split_joiners(part.group(), part.start()):
                start, end, item = piece
                if any(a < end and start < b for a, b in inside):
                    continue
                if _is_candidate(item):
                    found.append((start, end, normalise(item)))
    return found


def _split_joiners(chunk: str, offset: int) -> list[tuple[int, int, str]]:
    pieces = []
    begin = 0
    for match in [*_JOINERS.finditer(chunk), None]:
        end = match.start() if match else len(chunk)
        raw = chunk[begin:end]
        stripped = raw.strip().rstrip(".")
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = offset + begin + lead
            pieces.append((start, start + len(stripped), stripped))
        if match:
            begin = match.end()
    return pieces
