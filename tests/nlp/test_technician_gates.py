"""The fast readings of the decision's patterns give what the patterns give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import posting_roles, role_items
from nlp import technician_cues as cues
from nlp.lowered import CASE_TRAPS, Blind, alternatives
from nlp.technician_lexicon import lexicon_count

GATES = [
    pytest.param(cues.DUTY_WORDS, cues.DUTY_GATE, id="duty"),
    pytest.param(cues.ROLE_PHRASE_WORDS, cues.ROLE_PHRASE_GATE, id="role-phrase"),
]
# Pieces of the gates' words and what borders them, so random texts hit edges often.
PIECES = [
    "ml",
    "ai",
    "rag",
    "cv",
    "eval",
    "evals",
    "fine",
    "tun",
    "fine-tun",
    "context",
    "engineering",
    "gen",
    "genai",
    "gen ai",
    "model",
    "learn",
    "xml",
    "said",
    "drag",
    "cvs",
    "x",
    " ",
    "-",
    "\n",
    ".",
    "_",
    "é",
    "ranking",
    "scien",
    "llm",
    "nlp",
    "agent",
    "vision",
]


@pytest.mark.parametrize(("gate", "pattern"), GATES)
@pytest.mark.parametrize(
    "text",
    [
        "we build ml systems",
        "html and css",
        "ai",
        "said the chair",
        "context  engineering",
        "contextengineering",
        "evals",
        "evaluations",
        "evalsx",
        "fine-tuning",
        "finetune",
        "fine  tune",
        "rag pipelines",
        "dragon",
        "cv",
        "cvs",
        "gen-ai",
        "genai products",
        "plain text about payroll",
        "",
    ],
)
def test_gate_agrees_with_its_pattern(gate: cues.Gate, pattern: object, text: str) -> None:
    assert gate.passes(text) == bool(pattern.search(text))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("gate", "pattern"), GATES)
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8))
def test_gate_agrees_on_random_texts(gate: cues.Gate, pattern: object, pieces: list[str]) -> None:
    text = "".join(pieces)
    assert gate.passes(text) == bool(pattern.search(text))  # type: ignore[attr-defined]


# Pieces of the lexicon's words, in several cases, and the letters lowercasing treats apart.
LEXICON_PIECES = [
    "machine learning",
    "Machine-Learning",
    "ML",
    "ml",
    "MLOps",
    "MLlib",
    "AI",
    "AIs",
    "NLP",
    "LLMs",
    "RAG",
    "RAGs",
    "rag",
    "Models",
    "modelling",
    "modeler",
    "classifiers",
    "Recommendations",
    "Transformers",
    "fine-tuning",
    "PyTorch",
    "torch",
    "feature stores",
    "training data",
    "hugging face",
    "evals",
    "agentic",
    "vector search",
    "x",
    " ",
    "-",
    "\n",
    ".",
    "_",
    "1",
    "é",
    "\u212a",  # the Kelvin sign, which lowercases to "k"
    "\u0130",  # "İ", "ı", "ſ": a case-blind "i" or "s" matches them, their lowercase not
    "\u0131",
    "\u017f",
    "keras",
    "\u212aeras",
    "in\u017ference",
]


@pytest.mark.parametrize(
    "text",
    [
        "We train PyTorch models; ML and RAG, not rag.",
        "MLOps, MLlib, xML, ML_ops, AI-first, AIs",
        "Deep-learning and machine   learners; LLM and LLMs",
        "\u212aERAS and Ke\u0155as",
        "\u0130nference",
        "",
    ],
)
def test_lexicon_count_is_the_patterns(text: str) -> None:
    assert lexicon_count(text) == len(cues.ML_LEXICON.findall(text))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(LEXICON_PIECES), max_size=10), st.booleans())
def test_lexicon_count_on_random_texts(pieces: list[str], upper: bool) -> None:
    text = "".join(pieces)
    text = text.upper() if upper else text
    assert lexicon_count(text) == len(cues.ML_LEXICON.findall(text))


def test_only_the_case_traps_lowercase_apart_from_a_case_blind_match() -> None:
    # what running a lowercase case-blind pattern case-sensitively over lowercased text rests
    # on: every other character lowercases to one character, keeps being a word character
    # or a space or not, and matches an ASCII letter case-blind exactly when it lowercases
    # to it
    blind_letter = re.compile(r"[a-z]", re.IGNORECASE)
    word, space = re.compile(r"\w"), re.compile(r"\s")
    apart = []
    for code in range(0x110000):
        char = chr(code)
        low = char.lower()
        kept = (
            len(low) == 1
            and bool(word.match(low)) == bool(word.match(char))
            and bool(space.match(low)) == bool(space.match(char))
            and bool(blind_letter.match(char)) == ("a" <= low <= "z")
            and (not "a" <= low <= "z" or re.match(low, char, re.IGNORECASE) is not None)
        )
        if not kept:
            apart.append(char)
    assert tuple(apart) == CASE_TRAPS


def test_hiring_has_lowercase_letters_only() -> None:
    letters = re.sub(r"\\.", "", posting_roles.HIRING.pattern)
    assert letters == letters.lower()


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "We're",
                " ",
                "HIRING",
                "hiring",
                "for",
                "Open",
                "Roles",
                ":",
                "in",
                "\u0130",
                "\u017f",
                "looking",
                "to",
                "hire",
                "positions",
                "include",
                "é",
                ",",
                "x",
                "-",
            ]
        ),
        max_size=10,
    )
)
def test_hiring_spans_are_the_patterns(pieces: list[str]) -> None:
    line = "".join(pieces)
    spans = [m.span() for m in posting_roles.HIRING.finditer(line)]
    assert posting_roles._hiring_spans(line, line.lower()) == spans


def test_duty_alternatives_make_the_pattern() -> None:
    opening = r"(?=\w)\b(?:"
    parts = alternatives(cues.DUTY.pattern[len(opening) : -1])
    assert len(parts) > 30
    assert opening + "|".join(parts) + ")" == cues.DUTY.pattern
    duty = Blind(cues.DUTY)
    assert duty.lowered is not None and duty.cased is not None  # split, not read whole


DUTY_PIECES = [
    "train",
    "trains",
    "fine-tune",
    "the",
    "models",
    "ML",
    "ml",
    "MLE",
    "AI",
    "A.I",
    "ai",
    "NLP",
    "LLM",
    "LLMs",
    "RAG",
    "rag",
    "systems",
    "agents",
    "Agentic",
    "workflows",
    "computer vision",
    "Predictive",
    "modeling",
    "feature store",
    "drift",
    "evals",
    "/",
    " ",
    ",",
    ".",
    "-",
    "\u0130",
    "\u017f",
    "\u212a",
]


DUTY = Blind(cues.DUTY)


@pytest.mark.parametrize(
    "text",
    [
        "You will train ML models.",
        "We build AI systems",
        "ai systems and ml models",
        "ML/AI projects",
        "Fine-tuning LLMs, RAG and evals",
        "Machine-Learned user models",
        "payroll and benefits",
        "\u0130nference serving",
        "",
    ],
)
def test_blind_duty_is_the_pattern(text: str) -> None:
    assert DUTY.search(text, text.lower()) == bool(cues.DUTY.search(text))
    assert DUTY.search(text) == bool(cues.DUTY.search(text))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(DUTY_PIECES), max_size=10), st.booleans())
def test_blind_duty_on_random_texts(pieces: list[str], upper: bool) -> None:
    text = " ".join(pieces)
    text = text.upper() if upper else text
    assert DUTY.search(text) == bool(cues.DUTY.search(text))


BLIND = [
    pytest.param(getattr(cues, name), id=name)
    for name in (
        "ML_TITLE",
        "NOT_TECHNICIAN_TITLE",
        "ROLE_NOUN",
        "FRONTEND_STACK",
        "BACKEND_STACK",
        "AI_TOOLING",
        "ROLE_FRAME",
        "ABOUT_US",
        "ABOUT_ROLE",
    )
] + [pytest.param(rule, id=name) for name, rule in cues.FAMILY_RULES + cues.OTHER_FAMILY_RULES]
TITLE_PIECES = [
    "Senior",
    "ML",
    "ml",
    "MLE",
    "AI",
    "A.I.",
    "Engineer",
    "ENGINEERS",
    "Data Scientist",
    "product manager",
    "PM",
    "CTO",
    "Head of",
    "Sales",
    "iOS",
    "React",
    "java",
    "you'll",
    "we",
    "our",
    "Claude Code",
    "leveraging AI to write",
    "Recommendations",
    "Gen-AI",
    "LLMOps",
    "(",
    ")",
    ",",
    "/",
    "-",
    "\u0130",
    "\u0131",
    "\u017f",
    "\u212a",
    "é",
]


@pytest.mark.parametrize("pattern", BLIND)
@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TITLE_PIECES), max_size=8), st.sampled_from(["", " "]))
def test_blind_patterns_are_the_patterns(
    pattern: re.Pattern[str], pieces: list[str], joint: str
) -> None:
    text = joint.join(pieces)
    assert Blind(pattern).search(text) == bool(pattern.search(text))


PHRASE_PIECES = [
    "machine learning",
    "ML",
    "AI",
    "NLP",
    "data science",
    "engineers",
    "Scientist",
    "MLEs",
    "team",
    "is hiring",
    "join our",
    "roles",
    "people with",
    "experience in",
    "learners",
    "PhD",
    "hac\u212aer",
    "\u017fcientist",
    "eng\u0130neer",
    ",",
    "-",
    "the",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_PIECES), max_size=8))
def test_every_role_phrase_holds_a_role_noun(pieces: list[str]) -> None:
    text = " ".join(pieces)
    if cues.ML_ROLE_PHRASE.search(text):
        lowered = text.lower()
        nouns = posting_roles._ROLE_PHRASE_NOUNS
        assert any(n in lowered for n in nouns) or any(t in text for t in CASE_TRAPS)


@pytest.mark.parametrize(
    "line",
    [
        "Apply at https://acme.com/jobs or jobs@acme.com [1]",
        "www.acme.com - Berlin",
        "Write to me at x@y.io",
        "No links here [a]",
        "[12] see above",
    ],
)
def test_without_urls_is_the_url_pattern(line: str) -> None:
    assert posting_roles._without_urls(line) == posting_roles._URL.sub(" ", line)


AREA_PIECES = [
    "Senior",
    "Data Science",
    "ML",
    "A.I.",
    "a.i",
    "Sr.",
    "Infra",
    "/",
    "+",
    " ",
    ".",
    "?",
    "!",
    ",",
    "(remote)",
    "Product Management",
    "machine - learning",
    "ai",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(AREA_PIECES), min_size=1, max_size=6))
def test_no_area_ends_in_a_mark_but_ai(pieces: list[str]) -> None:
    # what _is_title's early refusal of such titles rests on
    title = "".join(pieces)
    if title.endswith((".", "?", "!", ",")) and not title.lower().endswith("a.i."):
        assert not role_items.is_area(title)
