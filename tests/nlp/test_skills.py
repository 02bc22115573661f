"""Tests for the skill taxonomy loader and the packaged taxonomy data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extract.errors import TaxonomyError
from nlp.roles import check_profile, load_profile
from nlp.skills import (
    CATEGORIES,
    CATEGORY_GROUPS,
    CLUSTERS,
    GROUP_LABELS,
    GROUPS,
    Skill,
    Taxonomy,
    load_taxonomy,
)

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
    "amazon-web-services",
    "scikit learn",
    "scikitlearn",
    "react js",
    "apis",
    "microservices",
    "test-driven development",
    "tdd",
    "scrum",
    "kanban",
    "financial services",
    "e-commerce",
    "telecommunications",
    "information technology",
    "software engineering",
    "data science",
    "computer science",
    "physics",
    "system design",
    "design patterns",
    "saas",
    "iot",
    "langgraph",
    "fluent german",
]
# Names that are ordinary words too: matched only as written, and flagged for context rules.
AMBIGUOUS = {
    "R": "r_lang",
    "Go": "go",
    "C": "c",
    "D": "d_lang",
    "Spark": "spark",
    "Excel": "excel",
    "Swift": "swift",
    "Rust": "rust",
    "Unity": "unity",
    "Chef": "chef",
    "Puppet": "puppet",
    "Julia": "julia",
    "Ruby": "ruby",
    "AI": "artificial_intelligence",
}
GENERIC_WORDS = ["design", "testing", "security", "cloud", "automation", "monitoring", "mobile"]
CORE_EXACT = ["R", "Go", "C", "Swift", "Rust", "Spark", "Excel", "Ruby", "React", "Flask"]


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def _alias_index(taxonomy: Taxonomy) -> dict[str, Skill]:
    return {alias: skill for skill in taxonomy for alias in skill.aliases}


def test_packaged_taxonomy_is_large_and_consistent(taxonomy: Taxonomy) -> None:
    assert len(taxonomy) >= 2000
    ids = [s.skill_id for s in taxonomy.skills]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    for skill in taxonomy:
        assert skill.category in CATEGORIES
        assert skill.cluster is None or skill.cluster in CLUSTERS
        assert all(a == a.lower() for a in skill.aliases)


def test_every_category_belongs_to_one_of_the_nine_groups(taxonomy: Taxonomy) -> None:
    assert set(CATEGORY_GROUPS) == set(CATEGORIES)
    assert set(CATEGORY_GROUPS.values()) == set(GROUPS) == set(GROUP_LABELS)
    assert {s.category_group for s in taxonomy} == set(GROUPS)
    assert taxonomy.get("pytorch").category_group == "ml_framework"
    assert taxonomy.get("english").category_group == "soft_skill"


def test_no_lowercase_alias_is_a_function_word(taxonomy: Taxonomy) -> None:
    words = {"a", "an", "the", "it", "go", "do", "can", "make", "will", "may", "at", "on"}
    words |= {"in", "is", "as", "or", "and", "all", "any", "one", "us", "we", "be", "r", "c"}
    assert {a for s in taxonomy for a in s.aliases} & words == set()


@pytest.mark.parametrize(("word", "skill_id"), AMBIGUOUS.items(), ids=list(AMBIGUOUS))
def test_ambiguous_short_names_are_flagged(taxonomy: Taxonomy, word: str, skill_id: str) -> None:
    skill = taxonomy.get(skill_id)
    assert word in skill.exact_aliases
    assert skill.ambiguous
    assert word.lower() not in _alias_index(taxonomy)


@pytest.mark.parametrize("word", GENERIC_WORDS)
def test_generic_words_name_a_skill_flagged_generic(taxonomy: Taxonomy, word: str) -> None:
    skill = _alias_index(taxonomy)[word]
    assert skill.generic
    assert word not in {a.lower() for a in skill.exact_aliases}


def test_sources_are_linked(taxonomy: Taxonomy) -> None:
    assert taxonomy.get("sagemaker").onet_name == "Amazon Web Services AWS SageMaker"
    assert taxonomy.get("matlab").onet_name == "The MathWorks MATLAB"
    assert taxonomy.get("english").esco_uri is not None
    assert sum(s.onet_name is not None for s in taxonomy) >= 500
    assert sum(s.esco_uri is not None for s in taxonomy) >= 300


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


@pytest.fixture(scope="module")
def profile_ids(taxonomy: Taxonomy) -> dict[str, set[str]]:
    profile = load_profile(taxonomy=taxonomy)
    return {c.cluster: set(c.skill_ids) for c in profile.clusters}


def test_profile_covers_every_cluster_with_known_skills(
    taxonomy: Taxonomy, profile_ids: dict[str, set[str]]
) -> None:
    assert set(profile_ids) == set(CLUSTERS)
    for cluster, ids in profile_ids.items():
        assert len(ids) >= 10, cluster
        for skill_id in ids:
            assert skill_id in taxonomy, skill_id
            assert taxonomy.get(skill_id).cluster == cluster, skill_id


def test_every_clustered_skill_fits_the_profile(
    taxonomy: Taxonomy, profile_ids: dict[str, set[str]]
) -> None:
    listed = {i: c for c, ids in profile_ids.items() for i in ids}
    for skill in taxonomy:
        if skill.cluster is not None:
            assert skill.cluster in profile_ids
        if skill.skill_id in listed:
            assert skill.cluster == listed[skill.skill_id]
    assert load_profile().cluster_of("pytorch") == "deep_learning"
    assert "python" in load_profile().skill_ids


def test_profile_with_unknown_or_misplaced_id_is_rejected(tmp_path: Path) -> None:
    taxonomy = load_taxonomy()
    bad = tmp_path / "profiles.toml"
    bad.write_text(
        '[profiles.p]\nname = "P"\n[[profiles.p.clusters]]\ncluster = "nlp"\n'
        'skills = ["pytorch"]\n',
        encoding="utf-8",
    )
    with pytest.raises(TaxonomyError, match="pytorch"):
        check_profile(load_profile("p", path=bad), taxonomy)
    with pytest.raises(TaxonomyError, match="no profile"):
        load_profile("nobody", path=bad)


def test_extra_file_carries_flags(taxonomy: Taxonomy, tmp_path: Path) -> None:
    extra = tmp_path / "my_skills.jsonl"
    lines = [
        {"id": "go", "aliases": ["go programming"]},
        {"id": "widget_ops", "name": "Widget Ops", "category": "practice", "generic": True},
    ]
    extra.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")

    merged = load_taxonomy(extra=extra)

    assert merged.get("widget_ops").generic
    assert not merged.get("widget_ops").ambiguous
    assert merged.get("go").ambiguous
    assert "go programming" in merged.get("go").aliases


def test_flag_must_be_boolean(tmp_path: Path) -> None:
    extra = tmp_path / "flags.jsonl"
    extra.write_text(
        json.dumps({"id": "x_tool", "name": "X", "category": "practice", "generic": "yes"}) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(TaxonomyError, match="true or false"):
        load_taxonomy(extra=extra)


def test_line_format_round_trips(taxonomy: Taxonomy, tmp_path: Path) -> None:
    copy = tmp_path / "skills.jsonl"
    copy.write_text("".join(json.dumps(s.to_json()) + "\n" for s in taxonomy), encoding="utf-8")
    assert load_taxonomy(copy).skills == taxonomy.skills
