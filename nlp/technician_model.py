"""The learned part of the technician decision: a logistic model over the rules' features.

The weights (``nlp/models/technician.json``) are fitted by ``scripts/train_technician.py`` on
the labelled postings' tuning part (split ``dev``); its strength of regularisation and its
threshold are chosen by cross-validation (:func:`cross_validate`), which ``skillgap eval
--roles`` runs again to print the honest figure beside the resubstitution one.

Folds are fixed by a hash of the posting ids, dealt out year by year so each fold holds every
year in proportion (:func:`folds`). Fitting is Newton's method on the L2-penalised log
likelihood: exact, deterministic, milliseconds for a few hundred postings.

>>> model = TechnicianModel({"rules_qualify": 4.0}, -2.0, 0.5)
>>> model.probability({"rules_qualify": 1.0}) > 0.5
True
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract.errors import InputError

MODEL_PATH = Path(__file__).parent / "models" / "technician.json"
FOLDS = 10
# The rules' verdict is kept at its full weight, as the bias is: the model learns corrections
# to the rules, shrunk toward none, rather than shrinking the rules toward a coin toss.
UNPENALISED = frozenset({"rules_qualify"})


@dataclass(frozen=True, slots=True)
class TechnicianModel:
    """Weights per feature name, a bias and the probability at which a posting counts; and
    how it was fitted (L2 strength, the weight of postings the rules were never tuned on), so
    that cross-validation can fit each fold the same way."""

    weights: dict[str, float]
    bias: float
    threshold: float
    strength: float = 1.0
    fresh_weight: float = 1.0

    def score(self, values: dict[str, float]) -> float:
        return self.bias + sum(w * values.get(name, 0.0) for name, w in self.weights.items())

    def probability(self, values: dict[str, float]) -> float:
        z = self.score(values)
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def decides(self, values: dict[str, float]) -> bool:
        return self.probability(values) >= self.threshold

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(self.weights)

    def to_json(self, meta: dict[str, Any]) -> str:
        return json.dumps(
            {
                "weights": self.weights,
                "bias": self.bias,
                "threshold": self.threshold,
                "l2_strength": self.strength,
                "fresh_weight": self.fresh_weight,
                **meta,
            },
            indent=2,
        )


def read_model(path: Path = MODEL_PATH) -> TechnicianModel:
    """The model a training run wrote; :class:`InputError` names the file when it is unusable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return TechnicianModel(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["bias"]),
            float(data["threshold"]),
            float(data.get("l2_strength", 1.0)),
            float(data.get("fresh_weight", 1.0)),
        )
    except (OSError, ValueError, KeyError, AttributeError, TypeError) as exc:
        raise InputError(f"{path}: not a technician model: {exc}") from exc


@lru_cache(maxsize=1)
def shipped_model() -> TechnicianModel:
    """The model shipped in ``nlp/models/``, read once."""
    return read_model()


def fit(
    rows: Sequence[dict[str, float]],
    labels: Sequence[bool],
    names: Sequence[str],
    strength: float,
    threshold: float = 0.5,
    weights: Sequence[float] | None = None,
) -> TechnicianModel:
    """Fit an L2-penalised logistic regression (penalty ``1 / strength``; bias unpenalised),
    each posting counted ``weights[i]`` times (once when not given)."""
    import numpy as np

    x = np.array([[row[name] for name in names] + [1.0] for row in rows], dtype=np.float64)
    y = np.array(labels, dtype=np.float64)
    c = np.ones(len(rows)) if weights is None else np.array(weights, dtype=np.float64)
    penalty = np.array([0.0 if n in UNPENALISED else 1.0 / strength for n in names] + [0.0])
    w = np.zeros(len(names) + 1)
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (c * (p - y)) + penalty * w
        hessian = (x.T * (c * p * (1 - p))) @ x + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    fitted = {name: round(float(v), 6) for name, v in zip(names, w[:-1], strict=True)}
    return TechnicianModel(fitted, round(float(w[-1]), 6), threshold, strength)


def folds(ids: Sequence[str], years: Sequence[str], k: int = FOLDS) -> list[int]:
    """Each posting's fold: within each year, postings ordered by a hash of their id are dealt
    out in turn, so folds depend on the set of ids only (not on their order, nor on any
    seed) and each holds every year in proportion."""
    order = sorted(range(len(ids)), key=lambda i: (years[i], _digest(ids[i])))
    fold = [0] * len(ids)
    dealt: dict[str, int] = {}
    for i in order:
        fold[i] = dealt.get(years[i], 0) % k
        dealt[years[i]] = dealt.get(years[i], 0) + 1
    return fold


def cross_validate(
    rows: Sequence[dict[str, float]],
    labels: Sequence[bool],
    fold_of: Sequence[int],
    names: Sequence[str],
    strength: float,
    weights: Sequence[float] | None = None,
) -> list[float]:
    """Each posting's probability under a model fitted on the other folds."""
    probabilities = [0.0] * len(rows)
    counted = [1.0] * len(rows) if weights is None else weights
    for fold in sorted(set(fold_of)):
        train = [i for i, f in enumerate(fold_of) if f != fold]
        model = fit(
            [rows[i] for i in train],
            [labels[i] for i in train],
            names,
            strength,
            weights=[counted[i] for i in train],
        )
        for i, f in enumerate(fold_of):
            if f == fold:
                probabilities[i] = model.probability(rows[i])
    return probabilities


def _digest(posting_id: str) -> str:
    return hashlib.sha256(posting_id.encode("utf-8")).hexdigest()
