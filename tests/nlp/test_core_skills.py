"""The technician's core skills: the seed list as data, checked against the taxonomy."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import TaxonomyError
from nlp.core_skills import CoreSkill, core_skills_to_arrow, load_core_skills
from nlp.skills import load_taxonomy

# The seed list of the founding article, in its order (the ML frameworks one item each).
SEED = [
    "data pipelines", "model training and evaluation", "deployment and MLOps",
    "monitoring and drift", "TensorFlow", "Keras", "PyTorch", "scikit-learn", "Python", "SQL",
    "Git", "Docker", "Kubernetes", "cloud platforms", "probability", "linear algebra",
    "calculus", "statistics", "communication",
]  # fmt: skip


def test_the_packaged_list_is_the_seed_list_of_known_skills() -> None:
    taxonomy = load_taxonomy()
    items = load_core_skills(taxonomy=taxonomy)
    assert [item.name for item in items] == SEED
    for item in items:
        assert item.skill_ids, item.item_id
        for skill_id in item.skill_ids:
            assert skill_id in taxonomy, (item.item_id, skill_id)
    by_id = {item.item_id: item for item in items}
    assert by_id["python"].skill_ids == ("python",)
    assert "model_monitoring" in by_id["monitoring_drift"].skill_ids


def test_arrow_rows_are_one_per_item_and_skill() -> None:
    items = (CoreSkill("a", "A", ("x", "y")), CoreSkill("b", "B", ("z",)))
    table = core_skills_to_arrow(items)
    assert table.schema == CoreSkill.ARROW_SCHEMA
    assert table.to_pylist() == [
        {"item_id": "a", "item": "A", "position": 1, "skill_id": "x"},
        {"item_id": "a", "item": "A", "position": 1, "skill_id": "y"},
        {"item_id": "b", "item": "B", "position": 2, "skill_id": "z"},
    ]


@pytest.mark.parametrize(
    ("core", "message"),
    [
        pytest.param('[[profiles.p.core]]\nid = "a"\nskills = []\n', "must list", id="no-skills"),
        pytest.param('[[profiles.p.core]]\nskills = ["python"]\n', "no id", id="no-id"),
        pytest.param(
            '[[profiles.p.core]]\nid = "a"\nskills = ["python"]\n'
            '[[profiles.p.core]]\nid = "a"\nskills = ["sql"]\n',
            "used twice",
            id="same-id",
        ),
        pytest.param(
            '[[profiles.p.core]]\nid = "a"\nskills = ["python"]\n'
            '[[profiles.p.core]]\nid = "b"\nskills = ["python"]\n',
            "listed under a and b",
            id="skill-twice",
        ),
        pytest.param(
            '[[profiles.p.core]]\nid = "a"\nskills = ["no_such_skill"]\n',
            "not in the taxonomy",
            id="unknown-skill",
        ),
        pytest.param('[profiles.p]\nname = "P"\n', "no core skills", id="none"),
    ],
)
def test_malformed_lists_are_rejected(tmp_path: Path, core: str, message: str) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(core, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=message):
        load_core_skills("p", path=path, taxonomy=load_taxonomy())
