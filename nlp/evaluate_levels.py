"""Measured accuracy of requirement levels against our labelled mentions.

The labelled set (``nlp/evaluation/requirements/``, defined by ``docs/requirement-levels.md``)
holds skill mentions from the bundled postings, each with the whole posting's text and a gold
level: ``required``, ``preferred``, ``not_required`` or ``false_match``. The extractor of
today runs over each posting's text; the labelled mention is looked up among its mentions of
the same skill, at the same offsets or else overlapping them. A mention the extractor no
longer finds is counted as ``missed`` (a span change, not a level error) and left out of
accuracy, as are ``false_match`` mentions (the words matched, the skill is not meant).

The extractor's ``unknown`` (no cue either way) is scored as ``required``: the reading the
report gives it. Accuracy and a confusion matrix (gold rows, predicted columns) are given for
the ``dev`` split (which may be used to tune the cue rules), the ``test`` split (never read
while tuning at first, scored after each change, tuning data since extractor 0.9.0), the
``train`` set (drawn as tuning data for the learned level model), the ``fresh_test`` set
(drawn and labelled after the rules were tuned, scored once per rule change) and all of them.

>>> result = evaluate_levels(Extractor(load_taxonomy()))  # doctest: +SKIP
>>> print(result)  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from nlp.extractor import Extractor
from nlp.records import Requirement
from nlp.requirement_model import MODEL_PATH

Level = Literal["required", "preferred", "not_required"]
GoldLevel = Literal["required", "preferred", "not_required", "false_match"]
LEVELS: tuple[Level, ...] = ("required", "preferred", "not_required")
SPLITS = ("dev", "test", "train", "fresh_test")
#: (mentions, labels) file pairs: the first set, the tuning set of the learned model, and one
#: drawn and labelled after tuning.
SETS = (
    ("mentions.jsonl", "labels.jsonl"),
    ("train_mentions.jsonl", "train_labels.jsonl"),
    ("fresh_mentions.jsonl", "fresh_labels.jsonl"),
)
#: the splits the learned level model is fitted and cross-validated on
TUNING_SPLITS = ("dev", "test", "train")
DATA_DIR = Path(__file__).parent / "evaluation" / "requirements"


@dataclass(frozen=True, slots=True)
class LabelledMention:
    """One labelled mention: where it is in its posting and the level it was given."""

    mention_id: str
    posting_id: str
    skill_id: str
    start: int
    end: int
    split: str
    text: str
    gold: GoldLevel


@dataclass(frozen=True, slots=True)
class LevelResult:
    """The extractor's level for one labelled mention; ``predicted`` None when it was missed."""

    mention_id: str
    split: str
    gold: GoldLevel
    predicted: Level | None


@dataclass(frozen=True, slots=True)
class LevelScores:
    """Accuracy and confusion matrix over the scored mentions of one split.

    ``matrix[g][p]`` counts mentions labelled ``LEVELS[g]`` that the extractor gave
    ``LEVELS[p]``. ``missed`` and ``false_match`` count the mentions left out.
    """

    split: str
    matrix: tuple[tuple[int, ...], ...]
    missed: int
    false_match: int

    @property
    def scored(self) -> int:
        return sum(map(sum, self.matrix))

    @property
    def correct(self) -> int:
        return sum(self.matrix[i][i] for i in range(len(LEVELS)))

    @property
    def accuracy(self) -> float:
        return self.correct / self.scored if self.scored else 0.0


@dataclass(frozen=True, slots=True)
class LevelEvaluation:
    """The result of :func:`evaluate_levels`; ``str()`` gives the tables."""

    taxonomy_version: str
    extractor_version: str
    results: tuple[LevelResult, ...]

    def scores(self, split: str = "all") -> LevelScores:
        """Scores over ``split``: ``dev``, ``test``, ``train``, ``fresh_test`` or ``all``."""
        chosen = [r for r in self.results if split == "all" or r.split == split]
        return score_levels(split, chosen)

    def rows(self) -> list[tuple[str, ...]]:
        """Header and one row per split, as strings ready for a table."""
        rows: list[tuple[str, ...]] = [
            ("split", "mentions", "scored", "correct", "accuracy", "missed", "false_match")
        ]
        for split in (*SPLITS, "all"):
            s = self.scores(split)
            total = s.scored + s.missed + s.false_match
            rows.append(
                (
                    split,
                    str(total),
                    str(s.scored),
                    str(s.correct),
                    f"{s.accuracy:.3f}",
                    str(s.missed),
                    str(s.false_match),
                )
            )
        return rows

    def matrix_rows(self, split: str) -> list[tuple[str, ...]]:
        """Header and one row per gold level: the confusion matrix of ``split``."""
        matrix = self.scores(split).matrix
        rows: list[tuple[str, ...]] = [("gold \\ predicted", *LEVELS)]
        for level, counts in zip(LEVELS, matrix, strict=True):
            rows.append((level, *(str(c) for c in counts)))
        return rows

    def __str__(self) -> str:
        lines = [
            f"Requirement levels; taxonomy {self.taxonomy_version}, extractor "
            f"{self.extractor_version}; unknown scored as required"
        ]
        lines += _format(self.rows())
        for split in (*SPLITS, "all"):
            lines += ["", f"confusion matrix, {split}", *_format(self.matrix_rows(split))]
        lines += ["", "cross-validated on dev+test+train", *_format(cross_validation_rows())]
        return "\n".join(lines)


