"""Count the head nouns and modifiers that widen a mention (nlp/models/boundaries.json).

    python scripts/train_boundaries.py [--out nlp/models/boundaries.json]

The extractor runs on SkillSpan's train split (both sources) with the version and joined-chunk
rules of :mod:`nlp.boundary` but no word lists. For every kept mention, the word right after
it (and the two words after it, and the word before it) is counted as *taken* when a
KNOWLEDGE span equals the mention widened over it, and as *left* when a KNOWLEDGE span equals
the mention as it is. A word is listed when it was taken at least ``MIN_TAKEN`` times and
more often than left. Five-fold cross-validation over postings checks that lists counted on
four folds raise strict F1 on the fifth. The degree words that lead into a field of study
("BS or MS in ...") are a reviewed list, :data:`DEGREES`, written out with the counted ones.
The dev split is not read. Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.boundary import RULES_PATH, BoundaryRules, widen  # noqa: E402
from nlp.evaluate import UNSCORED_CATEGORIES, CharSpan, SpanScores, read_split, score  # noqa: E402
from nlp.extractor import SPANS_KEY, Extractor  # noqa: E402
from nlp.skills import load_taxonomy  # noqa: E402

FOLDS = 5
MIN_TAKEN = 2
# written by hand, not counted: the words of a degree that leads into a field of study
DEGREES = frozenset(
    {
        "degree",
        "degrees",
        "bachelor",
        "bachelors",
        "master",
        "masters",
        "diploma",
        "doctorate",
        "phd",
        "ph.d",
        "ph.d.",
        "bs",
        "b.s",
        "b.s.",
        "bsc",
        "b.sc",
        "b.sc.",
        "ba",
        "ms",
        "m.s",
        "m.s.",
        "msc",
        "m.sc",
        "m.sc.",
        "ma",
        "university",
        "college",
    }
)


@dataclass
class Counts:
    taken: Counter[str]
    left: Counter[str]


def _alpha(*words: str) -> bool:
    return all(w.replace("-", "").isalpha() for w in words)


def count(docs: Iterable[tuple[Doc, tuple[CharSpan, ...]]]) -> dict[str, Counts]:
    """Taken/left counts of words after, word pairs after and words before each mention."""
    sides = {side: Counts(Counter(), Counter()) for side in ("after", "pair", "before")}
    for doc, gold_spans in docs:
        gold = set(gold_spans)
        spans = list(doc.spans[SPANS_KEY])
        taken_tokens = {t for s in spans for t in range(s.start, s.end)}
        for span in spans:
            a, b = span.start_char, span.end_char
            exact = (a, b) in gold
            n = len(span.doc)
            options = []
            if span.end < n and span.end not in taken_tokens:
                nxt = span.doc[span.end]
                options.append(("after", nxt.lower_, (a, nxt.idx + len(nxt.text))))
                if span.end + 1 < n and span.end + 1 not in taken_tokens:
                    nxt2 = span.doc[span.end + 1]
                    pair = f"{nxt.lower_} {nxt2.lower_}"
                    options.append(("pair", pair, (a, nxt2.idx + len(nxt2.text))))
            if span.start > 0 and span.start - 1 not in taken_tokens:
                prv = span.doc[span.start - 1]
                options.append(("before", prv.lower_, (prv.idx, b)))
            for side, word, wider in options:
                if not _alpha(*word.split()):
                    continue
                if wider in gold:
                    sides[side].taken[word] += 1
                elif exact:
                    sides[side].left[word] += 1
    return sides


def rules_from(sides: dict[str, Counts]) -> BoundaryRules:
    def listed(c: Counts) -> frozenset[str]:
        return frozenset(w for w, k in c.taken.items() if k >= MIN_TAKEN and k > c.left[w])

    pairs = frozenset((p.split(" ", 1)[0], p.split(" ", 1)[1]) for p in listed(sides["pair"]))
    return BoundaryRules(listed(sides["after"]), pairs, listed(sides["before"]), DEGREES)


def strict_f1(items: Iterable[tuple[list[CharSpan], tuple[CharSpan, ...]]]) -> float:
    total = SpanScores(0, 0, 0, 0)
    for pred, gold in items:
        strict, _ = score(pred, gold)
        total = total + strict
    return total.f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=RULES_PATH)
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    skipped = {s.skill_id for s in taxonomy if s.category in UNSCORED_CATEGORIES}
    extractor = Extractor(taxonomy, boundaries=BoundaryRules())
    postings = read_split("train")
    docs = list(extractor.nlp.pipe((p.text for p in postings), disable=["skillgap_requirement"]))
    for doc in docs:
        doc.spans[SPANS_KEY] = [s for s in doc.spans[SPANS_KEY] if s.label_ not in skipped]
    golds = [p.gold for p in postings]
    tech = [i for i, p in enumerate(postings) if p.source == "tech"]

    def held_out(rules_for: dict[int, BoundaryRules]) -> float:
        items = []
        for i in tech:
            doc = docs[i]
            spans = widen(doc, list(doc.spans[SPANS_KEY]), rules_for[i % FOLDS])
            items.append(([(s.start_char, s.end_char) for s in spans], golds[i]))
        return strict_f1(items)

    folds = {
        fold: rules_from(count((docs[i], golds[i]) for i in range(len(docs)) if i % FOLDS != fold))
        for fold in range(FOLDS)
    }
    empty = dict.fromkeys(range(FOLDS), BoundaryRules())
    print(f"train TECH strict F1, no word lists: {held_out(empty):.3f}")
    only_degrees = dict.fromkeys(range(FOLDS), BoundaryRules(degrees=DEGREES))
    print(f"train TECH strict F1, degree words only: {held_out(only_degrees):.3f}")
    print(f"train TECH strict F1, lists from the other folds: {held_out(folds):.3f}")

    rules = rules_from(count(zip(docs, golds, strict=True)))
    meta = {
        "counted_on": "SkillSpan train split (Zhang et al., NAACL 2022), KNOWLEDGE spans",
        "min_taken": MIN_TAKEN,
        "taxonomy_version": taxonomy.version,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(rules.to_json(meta) + "\n", encoding="utf-8")
    print(f"after: {sorted(rules.after)}")
    print(f"after pairs: {sorted(' '.join(p) for p in rules.after_pairs)}")
    print(f"before: {sorted(rules.before)}")
    print(f"degrees: {sorted(rules.degrees)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
