"""A statistical span model that decides which taxonomy candidates a reader would mark.

The taxonomy matcher finds names; it cannot tell "Java" in "Senior Java Developer" (a job
title, not what the job asks) from "Java" in "5 years of Java", nor learn that annotators mark
"Java EE" whole. The ``skillgap_spans`` component runs a small named-entity recogniser
(spaCy's transition-based NER over a HashEmbed + MaxoutWindowEncoder CNN, about 2 MB, trained
on CPU by ``scripts/train_spans.py`` on SkillSpan's train split) in windows of a few tokens
around the candidates, within their line, and combines what it finds with the taxonomy:

- a candidate that overlaps a span the model finds is kept, with the model's extent or its
  own (:attr:`SpanModelConfig.extent`); every candidate inside one model span keeps its own
  skill id;
- a candidate the model finds nothing around is dropped, unless its category is one the
  model is not asked about (:attr:`SpanModelConfig.trusted`);
- a span the model finds with no candidate inside names no skill of the taxonomy: it is
  recorded as an unknown term (``doc.spans["unknown"]``), never as a mention.

The model reads the words and, as one more feature, whether each token is inside a candidate
(written to ``token.tag_``, which nothing else in this tagger-less pipeline uses).

It is **not in the default pipeline**: cross-validated on train postings it scored below the
rules it would replace (held-out TECH strict 0.61 against 0.65, overlap 0.77 against 0.83),
and it costs about 1 ms a posting, as much as the rest of the extractor. Pass a trained
model's directory to :class:`nlp.extractor.Extractor` (``span_model=``) to try it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from nlp.context import SPANS_KEY, doc_text
from nlp.relevance import UNKNOWN_KEY

LABEL = "KNOWLEDGE"
CANDIDATE_TAG = "SKILL"
OUTSIDE_TAG = "O"


def ner_config(width: int = 64, depth: int = 2, rows: int = 4000) -> dict[str, Any]:
    """The NER's model config: small hashed embeddings and a shallow CNN, for CPU speed."""
    return {
        "model": {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "extra_state_tokens": False,
            "hidden_width": 64,
            "maxout_pieces": 2,
            "use_upper": True,
            "tok2vec": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": "spacy.MultiHashEmbed.v2",
                    "width": width,
                    "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG"],
                    "rows": [rows, rows // 4, rows // 2, rows // 8, 16],
                    "include_static_vectors": False,
                },
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": width,
                    "depth": depth,
                    "window_size": 1,
                    "maxout_pieces": 3,
                },
            },
        }
    }


@dataclass(frozen=True, slots=True)
class SpanModelConfig:
    """How the model's spans are combined with the candidates; stored beside the weights.

    ``radius`` is how many tokens either side of a candidate the model reads; ``trusted``
    lists categories whose candidates stay even when the model finds nothing there;
    ``extent`` says whether a confirmed candidate takes the model's extent or keeps its own
    (for :mod:`nlp.boundary` to widen).
    """

    radius: int = 8
    trusted: frozenset[str] = field(default_factory=frozenset)
    extent: bool = True
    width: int = 64
    depth: int = 2
    rows: int = 4000

    @classmethod
    def load(cls, directory: Path) -> SpanModelConfig:
        data = json.loads((directory / "combine.json").read_text(encoding="utf-8"))
        return cls(
            int(data["radius"]),
            frozenset(data["trusted"]),
            bool(data["extent"]),
            int(data["width"]),
            int(data["depth"]),
            int(data["rows"]),
        )

    def to_json(self, meta: dict[str, Any]) -> str:
        body = {
            "meta": meta,
            "radius": self.radius,
            "trusted": sorted(self.trusted),
            "extent": self.extent,
            "width": self.width,
            "depth": self.depth,
            "rows": self.rows,
        }
        return json.dumps(body, ensure_ascii=False, indent=1)


def make_recognizer(nlp: Language, config: SpanModelConfig) -> EntityRecognizer:
    """An untrained NER sharing ``nlp``'s vocab, not added to its pipeline."""
    ner = nlp.create_pipe(
        "ner", name="skillgap_span_ner", config=ner_config(config.width, config.depth, config.rows)
    )
    return cast(EntityRecognizer, ner)


def mark_candidates(doc: Doc, spans: Sequence[Span]) -> None:
    """Write the candidate feature the model reads into ``token.tag_``."""
    inside = {i for s in spans for i in range(s.start, s.end)}
    for token in doc:
        token.tag_ = CANDIDATE_TAG if token.i in inside else OUTSIDE_TAG


