"""How far a kept skill mention reaches: the ``skillgap_boundaries`` component.

The matcher finds a taxonomy name; writers and annotators often mean a little more. After the
context rules and the relevance filter have decided which mentions stay, each one is widened:

- over a version written right after it ("Java 11", "PHP 7.4", "ES6+"), unless the number
  is a duration ("Kotlin 3 years");
- over the whole chunk it is written in when words are joined by "/" or "-" without spaces
  ("React/Redux", "Linux-based", "Scrum/Kanban"). Every skill named inside the chunk keeps a
  mention of its own, each with the chunk's extent, so no skill id is lost;
- over a head noun after it or a modifier before it that names the same thing ("React
  frameworks", "Kubernetes environments", "modern JavaScript", "network security");
- back over the degree that introduces a field of study ("BS or MS in Computer Science",
  "Bachelor's degree in Mathematics"). A degree named as a skill of its own inside that
  phrase keeps its mention, with the phrase's extent;
- over a second name of the same skill in brackets right after it, closing bracket included
  ("Amazon Web Services (AWS)", "CI (Continuous Integration)"): one mention, not two;
- last, over the words a learned model scores as part of the phrase ("cloud deployment
  tools"), :mod:`nlp.extent`.

The head nouns, modifiers and degree words are data, :data:`RULES_PATH`
(``nlp/models/boundaries.json``). The first two are counted on SkillSpan's train split by
``scripts/train_boundaries.py``: a word is listed when the annotators took it into the span
more often than they left it out. The degree words are a reviewed list in that script.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.context import SPANS_KEY, Tokens, tokens
from nlp.extent import EXTENT_PATH, ExtentModel, grow

RULES_PATH = Path(__file__).parent / "models" / "boundaries.json"
_VERSION = re.compile(r"^v?\d+(?:\.\d+)*(?:\.x)?\+?$", re.IGNORECASE)
_DURATION = frozenset({"year", "years", "yrs", "yr", "months"})
_JOINERS = frozenset({"/", "-"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DEGREE_LINKS = frozenset({"or", "and", "/"})


@dataclass(frozen=True, slots=True)
class BoundaryRules:
    """Words that widen a mention: ``after`` (one or two words) and ``before`` (one word).

    ``degrees`` are the words of a degree that may lead into a field of study with "in".
    ``extent`` is the learned last step of :mod:`nlp.extent`, if any.
    """

    after: frozenset[str] = frozenset()
    after_pairs: frozenset[tuple[str, str]] = frozenset()
    before: frozenset[str] = frozenset()
    degrees: frozenset[str] = frozenset()
    extent: ExtentModel | None = None

    @classmethod
    def load(cls, path: Path = RULES_PATH, extent: Path | None = EXTENT_PATH) -> BoundaryRules:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            frozenset(data["after"]),
            frozenset(_pair(p) for p in data["after_pairs"]),
            frozenset(data["before"]),
            frozenset(data.get("degrees", ())),
            ExtentModel.load(extent) if extent is not None else None,
        )

    def to_json(self, meta: dict[str, Any]) -> str:
        body = {
            "meta": meta,
            "after": sorted(self.after),
            "after_pairs": sorted(" ".join(p) for p in self.after_pairs),
            "before": sorted(self.before),
            "degrees": sorted(self.degrees),
        }
        return json.dumps(body, ensure_ascii=False, indent=1)


def _pair(text: str) -> tuple[str, str]:
    first, second = text.split(" ", 1)
    return first, second


@Language.factory(
    "skillgap_boundaries",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"spans_key": SPANS_KEY},
)
def make_boundaries(nlp: Language, name: str, spans_key: str) -> Boundaries:
    return Boundaries(name, spans_key)


class Boundaries:
    """Widens the mentions in ``doc.spans[spans_key]`` by :class:`BoundaryRules`."""

    def __init__(self, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.rules = BoundaryRules()

    def initialize_from(self, rules: BoundaryRules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[self.spans_key])
        if spans:
            doc.spans[self.spans_key] = widen(doc, spans, self.rules)
        return doc


def widen(doc: Doc, spans: Sequence[Span], rules: BoundaryRules) -> list[Span]:
    """``spans`` (sorted, not overlapping) widened by the rules of this module, in order."""
    tok = tokens(doc)
    lower = tok.lower
    size = len(lower)
    out: list[Span] = []
    seen: set[tuple[int, int, int]] = set()
    taken = {t for s in spans for t in range(s.start, s.end)}
    led = False
    for span in spans:
        span_start, span_end, label = span.start, span.end, span.label
        start, end = _joined_chunk(doc, tok, span_start, span_end)
        end = _after_version(tok, _before_duration(doc, tok, start, end), taken)
        if (
            start == span_start
            and start > 0
            and start - 1 not in taken
            and lower[start - 1] in rules.before
        ):
            start -= 1
        if end == span_end and end < size and end not in taken:
            pair = (lower[end], lower[end + 1]) if end + 1 < size else None
            if pair in rules.after_pairs and end + 1 not in taken:
                end += 2
            elif lower[end] in rules.after:
                end += 1
        if rules.degrees and start == span_start:
            start = _degree_start(tok, start, rules.degrees)
            led = led or start < span_start
        # two names of one skill joined into one chunk ("k8s/Kubernetes") are one mention
        if (start, end, label) in seen:
            continue
        seen.add((start, end, label))
        if (start, end) == (span_start, span_end):
            out.append(span)
        else:
            out.append(Span(doc, start, end, label=label))
    out = _absorb_degrees(doc, out) if led else out
    out = _join_bracketed_names(doc, tok, out)
    return grow(doc, out, rules.extent) if rules.extent is not None else out


def _join_bracketed_names(doc: Doc, tok: Tokens, spans: list[Span]) -> list[Span]:
    """Join a mention to its own skill's other name in brackets: "Amazon Web Services (AWS)"."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if (
            nxt is not None
            and nxt.label == span.label
            and nxt.start == span.end + 1
            and tok.lower[span.end] == "("
            and nxt.end < len(tok.lower)
            and tok.lower[nxt.end] == ")"
        ):
            out.append(Span(doc, span.start, nxt.end + 1, label=span.label))
            i += 2
            continue
        out.append(span)
        i += 1
    return out


