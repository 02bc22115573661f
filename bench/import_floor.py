"""How fast an import of the bench corpus could be at best on this machine, piece by piece.

    .venv/bin/python bench/import_floor.py --size 1000000

``bench/scale.py`` measures skillgap's import + load. This script measures what no import
that keeps its promises can skip, each piece done by the fastest engine at hand, on every
core, with nothing else of skillgap around it:

1. ``store raw``: DuckDB stores every line of the JSON Lines file as it is (raw payloads are
   kept) in a fresh database file, ZSTD-compressed as the warehouse stores them.
2. ``parse``: DuckDB's JSON reader parses the file into Arrow batches of the fields.
3. ``clean``: two polars regex passes over the descriptions (tags out, entities out), half
   a batch on each core. skillgap needs more (block tags to line breaks, entities decoded,
   whitespace folded, the exact rules of :func:`extract.text.clean_html`), so this
   undercounts.
4. ``hash``: SHA-256 of every cleaned text (``hashlib``, one core), the content hash that
   makes loads idempotent.
5. ``store postings``: the fields with the cleaned texts, as the postings table holds them.
6. ``minhash``: the MinHash signatures and band keys of every cleaned text
   (:mod:`warehouse.dedup`, numpy on two threads), which near-duplicate folding needs.

Postings go 50,000 at a time, as an import takes them. Each piece but the hash keeps both
cores busy, so the sum is close to a floor for the whole: an import that does all six cannot
finish much sooner however it overlaps them, and resolving ids against the stored
sightings, folding, quarantine and staging come on top. It times, and does not bound
memory: the parsed corpus is held whole (3 GB at 1M). Results also go to
``bench/results/import_floor.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import CACHE, write_corpus_file
from warehouse.dedup import band_matrix, signatures

T = TypeVar("T")
RESULTS = Path(__file__).resolve().parent / "results"
TARGET = 50_000  # import + load postings/s (issue: Scale)
_BATCH = 50_000
_PLAIN = pl.CompatLevel.oldest()  # large_string, not polars' string views
_FIELDS = ("id", "title", "company", "location", "date", "url", "description")


_KINDS = ", ".join(f"{name}: 'VARCHAR'" for name in _FIELDS)
_READ_FIELDS = (
    "SELECT * FROM read_json(?, format = 'newline_delimited', "  # noqa: S608
    f"columns = {{{_KINDS}}})"  # only the fixed field names are formatted in
)


def _timed(step: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    value = step()
    return value, time.perf_counter() - started


def _hashes(texts: pa.ChunkedArray) -> list[bytes]:
    return [hashlib.sha256(value).digest() for value in texts.cast(pa.large_binary()).to_pylist()]


def _minhash(texts: pa.ChunkedArray) -> npt.NDArray[np.uint64]:
    return band_matrix(signatures(texts))


def _halves(texts: pa.Array, step: Callable[[pl.Series], pl.Series]) -> pa.ChunkedArray:
    """``step`` over each half of a text column at once (polars lets go of the GIL)."""
    middle = len(texts) // 2
    parts = [texts.slice(0, middle), texts.slice(middle)]
    with ThreadPoolExecutor(2) as pool:
        done = list(
            pool.map(lambda part: step(pl.Series(part)).to_arrow(compat_level=_PLAIN), parts)
        )
    return pa.chunked_array(done)


def _clean(texts: pl.Series) -> pl.Series:
    return texts.str.replace_all("<[^>]*>", "").str.replace_all("&#?[0-9A-Za-z]+;", "")


def measure(corpus_file: Path, db: Path, memory_limit: str) -> dict[str, Any]:
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    con.execute("SET memory_limit = ?", [memory_limit])
    con.execute("SET enable_progress_bar = false")
    con.execute(
        f"""
        CREATE TABLE raw (raw VARCHAR USING COMPRESSION zstd);
        CREATE TABLE postings ({", ".join(f"{name} VARCHAR" for name in _FIELDS[:-1])},
                               description VARCHAR USING COMPRESSION zstd);
        """
    )
    path = str(corpus_file)

    def store_raw() -> None:
        con.execute(
            "INSERT INTO raw SELECT * FROM read_csv(?, columns = {'line': 'VARCHAR'},"
            " delim = '\\x01', quote = '', escape = '', header = false, auto_detect = false)",
            [path],
        )
        con.execute("CHECKPOINT")

    seconds = {"store raw": _timed(store_raw)[1], "parse": 0.0, "clean": 0.0, "hash": 0.0}
    batches: list[pa.Table] = []
    texts: list[pa.ChunkedArray] = []
    # Parsed whole before the rest, so that no piece runs while another is timed (a
    # streaming reader would parse in DuckDB's threads behind the cleaning).
    fields, seconds["parse"] = _timed(con.sql(_READ_FIELDS, params=[path]).to_arrow_table)
    for start in range(0, fields.num_rows, _BATCH):
        # One contiguous batch, as a JSON reader gives it (DuckDB's result comes in pieces of
        # 2,048 rows); the copy is not timed.
        batch = fields.slice(start, _BATCH).combine_chunks()
        text, took = _timed(partial(_halves, batch.column("description").chunk(0), _clean))
        seconds["clean"] += took
        seconds["hash"] += _timed(partial(_hashes, text))[1]
        batches.append(batch.drop_columns(["description"]).append_column("description", text))
        texts.append(text)
    del fields
    con.register("cleaned", pa.concat_tables(batches))
    seconds["store postings"] = _timed(
        partial(con.execute, "INSERT INTO postings SELECT * FROM cleaned; CHECKPOINT")
    )[1]
    con.close()
    db.unlink(missing_ok=True)
    # Timed by itself, batch by batch, with nothing else running.
    seconds["minhash"] = sum(_timed(partial(_minhash, text))[1] for text in texts)
    count = sum(len(text) for text in texts)
    total = sum(seconds.values())
    return {
        "postings": count,
        "seconds": seconds,
        "floor_seconds": total,
        "floor_postings_per_s": count / total,
        "target_postings_per_s": TARGET,
        "seconds_left_at_target": count / TARGET - total,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--memory-limit", default="1GB")
    args = parser.parse_args()
    corpus_file = write_corpus_file(args.size)
    result = measure(corpus_file, CACHE / f"floor-{args.size}.duckdb", args.memory_limit)
    for name, value in result["seconds"].items():
        print(f"{name:<16}{value:8.1f} s")
    print(f"{'floor':<16}{result['floor_seconds']:8.1f} s")
    print(
        f"{result['postings']:,} postings: at best {result['floor_postings_per_s']:,.0f}/s; "
        f"{TARGET:,}/s leaves {result['seconds_left_at_target']:.1f} s for everything else"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import_floor.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
