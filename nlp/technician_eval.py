"""Measured accuracy of the AI/ML technician decision against our labelled postings.

``nlp/evaluation/roles/`` holds Hacker News postings (``postings.jsonl``) and their final
labels (``labels.jsonl``), written against ``docs/ai-ml-technician.md``; each posting is in
the ``dev`` split (tuning data: the rules were tuned on the first draw, the model is fitted on
all of it) or the ``test`` split (a later draw, never read while tuning; it may be empty).
The postings run through the same code path as ``skillgap tag`` (:func:`nlp.tagfile.tag_jsonl`)
and each line's ``posting.ai_ml_technician`` is scored against the label: precision, recall
and F1 per split, and the confusion counts per labelled role family. On dev that is a
resubstitution figure (the model was fitted on those postings), so :func:`cross_validate_roles`
adds the honest one: each dev posting decided by a model fitted, the shipped way, on the
other folds; reported for all dev postings and for those of the draws the rules were never
tuned on (``draw`` 2 and later), beside the rules alone on the same postings.

Only dev postings are ever listed one by one (``errors``): listing test items would invite
tuning on them.

>>> result = evaluate_roles(Extractor(load_taxonomy()))  # doctest: +SKIP
>>> result.scores["test"].precision  # doctest: +SKIP
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.errors import InputError
from nlp.extractor import Extractor
from nlp.tagfile import tag_jsonl
from nlp.technician_features import held_out_rows
from nlp.technician_model import FOLDS, TechnicianModel, cross_validate, folds, shipped_model
from nlp.technician_text import shipped_text_model

DATA_DIR = Path(__file__).parent / "evaluation" / "roles"
RESULTS_FILE = DATA_DIR / "results.json"
EXAMPLES_FILE = "borderline.jsonl"
SPLITS = ("dev", "test", "all")
# the parts of the tuning data cross-validation reports: all of it, and the postings of the
# draws the rules were never tuned on (the rules' own figure there is honest too)
CV_PARTS = ("dev", "fresh")
RULES_TUNED_DRAW = 1


@dataclass(frozen=True, slots=True)
class LabelledPosting:
    """One labelled posting: its text and the decision the labellers settled on."""

    posting_id: str
    split: str
    text: str
    ai_ml_technician: bool
    role_family: str
    year: str = ""
    draw: int = RULES_TUNED_DRAW

    @property
    def fresh(self) -> bool:
        """From a draw the rules were never tuned on."""
        return self.draw != RULES_TUNED_DRAW


@dataclass(frozen=True, slots=True)
class Example:
    """One of the definition's borderline examples written out as a posting."""

    name: str
    title: str | None
    text: str
    ai_ml_technician: bool
    role_family: str


@dataclass(frozen=True, slots=True)
class Confusion:
    """True and false positives and negatives, and the figures computed from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def postings(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: bool, gold: bool) -> Confusion:
        return Confusion(
            self.tp + (predicted and gold),
            self.fp + (predicted and not gold),
            self.fn + (not predicted and gold),
            self.tn + (not predicted and not gold),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class RoleError:
    """A dev posting the decision got wrong, for finding causes."""

    posting_id: str
    kind: str  # "false_positive" or "false_negative"
    role_family: str
    first_line: str


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """Held-out figures of the decision on the tuning data, and of the rules alone."""

    folds: int
    model: dict[str, Confusion]  # per part of :data:`CV_PARTS`
    rules: dict[str, Confusion]
    by_family: dict[str, Confusion]  # the model's, on all dev postings

    def to_json(self) -> dict[str, Any]:
        return {
            "folds": self.folds,
            "model": {part: c.to_json() for part, c in self.model.items()},
            "rules_alone": {part: c.to_json() for part, c in self.rules.items()},
            "by_family": {f: c.to_json() for f, c in sorted(self.by_family.items())},
        }


@dataclass(frozen=True, slots=True)
class RoleEvaluation:
    """Scores per split (``dev``, ``test``, ``all``) and per labelled role family."""

    scores: dict[str, Confusion]
    by_family: dict[str, dict[str, Confusion]]
    taxonomy_version: str
    extractor_version: str
    errors: list[RoleError] = field(default_factory=list)
    cross_validated: CrossValidation | None = None

    def to_json(self) -> dict[str, Any]:
        """The results file's content: what ``skillgap report`` quotes in its method notes."""
        return {
            "measured": "AI/ML technician decision (docs/ai-ml-technician.md) against "
            "nlp/evaluation/roles/labels.jsonl",
            "taxonomy_version": self.taxonomy_version,
            "extractor_version": self.extractor_version,
            "scores": {split: c.to_json() for split, c in self.scores.items()},
            "by_family": {
                split: {family: c.to_json() for family, c in sorted(families.items())}
                for split, families in self.by_family.items()
            },
            "cross_validated": (
                self.cross_validated.to_json() if self.cross_validated is not None else None
            ),
        }


