"""Golden cases for the extractor: text in, skills out, on spacy.blank("en")."""

from __future__ import annotations

import pytest

from nlp.extractor import SPANS_KEY, Extractor
from nlp.skills import load_taxonomy


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_taxonomy())


def found(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    ((_, mentions),) = extractor.tag([("t", text)])
    return [(m.skill_id, m.text) for m in mentions]


def ids(extractor: Extractor, text: str) -> set[str]:
    return {skill for skill, _ in found(extractor, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Python and SQL", {"python", "sql"}, id="plain"),
        pytest.param("We use sklearn and scikit-learn", {"scikit_learn"}, id="alias"),
        pytest.param("Deploy on k8s with Docker", {"kubernetes", "docker"}, id="k8s"),
        pytest.param(
            "Strong C++, C# and .NET skills", {"cpp", "csharp", "dotnet"}, id="punctuated"
        ),
        pytest.param("Node.js and CI/CD pipelines", {"nodejs", "ci_cd"}, id="slash-and-dot"),
        pytest.param(
            "Experience with Python, SQL and R.", {"python", "sql", "r_lang"}, id="sentence-end"
        ),
        pytest.param("Large language models (LLMs) and NLP", {"llms", "nlp"}, id="ai"),
        pytest.param(
            "TensorFlow/PyTorch/Keras", {"tensorflow", "pytorch", "keras"}, id="slashed-list"
        ),
    ],
)
def test_finds_skills(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert expected <= ids(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Let's go to the office", id="go-verb"),
        pytest.param("r and c are letters", id="lowercase-letters"),
        pytest.param("We spark joy", id="spark-verb"),
    ],
)
def test_ambiguous_words_in_prose_are_not_skills(extractor: Extractor, text: str) -> None:
    assert ids(extractor, text) & {"go", "r_lang", "c", "spark"} == set()


def test_offsets_point_at_the_text(extractor: Extractor) -> None:
    text = "Senior ML engineer.\nYou know PyTorch, Kubernetes and AWS."
    ((_, mentions),) = extractor.tag([("t", text)])
    assert mentions
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_longest_match_wins(extractor: Extractor) -> None:
    assert found(extractor, "machine learning engineer") == [
        ("machine_learning", "machine learning")
    ]


def test_component_writes_spans_labelled_with_skill_ids(extractor: Extractor) -> None:
    doc = extractor.nlp("Docker and Git")
    assert [(s.text, s.label_) for s in doc.spans[SPANS_KEY]] == [
        ("Docker", "docker"),
        ("Git", "git"),
    ]


def test_mentions_carry_versions(extractor: Extractor) -> None:
    ((_, mentions),) = extractor.tag([("p1", "Python")])
    assert mentions[0].taxonomy_version == extractor.taxonomy.version
    assert mentions[0].extractor_version == extractor.versions[1]
    assert mentions[0].posting_id == "p1"
