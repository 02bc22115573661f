"""`skillgap tag` writes, for a text, the same posting decision the warehouse stores for it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extract.records import JobPosting, postings_to_arrow
from nlp.extractor import Extractor
from nlp.parallel import tag_batches
from nlp.skills import load_taxonomy
from nlp.tagfile import tag_jsonl
from warehouse.db import open_warehouse
from warehouse.load import load_postings, load_tagging
from warehouse.queries import postings_to_tag

POSTINGS = [
    pytest.param(
        None,
        "Acme | Machine Learning Engineer, iOS Engineer | Berlin | ONSITE\n"
        "You will train and deploy our ranking models with PyTorch and Kubernetes.",
        True,
        id="hn-header",
    ),
    pytest.param(
        "Senior Frontend Engineer",
        "Our AI-powered platform helps doctors. You'll build the React app. Requirements: "
        "TypeScript, CSS.",
        False,
        id="title-at-ai-company",
    ),
    pytest.param(
        "Software Engineer",
        "You'll build RAG pipelines and write evals for our LLM features in Python.",
        True,
        id="duties",
    ),
    pytest.param(
        None,
        "Stash | Data Engineer, Lead Data Scientist | New York\nWe use Spark, SQL and Airflow.",
        True,
        id="listed",
    ),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_taxonomy())


@pytest.mark.parametrize(("title", "text", "technician"), POSTINGS)
def test_tag_output_equals_the_stored_profile(
    tmp_path: Path, extractor: Extractor, title: str | None, text: str, technician: bool
) -> None:
    con = open_warehouse(":memory:")
    posting = JobPosting(
        source="test",
        source_id="1",
        title=title,
        description=text,
        seen_at=datetime(2026, 1, 5, tzinfo=UTC),
        origin="test.jsonl:1",
        raw="{}",
    )
    load_postings(con, postings_to_arrow([posting]))
    for batch in tag_batches(postings_to_tag(con, *extractor.versions, 100), extractor):
        load_tagging(con, batch)
    stored = con.execute(
        "SELECT is_ai_ml_role, role_family, roles, clusters FROM posting_profiles"
        " WHERE taxonomy_version = ? AND extractor_version = ?",
        list(extractor.versions),
    ).fetchall()
    con.close()

    line = {"id": "x", "text": text} | ({"title": title} if title else {})
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    tag_jsonl(extractor, source, target)
    written = json.loads(target.read_text(encoding="utf-8"))["posting"]

    assert written["ai_ml_technician"] is technician
    assert stored == [
        (
            written["ai_ml_technician"],
            written["role_family"],
            written["roles"],
            written["clusters"],
        )
    ]
