"""A small learned filter for incidental skill mentions, and the terms the taxonomy lacks.

Generic skills ("security", "testing", "cloud", "banking") are often meant as a skill and
often not: "experience with cloud deployment" asks for one, "job security" and "we serve the
banking sector" do not. Named tools are incidental too when they sit in a job title ("Senior
Java Developer") rather than in what the job asks. The ``skillgap_relevance`` component
scores each mention in the model's scope (see :meth:`RelevanceModel.covers`: skills the
taxonomy flags ``generic`` and the categories the model lists) with a logistic model over the
words around it, and drops those below the model's threshold.

The weights and the scope (``nlp/models/relevance.json``) are chosen by
``scripts/train_relevance.py`` with cross-validation on the train split of SkillSpan's
KNOWLEDGE spans; nothing is downloaded.

The component also records **unknown terms**: items of a skill list that name no skill of
the taxonomy ("Python, Quixotl and SQL" gives "Quixotl"). They go to ``doc.spans["unknown"]`` and
never become mentions; :meth:`nlp.extractor.Extractor.tag_with_unknown` returns them.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp import context
from nlp.skills import Taxonomy

UNKNOWN_KEY = "unknown"
MODEL_PATH = Path(__file__).parent / "models" / "relevance.json"
ALL_CATEGORIES = "*"
# nouns naming a job: a skill right before one is usually part of a job title
ROLE_NOUNS = frozenset(
    {
        "developer",
        "developers",
        "engineer",
        "engineers",
        "architect",
        "architects",
        "administrator",
        "consultant",
        "specialist",
        "analyst",
        "designer",
        "manager",
        "lead",
        "programmer",
        "scientist",
        "tester",
    }
)
_WINDOW_BEFORE = 4
_WINDOW_AFTER = 3
_TERM_SHAPE = re.compile(
    r"^(?:[A-Z][\w.+#-]*|[a-z]+[A-Z0-9.+#][\w.+#-]*|[a-z0-9]+(?:[.-][a-z0-9]+)+)$"
)
# "|" is left out: it separates the fields of a header line ("Acme | Senior Engineer | NYC")
_SENTENCE_PUNCT = frozenset({".", "!", "?", ":"})
_ITEM_SEPARATORS = frozenset({",", "/", "and", "or", "&", "(", ")", ";"})
_NOT_ITEMS = frozenset(
    {
        "etc",
        "e.g.",
        "i.e.",
        "other",
        "others",
        "similar",
        "more",
        "the",
        "a",
        "an",
        "we",
        "you",
        "our",
        "us",
        "it",
        "engineer",
        "engineers",
        "engineering",
        "developer",
        "developers",
        "scientist",
        "scientists",
        "researcher",
        "researchers",
        "manager",
        "managers",
        "lead",
        "leads",
        "architect",
        "architects",
        "intern",
        "interns",
        "designer",
        "senior",
        "staff",
        "principal",
        "junior",
        "mid",
        "founding",
        "head",
        "chief",
        "cto",
        "ceo",
        "vp",
        "director",
        "remote",
        "onsite",
        "on-site",
        "hybrid",
        "relocation",
        "visa",
        "inc",
        "ltd",
        "llc",
        "strong",
        "solid",
        "good",
        "great",
        "deep",
        "experience",
        "experienced",
        "expert",
        "expertise",
        "knowledge",
        "skills",
        "familiarity",
        "proficiency",
        "background",
        "understanding",
        "build",
        "building",
        "own",
        "run",
        "conduct",
        "applied",
        "full",
        "platform",
        "product",
        "products",
        "data",
        "systems",
        "infrastructure",
        "infra",
        "core",
        "web",
        "mobile",
        "backend",
        "frontend",
        "models",
        "tools",
        "services",
        "team",
        "teams",
        "startup",
        "company",
    }
)


@dataclass(frozen=True, slots=True)
class RelevanceModel:
    """Logistic-regression weights by feature name, with a bias and a decision threshold.

    The scope says which mentions the model judges: those of skills flagged ``generic`` and
    those whose category is in ``categories`` (``"*"`` for every category).
    """

    weights: dict[str, float]
    bias: float
    threshold: float
    categories: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> RelevanceModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            dict(data["weights"]),
            float(data["bias"]),
            float(data["threshold"]),
            frozenset(data["scope"]["categories"]),
        )

    def to_json(self, meta: dict[str, Any]) -> str:
        body = {
            "meta": meta,
            "scope": {"generic": True, "categories": sorted(self.categories)},
            "bias": self.bias,
            "threshold": self.threshold,
            "weights": dict(sorted(self.weights.items())),
        }
        return json.dumps(body, ensure_ascii=False, indent=0, sort_keys=False)

    def covers(self, category: str, generic: bool) -> bool:
        """Whether mentions of a skill of ``category`` (flagged ``generic`` or not) are judged."""
        return generic or category in self.categories or ALL_CATEGORIES in self.categories

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def features(
    doc: Doc,
    spans: list[Span],
    index: int,
    category: str,
    text: str | None = None,
    starts: list[int] | None = None,
) -> list[str]:
    """Feature names of the candidate ``spans[index]``: its form and the words around it.

    ``spans`` are the doc's candidate mentions, sorted and not overlapping; ``text`` is
    ``doc.text`` and ``starts`` the spans' ``start_char``, passed in when known since spaCy
    rebuilds the text on every access and a doc's spans are scored one after another.
    """
    span = spans[index]
    text = doc.text if text is None else text
    starts = [s.start_char for s in spans] if starts is None else starts
    start_char, end_char = span.start_char, span.end_char
    line_start = text.rfind("\n", 0, start_char) + 1
    line_end = text.find("\n", end_char)
    line_end = len(text) if line_end < 0 else line_end
    lower = context.tokens(doc).lower
    head = lower[span.end : span.end + 3]
    # the words before on the mention's line: those after the last one holding a line
    # break (a token's trailing whitespace is a space, never a line break)
    before = lower[max(0, span.start - _WINDOW_BEFORE) : span.start]
    for back, word in enumerate(reversed(before)):
        if "\n" in word:
            before = before[len(before) - back :]
            break
    # the words after that start before the line's end
    after = []
    for word in lower[span.end : span.end + _WINDOW_AFTER]:
        if word[:1] == "\n":
            break
        after.append(word)
        if "\n" in word:
            break
    line_len = line_end - line_start
    others = bisect.bisect_left(starts, line_end) - bisect.bisect_left(starts, line_start) - 1
    out = [
        f"skill={span.label_}",
        f"cat={category}",
        f"shape={_shape(text[start_char:end_char])}",
        f"prev={before[-1] if before else '<s>'}",
        f"next={after[0] if after else '</s>'}",
        f"line={'short' if line_len <= 30 else 'mid' if line_len <= 90 else 'long'}",
        f"others={min(others, 3)}",
    ]
    out += [f"before={w}" for w in before]
    out += [f"after={w}" for w in after]
    if context.listed(span, spans[max(0, index - 1) : index] + spans[index + 1 : index + 2]):
        out.append("listed")
    if any(w in context.CUES_BEFORE for w in before):
        out.append("cued")
    if line_start == 0:
        out.append("first_line")
    if any(w in ROLE_NOUNS for w in head):
        out.append("role_after")
    return out


def _shape(text: str) -> str:
    if text.isupper():
        return "upper"
    if text.islower():
        return "lower"
    return "title" if text[:1].isupper() else "mixed"


@Language.factory(
    "skillgap_relevance",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"spans_key": context.SPANS_KEY, "unknown_key": UNKNOWN_KEY},
)
def make_relevance(nlp: Language, name: str, spans_key: str, unknown_key: str) -> Relevance:
    return Relevance(name, spans_key, unknown_key)


class Relevance:
    """Drops generic mentions the model scores as incidental; records unknown list items."""

    def __init__(self, name: str, spans_key: str, unknown_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.unknown_key = unknown_key
        self.model: RelevanceModel | None = None
        self.categories: dict[str, str] = {}
        self.generic: frozenset[str] = frozenset()

    def initialize_from(self, taxonomy: Taxonomy, model: RelevanceModel | None) -> None:
        self.categories = {s.skill_id: s.category for s in taxonomy}
        self.generic = frozenset(s.skill_id for s in taxonomy if s.generic)
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[self.spans_key])
        if self.model is not None:
            text = context.doc_text(doc)
            starts = [s.start_char for s in spans]
            kept = [s for i, s in enumerate(spans) if self._keep(doc, spans, i, text, starts)]
            if len(kept) < len(spans):
                doc.spans[self.spans_key] = kept
            spans = kept
        doc.spans[self.unknown_key] = list(unknown_terms(doc, spans))
        return doc

    def _keep(self, doc: Doc, spans: list[Span], index: int, text: str, starts: list[int]) -> bool:
        label = spans[index].label_
        category = self.categories.get(label, "")
        if self.model is None or not self.model.covers(category, label in self.generic):
            return True
        p = self.model.probability(features(doc, spans, index, category, text, starts))
        return p >= self.model.threshold


def unknown_terms(doc: Doc, spans: list[Span]) -> Iterator[Span]:
    """List items next to known skills that name no skill: "Python, Zig and SQL" → "Zig".

    An item is one to three tokens set off by list separators (a comma, slash, "and", "or",
    brackets) from a known skill, shaped like a technology name (capitalised, or with digits,
    dots or other marks inside), and free of job-title and filler words.
    """
    lower = context.tokens(doc).lower
    taken = {i for s in spans for i in range(s.start, s.end)}
    seen: set[int] = set()
    for span in spans:
        for step in (-1, 1):
            i = span.start - 1 if step < 0 else span.end
            gap = 0
            while 0 <= i < len(lower) and lower[i] in _ITEM_SEPARATORS and gap < 2:
                i += step
                gap += 1
            if gap == 0:
                continue
            item = _item_at(doc, lower, i, step, taken)
            if item is not None and item.start not in seen:
                seen.add(item.start)
                yield item


def _item_at(doc: Doc, lower: Sequence[str], i: int, step: int, taken: set[int]) -> Span | None:
    # ``lower`` serves for punctuation and line breaks too: lowercasing changes neither
    indices: list[int] = []
    while 0 <= i < len(lower) and len(indices) < 4:
        word = lower[i]
        if i in taken or word in _ITEM_SEPARATORS or "\n" in word:
            break
        if word in _SENTENCE_PUNCT:
            break  # "Python, SQL, Zig." ends its last item at the full stop
        if word in _NOT_ITEMS:
            return None
        token = doc[i]
        if token.is_punct or token.like_num:
            return None
        indices.append(i)
        i += step
    if not indices or len(indices) > 3:
        return None
    # the item must end at a separator, a known skill or the line's end, as list items do
    open_end = 0 <= i < len(lower) and i not in taken and lower[i] not in _ITEM_SEPARATORS
    if open_end and "\n" not in lower[i] and not doc[i].is_punct:
        return None
    start, end = min(indices), max(indices) + 1
    if not all(_TERM_SHAPE.match(t.text) for t in doc[start:end]):
        return None
    return Span(doc, start, end, label="unknown")
