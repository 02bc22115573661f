"""Batch tagging into Arrow tables, in one process and in a pool of two."""

from __future__ import annotations

import gc
import json

import pyarrow as pa
import pytest

from nlp.batch import tag_batch
from nlp.extractor import Extractor
from nlp.parallel import TaggingPool, tag_batches
from nlp.records import TAGGED_SCHEMA, PostingProfile, SkillMention, UnknownTerm
from nlp.skills import load_taxonomy

TEXTS = [
    ("a", "ML Engineer", "Requirements: PyTorch, Kubernetes, Zorblax and Python."),
    ("b", None, "We are a bakery."),
    ("c", "Data Scientist", "Nice to have: Spark, SQL, Quixotl."),
    ("d", "Frontend", "React, TypeScript and Frobnitz"),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_taxonomy())


def batch(rows: list[tuple[str, str | None, str]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict(
        {
            "posting_id": [r[0] for r in rows],
            "content_hash": [f"h-{r[0]}" for r in rows],
            "title": [r[1] for r in rows],
            "description": [r[2] for r in rows],
        }
    )


def test_every_posting_gets_a_tagged_row_and_a_profile(extractor: Extractor) -> None:
    result = tag_batch(extractor, batch(TEXTS))
    assert result.tagged.schema.equals(TAGGED_SCHEMA)
    assert result.mentions.schema.equals(SkillMention.ARROW_SCHEMA)
    assert result.profiles.schema.equals(PostingProfile.ARROW_SCHEMA)
    assert result.unknown_terms.schema.equals(UnknownTerm.ARROW_SCHEMA)
    assert result.tagged["posting_id"].to_pylist() == ["a", "b", "c", "d"]
    per_posting = dict(
        zip(
            result.tagged["posting_id"].to_pylist(),
            result.tagged["mentions"].to_pylist(),
            strict=True,
        )
    )
    assert per_posting["b"] == 0
    assert per_posting["a"] == sum(1 for p in result.mentions["posting_id"].to_pylist() if p == "a")
    roles = dict(
        zip(
            result.profiles["posting_id"].to_pylist(),
            result.profiles["is_ai_ml_role"].to_pylist(),
            strict=True,
        )
    )
    assert roles == {"a": True, "b": False, "c": True, "d": False}


def test_unknown_terms_from_skill_lists(extractor: Extractor) -> None:
    result = tag_batch(extractor, batch(TEXTS))
    found = set(
        zip(
            result.unknown_terms["posting_id"].to_pylist(),
            result.unknown_terms["term"].to_pylist(),
            strict=True,
        )
    )
    assert found == {("a", "zorblax"), ("c", "quixotl"), ("d", "frobnitz")}


def test_two_worker_processes_give_the_same_tables(extractor: Extractor) -> None:
    batches = [batch(TEXTS[:2]), batch(TEXTS[2:]), batch(TEXTS[1:3])]
    alone = list(tag_batches(batches, extractor, workers=1))
    pooled = list(tag_batches(batches, extractor, workers=2))
    assert len(alone) == len(pooled) == 3
    for one, two in zip(alone, pooled, strict=True):
        for name in ("tagged", "mentions", "profiles", "unknown_terms"):
            assert getattr(one, name).equals(getattr(two, name)), name


def test_tagging_in_this_process_holds_the_heap_back_from_collection_only_meanwhile(
    extractor: Extractor,
) -> None:
    before = gc.get_freeze_count()
    run = tag_batches([batch(TEXTS[:2]), batch(TEXTS[2:])], extractor, workers=1)
    next(run)
    assert gc.get_freeze_count() > before  # the extractor's objects, among others
    assert len(list(run)) == 1
    assert gc.get_freeze_count() == before
    stopped = tag_batches([batch(TEXTS[:2]), batch(TEXTS[2:])], extractor, workers=1)
    next(stopped)
    stopped.close()  # a caller that stops reading early gives the heap back too
    assert gc.get_freeze_count() == before


def test_a_started_pool_tags_run_after_run_like_one_process(extractor: Extractor) -> None:
    batches = [batch(TEXTS[:2]), batch(TEXTS[2:])]
    alone = list(tag_batches(batches, extractor, workers=1))
    with TaggingPool(extractor, workers=2) as pool:
        runs = [list(pool.tag(batches)), list(pool.tag(reversed(batches)))]
    assert [r.mentions for r in runs[0]] == [r.mentions for r in alone]
    assert [r.mentions for r in runs[1]] == [r.mentions for r in reversed(alone)]


def test_a_posting_too_long_to_tag_is_set_aside_with_its_reason(extractor: Extractor) -> None:
    huge = "Python and SQL wanted. " * 230_000  # about 5 MB, a whole site pasted in
    rows = [TEXTS[0], ("huge", "Anything", huge), TEXTS[2]]
    result = tag_batch(extractor, batch(rows))
    assert result.tagged["posting_id"].to_pylist() == ["a", "c"]
    assert set(result.mentions["posting_id"].to_pylist()) == {"a", "c"}
    aside = result.set_aside.to_pylist()
    assert [(r["source"], r["origin"]) for r in aside] == [("tagging", "posting huge")]
    assert f"{len(huge):,} characters" in aside[0]["reason"]
    assert "1,000,000" in aside[0]["reason"]
    assert json.loads(aside[0]["payload"]) == {
        "posting_id": "huge",
        "content_hash": "h-huge",
        "characters": len(huge),
    }
