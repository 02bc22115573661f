"""Where tagging's time goes: CPU time per posting of each stage, one process.

    .venv/bin/python bench/tagging_phases.py --postings 3000

Runs the stages :func:`nlp.batch.tag_batch` runs (the tokenizer, each pipeline component,
the mention and unknown-term records, freeing the doc, the posting profile with its
technician decision)
one at a time over recombined postings, after a warm-up pass over other postings, and
prints each stage's CPU milliseconds per posting and share. CPU time, not wall time, so
that a machine shared with other work still gives comparable figures. The last line is
the rate one process could reach if every stage but the posting profile cost nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nlp.extractor as nlp_extractor
from bench.corpus import corpus
from nlp.compiled import is_compiled
from nlp.extractor import Extractor
from nlp.profile import profile_posting
from nlp.skills import load_taxonomy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=3000)
    args = parser.parse_args()

    extractor = Extractor(load_taxonomy())
    nlp = extractor.nlp
    samples = list(corpus(2 * args.postings))
    warm, timed = samples[: args.postings], samples[args.postings :]
    list(extractor.tag_with_unknown((s.posting_id, s.text) for s in warm))
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    for sample in timed:
        started = clock()
        doc = nlp.make_doc(sample.text)
        spent["tokenizer"] += clock() - started
        for name, component in nlp.pipeline:
            started = clock()
            doc = component(doc)
            spent[name] += clock() - started
        started = clock()
        mentions = extractor.mentions(sample.posting_id, doc)
        extractor.unknown_terms(sample.posting_id, doc)
        spent["records"] += clock() - started
        started = clock()
        del doc  # freeing a doc with its spans is work too, else counted in the next stage
        spent["freeing the doc"] += clock() - started
        started = clock()
        profile_posting(
            sample.posting_id,
            sample.title,
            sample.text,
            mentions,
            extractor.taxonomy,
            extractor.versions[1],
        )
        spent["posting profile (technician decision)"] += clock() - started
    total = sum(spent.values())
    count = len(timed)
    mode = "compiled (mypyc)" if is_compiled(nlp_extractor) else "pure Python"
    print(
        f"{count:,} postings, CPU ms per posting, nlp {mode}, load average {os.getloadavg()[0]:.2f}"
    )
    for name, seconds in spent.items():
        print(f"{name:<40}{1000 * seconds / count:8.3f}{100 * seconds / total:7.1f}%")
    print(f"{'all stages':<40}{1000 * total / count:8.3f}   ({count / total:,.0f} postings/s)")
    profile = spent["posting profile (technician decision)"]
    print(f"bound with every other stage free: {count / profile:,.0f} postings/s")


if __name__ == "__main__":
    main()
