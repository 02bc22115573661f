"""Tagging output on a fixed slice, saved once and compared after each speed change.

    .venv/bin/python bench/tagging_identity.py --save bench/.cache/tagging-before.jsonl
    .venv/bin/python bench/tagging_identity.py --check bench/.cache/tagging-before.jsonl

The slice is every bundled 2026 posting plus recombined postings from :mod:`bench.corpus`
(``--postings`` in all). Every table ``tag_batch`` returns (tagged rows, mentions with
offsets and levels, posting profiles, unknown terms, set-aside rows) is written as JSON
lines, so a speed change that alters any output shows as the first differing line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import Sample, _real_postings, corpus
from bench.tagging import to_batches
from nlp.batch import tag_batch
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy

TABLES = ("tagged", "mentions", "profiles", "unknown_terms", "set_aside")


def samples(size: int) -> list[Sample]:
    real = [Sample(p.source_id, p.title, p.description) for p in _real_postings()][:size]
    return real + list(corpus(size - len(real)))


def lines(size: int, batch: int) -> Iterator[str]:
    extractor = Extractor(load_taxonomy())
    for number, chunk in enumerate(to_batches(samples(size), batch)):
        tagged = tag_batch(extractor, chunk)
        for name in TABLES:
            for row in getattr(tagged, name).to_pylist():
                yield json.dumps([number, name, row], sort_keys=True, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the output here")
    action.add_argument("--check", type=Path, help="compare the output with this file")
    parser.add_argument("--postings", type=int, default=4000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    digest = hashlib.sha256()
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        saved = list(lines(args.postings, args.batch))
        for line in saved:
            digest.update(line.encode())
        args.save.write_text("".join(line + "\n" for line in saved), encoding="utf-8")
        print(f"saved {len(saved):,} lines to {args.save}, sha256 {digest.hexdigest()[:16]}")
        return
    before = args.check.read_text(encoding="utf-8").splitlines()
    now = list(lines(args.postings, args.batch))
    for number, (old, new) in enumerate(zip(before, now, strict=False), start=1):
        if old != new:
            sys.exit(f"line {number} differs:\n  before: {old}\n  now:    {new}")
        digest.update(new.encode())
    if len(before) != len(now):
        sys.exit(f"output has {len(now):,} lines, {args.check} has {len(before):,}")
    print(f"identical: {len(now):,} lines, sha256 {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
