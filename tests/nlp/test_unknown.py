"""Unknown terms: tool-like items in skill lists that the taxonomy lacks."""

from __future__ import annotations

import re

import pytest

from nlp.unknown import find_unknown_terms, normalise


def terms(text: str, known_words: list[str]) -> list[str]:
    pattern = "|".join(re.escape(w) for w in known_words)
    known = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return [text[s:e] for s, e, _ in find_unknown_terms(text, known)]


@pytest.mark.parametrize(
    ("text", "known", "expected"),
    [
        pytest.param(
            "Python, Django, Celery and Postgres.",
            ["Python", "Django", "Postgres"],
            ["Celery"],
            id="comma-and-list",
        ),
        pytest.param(
            "React / Next.js / TypeScript", ["React", "TypeScript"], ["Next.js"], id="slash-list"
        ),
        pytest.param(
            "We use LangGraph, Python and Go.",
            ["Python", "Go"],
            [],
            id="sentence-start-is-not-an-item",
        ),
        pytest.param("Python and Celery.", ["Python"], [], id="one-known-is-not-a-list"),
        pytest.param(
            "Tech Stack: Python, Go, Zig", ["Python", "Go"], ["Zig"], id="label-before-colon"
        ),
        pytest.param(
            "Python, SQL, Remote, London", ["Python", "SQL"], [], id="common-words-and-places"
        ),
        pytest.param(
            "Python, SQL, strong communication", ["Python", "SQL"], [], id="lowercase-prose"
        ),
    ],
)
def test_candidates(text: str, known: list[str], expected: list[str]) -> None:
    assert terms(text, known) == expected


def test_terms_are_counted_case_folded() -> None:
    assert normalise("Lang  Graph") == normalise("lang graph") == "lang graph"
