"""Fit the model that grows mentions over the words annotators take in (nlp/models/extent.json).

    python scripts/train_extent.py [--out nlp/models/extent.json]

Mentions are those of ``scripts/cv_spans.py``: SkillSpan's train postings (both sources),
each tagged by relevance and boundary models fitted without its fold. For each mention that
overlaps a KNOWLEDGE span, the words beside it are walked outwards, right then left, as
:func:`nlp.extent.grow` walks them: each word is an example, positive when the KNOWLEDGE span
covers it; the walk stops at the first negative. A logistic regression over the features of
:func:`nlp.extent.step_features` is fitted as the relevance filter's is. The L2 strength, the
largest number of words a side and the threshold are chosen by five-fold cross-validation
over postings on TECH strict F1 (character offsets) of the held-out folds; the grid's
best keeps overlap F1 within 0.005 of no growing. The dev split is not read. Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from cv_spans import Fold, breakdown, held_out  # noqa: E402
from train_relevance import Candidate, fit  # noqa: E402

from nlp.evaluate import CharSpan, Posting, SpanScores, score  # noqa: E402
from nlp.extent import EXTENT_PATH, ExtentModel, grow, open_token, step_features  # noqa: E402
from nlp.skills import load_taxonomy  # noqa: E402

FOLDS = 5
STRENGTHS = (3.0, 10.0, 30.0, 100.0)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75)
STEPS = (1, 2, 3)


def examples(posting: Posting, found: Fold, n: int) -> list[Candidate]:
    """The walk of every mention that overlaps a gold span, one example per word looked at."""
    doc = found.doc
    taken = {t for s in found.spans for t in range(s.start, s.end)}
    out: list[Candidate] = []
    for span in found.spans:
        a, b = span.start_char, span.end_char
        hits = [(c, d) for c, d in posting.gold if c < b and a < d]
        if not hits:
            continue
        c, d = min(hits, key=lambda g: abs(g[0] - a) + abs(g[1] - b))
        for side in ("right", "left"):
            start, end, steps = span.start, span.end, 0
            while steps < max(STEPS):
                i = end if side == "right" else start - 1
                if not open_token(doc, i, taken):
                    break
                token = doc[i]
                inside = c <= token.idx and token.idx + len(token.text) <= d
                feats = step_features(doc, start, end, side, steps)
                out.append(Candidate(n, (a, b), "", False, feats, inside))
                if not inside:
                    break
                if side == "right":
                    end += 1
                else:
                    start -= 1
                steps += 1
    return out


def tech_scores(
    postings: list[Posting], spans: dict[int, list[CharSpan]]
) -> tuple[SpanScores, SpanScores]:
    strict = overlap = SpanScores(0, 0, 0, 0)
    for n, posting in enumerate(postings):
        if posting.source == "tech":
            s, o = score(spans[n], posting.gold)
            strict, overlap = strict + s, overlap + o
    return strict, overlap


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=EXTENT_PATH)
    parser.add_argument(
        "--breakdown", type=int, default=0, help="print held-out errors, with this many examples"
    )
    args = parser.parse_args(argv)
    postings, found, extractor = held_out(FOLDS)
    every = [examples(p, f, n) for n, (p, f) in enumerate(zip(postings, found, strict=True))]
    print(f"{sum(map(len, every))} examples ({sum(c.label for e in every for c in e)} inside)")

    def chars(spans: list) -> list[CharSpan]:
        return [(s.start_char, s.end_char) for s in spans]

    base = {n: chars(f.spans) for n, f in enumerate(found)}
    b_strict, b_overlap = tech_scores(postings, base)
    print(
        f"no growing: held-out TECH strict-chars P {b_strict.precision:.3f} "
        f"R {b_strict.recall:.3f} F1 {b_strict.f1:.3f}; overlap F1 {b_overlap.f1:.3f}"
    )
    results: dict[tuple[float, int, float], tuple[SpanScores, SpanScores]] = {}
    fold_models: dict[float, dict[int, ExtentModel]] = {}
    for strength in STRENGTHS:
        models = fold_models[strength] = {}
        for fold in range(FOLDS):
            train = [c for n, e in enumerate(every) if n % FOLDS != fold for c in e]
            models[fold] = fit(train, strength)
        for steps in STEPS:
            for threshold in THRESHOLDS:
                grown = {}
                for n, f in enumerate(found):
                    m = models[n % FOLDS]
                    model = ExtentModel(m.weights, m.bias, threshold, steps)
                    grown[n] = chars(grow(f.doc, f.spans, model))
                results[strength, steps, threshold] = tech_scores(postings, grown)
    fine = {k: v for k, v in results.items() if v[1].f1 >= b_overlap.f1 - 0.005}
    best = max(fine, key=lambda k: (fine[k][0].f1, -k[1], k[2]))
    s, o = results[best]
    strength, steps, threshold = best
    print(
        f"best: strength {strength}, steps {steps}, threshold {threshold}: held-out TECH "
        f"strict-chars P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}; "
        f"overlap P {o.precision:.3f} R {o.recall:.3f} F1 {o.f1:.3f}"
    )
    if args.breakdown:
        held = []
        for n, f in enumerate(found):
            m = fold_models[strength][n % FOLDS]
            spans = grow(f.doc, f.spans, ExtentModel(m.weights, m.bias, threshold, steps))
            held.append(Fold(f.doc, spans))
        breakdown(postings, held, extractor, args.breakdown)
    final = fit([c for e in every for c in e], strength)
    model = ExtentModel(final.weights, final.bias, threshold, steps)
    meta = {
        "trained_on": "SkillSpan train split (Zhang et al., NAACL 2022), KNOWLEDGE spans",
        "examples": sum(map(len, every)),
        "l2_strength": strength,
        "cv_train_tech_strict_chars_f1": round(s.f1, 4),
        "cv_train_tech_strict_chars_f1_without": round(b_strict.f1, 4),
        "taxonomy_version": load_taxonomy().version,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.to_json(meta) + "\n", encoding="utf-8")
    print(f"wrote {len(model.weights)} weights to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