def read_labelled(data_dir: Path = DATA_DIR) -> list[LabelledPosting]:
    """The labelled postings: texts from ``postings.jsonl`` joined to ``labels.jsonl``."""
    texts = {row["id"]: row for row in _jsonl(data_dir / "postings.jsonl")}
    out = []
    for label in _jsonl(data_dir / "labels.jsonl"):
        posting = texts.get(label["id"])
        if posting is None:
            raise InputError(f"{data_dir / 'labels.jsonl'}: {label['id']} has no posting")
        out.append(
            LabelledPosting(
                posting_id=label["id"],
                split=posting["split"],
                text=posting["text"],
                ai_ml_technician=bool(label["ai_ml_technician"]),
                role_family=label["role_family"],
                year=str(posting.get("year", "")),
                draw=int(posting.get("draw", RULES_TUNED_DRAW)),
            )
        )
    return out


def read_examples(path: Path = DATA_DIR / EXAMPLES_FILE) -> list[Example]:
    """The borderline examples of ``docs/ai-ml-technician.md`` (``borderline.jsonl``): what
    the definition itself decides, which every shipped model must decide the same way."""
    return [
        Example(
            row["id"],
            row.get("title"),
            row["text"],
            bool(row["ai_ml_technician"]),
            row["role_family"],
        )
        for row in _jsonl(path)
    ]


def predict(extractor: Extractor, postings: Iterable[LabelledPosting]) -> dict[str, bool]:
    """Each posting's ``ai_ml_technician`` as ``skillgap tag`` decides it."""
    with tempfile.TemporaryDirectory(prefix="skillgap-roles-") as tmp:
        source, target = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for posting in postings:
                out.write(json.dumps({"id": posting.posting_id, "text": posting.text}) + "\n")
        tag_jsonl(extractor, source, target)
        return {line["id"]: bool(line["posting"]["ai_ml_technician"]) for line in _jsonl(target)}


def score(
    postings: Iterable[LabelledPosting], predicted: dict[str, bool]
) -> tuple[dict[str, Confusion], dict[str, dict[str, Confusion]]]:
    """Confusion counts per split and per (split, labelled role family)."""
    scores = {split: Confusion() for split in SPLITS}
    by_family: dict[str, dict[str, Confusion]] = {split: {} for split in SPLITS}
    for posting in postings:
        guess = predicted[posting.posting_id]
        for split in (posting.split, "all"):
            scores[split] = scores[split].add(guess, posting.ai_ml_technician)
            families = by_family[split]
            families[posting.role_family] = families.get(posting.role_family, Confusion()).add(
                guess, posting.ai_ml_technician
            )
    return scores, by_family


def evaluate_roles(
    extractor: Extractor, data_dir: Path = DATA_DIR, errors: int = 0
) -> RoleEvaluation:
    """Score the decision on every labelled posting; list up to ``errors`` dev mistakes."""
    postings = read_labelled(data_dir)
    predicted = predict(extractor, postings)
    scores, by_family = score(postings, predicted)
    taxonomy_version, extractor_version = extractor.versions
    wrong = [
        RoleError(
            p.posting_id,
            "false_positive" if predicted[p.posting_id] else "false_negative",
            p.role_family,
            p.text.split("\n", 1)[0][:120],
        )
        for p in postings
        if p.split == "dev" and predicted[p.posting_id] != p.ai_ml_technician
    ]
    return RoleEvaluation(
        scores,
        by_family,
        taxonomy_version,
        extractor_version,
        wrong[:errors],
        cross_validate_roles(postings),
    )


def cross_validate_roles(
    postings: Iterable[LabelledPosting], model: TechnicianModel | None = None, k: int = FOLDS
) -> CrossValidation | None:
    """Each dev posting decided by a model fitted the way ``model`` was (its features, L2
    strength, weight of fresh postings and threshold) on the other ``k - 1`` folds, its
    ``text`` feature by a text model fitted the shipped way on those folds too.

    Test postings are neither fitted on nor scored. ``None`` when there are no dev postings.
    """
    model = model or shipped_model()
    tuning = [p for p in postings if p.split == "dev"]
    if not tuning:
        return None
    labels = [p.ai_ml_technician for p in tuning]
    fold_of = folds([p.posting_id for p in tuning], [p.year for p in tuning], k)
    text_l2 = shipped_text_model().l2
    rows = held_out_rows([p.text for p in tuning], labels, fold_of, text_l2)
    weights = [model.fresh_weight if p.fresh else 1.0 for p in tuning]
    held_out = cross_validate(rows, labels, fold_of, model.features, model.strength, weights)
    by_model = {part: Confusion() for part in CV_PARTS}
    by_rules = {part: Confusion() for part in CV_PARTS}
    by_family: dict[str, Confusion] = {}
    for posting, row, probability in zip(tuning, rows, held_out, strict=True):
        guess, gold = probability >= model.threshold, posting.ai_ml_technician
        rules = row["rules_qualify"] > 0
        for part in ("dev", "fresh") if posting.fresh else ("dev",):
            by_model[part] = by_model[part].add(guess, gold)
            by_rules[part] = by_rules[part].add(rules, gold)
        family = by_family.get(posting.role_family, Confusion())
        by_family[posting.role_family] = family.add(guess, gold)
    return CrossValidation(k, by_model, by_rules, by_family)


def write_results(result: RoleEvaluation, path: Path = RESULTS_FILE) -> None:
    """Write the results file the report's method notes quote."""
    path.write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")


def read_results(path: Path = RESULTS_FILE) -> dict[str, Any] | None:
    """The shipped results of the last ``skillgap eval --roles --write``, if any."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return data


def _jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    return [json.loads(line) for line in lines if line.strip()]
