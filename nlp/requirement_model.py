"""A small learned model for the mentions the requirement cue rules leave undecided.

:func:`nlp.requirement.gather_evidence` reads, for each mention, its sentence, the opening
sentence of its paragraph, the section it sits in and the level the cue rules give it. Where
the rules find no cue at all (``unknown``), a multinomial logistic model over features of that
evidence picks ``required``, ``preferred`` or ``not_required``: the words of the sentence, who
the sentence is about ("we", "our", the company's name, "you"), a stack line ("Tech stack:",
"We use ..."), where the mention sits in the posting (first line, first paragraph, before any
heading) and the cues of the paragraph's opening sentence. Company and product descriptions
with no cue phrase are what it learns to tell from a bare list of the role's technologies.

The weights (``nlp/models/requirement_levels.json``) are fitted by
``scripts/train_requirement_levels.py``; which features, the regularisation and the scope are
chosen by cross-validation over postings on the labelled mentions of
``nlp/evaluation/requirements/`` (dev and test; the fresh set is not read). Features of a
sentence are computed once per distinct sentence.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from nlp.records import Requirement

MODEL_PATH = Path(__file__).parent / "models" / "requirement_levels.json"
CLASSES: tuple[Requirement, ...] = ("required", "preferred", "not_required")
# (kind, start, end) of one cue in a sentence, as nlp.requirement.sentence_cues gives them
CueFinder = Callable[[str], tuple[tuple[str, int, int], ...]]

_TOKEN = re.compile(r"[a-z][a-z0-9+#']*")
_LABEL = re.compile(r"^\s*[-*•]?\s*(?:[\w/&]+\s+){0,2}[\w/&]+\s*:")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")
_SUBJECTS = frozenset({"we", "we're", "our", "you", "you'll", "you're", "your", "i", "they"})
_BEFORE = 3  # words before the mention read as its own context
_SHORT = 8


class Place(NamedTuple):
    """Where a mention sits: its sentence and offsets in it, its paragraph's opening
    sentence, the section level above it, whether any heading is above it, its line and the
    paragraph's first line, its relative offset in the posting, and whether the sentence
    opens with the company's name as subject. A named tuple: one is built per mention, and
    tuples build several times faster than frozen dataclasses."""

    sentence: str
    start: int
    end: int
    opening: str
    section: Requirement
    headed: bool
    line: int
    block: int
    offset: float
    name_subject: bool


class Evidence(NamedTuple):
    """The cue rules' level for one mention, which rule gave it (``name``, ``sentence``,
    ``heading``, ``paragraph``, ``section`` or ``none``) and where the mention sits."""

    rule: Requirement
    source: str
    place: Place


@dataclass(frozen=True, slots=True)
class LevelModel:
    """Weights per class over named binary features, the rule levels it may replace and
    the probability its class needs to replace them."""

    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    scope: frozenset[str]
    margin: float = 0.0

    def covers(self, evidence: Evidence) -> bool:
        return evidence.rule in self.scope

    def scores(self, names: list[str]) -> list[float]:
        """Class probabilities, in the order of :data:`CLASSES`."""
        z = list(self.bias)
        for name in names:
            row = self.weights.get(name)
            if row is not None:
                z = [a + b for a, b in zip(z, row, strict=True)]
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        total = sum(exp)
        return [v / total for v in exp]

    def decide(self, evidence: Evidence, names: list[str]) -> Requirement:
        """The model's class when it is at least ``margin`` likely, else the rules' level;
        ``unknown`` stays ``unknown`` when the model reads it as required (as it is scored)."""
        probs = self.scores(names)
        best = max(probs)
        level = CLASSES[probs.index(best)]
        scored = "required" if evidence.rule == "unknown" else evidence.rule
        return evidence.rule if best < self.margin or level == scored else level

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LevelModel:
        return cls(
            {k: tuple(v) for k, v in data["weights"].items()},
            tuple(data["bias"]),
            frozenset(data["scope"]),
            float(data.get("margin", 0.0)),
        )


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> LevelModel | None:
    """The shipped model, or None when there is none (the rules then decide alone)."""
    if not path.exists():
        return None
    return LevelModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def features(evidence: Evidence, cues: CueFinder) -> list[str]:
    """The binary features of one mention, as names.

    >>> place = Place("We use Go.", 7, 9, "We use Go.", "unknown", False, 0, 0, 0.0, False)
    >>> sorted(features(Evidence("unknown", "none", place), lambda s: ()))[:4]
    ['b=use', 'b=we', 'first=we', 'first_block']
    """
    p = evidence.place
    found = [f"rule={evidence.rule}", f"src={evidence.source}", f"section={p.section}"]
    found += sentence_features(p.sentence, cues)
    found += [f"p:{f}" for f in opening_features(p.opening, cues)]
    before = _TOKEN.findall(p.sentence[: p.start].lower())[-_BEFORE:]
    found += [f"b={w}" for w in before]
    if not before:
        found.append("opens_sentence")
    if p.line == 0:
        found.append("first_line")
    if p.block == 0:
        found.append("first_block")
    if not p.headed:
        found.append("no_heading_above")
    found.append(f"third={min(2, int(p.offset * 3))}")
    if p.name_subject:
        found.append("first=name")
    return found


@lru_cache(maxsize=1 << 14)
def sentence_features(sentence: str, cues: CueFinder) -> tuple[str, ...]:
    """Features of a sentence alone: its words, cue kinds, subject and shape."""
    lowered = sentence.lower().replace("\u2019", "'")
    words = _TOKEN.findall(lowered)
    found = {f"w={w}" for w in words}
    found |= {f"cue={kind}" for kind, _, _ in cues(sentence)}
    first = words[0] if words else ""
    found.add(f"first={first if first in _SUBJECTS else 'other'}")
    if _LIST_ITEM.match(sentence):
        found.add("list_item")
    if len(words) <= _SHORT:
        found.add("short")
    if "|" in sentence:
        found.add("pipe")
    if _LABEL.match(sentence):
        found.add("label")
    return tuple(sorted(found))


@lru_cache(maxsize=1 << 12)
def opening_features(sentence: str, cues: CueFinder) -> tuple[str, ...]:
    """Features of a paragraph's opening sentence: its cue kinds and subject."""
    words = _TOKEN.findall(sentence.lower().replace("\u2019", "'"))
    first = words[0] if words else ""
    found = {f"cue={kind}" for kind, _, _ in cues(sentence)}
    found.add(f"first={first if first in _SUBJECTS else 'other'}")
    return tuple(sorted(found))
