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
        pytest.param("Familiarity with dbt is an advantage.", "dbt", "preferred", id="advantage"),
        pytest.param(
            "Preferred qualifications:\n- PhD in NLP",
            "NLP",
            "preferred",
            id="preferred-qualifications-heading",
        ),
        pytest.param(
            "Minimum qualifications:\n- BS in statistics",
            "statistics",
            "required",
            id="minimum-qualifications-heading",
        ),
        pytest.param(
            "We use AI to route support tickets.", "AI", "not_required", id="we-use-ai-to"
        ),
        pytest.param(
            "Acme is an AI-powered platform for clinics.",
            "AI",
            "not_required",
            id="ai-powered-boilerplate",
        ),
        pytest.param(
            "We're a fintech startup built on Kotlin.",
            "Kotlin",
            "not_required",
            id="company-description",
        ),
        pytest.param(
            "We offer a learning budget for AWS certifications.",
            "AWS",
            "not_required",
            id="benefit-sentence",
        ),
        pytest.param(
            "What we offer:\nPaid Coursera courses on TensorFlow",
            "TensorFlow",
            "not_required",
            id="what-we-offer-heading",
        ),
        pytest.param(
            "We are an equal opportunity employer and do not discriminate based on Python "
            "skill level.",
            "Python",
            "not_required",
            id="equal-opportunity",
        ),
        pytest.param(
            "You don't need to know Rust before you join.",
            "Rust",
            "not_required",
            id="dont-need-to-know",
        ),
        pytest.param(
            "Kubernetes experience is not required.",
            "Kubernetes",
            "not_required",
            id="not-required",
        ),
        pytest.param(
            "No prior machine learning experience necessary.",
            "machine learning",
            "not_required",
            id="no-prior-necessary",
        ),
        pytest.param("3+ years of Go in production.", "Go", "required", id="years"),
        pytest.param("Knowledge of SQL and Spark.", "Spark", "required", id="knowledge-of"),
        pytest.param(
            "About us:\nWe build tools in Elixir.\nRequirements:\n- Elixir",
            "Elixir",
            "not_required",
            id="about-us-section",
        ),
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
