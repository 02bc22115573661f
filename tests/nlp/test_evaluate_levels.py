"""The requirement-level scorer: a tiny labelled set through the real extractor, and the
packaged labelled set's integrity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.evaluate_levels import (
    DATA_DIR,
    LEVELS,
    LevelResult,
    cross_validation_rows,
    evaluate_levels,
    read_mentions,
    score_levels,
)
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy

POSTING_A = (
    "Requirements:\n- 3+ years of Python\nNice to have:\n- Docker and Kubernetes\n"
    "Benefits:\n- Paid AWS certifications"
)
POSTING_B = "Our stack is Go and PostgreSQL.\nNo Rust experience needed."


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_taxonomy())


def _mention(
    posting: str, text: str, skill_id: str, term: str, split: str, *, widen: int = 0
) -> dict[str, object]:
    start = text.index(term)
    return {
        "mention_id": f"{posting}@{start}",
        "posting_id": posting,
        "skill_id": skill_id,
        "start": start,
        "end": start + len(term) + widen,
        "split": split,
        "text": text,
    }


def _write_set(tmp_path: Path, rows: list[tuple[dict[str, object], str]]) -> Path:
    with (tmp_path / "mentions.jsonl").open("w", encoding="utf-8") as handle:
        for mention, _ in rows:
            handle.write(json.dumps(mention) + "\n")
    with (tmp_path / "labels.jsonl").open("w", encoding="utf-8") as handle:
        for mention, level in rows:
            label = {"mention_id": mention["mention_id"], "split": mention["split"]}
            handle.write(json.dumps({**label, "level": level}) + "\n")
    return tmp_path


def test_levels_scored_by_split_with_missed_and_false_matches_apart(
    extractor: Extractor, tmp_path: Path
) -> None:
    rows = [
        # dev: the extractor says required, preferred, preferred, not_required
        (_mention("a", POSTING_A, "python", "Python", "dev"), "required"),
        (_mention("a", POSTING_A, "docker", "Docker", "dev"), "required"),
        # labelled wider than the extractor's span: found by overlap
        (_mention("a", POSTING_A, "kubernetes", "Kubernetes", "dev", widen=1), "preferred"),
        (_mention("a", POSTING_A, "aws", "AWS", "dev"), "not_required"),
        # test: Go and PostgreSQL come out unknown, scored as required
        (_mention("b", POSTING_B, "go", "Go", "test"), "not_required"),
        (_mention("b", POSTING_B, "postgresql", "PostgreSQL", "test"), "required"),
        (_mention("b", POSTING_B, "rust", "Rust", "test"), "false_match"),
        # no java mention where Python is: missed, not a wrong level
        (_mention("a2", POSTING_A, "java", "Python", "test"), "required"),
    ]
    result = evaluate_levels(extractor, _write_set(tmp_path, rows))

    dev, test, both = (result.scores(s) for s in ("dev", "test", "all"))
    assert dev.matrix == ((1, 1, 0), (0, 1, 0), (0, 0, 1))
    assert (dev.scored, dev.correct, dev.missed, dev.false_match) == (4, 3, 0, 0)
    assert dev.accuracy == pytest.approx(0.75)
    assert test.matrix == ((1, 0, 0), (0, 0, 0), (1, 0, 0))
    assert (test.scored, test.correct, test.missed, test.false_match) == (2, 1, 1, 1)
    assert both.matrix == ((2, 1, 0), (0, 1, 0), (1, 0, 1))
    assert both.accuracy == pytest.approx(4 / 6)

    printed = str(result)
    assert "confusion matrix, test" in printed
    assert result.rows()[1] == ("dev", "4", "4", "3", "0.750", "0", "0")
    assert result.matrix_rows("all")[3] == ("not_required", "1", "0", "1")


def test_cross_validation_rows_come_from_the_model_file(tmp_path: Path) -> None:
    meta = {
        "cv_folds": 5,
        "cv_accuracy": 0.9,
        "cv_matrix": [[8, 0, 1], [0, 1, 0], [0, 0, 0]],
        "rules_accuracy": 0.8,
        "rules_matrix": [[7, 0, 2], [0, 1, 0], [0, 0, 0]],
    }
    model = tmp_path / "model.json"
    model.write_text(json.dumps({"meta": meta}), encoding="utf-8")
    rows = cross_validation_rows(model)
    assert rows[1] == ("rules + model, 5-fold CV", "10", "0.900", "8 0 1 / 0 1 0 / 0 0 0")
    assert rows[2][:3] == ("rules alone", "10", "0.800")
    assert len(rows) == 3


def test_cross_validation_rows_show_a_best_setting_not_shipped(tmp_path: Path) -> None:
    rules = [[7, 0, 2], [0, 1, 0], [0, 0, 0]]
    meta = {
        "cv_folds": 5,
        "cv_accuracy": 0.8,
        "cv_matrix": rules,
        "best_cv_accuracy": 0.9,
        "best_cv_matrix": [[8, 0, 1], [0, 1, 0], [0, 0, 0]],
        "rules_accuracy": 0.8,
        "rules_matrix": rules,
    }
    model = tmp_path / "model.json"
    model.write_text(json.dumps({"meta": meta}), encoding="utf-8")
    names = [row[0] for row in cross_validation_rows(model)[1:]]
    assert names == [
        "rules + model, 5-fold CV",
        "best model tried, 5-fold CV (not shipped)",
        "rules alone",
    ]


def test_unknown_level_in_labels_is_an_error(tmp_path: Path) -> None:
    rows = [(_mention("a", POSTING_A, "python", "Python", "dev"), "maybe")]
    with pytest.raises(ValueError, match="a@28: unexpected level 'maybe'"):
        read_mentions(_write_set(tmp_path, rows))


def test_empty_scores_are_zero() -> None:
    scores = score_levels("dev", [LevelResult("x", "dev", "required", None)])
    assert (scores.scored, scores.accuracy, scores.missed) == (0, 0.0, 1)


def test_packaged_set_is_whole_and_offsets_hold() -> None:
    mentions = read_mentions()
    assert len(mentions) >= 300
    assert {m.split for m in mentions} == {"dev", "test", "train", "fresh_test"}
    assert {m.gold for m in mentions} == {*LEVELS, "false_match"}
    assert all(0 <= m.start < m.end <= len(m.text) for m in mentions)
    assert len({m.mention_id for m in mentions}) == len(mentions)
    with (DATA_DIR / "mentions.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    assert all(r["text"][r["start"] : r["end"]] == r["mention"] for r in rows)


def _rows(name: str) -> list[dict[str, object]]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_train_set_counts_and_adjudication_hold() -> None:
    mentions = {str(r["mention_id"]): r for r in _rows("train_mentions.jsonl")}
    final = {str(r["mention_id"]): r for r in _rows("train_labels.jsonl")}
    first = {str(r["mention_id"]): r["level"] for r in _rows("train_labels_a.jsonl")}
    second = {str(r["mention_id"]): r["level"] for r in _rows("train_labels_b.jsonl")}
    assert len(mentions) == len(final) == len(first) == len(second) == 420
    assert set(final) == set(mentions) == set(first) == set(second)
    assert {r["split"] for r in mentions.values()} == {"train"}
    levels = [r["level"] for r in final.values()]
    counts = {level: levels.count(level) for level in (*LEVELS, "false_match")}
    assert counts == {"required": 300, "preferred": 30, "not_required": 83, "false_match": 7}
    disagreements = {k for k in first if first[k] != second[k]}
    assert len(disagreements) == 25
    assert {k for k, r in final.items() if r["adjudicated"]} == disagreements
    for key, row in final.items():
        assert row["reason"]
        if key not in disagreements:
            assert row["level"] == first[key]
    # the train postings are apart from the first set's
    first_set = {str(r["posting_id"]) for r in _rows("mentions.jsonl")}
    assert not first_set & {str(r["posting_id"]) for r in mentions.values()}
