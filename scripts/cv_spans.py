"""Held-out span figures on SkillSpan train, and where the errors are.

    python scripts/cv_spans.py [--folds 5] [--examples 0]

The packaged relevance filter and boundary word lists were fitted on the whole train split, so
``skillgap eval --split train`` scores them on what they were fitted to. This script refits
both on four folds of the train postings (by posting, as the training scripts split them)
and tags the fifth, so every train posting is scored by models that never saw it. The
relevance filter keeps the packaged scope, strength and threshold; the boundary lists are
counted as ``scripts/train_boundaries.py`` counts them. It prints TECH strict-chars and
overlap precision, recall and F1 (soft skills left out, as ``skillgap eval`` does), then the
held-out errors by type:

- boundary: a predicted span overlapping a gold span without equal offsets, by which side is
  off (start or end, too wide or too narrow) and the kind of the first word in the gap;
- false positive: a predicted span overlapping no gold span, by skill category and the
  taxonomy's ``generic`` flag;
- miss: a gold span no prediction overlaps, by whether any raw taxonomy match (before the
  context rules and the filter) touches it.

The dev split is not read. Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_boundaries import count, rules_from  # noqa: E402
from train_relevance import Candidate, fit  # noqa: E402

from nlp.boundary import BoundaryRules, widen  # noqa: E402
from nlp.evaluate import UNSCORED_CATEGORIES, CharSpan, Posting, SpanScores, read_split, score  # noqa: E402
from nlp.extractor import SPANS_KEY, Extractor, SkillMatcher  # noqa: E402
from nlp.relevance import RelevanceModel, features  # noqa: E402
from nlp.skills import load_taxonomy  # noqa: E402


@dataclass
class Fold:
    """What one posting's held-out tagging gives: its doc and predicted spans."""

    doc: Doc
    spans: list[Span]


def raw_matches(matcher: SkillMatcher, doc: Doc) -> list[CharSpan]:
    """Every taxonomy match in ``doc``, before the context rules and any filter."""
    found = [
        (doc[s:e].start_char, doc[s:e].end_char)
        for m in (matcher.folded, matcher.exact, matcher.lowercase)
        for _, s, e in m(doc)
    ]
    return found


def held_out(folds: int) -> tuple[list[Posting], list[Fold], Extractor]:
    """Each train posting tagged with relevance and boundary models fitted without its fold."""
    taxonomy = load_taxonomy()
    packaged = RelevanceModel.load()
    categories = {s.skill_id: s.category for s in taxonomy}
    generic = {s.skill_id for s in taxonomy if s.generic}
    skipped = {s.skill_id for s in taxonomy if s.category in UNSCORED_CATEGORIES}
    extractor = Extractor(taxonomy, use_model=False, boundaries=BoundaryRules())
    postings = read_split("train")
    docs = list(
        extractor.nlp.pipe(
            (p.text for p in postings), disable=["skillgap_boundaries", "skillgap_requirement"]
        )
    )
    cands: list[tuple[int, int, Candidate]] = []
    for n, doc in enumerate(docs):
        spans = list(doc.spans[SPANS_KEY])
        for i, span in enumerate(spans):
            cat = categories[span.label_]
            if cat in UNSCORED_CATEGORIES:
                continue
            cs = (span.start_char, span.end_char)
            label = any(s < cs[1] and cs[0] < e for s, e in postings[n].gold)
            feats = features(doc, spans, i, cat)
            cands.append((n, i, Candidate(n, cs, cat, span.label_ in generic, feats, label)))
    kept: dict[int, list[Span]] = {}
    for fold in range(folds):
        train = [
            c
            for _, _, c in cands
            if c.posting % folds != fold and packaged.covers(c.category, c.generic)
        ]
        model = fit(train, 3.0)
        model = RelevanceModel(model.weights, model.bias, packaged.threshold, packaged.categories)
        drop = {
            (n, i)
            for n, i, c in cands
            if n % folds == fold
            and model.covers(c.category, c.generic)
            and model.probability(c.features) < model.threshold
        }
        for n, doc in enumerate(docs):
            if n % folds == fold:
                spans = list(doc.spans[SPANS_KEY])
                kept[n] = [
                    s for i, s in enumerate(spans) if (n, i) not in drop and s.label_ not in skipped
                ]
    # boundary lists counted on the other folds' kept mentions, before widening
    for n, doc in enumerate(docs):
        doc.spans[SPANS_KEY] = kept[n]
    out: list[Fold] = []
    rules = {}
    for fold in range(folds):
        items = [(d, postings[n].gold) for n, d in enumerate(docs) if n % folds != fold]
        rules[fold] = rules_from(count(items))
    for n, doc in enumerate(docs):
        out.append(Fold(doc, widen(doc, kept[n], rules[n % folds])))
    return postings, out, extractor


