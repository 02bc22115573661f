"""Golden cases for requirement levels: headings, cue phrases, negation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import requirement_cues as cues
from nlp.requirement import _waives, classify_requirements, company_names


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


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        pytest.param(
            "Python is a must, Go a plus.", "Python", "required", id="firm-nearer-than-plus"
        ),
        pytest.param("Python is a must, Go a plus.", "Go", "preferred", id="plus-nearer-than-firm"),
        pytest.param(
            "Strong familiarity with Python is a requirement, and familiarity with Django and "
            "AWS is a bonus.",
            "Django",
            "preferred",
            id="cue-in-own-clause-wins",
        ),
        pytest.param(
            "Strong familiarity with Python is a requirement, and familiarity with Django and "
            "AWS is a bonus.",
            "Python",
            "required",
            id="other-clause-cue-ignored",
        ),
        pytest.param(
            "We are looking for engineers who know\nthe Python ecosystem well.",
            "Python",
            "required",
            id="hard-wrapped-sentence",
        ),
        pytest.param(
            "Acme | Python Engineer | Remote (US preferred)",
            "Python",
            "unknown",
            id="header-segments-apart",
        ),
        pytest.param(
            "We\u2019re a fintech startup built on Kotlin.",
            "Kotlin",
            "not_required",
            id="typographic-apostrophe",
        ),
        pytest.param(
            "Familiarity with Kafka is a big advantage. So is experience with Flink.",
            "Flink",
            "preferred",
            id="so-is-follows-sentence-before",
        ),
        pytest.param(
            "Our backend is written in Go and our team is remote.",
            "Go",
            "required",
            id="stack-written-in",
        ),
        pytest.param("Our stack is Python.", "Python", "required", id="stack-line"),
        pytest.param("Python, Go and Rust.", "Go", "unknown", id="nothing-decides"),
    ],
)
def test_sentence_structure(text: str, term: str, expected: str) -> None:
    assert level_of(text, term) == expected


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        pytest.param(
            "Blackbird is a venture-backed artificial intelligence company.",
            "artificial intelligence",
            "not_required",
            id="name-is-a-company",
        ),
        pytest.param(
            "We were named one of the hottest publishing startups.",
            "publishing",
            "not_required",
            id="skill-naming-the-field",
        ),
        pytest.param(
            "Amplitude Analytics | San Francisco | Onsite",
            "Analytics",
            "not_required",
            id="company-name-in-header",
        ),
        pytest.param(
            "Okta | SF, Toronto | Full-time\nWhy work at Okta? We build identity tools.",
            "Okta?",
            "not_required",
            id="company-name-again-in-text",
        ),
        pytest.param(
            "We're PagerDuty, changing how people respond to incidents.",
            "PagerDuty",
            "not_required",
            id="were-name",
        ),
        pytest.param(
            "Sr. Java developer - Newark, NJ", "Java", "unknown", id="role-header-not-a-company"
        ),
        pytest.param(
            "Diffbot | Palo Alto\nDiffbot uses machine learning, NLP and computer vision on pages.",
            "machine learning",
            "not_required",
            id="company-as-subject",
        ),
        pytest.param(
            "LoomAi | Computer Vision Engineer | San Francisco",
            "Computer Vision",
            "unknown",
            id="header-is-no-subject",
        ),
        pytest.param(
            "Ultimate Software is hiring Software Engineers (C#, Go, Python), and more!",
            "C#",
            "required",
            id="company-hiring-for-skill",
        ),
        pytest.param(
            "Kalo is looking for engineers to work on our freelancer collaboration platform.",
            "collaboration",
            "not_required",
            id="our-product-before",
        ),
        pytest.param(
            "Our app is built in Rails and you would shape how our product develops.",
            "Rails",
            "required",
            id="our-product-after-does-not-count",
        ),
        pytest.param(
            "We are a startup developing a cancer test. It relies on novel machine learning "
            "methods.",
            "machine learning",
            "not_required",
            id="company-paragraph",
        ),
        pytest.param(
            "We're a small company looking for people with a passion for big data.",
            "big data",
            "required",
            id="demand-nearer-than-description",
        ),
        pytest.param(
            "We're obsessed with growth, diverse teams, and showing empathy for our teammates.",
            "empathy",
            "not_required",
            id="culture",
        ),
        pytest.param(
            "Email your CV and include links to code you wrote on GitHub.",
            "GitHub",
            "not_required",
            id="how-to-apply",
        ),
        pytest.param(
            "You'll learn Kubernetes from the infrastructure team.",
            "Kubernetes",
            "not_required",
            id="training-offered",
        ),
        pytest.param(
            "We\u2019ve built a multi-agent coordination system that beats the rest.",
            "multi-agent",
            "not_required",
            id="product-built",
        ),
        pytest.param(
            "We are the most popular package manager for Node.js.",
            "Node.js",
            "not_required",
            id="we-are-the-most",
        ),
        pytest.param(
            "We're one of the fastest growing Kubernetes vendors in Europe.",
            "Kubernetes",
            "not_required",
            id="we-are-one-of-the-fastest",
        ),
        pytest.param(
            "Our vision is to design photo books with machine learning.",
            "machine learning",
            "not_required",
            id="our-vision",
        ),
        pytest.param(
            "We are the team that runs Kafka for the whole company.",
            "Kafka",
            "unknown",
            id="we-are-the-team-is-no-superlative",
        ),
    ],
)
def test_company_described(text: str, term: str, expected: str) -> None:
    assert level_of(text, term) == expected


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        pytest.param("STACK: we prefer React and Node.js", "React", "preferred", id="we-prefer"),
        pytest.param(
            "Recommended experience:\n- Scala or Java", "Java", "preferred", id="recommended"
        ),
        pytest.param("Would like:\n- AngularJS", "AngularJS", "preferred", id="would-like"),
        pytest.param("Nice to have\n- Kafka", "Kafka", "preferred", id="heading-without-colon"),
        pytest.param(
            "Nice to have:\n- Experience with Kafka",
            "Kafka",
            "preferred",
            id="heading-beats-plain-demand",
        ),
        pytest.param(
            "Nice to have:\n- Kafka is a must for the data team",
            "Kafka",
            "required",
            id="firm-demand-beats-heading",
        ),
        pytest.param("- know/can learn python", "python", "preferred", id="can-learn"),
        pytest.param(
            "We want experienced ML developers, or those with the capacity to learn.",
            "ML",
            "preferred",
            id="or-able-to-learn",
        ),
        pytest.param(
            "Tech stack is Ruby and React, though we're flexible on backend language.",
            "Ruby",
            "preferred",
            id="flexible-on",
        ),
        pytest.param(
            "The ideal candidate has experience with public cloud providers.",
            "public cloud",
            "preferred",
            id="ideal-candidate",
        ),
        pytest.param(
            "Experience in Node.js or Go is a plus but not required.",
            "Go",
            "preferred",
            id="plus-but-not-required",
        ),
        pytest.param(
            "Data Engineer - $160k + 10% bonus - Go, Kubernetes",
            "Go",
            "unknown",
            id="compensation-bonus",
        ),
        pytest.param("Familiarity with dbt would help.", "dbt", "preferred", id="would-help"),
        pytest.param("Experience with Rust is appreciated.", "Rust", "preferred", id="appreciated"),
        pytest.param("Requirements: Python. Plus: Rust", "Rust", "preferred", id="inline-plus"),
        pytest.param(
            "If you haven't used Elixir before, we'll teach you.",
            "Elixir",
            "not_required",
            id="if-you-havent-used",
        ),
        pytest.param(
            "Kubernetes is not required.", "Kubernetes", "not_required", id="is-not-required"
        ),
        pytest.param(
            "Which language doesn't matter: Go, Rust or Java all work.",
            "Rust",
            "not_required",
            id="language-doesnt-matter",
        ),
        pytest.param(
            "We work with:\n- Ruby\n- Go\nIf you haven't used these, that's fine.",
            "Go",
            "not_required",
            id="list-waived-below",
        ),
        pytest.param(
            "Familiarity with Django and AWS are all bonuses.",
            "Django",
            "preferred",
            id="bonuses",
        ),
    ],
)
def test_preferences_and_waivers(text: str, term: str, expected: str) -> None:
    assert level_of(text, term) == expected


def test_gates_never_hide_a_match() -> None:
    """A pattern is skipped when a sentence lacks its gate words; that must cost no match."""
    path = Path(__file__).parents[2] / "nlp" / "evaluation" / "requirements" / "mentions.jsonl"
    with path.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    sentences = {s for text in texts for s in re.split(r"(?<=[.!?;])\s+|\n", text)}
    gated = [(p, g) for _, p, g in cues.SENTENCE_PATTERNS if g is not None]
    gated.append((cues.NEGATION, cues.NEGATION_GATE))
    for sentence in sentences:
        lowered = sentence.lower().replace("\u2019", "'")
        words = set(cues.TOKEN.findall(lowered))
        for pattern, gate in gated:
            if pattern.search(lowered):
                assert not words.isdisjoint(gate), (pattern.pattern[:40], sentence)


@pytest.mark.parametrize(
    "text",
    [
        "we're acme, ",
        "awe are x",
        "_we are ",
        "\u00e9we are ",
        "we  are\n",
        "we\u2019re x",
        "wewe are ",
    ],
)
def test_we_are_finds_what_a_word_boundary_before_we_finds(text: str) -> None:
    # the pattern puts "we" first for speed; it must match where "\bwe..." matches
    boundary = re.compile(r"\bwe(?:['\u2019]re|\s+are)\s")
    for padded in (text, f"x {text}", f"x{text}", f"{text} we are "):
        expected = [m.span() for m in boundary.finditer(padded)]
        assert [m.span() for m in cues.WE_ARE.finditer(padded)] == expected


_WAIVER_PIECES = [
    "haven't", "havent", "have", "not", "never", "used", "worked", "with", "these", "them",
    "any", "of", "don't", "do", "know", "all", "the", "above", "none", "this", "is", "are",
    "required", "needed", " ", "  ", "\n", "x", "_", "HAVE", "Don't", "NONE", "\u0130", "\u212a",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_WAIVER_PIECES), max_size=12))
def test_waiver_read_lowercased_is_the_pattern(pieces: list[str]) -> None:
    for text in ("".join(pieces), " ".join(pieces)):
        assert _waives(text) == bool(cues.LIST_WAIVER.search(text))


def test_company_names() -> None:
    assert company_names("Acme Analytics | Remote | Full-time\nWe build tools.") == [
        "Acme Analytics"
    ]
    assert company_names("Ultimate Software is hiring engineers (C#, Go).") == ["Ultimate Software"]
    assert "PagerDuty" in company_names("Hiring now\nWe're PagerDuty, on call for you.")
    # sentences, roles and lowercase words after "we're" are no names
    assert company_names("Python is a must, Go a plus.") == []
    assert company_names("Sr. Java developer - Newark, NJ") == []
    assert company_names("We're agile, remote and small.") == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        pytest.param(
            "Acme is an artificial intelligence company building tools for lawyers.",
            "artificial intelligence",
            id="an-ai-company",
        ),
        pytest.param(
            "Acme uses machine learning to predict crop yields.",
            "machine learning",
            id="company-uses-ml-to",
        ),
        pytest.param(
            "Our machine learning platform serves 300 hospitals.",
            "machine learning",
            id="our-ml-platform",
        ),
        pytest.param(
            "We build machine learning software for retailers.",
            "machine learning",
            id="we-build-ml-software",
        ),
        pytest.param(
            "We are a leader in artificial intelligence for radiology.",
            "artificial intelligence",
            id="leader-in-ai",
        ),
        pytest.param(
            "Founded in 2019, Acme brings artificial intelligence to accounting.",
            "artificial intelligence",
            id="brings-ai-to",
        ),
        pytest.param(
            "Powered by machine learning, our app plans your meals.",
            "machine learning",
            id="powered-by-ml",
        ),
        pytest.param("Acme builds AI for customer support.", "AI", id="builds-ai-for"),
    ],
)
def test_ai_or_ml_named_as_what_the_company_does_is_not_required(text: str, term: str) -> None:
    assert level_of(text, term) == "not_required"


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        pytest.param(
            "Experience with machine learning is required.",
            "machine learning",
            {"required"},
            id="experience-with",
        ),
        pytest.param(
            "Requirements:\n- machine learning\n- Python",
            "machine learning",
            {"required"},
            id="requirements-list",
        ),
        pytest.param(
            "You have built machine learning models in production at an AI company.",
            "machine learning",
            {"required"},
            id="you-have-built-at-an-ai-company",
        ),
        pytest.param(
            "3+ years of experience in artificial intelligence or machine learning.",
            "artificial intelligence",
            {"required"},
            id="years-in-ai",
        ),
        # a duty with no cue either way: asked for, as the report reads "unknown"
        pytest.param(
            "You will apply machine learning to our pricing problems.",
            "machine learning",
            {"required", "unknown"},
            id="duty-apply-ml",
        ),
        pytest.param(
            "What you'll do:\n- Train machine learning models for search ranking",
            "machine learning",
            {"required", "unknown"},
            id="duty-under-heading",
        ),
    ],
)
def test_ai_or_ml_in_duties_or_qualifications_is_asked_for(
    text: str, term: str, expected: set[str]
) -> None:
    assert level_of(text, term) in expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab.!?;, \n\t\u00a0\u2003|", max_size=40))
def test_sentence_breaks_fall_where_a_lookbehind_for_the_full_stop_puts_them(text: str) -> None:
    # the pattern matches the full stop too, for speed; the breaks must be the same
    lookbehind = re.compile(r"(?<=[.!?;])\s+")
    expected = [m.span() for m in lookbehind.finditer(text)]
    assert [(m.start() + 1, m.end()) for m in cues.SENTENCE_BREAK.finditer(text)] == expected
