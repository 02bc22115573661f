"""Scoring the technician decision: counts, figures, the labelled set and its splits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.errors import InputError
from nlp.technician_eval import Confusion, LabelledPosting, read_labelled, score


def posting(pid: str, split: str, gold: bool, family: str = "ml_engineering") -> LabelledPosting:
    return LabelledPosting(pid, split, "text", gold, family)


def test_confusion_counts_and_figures() -> None:
    c = Confusion()
    for predicted, gold in [(True, True)] * 3 + [(True, False), (False, True)] + [(False, False)]:
        c = c.add(predicted, gold)
    assert (c.tp, c.fp, c.fn, c.tn, c.postings) == (3, 1, 1, 1, 6)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.75)
    assert c.f1 == pytest.approx(0.75)


def test_nothing_predicted_scores_zero_not_an_error() -> None:
    c = Confusion().add(False, True)
    assert (c.precision, c.recall, c.f1) == (0.0, 0.0, 0.0)


def test_score_splits_and_families() -> None:
    postings = [
        posting("a", "dev", True),
        posting("b", "dev", False, "software_backend"),
        posting("c", "test", True, "data_science"),
        posting("d", "test", False, "software_backend"),
    ]
    predicted = {"a": True, "b": True, "c": False, "d": False}
    scores, families = score(postings, predicted)
    assert (scores["dev"].tp, scores["dev"].fp) == (1, 1)
    assert (scores["test"].fn, scores["test"].tn) == (1, 1)
    assert scores["all"] == Confusion(1, 1, 1, 1)
    assert families["all"]["software_backend"] == Confusion(0, 1, 0, 1)
    assert families["test"]["data_science"] == Confusion(0, 0, 1, 0)
    assert "data_science" not in families["dev"]


def test_read_labelled_joins_texts_and_splits(tmp_path: Path) -> None:
    (tmp_path / "postings.jsonl").write_text(
        json.dumps({"id": "hn:1", "text": "Acme | ML Engineer", "split": "test"}) + "\n"
    )
    (tmp_path / "labels.jsonl").write_text(
        json.dumps({"id": "hn:1", "ai_ml_technician": True, "role_family": "ml_engineering"}) + "\n"
    )
    assert read_labelled(tmp_path) == [
        LabelledPosting("hn:1", "test", "Acme | ML Engineer", True, "ml_engineering")
    ]
    (tmp_path / "labels.jsonl").write_text(
        json.dumps({"id": "hn:2", "ai_ml_technician": True, "role_family": "other"}) + "\n"
    )
    with pytest.raises(InputError, match="hn:2 has no posting"):
        read_labelled(tmp_path)


def test_the_shipped_set_is_labelled_and_split() -> None:
    postings = read_labelled()
    assert len(postings) == 630
    assert {p.split for p in postings} == {"dev", "test"}
    assert sum(p.split == "test" for p in postings) == 210  # the second, fresh draw
