"""The words of a posting, weighed: a text model under the AI/ML technician decision.

The rules (:mod:`nlp.technician_rules`) read a posting through cue lists: a title names AI/ML
work, a sentence about the role names a duty. What they miss is said in a posting's own
words: an ML role named once by a phrase of its own, or a backend role at a company whose
product uses ML, described in the vocabulary of that product. This model weighs every word
and pair of adjacent words of the posting by what they told on the labelled postings, and
its log-odds enter the decision's logistic model as one feature (``text``) beside the rules'.

Tokens are lowercased words (``c++``, ``c#`` kept whole) and adjacent pairs within a sentence,
each counted once per posting. Two kinds: ``t:`` from the titles of the roles the rules found,
``a:`` from the whole text. A posting's tokens are scaled by ``1 / sqrt(n)`` (``n`` its number
of tokens, at least :data:`SCALE_FLOOR`) so that a long posting does not outweigh a short one
by length alone, and a few words do not speak as loud as a whole posting. A posting of fewer
tokens than that says less than a posting's worth: its log-odds are drawn toward the prior
(the share of technician postings among those the model was fitted on) in proportion to the
tokens it lacks, so that a three-line posting is left to the rules' reading rather than
judged by a handful of words.

Fitted by ``scripts/train_technician.py``: an L2-penalised logistic regression by accelerated
gradient descent (deterministic, a few seconds on numpy), over the tokens at least
:data:`MIN_POSTINGS` tuning postings hold. In cross-validation each posting's log-odds come
from a text model fitted without its fold (:func:`out_of_fold`), so the decision's model
never learns how far to trust a text model from postings that text model was fitted on.

>>> model = TextModel({"t:machine_learning": 4.0}, -1.0, prior=-1.0)
>>> words = frozenset(f"a:w{i}" for i in range(SCALE_FLOOR))
>>> model.logit(words | {"t:machine_learning"}) > model.logit(words)
True
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract.errors import InputError

TEXT_MODEL_PATH = Path(__file__).parent / "models" / "technician_text.json"
# a token fewer tuning postings hold says more about those postings than about the work
MIN_POSTINGS = 3
ITERATIONS = 300
# a tenth of the labelled postings hold fewer tokens than this (median 264): below it a
# posting's few words would each weigh more than a whole posting's, and a three-line
# "frontend engineer at an AI company" counted on its vocabulary alone
SCALE_FLOOR = 150
# weights smaller than this are left out of the shipped file: each would move a posting's
# log-odds by less than 0.0001 (scaled by 1 / sqrt(SCALE_FLOOR) at most)
SHIPPED_MIN_WEIGHT = 1e-3

# A word, or a mark that ends a sentence: no word holds one, so one pass over the text finds
# the words each sentence holds and where sentences end, in a fifth less time than splitting
# the text into sentences and searching each
_WORD_OR_END = re.compile(r"[a-z][a-z0-9+#]*|[.!?;:|\n]")
_SENTENCE_ENDS = frozenset(".!?;:|\n")


def grams(text: str, kind: str) -> set[str]:
    """The words and adjacent word pairs of ``text``, each prefixed with ``kind``."""
    return {kind + t for t in _grams(text)}


def _grams(text: str) -> set[str]:
    """The words and adjacent word pairs of ``text``, unprefixed."""
    out: set[str] = set()
    previous = ""  # the word before, in the same sentence
    for token in _WORD_OR_END.findall(text.lower()):
        if token in _SENTENCE_ENDS:
            previous = ""
            continue
        out.add(token)
        if previous:
            out.add(previous + "_" + token)
        previous = token
    return out


def posting_tokens(titles: Iterable[str], text: str) -> frozenset[str]:
    """The tokens of a posting: its role titles' (``t:``) and its whole text's (``a:``)."""
    out = grams(text, "a:")
    for title in titles:
        out |= grams(title, "t:")
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class TextModel:
    """A weight per token, a bias, how it was fitted (L2 strength), the range of log-odds the
    decision's model was fitted over (``low`` to ``high``) and the prior log-odds a short
    posting is drawn toward."""

    weights: dict[str, float]
    bias: float
    l2: float = 0.0
    low: float = -math.inf
    high: float = math.inf
    prior: float = 0.0

    # the weights of each kind of token by the token unprefixed (see :meth:`posting_logit`)
    _of_text: dict[str, float] = field(init=False, repr=False, compare=False)
    _of_titles: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        of_text, of_titles = {}, {}
        for token, weight in self.weights.items():
            if token.startswith("a:"):
                of_text[token[2:]] = weight
            elif token.startswith("t:"):
                of_titles[token[2:]] = weight
        object.__setattr__(self, "_of_text", of_text)
        object.__setattr__(self, "_of_titles", of_titles)

    def logit(self, tokens: frozenset[str]) -> float:
        """The log-odds that the posting counts, by its words alone, within ``low`` and
        ``high``: beyond the range it was fitted over, the decision's weight on it says
        nothing."""
        total = sum(filter(None, map(self.weights.get, tokens)))  # unknown tokens weigh 0
        return self._bounded(total, len(tokens))

    def posting_logit(self, titles: Iterable[str], text: str) -> float:
        """``logit(posting_tokens(titles, text))``, up to the order the weights are added in
        (which a frozenset's order already leaves to the process), without building the
        prefixed tokens: the two kinds never share a token, so their counts add up."""
        of_text = _grams(text)
        of_titles: set[str] = set()
        for title in titles:
            of_titles |= _grams(title)
        total: float = sum(filter(None, map(self._of_text.get, of_text)))
        total += sum(filter(None, map(self._of_titles.get, of_titles)))
        return self._bounded(total, len(of_text) + len(of_titles))

    def _bounded(self, total: float, tokens: int) -> float:
        said = self.bias + total * _scale(tokens)
        if tokens < SCALE_FLOOR:
            said = self.prior + (said - self.prior) * tokens / SCALE_FLOOR
        return min(max(said, self.low), self.high)

    def to_json(self, meta: dict[str, Any]) -> str:
        kept = {
            t: round(w, 4) for t, w in sorted(self.weights.items()) if abs(w) >= SHIPPED_MIN_WEIGHT
        }
        bounds = {"low": round(self.low, 6), "high": round(self.high, 6), "prior": self.prior}
        body = {"bias": self.bias, "l2": self.l2, **bounds, **meta, "weights": kept}
        return json.dumps(body, indent=0, ensure_ascii=False)


def read_text_model(path: Path = TEXT_MODEL_PATH) -> TextModel:
    """The text model a training run wrote; :class:`InputError` names the file when unusable."""
    try:
        return parse_text_model(path.read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise InputError(f"{path}: not a technician text model: {exc}") from exc


def parse_text_model(written: str, source: str) -> TextModel:
    """A text model from what :meth:`TextModel.to_json` wrote (``source`` names it in errors)."""
    try:
        data = json.loads(written)
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        bounds = float(data.get("low", -math.inf)), float(data.get("high", math.inf))
        prior = float(data.get("prior", 0.0))
        return TextModel(weights, float(data["bias"]), float(data.get("l2", 0.0)), *bounds, prior)
    except (ValueError, KeyError, AttributeError, TypeError) as exc:
        raise InputError(f"{source}: not a technician text model: {exc}") from exc


@lru_cache(maxsize=1)
def shipped_text_model() -> TextModel:
    """The text model shipped in ``nlp/models/``, read once."""
    return read_text_model()


def fit_text(
    token_sets: Sequence[frozenset[str]],
    labels: Sequence[bool],
    l2: float,
    min_postings: int = MIN_POSTINGS,
    iterations: int = ITERATIONS,
) -> TextModel:
    """Fit the text model: L2-penalised logistic regression (mean log loss plus ``l2 / 2``
    times the squared weights; bias unpenalised) by Nesterov's accelerated gradient."""
    import numpy as np

    held = Counter(itertools.chain.from_iterable(token_sets))
    vocab = {t: j for j, t in enumerate(sorted(t for t, n in held.items() if n >= min_postings))}
    rows: list[int] = []
    cols: list[int] = []
    scale: list[float] = []
    for i, tokens in enumerate(token_sets):
        known = sorted(map(vocab.__getitem__, vocab.keys() & tokens))
        rows += [i] * len(known)
        cols += known
        scale += [_scale(len(tokens))] * len(known)
    r, c, v = np.array(rows, np.int64), np.array(cols, np.int64), np.array(scale)
    n, size = len(token_sets), len(vocab)
    y = np.array(labels, dtype=np.float64)
    # each row has norm at most 1, so the loss's gradient is (1/4 + l2)-Lipschitz
    step = 1.0 / (0.25 + l2)
    w = np.zeros(size)
    b = 0.0
    w_before, b_before = w, b
    for k in range(iterations):
        momentum = k / (k + 3)
        vw = w + momentum * (w - w_before)
        vb = b + momentum * (b - b_before)
        z = np.bincount(r, weights=v * vw[c], minlength=n) + vb
        p = 1.0 / (1.0 + np.exp(-z))
        g = np.bincount(c, weights=v * (p - y)[r], minlength=size) / n + l2 * vw
        w_before, b_before = w, b
        w = vw - step * g
        b = vb - step * float((p - y).mean())
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {t: round(float(x), 6) for t, x in zip(names, w, strict=True)}
    share = min(max(float(y.mean()), 1e-3), 1 - 1e-3) if n else 0.5
    return TextModel(weights, round(b, 6), l2, prior=round(math.log(share / (1 - share)), 6))


def out_of_fold(
    token_sets: Sequence[frozenset[str]],
    labels: Sequence[bool],
    fold_of: Sequence[int],
    l2: float,
) -> list[float]:
    """Each posting's log-odds under a text model fitted on the other folds."""
    logits = [0.0] * len(token_sets)
    for fold in sorted(set(fold_of)):
        train = [i for i, f in enumerate(fold_of) if f != fold]
        model = fit_text([token_sets[i] for i in train], [labels[i] for i in train], l2)
        for i, f in enumerate(fold_of):
            if f == fold:
                logits[i] = model.logit(token_sets[i])
    return logits


def _scale(tokens: int) -> float:
    return 1.0 / math.sqrt(max(tokens, SCALE_FLOOR))
