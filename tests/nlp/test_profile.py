"""Posting level: AI/ML role from title or asked-for skills; clusters asked for."""

from __future__ import annotations

import pytest

from nlp.profile import profile_posting
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
    ("title", "skills", "is_ai_ml"),
    [
        pytest.param("Machine Learning Engineer", [], True, id="title-ml"),
        pytest.param("Senior Data Scientist", [], True, id="title-data-scientist"),
        pytest.param(
            "Backend Engineer",
            [("pytorch", "required"), ("nlp", "unknown")],
            True,
            id="two-ai-skills-asked",
        ),
        pytest.param("Backend Engineer", [("pytorch", "required")], False, id="one-ai-skill"),
        pytest.param(
            "Backend Engineer",
            [("pytorch", "preferred"), ("nlp", "not_required")],
            False,
            id="only-nice-to-have-or-blurb",
        ),
        pytest.param(
            None, [("python", "required"), ("sql", "required")], False, id="no-title-no-ai-skills"
        ),
        pytest.param("Frontend Engineer", [], False, id="title-frontend"),
    ],
)
def test_ai_ml_role(
    taxonomy: Taxonomy,
    title: str | None,
    skills: list[tuple[str, Requirement]],
    is_ai_ml: bool,
) -> None:
    mentions = [mention(taxonomy, s, r) for s, r in skills]
    profile = profile_posting("p", title, mentions, taxonomy, "e")
    assert profile.is_ai_ml_role is is_ai_ml


def test_clusters_come_from_asked_for_skills_only(taxonomy: Taxonomy) -> None:
    mentions = [
        mention(taxonomy, "pytorch", "required"),
        mention(taxonomy, "kubernetes", "unknown"),
        mention(taxonomy, "nlp", "preferred"),
    ]
    profile = profile_posting("p", "Engineer", mentions, taxonomy, "e")
    expected = {
        taxonomy.get(s).cluster for s in ("pytorch", "kubernetes") if taxonomy.get(s).cluster
    }
    assert set(profile.clusters) == expected