def windows(doc: Doc, spans: Sequence[Span], radius: int) -> list[tuple[int, int]]:
    """Token ranges of ``radius`` tokens around each span, within its line, merged.

    >>> # "a b c\\nd e" with a span on "b" and radius 5 gives the first line only
    """
    text = doc_text(doc)
    out: list[tuple[int, int]] = []
    for span in spans:
        line_start = text.rfind("\n", 0, span.start_char) + 1
        line_end = text.find("\n", span.end_char)
        line_end = len(text) if line_end < 0 else line_end
        start = span.start
        while start > 0 and span.start - start < radius and doc[start - 1].idx >= line_start:
            start -= 1
        end = span.end
        while end < len(doc) and end - span.end < radius and doc[end].idx < line_end:
            end += 1
        while start < span.start and doc[start].is_space:
            start += 1
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def combine(
    doc: Doc,
    candidates: Sequence[Span],
    found: Sequence[tuple[int, int]],
    trusted: frozenset[str] = frozenset(),
    categories: dict[str, str] | None = None,
    extent: bool = True,
) -> tuple[list[Span], list[Span]]:
    """The mentions and unknown terms from ``candidates`` and the model's token ranges.

    A candidate overlapping a found range takes that range's extent (with ``extent``, else it
    keeps its own); one overlapping none stays only when its category is ``trusted``. A found
    range overlapping no candidate becomes an unknown term.
    """
    categories = categories or {}
    kept: list[Span] = []
    used: set[tuple[int, int]] = set()
    for cand in candidates:
        hit = next((r for r in found if r[0] < cand.end and cand.start < r[1]), None)
        if hit is None:
            if categories.get(cand.label_, "") in trusted:
                kept.append(cand)
            continue
        used.add(hit)
        if not extent or (hit[0], hit[1]) == (cand.start, cand.end):
            kept.append(cand)
        else:
            kept.append(Span(doc, hit[0], hit[1], label=cand.label))
    unknown = [Span(doc, s, e, label="unknown") for s, e in found if (s, e) not in used]
    return kept, unknown


def without_overlaps(spans: Sequence[Span]) -> list[Span]:
    """``spans`` sorted, longest first where they overlap; spans of one extent all stay.

    Two skills in one model span ("React/Redux") share its extent and keep both ids.
    """
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        last = out[-1] if out else None
        same_extent = last is not None and (span.start, span.end) == (last.start, last.end)
        if last is None or span.start >= last.end or (same_extent and span.label != last.label):
            out.append(span)
    return out


@Language.factory(
    "skillgap_spans",
    assigns=["doc.spans", "token.tag"],
    requires=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "unknown_key": UNKNOWN_KEY},
)
def make_span_model(nlp: Language, name: str, spans_key: str, unknown_key: str) -> SpanModel:
    return SpanModel(nlp, name, spans_key, unknown_key)


class SpanModel:
    """Runs the span model around the candidates and combines (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, spans_key: str, unknown_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.unknown_key = unknown_key
        self.config = SpanModelConfig()
        self.ner = make_recognizer(nlp, self.config)
        self.categories: dict[str, str] = {}

    def initialize_from(
        self,
        nlp: Language,
        categories: dict[str, str],
        directory: Path | None = None,
        config: SpanModelConfig | None = None,
        ner: EntityRecognizer | None = None,
    ) -> None:
        """Load the model from ``directory``, or take a trained ``ner`` and ``config``."""
        self.categories = categories
        if directory is None:
            if ner is None or config is None:
                raise ValueError("SpanModel needs a model directory, or a trained ner and config")
            self.config, self.ner = config, ner
            return
        self.config = SpanModelConfig.load(directory)
        self.ner = make_recognizer(nlp, self.config)
        self.ner.from_disk(directory / "ner")

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Run the model over the windows of ``batch_size`` docs at once: the NER's cost per
        call is high, and one doc has only a few short windows."""
        for batch in minibatch(docs, size=batch_size):
            parts: list[Doc] = []
            places: list[tuple[int, int]] = []
            for number, doc in enumerate(batch):
                candidates = list(doc.spans[self.spans_key])
                if not candidates:
                    continue
                mark_candidates(doc, candidates)
                for start, end in windows(doc, candidates, self.config.radius):
                    parts.append(doc[start:end].as_doc())
                    places.append((number, start))
            found: list[list[tuple[int, int]]] = [[] for _ in batch]
            for (number, start), part in zip(places, self.ner.pipe(parts), strict=True):
                found[number] += [(start + e.start, start + e.end) for e in part.ents]
            for number, doc in enumerate(batch):
                candidates = list(doc.spans[self.spans_key])
                if candidates:
                    self._combine(doc, candidates, found[number])
                yield doc

    def _combine(self, doc: Doc, candidates: list[Span], found: list[tuple[int, int]]) -> None:
        kept, unknown = combine(
            doc, candidates, found, self.config.trusted, self.categories, self.config.extent
        )
        doc.spans[self.spans_key] = without_overlaps(kept)
        known = {(s.start, s.end) for s in doc.spans[self.unknown_key]}
        extra = [s for s in unknown if (s.start, s.end) not in known]
        doc.spans[self.unknown_key] = [*doc.spans[self.unknown_key], *extra]
