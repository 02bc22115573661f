"""Near-duplicate detection speed: signatures, and folding new postings into a warehouse.

    .venv/bin/python bench/dedup.py --sizes 10000,100000

For each size N, on postings of :func:`bench.corpus.corpus`:

1. MinHash signatures + band keys per second, batch numpy code (``warehouse.dedup``) against
   the pure-Python signature it replaced (128 universal hashes per blake2b-hashed shingle;
   timed on at most 2,000 texts, that code being ~5 ms a text);
2. fold + store per second: N postings of one source are loaded in batches of
   ``--batch-size``, then N new postings of a second source (1% of them edited copies of
   stored ones, so candidates are found and confirmed) are loaded against the N stored.
   Only ``fold_across_sources`` is timed (signatures, candidate lookup, band insert); the
   rest of ``load_postings`` is not part of this benchmark.

Results also go to bench/results/dedup.json. The figures are wall-clock time on a shared
machine: expect noise of 20% or more.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import warehouse.load
from bench.corpus import corpus
from extract.records import JobPosting, postings_to_arrow
from warehouse.db import open_warehouse, scalar
from warehouse.dedup import band_matrix, signatures

RESULTS = Path(__file__).resolve().parent / "results"
_OLD_SAMPLE = 2_000
_WORD = re.compile(r"\w+", re.UNICODE)
_PRIME = (1 << 61) - 1


def _old_coefficients() -> list[tuple[int, int]]:
    pairs = []
    for index in range(128):
        digest = hashlib.blake2b(f"skillgap-minhash-{index}".encode(), digest_size=16).digest()
        pairs.append(
            (
                int.from_bytes(digest[:8], "big") % (_PRIME - 1) + 1,
                int.from_bytes(digest[8:], "big") % _PRIME,
            )
        )
    return pairs


_OLD_PERMUTATIONS = _old_coefficients()


def old_signature(text: str) -> tuple[int, ...]:
    """The signature this project computed before batch MinHash (commit 9ca2be6)."""
    words = _WORD.findall(text.casefold())
    grams = {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))} if words else set()
    hashed = [
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in grams
    ]
    if not hashed:
        return (_PRIME,) * 128
    return tuple(min((a * h + b) % _PRIME for h in hashed) for a, b in _OLD_PERMUTATIONS)


def signature_rates(texts: list[str]) -> dict[str, float]:
    sample = texts[:_OLD_SAMPLE]
    start = time.perf_counter()
    for text in sample:
        old_signature(text)
    old = len(sample) / (time.perf_counter() - start)
    array = pa.array(texts, type=pa.large_string())
    start = time.perf_counter()
    band_matrix(signatures(array))
    new = len(texts) / (time.perf_counter() - start)
    return {"old_signatures_per_s": old, "new_signatures_bands_per_s": new}


def postings(texts: list[str], source: str, first_day: datetime) -> Iterator[JobPosting]:
    for number, text in enumerate(texts):
        yield JobPosting(
            source=source,
            source_id=str(number),
            description=text,
            seen_at=first_day + timedelta(seconds=number),
            origin=f"bench:{number}",
            raw="{}",
        )


@contextmanager
def timed_fold(spent: list[float]) -> Iterator[None]:
    """Time every call of fold_across_sources made by load_postings meanwhile."""
    original: Callable[[duckdb.DuckDBPyConnection], None] = warehouse.load.fold_across_sources

    def timed(con: duckdb.DuckDBPyConnection) -> None:
        start = time.perf_counter()
        original(con)
        spent.append(time.perf_counter() - start)

    warehouse.load.fold_across_sources = timed
    try:
        yield
    finally:
        warehouse.load.fold_across_sources = original


def load(con: duckdb.DuckDBPyConnection, rows: list[JobPosting], batch_size: int) -> float:
    spent: list[float] = []
    with timed_fold(spent):
        for start in range(0, len(rows), batch_size):
            warehouse.load.load_postings(con, postings_to_arrow(rows[start : start + batch_size]))
    return sum(spent)


def fold_rates(texts: list[str], batch_size: int, path: Path) -> dict[str, float]:
    rng = random.Random(7)
    size = len(texts)
    new_texts = [sample.text for sample in corpus(size, seed=8)]
    for index in range(0, size, 100):  # 1% edited copies of stored postings
        words = texts[rng.randrange(size)].split(" ")
        words[rng.randrange(len(words))] = "changed"
        new_texts[index] = " ".join(words)
    day = datetime(2026, 1, 1, tzinfo=UTC)
    path.unlink(missing_ok=True)
    with open_warehouse(path) as con:
        first = load(con, list(postings(texts, "bench-a", day)), batch_size)
        second = load(
            con, list(postings(new_texts, "bench-b", day + timedelta(days=30))), batch_size
        )
        folded = scalar(con, "SELECT count(*) FROM raw_postings WHERE posting_id LIKE 'bench-a:%'")
        bands = scalar(con, "SELECT count(*) FROM posting_bands")
    path.unlink(missing_ok=True)
    assert isinstance(folded, int)
    return {
        "fold_store_into_empty_per_s": size / first,
        "fold_store_with_n_stored_per_s": size / second,
        "folded_across_sources": folded - size,
        "band_rows": float(bands) if isinstance(bands, int) else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="e.g. 10000,100000")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--warehouse", type=Path, default=Path("bench/.cache/dedup.duckdb"))
    args = parser.parse_args()
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        texts = [sample.text for sample in corpus(size)]
        figures = signature_rates(texts) | fold_rates(texts, args.batch_size, args.warehouse)
        results[str(size)] = figures
        print(
            f"{size:>9,} postings: signatures old {figures['old_signatures_per_s']:>8,.0f}/s,"
            f" new (with bands) {figures['new_signatures_bands_per_s']:>9,.0f}/s;"
            f" fold+store into empty {figures['fold_store_into_empty_per_s']:>9,.0f}/s,"
            f" with {size:,} stored {figures['fold_store_with_n_stored_per_s']:>9,.0f}/s"
            f" ({figures['folded_across_sources']:,.0f} folded)"
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "dedup.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
