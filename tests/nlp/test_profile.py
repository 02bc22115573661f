"""Posting level: the technician decision from title and text; clusters asked for."""

from __future__ import annotations

import pytest

from nlp.profile import posting_object, profile_posting
from nlp.records import Requirement, SkillMention
from nlp.skills import Taxonomy, load_taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def mention(taxonomy: Taxonomy, skill_id: str, requirement: Requirement) -> SkillMention:
    skill = taxonomy.get(skill_id)
    return SkillMention(
        "p", skill_id, skill.name, 0, 1, skill.name, requirement, taxonomy.version, "e"
    )


@pytest.mark.parametrize(
    ("title", "text", "skills", "is_ai_ml", "family"),
    [
        pytest.param("Machine Learning Engineer", "", [], True, "ml_engineering", id="title-ml"),
        pytest.param("Senior Data Scientist", "", [], True, "data_science", id="title-ds"),
        pytest.param(
            "Backend Engineer",
            "Requirements: PyTorch and NLP experience. You will build our billing APIs.",
            [("pytorch", "required"), ("nlp", "required")],
            False,
            "software_backend",
            id="ai-skills-alone-make-no-technician",
        ),
        pytest.param(
            "Backend Engineer",
            "You will train and deploy our ranking models with PyTorch.",
            [("pytorch", "required")],
            True,
            "ml_engineering",
            id="duties-make-a-technician",
        ),
        pytest.param(
            None,
            "Acme | Frontend Engineer | Remote\nOur AI-powered app helps cooks.",
            [],
            False,
            "software_frontend",
            id="header-role-at-ai-company",
        ),
    ],
)
def test_ai_ml_technician(
    taxonomy: Taxonomy,
    title: str | None,
    text: str,
    skills: list[tuple[str, Requirement]],
    is_ai_ml: bool,
    family: str,
) -> None:
    mentions = [mention(taxonomy, s, r) for s, r in skills]
    profile = profile_posting("p", title, text, mentions, taxonomy, "e")
    assert profile.is_ai_ml_role is is_ai_ml
    assert profile.role_family == family
    assert bool(profile.roles) is is_ai_ml


def test_title_says_ai_ml_only_for_the_sources_title(taxonomy: Taxonomy) -> None:
    text = "Acme | Machine Learning Engineer | Berlin"
    assert not profile_posting("p", None, text, [], taxonomy, "e").title_says_ai_ml
    assert profile_posting("p", "ML Engineer", text, [], taxonomy, "e").title_says_ai_ml


def test_clusters_come_from_asked_for_skills_only(taxonomy: Taxonomy) -> None:
    mentions = [
        mention(taxonomy, "pytorch", "required"),
        mention(taxonomy, "kubernetes", "unknown"),
        mention(taxonomy, "nlp", "preferred"),
    ]
    profile = profile_posting("p", "Engineer", "", mentions, taxonomy, "e")
    expected = {
        taxonomy.get(s).cluster for s in ("pytorch", "kubernetes") if taxonomy.get(s).cluster
    }
    assert set(profile.clusters) == expected


def test_posting_object_is_the_tag_contract(taxonomy: Taxonomy) -> None:
    profile = profile_posting(
        "p",
        None,
        "Acme | Data Scientist, iOS Engineer | NYC",
        [mention(taxonomy, "python", "required")],
        taxonomy,
        "e",
    )
    assert posting_object(profile) == {
        "ai_ml_technician": True,
        "role_family": "data_science",
        "roles": ["Data Scientist"],
        "clusters": list(profile.clusters),
    }
