"""A learned last step for how far a mention reaches: words the annotators take in with it.

The word lists of :mod:`nlp.boundary` widen a mention over one listed word. Annotators often
mark a longer phrase around the skill name: "cloud deployment tools", "application
architecture design", "automated acceptance tests". After those rules, each mention is
grown one word at a time, to the right and then to the left, while a small logistic model
scores the next word as part of the phrase; it looks at the word, its shape, the word of the
mention it touches and how far it has grown. A phrase never crosses a line, another
mention or punctuation other than "/", "-", "&" and "+", and never ends on a linking word
("and", "of", "in").

The weights (``nlp/models/extent.json``) are fitted by ``scripts/train_extent.py`` on
SkillSpan's train split, with the number of steps and the threshold chosen by
cross-validation over postings; nothing is downloaded.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from nlp.context import Tokens, tokens

EXTENT_PATH = Path(__file__).parent / "models" / "extent.json"
# feature kinds, in the order of ExtentModel.tables
_KINDS = ("w", "shape", "anchor", "pair", "step", "len", "link", "word")
_SMALL = ("0", "1", "2", "3")
_DIGIT = re.compile(r"\d")
_INNER_PUNCT = frozenset({"/", "-", "&", "+"})
# a phrase neither starts nor ends on these: "DevOps and" is not a skill
_LINKS = frozenset(
    {"and", "or", "&", "/", "-", "+", "of", "in", "with", "for", "on", "to", "the", "a", "an"}
)


@dataclass(frozen=True, slots=True)
class ExtentModel:
    """Logistic weights by feature name, a bias, a threshold and at most ``steps`` words a side."""

    weights: dict[str, float]
    bias: float
    threshold: float
    steps: int = 3
    # per side, the weights of each feature kind (in _KINDS order) and the threshold as a
    # logit, so that scoring a word builds no feature names and takes no exponential
    tables: dict[str, tuple[dict[str, float], ...]] = field(init=False, repr=False, compare=False)
    cut: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tables: dict[str, tuple[dict[str, float], ...]] = {
            side: tuple({} for _ in _KINDS) for side in ("right", "left")
        }
        for name, weight in self.weights.items():
            side, rest = name.split(":", 1)
            kind, _, value = rest.partition("=")
            tables[side][_KINDS.index(kind)][value] = weight
        object.__setattr__(self, "tables", tables)
        t = min(max(self.threshold, 1e-9), 1 - 1e-9)
        object.__setattr__(self, "cut", math.log(t / (1 - t)))

    @classmethod
    def load(cls, path: Path = EXTENT_PATH) -> ExtentModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            dict(data["weights"]), float(data["bias"]), float(data["threshold"]), int(data["steps"])
        )

    def to_json(self, meta: dict[str, Any]) -> str:
        body = {
            "meta": meta,
            "bias": self.bias,
            "threshold": self.threshold,
            "steps": self.steps,
            "weights": dict(sorted(self.weights.items())),
        }
        return json.dumps(body, ensure_ascii=False, indent=0)

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def step_logit(self, doc: Doc, start: int, end: int, side: str, steps: int) -> float:
        """The log-odds of ``step_features(doc, start, end, side, steps)``, computed faster."""
        return self._logit(doc, tokens(doc), start, end, side, steps)

    def _logit(self, doc: Doc, tok: Tokens, start: int, end: int, side: str, steps: int) -> float:
        lower = tok.lower
        if side == "right":
            word, anchor = end, end - 1
            w, a = lower[word], lower[anchor]
            pair = f"{a}|{w}"
        else:
            word, anchor = start - 1, start
            w, a = lower[word], lower[anchor]
            pair = f"{w}|{a}"
        tw, tshape, tanchor, tpair, tstep, tlen, tlink, tword = self.tables[side]
        return (
            self.bias
            + tw.get(w, 0.0)
            + tshape.get(_shape(doc[word]), 0.0)
            + tanchor.get(a, 0.0)
            + tpair.get(pair, 0.0)
            + tstep.get(_SMALL[min(steps, 2)], 0.0)
            + tlen.get(_SMALL[min(end - start, 3)], 0.0)
            + (tlink if w in _LINKS else tword).get("", 0.0)
        )


def open_token(doc: Doc, i: int, taken: set[int]) -> bool:
    """Whether ``doc[i]`` may join a phrase: inside the doc, free, on the line, not punctuation."""
    return _open(doc, tokens(doc), i, taken)


def _open(doc: Doc, tok: Tokens, i: int, taken: set[int]) -> bool:
    # the lowercase form has a line break, or is one of _INNER_PUNCT, when the text does
    if i < 0 or i >= len(tok.lower) or i in taken or "\n" in tok.lower[i]:
        return False
    token = doc[i]
    if token.is_space:
        return False
    return not token.is_punct or tok.lower[i] in _INNER_PUNCT


def step_features(doc: Doc, start: int, end: int, side: str, steps: int) -> list[str]:
    """Features of the word that would grow ``doc[start:end]`` by one on ``side``.

    The skill itself and the word beyond are left out: on held-out train folds they only
    memorised single postings (cross-validated in ``scripts/train_extent.py``).
    """
    if side == "right":
        word, anchor = doc[end], doc[end - 1]
        pair = f"{anchor.lower_}|{word.lower_}"
    else:
        word, anchor = doc[start - 1], doc[start]
        pair = f"{word.lower_}|{anchor.lower_}"
    w = word.lower_
    return [
        f"{side}:w={w}",
        f"{side}:shape={_shape(word)}",
        f"{side}:anchor={anchor.lower_}",
        f"{side}:pair={pair}",
        f"{side}:step={min(steps, 2)}",
        f"{side}:len={min(end - start, 3)}",
        f"{side}:link" if w in _LINKS else f"{side}:word",
    ]


def _shape(token: Token) -> str:
    text = token.text
    if token.is_punct:
        return "punct"
    if _DIGIT.search(text):
        return "digit"
    if text.isupper():
        return "upper"
    if text.islower():
        return "lower"
    return "title" if text[:1].isupper() else "mixed"


def grow(doc: Doc, spans: Sequence[Span], model: ExtentModel) -> list[Span]:
    """``spans`` (sorted, not overlapping) each grown by the words ``model`` takes in."""
    tok = tokens(doc)
    lower = tok.lower
    taken = {t for s in spans for t in range(s.start, s.end)}
    out: list[Span] = []
    for span in spans:
        start, end = span_start, span_end = span.start, span.end
        # the token looked at is always outside the phrase, so ``taken`` marks other mentions
        for side in ("right", "left"):
            steps = 0
            while steps < model.steps:
                i = end if side == "right" else start - 1
                if not _open(doc, tok, i, taken):
                    break
                if model._logit(doc, tok, start, end, side, steps) < model.cut:
                    break
                if side == "right":
                    end += 1
                else:
                    start -= 1
                steps += 1
            # give back linking words left at the edge: "DevOps and" is "DevOps"
            while side == "right" and end > span_end and lower[end - 1] in _LINKS:
                end -= 1
            while side == "left" and start < span_start and lower[start] in _LINKS:
                start += 1
        taken.update(range(start, end))
        if (start, end) == (span_start, span_end):
            out.append(span)
        else:
            out.append(Span(doc, start, end, label=span.label))
    return out
