"""Tests for the skill taxonomy loader and the packaged taxonomy data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extract.errors import TaxonomyError
from nlp.skills import CATEGORIES, CLUSTERS, Skill, Taxonomy, load_taxonomy

PACKAGED = Path(__file__).resolve().parents[2] / "nlp" / "taxonomy" / "skills.jsonl"

# Each core skill as the text a posting would use for it.
CORE_SKILLS = [
    "python",
    "sql",
    "tensorflow",
    "keras",
    "pytorch",
    "scikit-learn",
    "sklearn",
    "pandas",
    "numpy",
    "apache spark",
    "etl",
    "data pipelines",
    "feature engineering",
    "model training",
    "model evaluation",
    "model deployment",
    "mlops",
    "model monitoring",
    "model drift",
    "docker",
    "kubernetes",
    "k8s",
    "git",
    "ci/cd",
    "aws",
    "amazon web services",
    "gcp",
    "azure",
    "statistics",
    "probability",
    "linear algebra",
    "calculus",
    "computer vision",
    "nlp",
    "natural language processing",
    "generative ai",
    "llms",
    "large language models",
    "deep learning",
    "neural networks",
    "reinforcement learning",
    "data analytics",
    "data engineering",
    "communication",
    "machine learning",
    "ml",
    "java",
    "javascript",
    "typescript",
    "golang",
    "c++",
    "c#",
    ".net",
    "scala",
    "kotlin",
    "react.js",
    "reactjs",
    "node.js",
    "nodejs",
    "django",
    "fastapi",
    "postgresql",
    "postgres",
    "mysql",
    "mongodb",
    "redis",
    "kafka",
    "airflow",
    "dbt",
    "snowflake data cloud",
    "databricks",
    "terraform",
    "linux",
    "hugging face",
    "langchain",
    "retrieval-augmented generation",
    "vector databases",
    "prompt engineering",
    "cuda",
    "mlflow",
    "kubeflow",
    "sagemaker",
    "vertex ai",
]
CORE_EXACT = ["R", "Go", "C", "Swift", "Rust", "Spark", "Excel", "Ruby", "React", "Flask"]


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def _alias_index(taxonomy: Taxonomy) -> dict[str, Skill]:
    return {alias: skill for skill in taxonomy for alias in skill.aliases}


def test_packaged_taxonomy_is_large_and_consistent(taxonomy: Taxonomy) -> None:
    assert len(taxonomy) >= 320
    ids = [s.skill_id for s in taxonomy.skills]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    for skill in taxonomy:
        assert skill.category in CATEGORIES
        assert skill.cluster is None or skill.cluster in CLUSTERS
        assert all(a == a.lower() for a in skill.aliases)


def test_no_alias_names_two_skills(taxonomy: Taxonomy) -> None:
    owners: dict[str, set[str]] = {}
    for skill in taxonomy:
        for alias in (*skill.aliases, *(a.lower() for a in skill.exact_aliases)):
            owners.setdefault(alias, set()).add(skill.skill_id)
    assert {a: ids for a, ids in owners.items() if len(ids) > 1} == {}


@pytest.mark.parametrize("alias", CORE_SKILLS)
def test_core_skill_found_by_alias(taxonomy: Taxonomy, alias: str) -> None:
    assert alias in _alias_index(taxonomy)


@pytest.mark.parametrize("word", CORE_EXACT)
def test_ambiguous_names_are_case_sensitive_only(taxonomy: Taxonomy, word: str) -> None:
    exact = {a: s for s in taxonomy for a in s.exact_aliases}
    assert word in exact
    assert word.lower() not in _alias_index(taxonomy)


def test_lookup_by_id(taxonomy: Taxonomy) -> None:
    skill = taxonomy.get("scikit_learn")
    assert skill.name == "scikit-learn"
    assert {"sklearn", "scikit learn", "scikit-learn"} <= set(skill.aliases)
    assert skill.is_ai_ml
    assert not taxonomy.get("postgresql").is_ai_ml
    with pytest.raises(TaxonomyError, match="no_such_skill"):
        taxonomy.get("no_such_skill")


def test_version_and_attribution(taxonomy: Taxonomy) -> None:
    assert re.fullmatch(r"\d+\.\d+\+[0-9a-f]{8}", taxonomy.version)
    assert "ESCO" in taxonomy.attribution
    assert "O*NET" in taxonomy.attribution
    assert "CC BY 4.0" in taxonomy.attribution


def test_version_changes_with_content(taxonomy: Taxonomy, tmp_path: Path) -> None:
    copy = tmp_path / "skills.jsonl"
    copy.write_text(PACKAGED.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_taxonomy(copy).version == taxonomy.version

    lines = PACKAGED.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["aliases"].append("a brand new alias")
    copy.write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n", encoding="utf-8")
    changed = load_taxonomy(copy)
    assert changed.version != taxonomy.version
    assert changed.version.split("+")[0] == taxonomy.version.split("+")[0]


def test_extra_file_adds_skill_and_aliases(taxonomy: Taxonomy, tmp_path: Path) -> None:
    extra = tmp_path / "my_skills.jsonl"
    lines = [
        {"id": "python", "aliases": ["cpython"]},
        {"id": "polars_sql", "name": "Polars SQL", "category": "data_tool", "cluster": None},
    ]
    extra.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")

    merged = load_taxonomy(extra=extra)

    assert len(merged) == len(taxonomy) + 1
    assert "cpython" in merged.get("python").aliases
    assert merged.get("polars_sql").aliases == ("polars sql",)
    assert merged.version != taxonomy.version


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        pytest.param("{not json", "not valid JSON", id="bad-json"),
        pytest.param('["a list"]', "expected a JSON object", id="not-object"),
        pytest.param('{"id": "x", "name": "X", "category": "nope"}', "category", id="category"),
        pytest.param('{"id": "Bad Id", "name": "X", "category": "database"}', "slug", id="id"),
        pytest.param('{"id": "python", "name": "Py"}', "may only add aliases", id="overwrite"),
        pytest.param(
            '{"id": "x", "name": "X", "category": "database", "aliases": "x"}',
            "list of strings",
            id="aliases-type",
        ),
    ],
)
def test_malformed_extra_line_names_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    extra = tmp_path / "broken_extra.jsonl"
    good = json.dumps({"id": "new_tool", "name": "New Tool", "category": "other_tool"})
    extra.write_text(f"{good}\n\n{line}\n", encoding="utf-8")

    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(extra=extra)

    message = str(info.value)
    assert "broken_extra.jsonl:3" in message
    assert problem in message


def test_extra_alias_clash_is_rejected(tmp_path: Path) -> None:
    extra = tmp_path / "clash.jsonl"
    extra.write_text(json.dumps({"id": "pandas", "aliases": ["sklearn"]}) + "\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="sklearn"):
        load_taxonomy(extra=extra)


def test_to_arrow_has_schema_and_one_row_per_skill(taxonomy: Taxonomy) -> None:
    table = taxonomy.to_arrow()
    assert table.schema == Taxonomy.ARROW_SCHEMA
    assert table.num_rows == len(taxonomy)
    row = next(r for r in table.to_pylist() if r["skill_id"] == "pytorch")
    assert row["is_ai_ml"] is True
    assert row["taxonomy_version"] == taxonomy.version
