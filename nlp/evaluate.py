"""Measured accuracy: the extractor scored against SkillSpan's KNOWLEDGE spans.

SkillSpan (``nlp/evaluation/skillspan/``) holds job-posting sentences with BIO tags. Sentences
sharing a ``(source, idx)`` pair form one posting; its text is each sentence's tokens joined by
single spaces, the sentences joined by newlines, and the gold spans are the KNOWLEDGE spans as
character offsets into that text. The extractor runs through the same code path as
``skillgap tag`` (:func:`nlp.tagfile.tag_jsonl` on a JSON Lines file), so what is measured is
what users get.

Two matchings are scored, each as precision, recall and F1:

- ``strict``: a predicted span counts only when its start and end equal a gold span's;
- ``overlap``: a predicted span counts when it overlaps any gold span, and a gold span is found
  when any predicted span overlaps it.

SkillSpan's annotators tagged whole tokens, and its tokens keep some punctuation glued on
("MongoDB)", "Terraform;", "UX/"), so no gold span can end inside a token. Each predicted span
is therefore first widened to the SkillSpan tokens it touches (:func:`align_to_tokens`), as a
token tagger's output would be: "MongoDB" inside the token "MongoDB)" is scored as that token.
This changes strict figures only; the ``strict-chars`` row gives strict matching on the
mentions' own character offsets, before that alignment.

With more than one source, a last row pools them (``tech+house``): counts added up, then
precision, recall and F1 computed once, as published SkillSpan figures are.

Mentions of soft skills are left out of those scores: SkillSpan's guidelines put
"communication" or "teamwork" under its other label, SKILL, so they are neither right nor
wrong here. For honesty the table also shows both matchings with them counted
(``strict+soft``, ``overlap+soft``), where every soft-skill mention is a false positive
unless it happens to overlap a KNOWLEDGE span.

>>> result = evaluate(Extractor(load_taxonomy()), split="dev")  # doctest: +SKIP
>>> print(result)  # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import json
import random
import tempfile
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from nlp.extractor import Extractor
from nlp.tagfile import tag_jsonl

Split = Literal["train", "dev"]
ErrorKind = Literal["false_positive", "false_negative"]
SOURCES = ("tech", "house")
DATA_DIR = Path(__file__).parent / "evaluation" / "skillspan"

# SkillSpan files soft skills ("communication", "teamwork") under SKILL, not KNOWLEDGE
UNSCORED_CATEGORIES = frozenset({"soft_skill"})

CharSpan = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Posting:
    """One SkillSpan posting rebuilt as text, with its gold KNOWLEDGE spans."""

    source: str
    idx: int
    text: str
    gold: tuple[CharSpan, ...]

    @property
    def key(self) -> str:
        return f"{self.source}-{self.idx}"


@dataclass(frozen=True, slots=True)
class SpanScores:
    """Counts behind precision and recall, and the figures computed from them.

    ``predicted_correct`` is how many predicted spans count as right; ``gold_found`` how many
    gold spans were found. They are equal under strict matching but may differ under overlap.
    """

    predicted: int
    gold: int
    predicted_correct: int
    gold_found: int

    @property
    def precision(self) -> float:
        return self.predicted_correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: SpanScores) -> SpanScores:
        return SpanScores(
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.predicted_correct + other.predicted_correct,
            self.gold_found + other.gold_found,
        )


@dataclass(frozen=True, slots=True)
class SourceScores:
    """Strict and overlap scores over the postings of one source.

    ``strict_soft`` and ``overlap_soft`` count predicted soft-skill mentions too;
    ``strict_chars`` is strict matching without :func:`align_to_tokens`.
    """

    source: str
    postings: int
    strict: SpanScores
    overlap: SpanScores
    strict_soft: SpanScores | None = None
    overlap_soft: SpanScores | None = None
    strict_chars: SpanScores | None = None


@dataclass(frozen=True, slots=True)
class SpanError:
    """A false positive (predicted, not in gold) or false negative (gold, not predicted).

    ``partial`` says whether it overlaps a span on the other side, i.e. a boundary error.
    """

    kind: ErrorKind
    posting: str
    text: str
    context: str
    partial: bool


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The result of :func:`evaluate`; ``str()`` gives a table."""

    split: str
    taxonomy_version: str
    extractor_version: str
    sources: tuple[SourceScores, ...]
    errors: tuple[SpanError, ...] = ()

    def get(self, source: str) -> SourceScores:
        for scores in self.sources:
            if scores.source == source:
                return scores
        raise KeyError(source)

    def rows(self) -> list[tuple[str, ...]]:
        """Header and one row per source and matching, as strings ready for a table."""
        rows: list[tuple[str, ...]] = [
            ("source", "postings", "match", "precision", "recall", "F1", "pred", "gold")
        ]
        for s in self.sources:
            matchings = [
                ("strict", s.strict),
                ("strict-chars", s.strict_chars),
                ("overlap", s.overlap),
                ("strict+soft", s.strict_soft),
                ("overlap+soft", s.overlap_soft),
            ]
            for name, sc in matchings:
                if sc is None:
                    continue
                rows.append(
                    (
                        s.source,
                        str(s.postings),
                        name,
                        f"{sc.precision:.3f}",
                        f"{sc.recall:.3f}",
                        f"{sc.f1:.3f}",
                        str(sc.predicted),
                        str(sc.gold),
                    )
                )
        return rows

    def __str__(self) -> str:
        rows = self.rows()
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = [
            f"SkillSpan {self.split}, KNOWLEDGE spans; taxonomy {self.taxonomy_version}, "
            f"extractor {self.extractor_version}; soft skills counted only in the +soft rows"
        ]
        for row in rows:
            lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        return "\n".join(lines)


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` (end exclusive) of BIO tags; a stray ``I`` opens a span.

    >>> bio_spans(["O", "B", "I", "O", "B", "B"])
    [(1, 3), (4, 5), (5, 6)]
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, tag in enumerate(tags):
        if tag == "B" or (tag == "I" and start is None):
            if start is not None:
                spans.append((start, i))
            start = i
        elif tag != "I" and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(tags)))
    return spans


def build_posting(source: str, idx: int, sentences: Iterable[dict[str, list[str]]]) -> Posting:
    """The posting text and gold character spans from its sentences, in order."""
    parts: list[str] = []
    gold: list[CharSpan] = []
    offset = 0
    for sentence in sentences:
        tokens = sentence["tokens"]
        starts = []
        pos = offset
        for token in tokens:
            starts.append(pos)
            pos += len(token) + 1
        for begin, end in bio_spans(sentence["tags_knowledge"]):
            gold.append((starts[begin], starts[end - 1] + len(tokens[end - 1])))
        line = " ".join(tokens)
        parts.append(line)
        offset += len(line) + 1
    return Posting(source, idx, "\n".join(parts), tuple(gold))


def read_split(split: Split, data_dir: Path = DATA_DIR) -> list[Posting]:
    """The postings of one split, in file order of their first sentence."""
    grouped: dict[tuple[str, int], list[dict[str, list[str]]]] = {}
    with (data_dir / f"{split}.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                grouped.setdefault((row["source"], row["idx"]), []).append(row)
    return [build_posting(source, idx, rows) for (source, idx), rows in grouped.items()]


def align_to_tokens(text: str, span: CharSpan) -> CharSpan:
    """``span`` widened to the whitespace-delimited tokens of ``text`` that it touches.

    >>> align_to_tokens("with MongoDB) and", (5, 12))
    (5, 13)
    """
    start, end = span
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def score(predicted: Iterable[CharSpan], gold: Iterable[CharSpan]) -> tuple[SpanScores, SpanScores]:
    """Strict and overlap scores of one document's predicted spans against its gold spans."""
    pred, gold_spans = sorted(set(predicted)), sorted(set(gold))
    strict_hits = len(set(pred) & set(gold_spans))
    strict = SpanScores(len(pred), len(gold_spans), strict_hits, strict_hits)
    overlap = SpanScores(
        len(pred),
        len(gold_spans),
        sum(_overlaps_any(p, gold_spans) for p in pred),
        sum(_overlaps_any(g, pred) for g in gold_spans),
    )
    return strict, overlap


def _overlaps_any(span: CharSpan, others: Sequence[CharSpan]) -> bool:
    """Whether ``span`` overlaps any of ``others`` (sorted by start, non-empty spans)."""
    # only spans starting before span's end can overlap it; look at those ending after its start
    stop = bisect.bisect_left(others, (span[1], -1))
    return any(end > span[0] for _, end in others[:stop])


def predict(
    extractor: Extractor,
    postings: Sequence[Posting],
    skip_categories: Collection[str] = UNSCORED_CATEGORIES,
) -> list[list[CharSpan]]:
    """Predicted character spans per posting, through the ``skillgap tag`` file contract.

    Mentions of skills in ``skip_categories`` are left out.
    """
    return [
        [span for span, skip in found if not skip]
        for found in _predict_labelled(extractor, postings, skip_categories)
    ]


def _predict_labelled(
    extractor: Extractor, postings: Sequence[Posting], skip_categories: Collection[str]
) -> list[list[tuple[CharSpan, bool]]]:
    """Like :func:`predict`, keeping every span with whether its category is skipped."""
    skipped = {s.skill_id for s in extractor.taxonomy if s.category in skip_categories}
    with tempfile.TemporaryDirectory(prefix="skillgap-eval-") as tmp:
        source, target = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for posting in postings:
                record = {"id": posting.key, "text": posting.text}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        tag_jsonl(extractor, source, target)
        by_key: dict[str, list[tuple[CharSpan, bool]]] = {}
        with target.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                by_key[record["id"]] = [
                    ((m["start"], m["end"]), m["skill_id"] in skipped) for m in record["mentions"]
                ]
    return [by_key[p.key] for p in postings]


def evaluate(
    extractor: Extractor,
    split: Split = "dev",
    sources: Sequence[str] = SOURCES,
    errors: int = 0,
    data_dir: Path = DATA_DIR,
    seed: int = 0,
) -> Evaluation:
    """Score ``extractor`` on ``split`` for each of ``sources``.

    With ``errors`` > 0, that many false positives and as many false negatives are drawn
    (with a fixed ``seed``) from the chosen postings and returned for inspection.
    """
    postings = [p for p in read_split(split, data_dir) if p.source in sources]
    raw = _predict_labelled(extractor, postings, UNSCORED_CATEGORIES)
    labelled = [
        [(align_to_tokens(p.text, span), skip) for span, skip in found]
        for p, found in zip(postings, raw, strict=True)
    ]
    predictions = [[span for span, skip in found if not skip] for found in labelled]
    results = []
    for source in sources:
        totals = [SpanScores(0, 0, 0, 0)] * 5
        count = 0
        for posting, found, unaligned in zip(postings, labelled, raw, strict=True):
            if posting.source != source:
                continue
            count += 1
            scored = score([span for span, skip in found if not skip], posting.gold)
            with_soft = score([span for span, _ in found], posting.gold)
            chars, _ = score([span for span, skip in unaligned if not skip], posting.gold)
            found_scores = (*scored, *with_soft, chars)
            totals = [t + x for t, x in zip(totals, found_scores, strict=True)]
        results.append(SourceScores(source, count, *totals))
    if len(results) > 1:
        results.append(pooled(results))
    sample: tuple[SpanError, ...] = ()
    if errors > 0:
        sample = sample_errors(postings, predictions, errors, seed)
    return Evaluation(split, *extractor.versions, tuple(results), sample)


def pooled(scores: Sequence[SourceScores]) -> SourceScores:
    """The sources' counts added up, as one row named by joining their names with "+"."""

    def total(field: str) -> SpanScores | None:
        parts = [getattr(s, field) for s in scores]
        if any(p is None for p in parts):
            return None
        return sum(parts[1:], parts[0])

    strict, overlap = total("strict"), total("overlap")
    assert strict is not None and overlap is not None
    return SourceScores(
        "+".join(s.source for s in scores),
        sum(s.postings for s in scores),
        strict,
        overlap,
        total("strict_soft"),
        total("overlap_soft"),
        total("strict_chars"),
    )


def find_errors(posting: Posting, predicted: Sequence[CharSpan]) -> list[SpanError]:
    """Every strict false positive and false negative in one posting."""
    pred, gold = sorted(set(predicted)), sorted(set(posting.gold))
    found: list[SpanError] = []
    sides: tuple[tuple[ErrorKind, list[CharSpan], list[CharSpan]], ...] = (
        ("false_positive", pred, gold),
        ("false_negative", gold, pred),
    )
    for kind, spans, others in sides:
        other_set = set(others)
        for span in spans:
            if span in other_set:
                continue
            found.append(
                SpanError(
                    kind,
                    posting.key,
                    posting.text[span[0] : span[1]],
                    _context(posting.text, span),
                    _overlaps_any(span, others),
                )
            )
    return found


def sample_errors(
    postings: Sequence[Posting], predictions: Sequence[Sequence[CharSpan]], n: int, seed: int = 0
) -> tuple[SpanError, ...]:
    """Up to ``n`` false positives and ``n`` false negatives, drawn reproducibly."""
    every = [e for p, pr in zip(postings, predictions, strict=True) for e in find_errors(p, pr)]
    rng = random.Random(seed)
    picked: list[SpanError] = []
    kinds: tuple[ErrorKind, ...] = ("false_positive", "false_negative")
    for kind in kinds:
        pool = [e for e in every if e.kind == kind]
        picked += rng.sample(pool, min(n, len(pool)))
    return tuple(picked)


def _context(text: str, span: CharSpan, width: int = 50) -> str:
    before = text[max(0, span[0] - width) : span[0]].split("\n")[-1]
    after = text[span[1] : span[1] + width].split("\n")[0]
    return f"{before}[[{text[span[0] : span[1]]}]]{after}"
