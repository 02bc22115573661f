"""Golden cases for requirement levels: headings, cue phrases, negation."""

from __future__ import annotations

import pytest

from nlp.requirement import classify_requirements


def level_of(text: str, term: str) -> str:
    (level,) = classify_requirements(text, [text.index(term)])
    return level


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        pytest.param(
            "Requirements:\n- 3+ years of Python\n- Docker",
            "Docker",
            "required",
            id="requirements-heading",
        ),
        pytest.param(
            "Nice to have:\n- Kubernetes", "Kubernetes", "preferred", id="nice-to-have-heading"
        ),
        pytest.param("Experience with Rust is a plus.", "Rust", "preferred", id="a-plus"),
        pytest.param("Bonus points for Terraform.", "Terraform", "preferred", id="bonus"),
        pytest.param("You must know SQL.", "SQL", "required", id="must"),
        pytest.param("We need Python and SQL.", "SQL", "required", id="we-need"),
        pytest.param("Proficient in Python and Go.", "Go", "required", id="proficient"),
        pytest.param("No Python experience needed.", "Python", "not_required", id="negation"),
        pytest.param(
            "Benefits:\nFree Python courses", "Python", "not_required", id="benefits-heading"
        ),
        pytest.param("Our stack is Python.", "Python", "unknown", id="nothing-decides"),
        pytest.param(
            "Requirements:\n- SQL\nNice to have:\n- Spark",
            "SQL",
            "required",
            id="section-ends-at-next-heading",
        ),
        pytest.param(
            "Requirements:\n- Airflow experience is preferred",
            "Airflow",
            "preferred",
            id="sentence-cue-beats-heading",
        ),
    ],
)
def test_requirement_levels(text: str, term: str, expected: str) -> None:
    assert level_of(text, term) == expected


def test_no_mentions_no_levels() -> None:
    assert classify_requirements("anything", []) == []