def cross_validation_rows(model_path: Path = MODEL_PATH) -> list[tuple[str, ...]]:
    """Header and rows: accuracy on the tuning splits together (dev, test and train), the
    levels of the rules with the shipped learned model held out by five-fold cross-validation
    over postings, the best setting the trainer tried when it is not the one shipped (its gain
    too small to trust), and the rules alone, as ``scripts/train_requirement_levels.py``
    measured them when it wrote the model. Each row's matrix is given as gold rows
    ``required / preferred / not_required``, each with its predicted counts in the same
    order."""
    meta = json.loads(model_path.read_text(encoding="utf-8"))["meta"]
    folds = meta["cv_folds"]
    chosen = [(f"rules + model, {folds}-fold CV", meta["cv_accuracy"], meta["cv_matrix"])]
    if "best_cv_matrix" in meta and meta["best_cv_matrix"] != meta["cv_matrix"]:
        chosen.append(
            (
                f"best model tried, {folds}-fold CV (not shipped)",
                meta["best_cv_accuracy"],
                meta["best_cv_matrix"],
            )
        )
    chosen.append(("rules alone", meta["rules_accuracy"], meta["rules_matrix"]))
    rows: list[tuple[str, ...]] = [("dev+test+train", "mentions", "accuracy", "matrix")]
    for name, accuracy, matrix in chosen:
        cells = " / ".join(" ".join(str(c) for c in row) for row in matrix)
        rows.append((name, str(sum(map(sum, matrix))), f"{accuracy:.3f}", cells))
    return rows


def _format(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]


def read_mentions(data_dir: Path = DATA_DIR) -> list[LabelledMention]:
    """The labelled mentions of every set present in ``data_dir``, each with its final label."""
    mentions: list[LabelledMention] = []
    for mentions_file, labels_file in SETS:
        if (data_dir / mentions_file).exists():
            mentions += _read_set(data_dir / mentions_file, data_dir / labels_file)
    return mentions


def _read_set(mentions_path: Path, labels_path: Path) -> list[LabelledMention]:
    labels: dict[str, str] = {}
    with labels_path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                labels[row["mention_id"]] = row["level"]
    mentions = []
    with mentions_path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            gold = labels[row["mention_id"]]
            if gold not in (*LEVELS, "false_match"):
                raise ValueError(f"{row['mention_id']}: unexpected level {gold!r}")
            mentions.append(
                LabelledMention(
                    mention_id=row["mention_id"],
                    posting_id=row["posting_id"],
                    skill_id=row["skill_id"],
                    start=row["start"],
                    end=row["end"],
                    split=row["split"],
                    text=row["text"],
                    gold=cast(GoldLevel, gold),
                )
            )
    return mentions


def as_scored(level: Requirement) -> Level:
    """The level a prediction is scored as: ``unknown`` reads as ``required``."""
    return "required" if level == "unknown" else level


def predict_levels(extractor: Extractor, mentions: Sequence[LabelledMention]) -> list[LevelResult]:
    """The extractor's level for each labelled mention, found by skill and offsets.

    The extractor's mention of the same skill at the same offsets is preferred; failing
    that, the first one overlapping the labelled span; failing that, the mention is missed.
    """
    texts = {m.posting_id: m.text for m in mentions}
    found = dict(extractor.tag(texts.items()))
    results = []
    for m in mentions:
        candidates = [f for f in found[m.posting_id] if f.skill_id == m.skill_id]
        exact = [f for f in candidates if (f.start, f.end) == (m.start, m.end)]
        overlapping = [f for f in candidates if f.start < m.end and m.start < f.end]
        matches = exact or overlapping
        predicted = as_scored(matches[0].requirement) if matches else None
        results.append(LevelResult(m.mention_id, m.split, m.gold, predicted))
    return results


def score_levels(split: str, results: Iterable[LevelResult]) -> LevelScores:
    """Accuracy and confusion matrix of ``results``; missed and false matches counted apart."""
    matrix = [[0] * len(LEVELS) for _ in LEVELS]
    missed = false_match = 0
    for r in results:
        if r.gold == "false_match":
            false_match += 1
        elif r.predicted is None:
            missed += 1
        else:
            matrix[LEVELS.index(r.gold)][LEVELS.index(r.predicted)] += 1
    return LevelScores(split, tuple(map(tuple, matrix)), missed, false_match)


def evaluate_levels(extractor: Extractor, data_dir: Path = DATA_DIR) -> LevelEvaluation:
    """Score the extractor's requirement levels on the labelled mentions in ``data_dir``."""
    results = predict_levels(extractor, read_mentions(data_dir))
    return LevelEvaluation(*extractor.versions, tuple(results))