def _kind(word: str) -> str:
    w = word.lower()
    if any(ch.isdigit() for ch in w):
        return "version/number"
    if w in {"experience", "knowledge", "skills", "skill", "proficiency", "understanding"}:
        return "experience/knowledge/skills"
    if w in {"in", "of", "with", "and", "or", "&", "/", ",", "(", ")", "-"}:
        return "link/punct:" + w
    if w.endswith("s") and len(w) > 3:
        return "plural-ish word"
    return "word"


def breakdown(
    postings: list[Posting], found: list[Fold], extractor: Extractor, examples: int
) -> None:
    matcher = extractor.nlp.get_pipe("skillgap_skills")
    assert isinstance(matcher, SkillMatcher)
    taxonomy = extractor.taxonomy
    cat = {s.skill_id: s.category for s in taxonomy}
    gen = {s.skill_id for s in taxonomy if s.generic}
    strict = overlap = SpanScores(0, 0, 0, 0)
    bound: Counter[str] = Counter()
    fps: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    samples: dict[str, list[str]] = {}
    for posting, f in zip(postings, found, strict=True):
        if posting.source != "tech":
            continue
        text = posting.text
        pred = {(s.start_char, s.end_char): s.label_ for s in f.spans}
        s, o = score(pred, posting.gold)
        strict, overlap = strict + s, overlap + o
        gold = set(posting.gold)
        raw = raw_matches(matcher, f.doc)
        for (a, b), label in pred.items():
            if (a, b) in gold:
                continue
            hits = [(c, d) for c, d in gold if c < b and a < d]
            if not hits:
                key = f"fp {cat[label]}{' generic' if label in gen else ''}"
                fps[key] += 1
                samples.setdefault(key, []).append(text[a:b])
                continue
            c, d = min(hits, key=lambda g: abs(g[0] - a) + abs(g[1] - b))
            sides = []
            if a < c:
                sides.append(("start too wide", text[a:c].split()[0] if text[a:c].split() else ""))
            elif a > c:
                sides.append(
                    ("start too narrow", text[c:a].split()[-1] if text[c:a].split() else "")
                )
            if b > d:
                sides.append(("end too wide", text[d:b].split()[0] if text[d:b].split() else ""))
            elif b < d:
                sides.append(("end too narrow", text[b:d].split()[0] if text[b:d].split() else ""))
            for side, word in sides:
                key = f"{side}: {_kind(word)}"
                bound[key] += 1
                samples.setdefault(key, []).append(f"{text[a:b]!r} vs gold {text[c:d]!r}")
        for c, d in gold:
            if any(x < d and c < y for x, y in pred):
                continue
            touched = any(x < d and c < y for x, y in raw)
            key = "miss, a raw match touches it" if touched else "miss, no alias touches it"
            misses[key] += 1
            samples.setdefault(key, []).append(text[c:d])
    print(
        f"held-out train TECH strict-chars P {strict.precision:.3f} R {strict.recall:.3f} "
        f"F1 {strict.f1:.3f}; overlap P {overlap.precision:.3f} R {overlap.recall:.3f} "
        f"F1 {overlap.f1:.3f} (pred {strict.predicted}, gold {strict.gold})"
    )
    for title, table in (("boundary errors", bound), ("false positives", fps), ("misses", misses)):
        print(f"\n{title} ({sum(table.values())})")
        for key, k in table.most_common(25):
            shown = "; ".join(samples[key][:examples]) if examples else ""
            print(f"  {k:5d}  {key}  {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args(argv)
    postings, found, extractor = held_out(args.folds)
    breakdown(postings, found, extractor, args.examples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
