"""Tagging speed: our extractor against a bare keyword scan over the same taxonomy terms.

    .venv/bin/python bench/tagging.py --postings 20000

Prints postings/s and MB/s for (1) one compiled regex over every taxonomy alias, the ceiling
for any dictionary tagger, (2) the full extractor in one process, as a run with one tagging
process calls it (``nlp.parallel.tag_batches``: tokenizer, matcher, context rules,
requirement levels, posting profiles, unknown terms; compiled where ``make`` could compile
it, see ``scripts/compile_nlp.py``, and the first line says whether), (3) the same on every
core through worker processes started beforehand (a run starts them once;
their start-up is printed apart, and the rate with it); and the ratios to the scans run
just before and after each, with the load average beside them. Results also go to
bench/results/tagging.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nlp.extractor
from bench.corpus import Sample, corpus
from nlp.compiled import is_compiled
from nlp.extractor import Extractor
from nlp.parallel import TaggingPool, tag_batches
from nlp.skills import Taxonomy, load_taxonomy

RESULTS = Path(__file__).resolve().parent / "results"


def trie_pattern(terms: set[str]) -> str:
    """A regex matching any of ``terms``, factored as a trie so matching never backtracks
    through thousands of alternatives (a flat alternation is ~50x slower in Python's re)."""
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return r"(?<!\w)" + build(trie) + r"(?!\w)"


def keyword_regex(taxonomy: Taxonomy) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One case-insensitive and one case-sensitive pattern over every alias."""
    folded = {a.lower() for s in taxonomy.skills for a in s.aliases if a}
    exact = {a for s in taxonomy.skills for a in s.exact_aliases if a}
    return re.compile(trie_pattern(folded), re.IGNORECASE), re.compile(trie_pattern(exact))


def to_batches(samples: list[Sample], size: int) -> list[pa.RecordBatch]:
    return [
        pa.RecordBatch.from_pydict(
            {
                "posting_id": [s.posting_id for s in chunk],
                "content_hash": [s.posting_id for s in chunk],
                "title": [s.title for s in chunk],
                "description": [s.text for s in chunk],
            }
        )
        for chunk in (samples[i : i + size] for i in range(0, len(samples), size))
    ]


def rate(count: int, megabytes: float, seconds: float) -> dict[str, float]:
    return {
        "seconds": round(seconds, 3),
        "postings_per_s": round(count / seconds, 1),
        "mb_per_s": round(megabytes / seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    samples = list(corpus(args.postings))
    megabytes = sum(len(s.text.encode("utf-8")) for s in samples) / 1e6
    taxonomy = load_taxonomy()
    extractor = Extractor(taxonomy)
    batches = to_batches(samples, args.batch)

    folded, exact = keyword_regex(taxonomy)

    def keyword_scan() -> tuple[dict[str, float], int]:
        started = time.perf_counter()
        hits = sum(len(folded.findall(s.text)) + len(exact.findall(s.text)) for s in samples)
        return rate(len(samples), megabytes, time.perf_counter() - started), hits

    # The scan runs before and after each extractor run, and each ratio is to the mean of
    # the two scans around it, so a load that changes during the run moves both sides.
    loads = [os.getloadavg()[0]]
    scan, scan_hits = keyword_scan()
    started = time.perf_counter()
    ours_mentions = sum(r.mentions.num_rows for r in tag_batches(batches, extractor))
    ours = rate(len(samples), megabytes, time.perf_counter() - started)
    scan_between, _ = keyword_scan()
    loads.append(os.getloadavg()[0])

    started = time.perf_counter()
    with TaggingPool(extractor, args.workers) as pool:
        start_up = time.perf_counter() - started
        started = time.perf_counter()
        pooled_mentions = sum(r.mentions.num_rows for r in pool.tag(batches))
        seconds = time.perf_counter() - started
    pooled = rate(len(samples), megabytes, seconds)
    with_start_up = rate(len(samples), megabytes, seconds + start_up)
    assert pooled_mentions == ours_mentions, "the pool must find what one process finds"
    scan_after, _ = keyword_scan()
    loads.append(os.getloadavg()[0])
    scans = [row["postings_per_s"] for row in (scan, scan_between, scan_after)]

    result = {
        "postings": len(samples),
        "megabytes": round(megabytes, 2),
        "taxonomy": taxonomy.version,
        "extractor": extractor.versions[1],
        "skills": len(taxonomy),
        "compiled": is_compiled(nlp.extractor),
        "keyword_scan": {**scan, "hits": scan_hits},
        "keyword_scans_postings_per_s": scans,
        "extractor_1_process": {**ours, "mentions": ours_mentions},
        f"extractor_{args.workers}_workers": {**pooled, "mentions": pooled_mentions},
        f"extractor_{args.workers}_workers_with_start_up": {
            **with_start_up,
            "start_up_s": round(start_up, 2),
        },
        "ratio_extractor_to_scan": round(2 * ours["postings_per_s"] / sum(scans[:2]), 3),
        "ratio_workers_to_scan": round(2 * pooled["postings_per_s"] / sum(scans[1:]), 3),
        "load_average_1min": [round(x, 2) for x in loads],
        "speedup_workers": round(pooled["postings_per_s"] / ours["postings_per_s"], 2),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "tagging.json").write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"corpus: {len(samples):,} postings, {megabytes:.1f} MB, taxonomy {taxonomy.version}, "
        + ("nlp compiled (mypyc)" if result["compiled"] else "nlp in pure Python")
    )
    print(f"{'':<26}{'postings/s':>12}{'MB/s':>8}{'seconds':>9}")
    for name, row in [
        ("keyword scan (1 regex)", scan),
        ("extractor, 1 process", ours),
        (f"extractor, {args.workers} workers", pooled),
        ("  same, with start-up", with_start_up),
    ]:
        print(
            f"{name:<26}{row['postings_per_s']:>12,.0f}{row['mb_per_s']:>8.2f}"
            f"{row['seconds']:>9.1f}"
        )
    print(
        f"extractor / scan: 1 process {result['ratio_extractor_to_scan']:.3f}, "
        f"{args.workers} workers {result['ratio_workers_to_scan']:.3f}; "
        f"{args.workers} workers / 1 process: {result['speedup_workers']:.2f}x; "
        f"workers' start-up {start_up:.1f} s"
    )
    print(
        "keyword scans before, between and after (postings/s): "
        + ", ".join(f"{x:,.0f}" for x in scans)
        + "; load average (1 min) then: "
        + ", ".join(f"{x:.2f}" for x in loads)
    )


if __name__ == "__main__":
    main()
