"""Scoring the technician decision: counts, figures, the labelled set and its splits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.errors import InputError
from nlp.technician_eval import (
    Confusion,
    LabelledPosting,
    cross_validate_roles,
    read_labelled,
    score,
)


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
    tuning = [p for p in postings if p.split == "dev"]
    test = [p for p in postings if p.split == "test"]
    assert {p.split for p in postings} <= {"dev", "test"}
    assert len(tuning) == 3780  # draws 1 to 9, all tuning data
    assert {p.draw for p in tuning} == {1, 2, 3, 4, 5, 6, 7, 8, 9}
    # every draw but the first: the rules were never tuned on them
    assert sum(p.fresh for p in tuning) == 3360
    # the test part is the tenth draw, set aside; empty until its labels land
    assert all(p.draw == 10 for p in test)


def _write_set(directory: Path, rows: list[tuple[str, str, int, bool]]) -> None:
    """A labelled set: (id, split, draw, label) per posting, texts clear either way."""
    texts = {
        True: "Acme | Machine Learning Engineer | Berlin\nYou'll train, evaluate and deploy "
        "machine learning models and monitor them for drift.",
        False: "Acme | Frontend Engineer | Berlin\nYou'll build React components for our "
        "checkout pages.",
    }
    with (directory / "postings.jsonl").open("w") as out:
        for pid, split, draw, label in rows:
            row = {"id": pid, "year": str(2013 + int(pid[3:]) % 3), "draw": draw, "split": split}
            out.write(json.dumps({**row, "text": texts[label]}) + "\n")
    with (directory / "labels.jsonl").open("w") as out:
        for pid, _, _, label in rows:
            family = "ml_engineering" if label else "software_frontend"
            out.write(
                json.dumps({"id": pid, "ai_ml_technician": label, "role_family": family}) + "\n"
            )


def test_cross_validation_scores_dev_only_and_splits_out_fresh_draws(tmp_path: Path) -> None:
    rows = [(f"hn:{n}", "dev", 1 + n % 2, n % 3 == 0) for n in range(30)]
    rows += [(f"hn:{n}", "test", 3, True) for n in range(30, 40)]
    _write_set(tmp_path, rows)
    cv = cross_validate_roles(read_labelled(tmp_path), k=5)
    assert cv is not None
    assert cv.model["dev"].postings == 30  # the test postings are never scored nor fitted on
    assert cv.model["fresh"].postings == 15
    assert cv.model["dev"] == Confusion(10, 0, 0, 20)  # clear texts, decided right held out
    assert cv.rules["dev"] == Confusion(10, 0, 0, 20)
    assert cv.by_family["software_frontend"] == Confusion(0, 0, 0, 20)


def test_a_set_without_test_postings_scores_an_empty_test_split(tmp_path: Path) -> None:
    _write_set(tmp_path, [(f"hn:{n}", "dev", 1, n % 2 == 0) for n in range(10)])
    scores, families = score(read_labelled(tmp_path), {f"hn:{n}": True for n in range(10)})
    assert scores["test"] == Confusion()
    assert (scores["test"].precision, scores["test"].recall) == (0.0, 0.0)
    assert families["test"] == {}
    assert cross_validate_roles([], k=5) is None