def _degree_start(tok: Tokens, start: int, degrees: frozenset[str]) -> int:
    """Where "BS or MS in", "Bachelor's degree in" before token ``start`` begins, if any."""
    lower = tok.lower
    i = start - 2
    if i < 0 or lower[start - 1] != "in" or lower[i] not in degrees:
        return start
    while i > 0:
        prev = lower[i - 1]
        if prev in degrees:
            i -= 1
        elif (
            i >= 2
            and lower[i - 2] in degrees
            and (prev in _DEGREE_LINKS or (prev in _POSSESSIVE and not tok.space[i - 2]))
        ):
            i -= 2
        else:
            break
    return i


def _absorb_degrees(doc: Doc, spans: list[Span]) -> list[Span]:
    """A mention inside a wider one that starts before it takes the wider one's extent.

    "Bachelor's degree" (a skill) inside "Bachelor's degree in Mathematics" keeps its id.
    """
    out: list[Span] = []
    for span in spans:
        outer = next(
            (
                o
                for o in spans
                if o.start <= span.start
                and span.end <= o.end
                and (o.start, o.end) != (span.start, span.end)
            ),
            None,
        )
        out.append(span if outer is None else Span(doc, outer.start, outer.end, span.label))
    return out


def _joined_chunk(doc: Doc, tok: Tokens, start: int, end: int) -> tuple[int, int]:
    """Token bounds of the "/"- or "-"-joined chunk around ``doc[start:end]``."""
    lower, space = tok.lower, tok.space
    while (
        end + 1 < len(lower)
        and lower[end] in _JOINERS
        and not space[end - 1]
        and not space[end]
        and not doc[end + 1].is_punct
    ):
        end += 2
    while (
        start >= 2
        and lower[start - 1] in _JOINERS
        and not space[start - 1]
        and not space[start - 2]
        and not doc[start - 2].is_punct
    ):
        start -= 2
    return start, end


def _duration_at(tok: Tokens, i: int) -> bool:
    """Whether tokens from ``i`` read "years", "+ years" or "+ yrs": what a number before counts."""
    lower = tok.lower
    if i < len(lower) and lower[i] == "+":
        i += 1
    return i < len(lower) and lower[i] in _DURATION


def _before_duration(doc: Doc, tok: Tokens, start: int, end: int) -> int:
    """``end`` without a trailing number that counts years ("Python 3+ years" is Python)."""
    if end - start >= 2 and _duration_at(tok, end) and doc[end - 1].like_num:
        return end - 1
    return end


def _after_version(tok: Tokens, end: int, taken: set[int]) -> int:
    # _VERSION ignores case, so the lowercase form matches as the text would
    text = tok.lower
    if (
        end < len(text)
        and end not in taken
        and _VERSION.match(text[end])
        and not _duration_at(tok, end + 1)
    ):
        end += 1
    if _duration_at(tok, end):
        return end
    if end < len(text) and text[end] == "+" and not tok.space[end - 1]:
        end += 1
    return end
