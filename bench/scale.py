"""How skillgap scales: import, load, tagging, report and a nightly run at 10k to 1M postings.

    .venv/bin/python bench/scale.py --sizes 10000,100000,1000000

For each size a corpus of recombined real postings (see :mod:`bench.corpus`) is written once
to a JSON Lines file under ``bench/.cache/`` and then measured stage by stage, each stage in
a child process of its own so that its peak memory is its own:

- ``import``: file → ``JobPosting`` records (:class:`extract.files.tables.FileSource`);
- ``load``: the whole import into a fresh DuckDB warehouse (:func:`flows.pipeline.import_source`:
  read and stage, then store as raw sightings and deduplicated postings);
- ``tag``: every posting through the extractor on all cores, mentions stored by one writer;
- ``baselines``: a bare keyword scan (one trie-shaped regex, the ceiling for a dictionary
  tagger) and a plain regex (one flat alternation over every alias) on a sample;
- ``report``: the HTML report from the warehouse;
- ``nightly``: a second run that imports a file of 1% new postings, tags what is new and
  writes the report, against the full run (load + tag + report).

Peak memory is the largest sum of resident memory over the stage's process and its children
(tagging workers), sampled every 0.1 s. Results go to ``bench/results/scale.json``, merged
with the sizes measured before, and a table is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import CACHE, corpus, write_corpus_file
from flows.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results"
TARGETS = {
    "tag_1m_seconds": 600,
    "import_load_postings_per_s": 50_000,
    "report_1m_seconds": 30,
    "nightly_share_of_full": 0.05,
    "peak_rss_mb_1m": 2048,
}
STAGES = ("import", "load", "tag", "baselines", "report", "nightly")
BASELINE_SCAN_SAMPLE = 20_000
BASELINE_PLAIN_SAMPLE = 2_000
_NEW_SHARE = 100  # the nightly file holds size // 100 new postings


def _timed(step: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    value = step()
    return value, time.perf_counter() - started


def _stage_import(args: argparse.Namespace) -> dict[str, Any]:
    from extract.files.bulk import read_batches
    from extract.files.tables import FileSource

    source = FileSource(args.corpus, source="bench")
    batches = read_batches(source, None, args.batch)
    count, seconds = _timed(lambda: sum(b.postings.num_rows for b in batches))
    return {"postings": count, "seconds": seconds, "rows_per_s": count / seconds}


def _stage_load(args: argparse.Namespace) -> dict[str, Any]:
    from extract.files.tables import FileSource
    from flows.pipeline import import_source, open_writer
    from warehouse.runs import start_run

    con = open_writer(Path(args.db), args.memory_limit)
    run_id = start_run(con, "bench", "bench-full")
    marks: dict[str, float] = {}

    def progress(phase: str, _count: int) -> None:
        marks.setdefault(phase, time.perf_counter())
        marks[f"last_{phase}"] = time.perf_counter()

    started = time.perf_counter()
    counts = import_source(
        con,
        FileSource(args.corpus, source="bench"),
        run_id,
        args.batch,
        load_batch=args.load_batch,
        progress=progress,
    )
    con.close()  # the checkpoint that writes the load into the file is part of it
    total = time.perf_counter() - started
    read = marks["last_read"] - started
    store = total - read
    return {
        "postings": counts.taken,
        "postings_new": counts.postings_new,
        "seconds": total,
        "read_stage_seconds": read,
        "store_seconds": store,
        "import_load_postings_per_s": counts.taken / total,
        "load_rows_per_s": counts.taken / store,
        "db_mb": Path(args.db).stat().st_size / 1e6,
    }


def _tag_all(con: Any, run_id: str, workers: int, batch: int) -> Any:
    """Tag what is new as a run does; ``workers`` 0 chooses as ``tag_workers = 0`` does."""
    from flows.pipeline import choose_workers, tag_new_postings
    from nlp.extractor import Extractor
    from nlp.skills import load_taxonomy
    from warehouse.runs import finish_run

    extractor = Extractor(load_taxonomy())
    workers = choose_workers(con, extractor, workers)
    counts = tag_new_postings(con, extractor, run_id, batch, workers=workers)
    finish_run(
        con,
        run_id,
        "completed",
        taxonomy_version=counts.taxonomy_version,
        extractor_version=counts.extractor_version,
        postings_tagged=counts.postings_tagged,
        mentions_stored=counts.mentions,
    )
    return counts


def _stage_tag(args: argparse.Namespace) -> dict[str, Any]:
    from flows.pipeline import open_writer

    def tag_and_close() -> Any:
        con = open_writer(Path(args.db), args.memory_limit)
        counts = _tag_all(con, "bench-full", args.workers, args.batch)
        con.close()  # with its checkpoint
        return counts

    counts, seconds = _timed(tag_and_close)
    return {
        "postings": counts.postings_tagged,
        "mentions": counts.mentions,
        "workers": args.workers,
        "seconds": seconds,
        "postings_per_s": counts.postings_tagged / seconds,
        "extractor": counts.extractor_version,
    }


def plain_pattern(aliases: set[str]) -> re.Pattern[str]:
    """The naive tagger: one alternation of every alias, longest first."""
    body = "|".join(re.escape(a) for a in sorted(aliases, key=lambda a: (-len(a), a)))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _stage_baselines(args: argparse.Namespace) -> dict[str, Any]:
    from bench.tagging import keyword_regex
    from nlp.skills import load_taxonomy

    taxonomy = load_taxonomy()
    texts = [s.text for s in corpus(min(args.size, BASELINE_SCAN_SAMPLE))]
    folded, exact = keyword_regex(taxonomy)
    _, scan = _timed(lambda: [(folded.findall(t), exact.findall(t)) for t in texts])
    plain = plain_pattern({a for s in taxonomy.skills for a in s.aliases if a})
    sample = texts[:BASELINE_PLAIN_SAMPLE]
    _, naive = _timed(lambda: [plain.findall(t) for t in sample])
    return {
        "keyword_scan_sample": len(texts),
        "keyword_scan_postings_per_s": len(texts) / scan,
        "plain_regex_sample": len(sample),
        "plain_regex_postings_per_s": len(sample) / naive,
    }


def _stage_report(args: argparse.Namespace) -> dict[str, Any]:
    from flows.pipeline import open_writer
    from reports.page import write_report

    con = open_writer(Path(args.db), args.memory_limit)
    out = Path(args.db).with_suffix(".report") / "report.html"
    out.parent.mkdir(exist_ok=True)
    summary, seconds = _timed(lambda: write_report(con, out))
    con.close()
    return {"seconds": seconds, "postings": summary.postings}


def _stage_nightly(args: argparse.Namespace) -> dict[str, Any]:
    from extract.files.tables import FileSource
    from flows.pipeline import import_source, open_writer
    from reports.page import write_report
    from warehouse.runs import start_run

    # Step by step as the nightly flow runs them: each opens the warehouse, does its work and
    # closes it again (with its checkpoint), so the report starts from a settled file.
    database = Path(args.db)
    started = time.perf_counter()
    with closing(open_writer(database, args.memory_limit)) as con:
        run_id = start_run(con, "bench", "bench-nightly")
        imported = import_source(
            con,
            FileSource(args.new, source="bench"),
            run_id,
            args.batch,
            load_batch=args.load_batch,
        )
    after_import = time.perf_counter()
    with closing(open_writer(database, args.memory_limit)) as con:
        # As a nightly run with the default tag_workers = 0: worker processes only when the
        # new postings are many enough to repay starting them.
        tagged = _tag_all(con, run_id, 0, args.batch)
    after_tag = time.perf_counter()
    out = database.with_suffix(".report") / "nightly.html"
    out.parent.mkdir(exist_ok=True)
    with closing(open_writer(database, args.memory_limit)) as con:
        write_report(con, out)
    finished = time.perf_counter()
    return {
        "new_postings": imported.postings_new,
        "tagged": tagged.postings_tagged,
        "import_seconds": after_import - started,
        "tag_seconds": after_tag - after_import,
        "report_seconds": finished - after_tag,
        "seconds": finished - started,
    }


_RUNNERS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "import": _stage_import,
    "load": _stage_load,
    "tag": _stage_tag,
    "baselines": _stage_baselines,
    "report": _stage_report,
    "nightly": _stage_nightly,
}


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in kB, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    total = 0
    for pid in family:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        total += int(match.group(1)) if match else 0
    return total


def run_stage(stage: str, options: list[str]) -> dict[str, Any]:
    """Run one stage in a child process; its figures plus the peak memory of its tree."""
    command = [sys.executable, __file__, "--stage", stage, *options]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(child.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    stop.set()
    sampler.join()
    if child.returncode != 0:
        # Recorded, not raised: the other stages still say something.
        return {"error": f"exit code {child.returncode}", "peak_rss_mb": round(peak / 1024, 1)}
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_mb"] = round(peak / 1024, 1)
    return result


def measure(size: int, args: argparse.Namespace) -> dict[str, Any]:
    corpus_file, made = _timed(lambda: write_corpus_file(size))
    new_file = write_corpus_file(size // _NEW_SHARE, seed=7, first_id=size)
    db = CACHE / f"scale-{size}.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    options = [
        f"--size={size}",
        f"--corpus={corpus_file}",
        f"--new={new_file}",
        f"--db={db}",
        f"--workers={args.workers}",
        f"--batch={args.batch}",
        f"--load-batch={args.load_batch}",
        f"--memory-limit={args.memory_limit}",
    ]
    result: dict[str, Any] = {
        "corpus_mb": round(corpus_file.stat().st_size / 1e6, 1),
        "corpus_write_seconds": round(made, 1),
    }
    for stage in STAGES:
        print(f"  {size:,}: {stage} ...", file=sys.stderr, flush=True)
        result[stage] = run_stage(stage, options)
    if not any("error" in result[s] for s in ("load", "tag", "report", "nightly")):
        full = sum(result[s]["seconds"] for s in ("load", "tag", "report"))
        result["full_run_seconds"] = full
        result["nightly_share_of_full"] = result["nightly"]["seconds"] / full
    result["peak_rss_mb"] = max(result[s]["peak_rss_mb"] for s in STAGES)
    db.unlink(missing_ok=True)
    return result


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def print_table(results: dict[str, dict[str, Any]]) -> None:
    sizes = sorted(results, key=int)
    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("import rows/s (file → records)", lambda r: f"{r['import']['rows_per_s']:,.0f}"),
        ("load rows/s (staged → warehouse)", lambda r: f"{r['load']['load_rows_per_s']:,.0f}"),
        ("import + load postings/s [≥50k]",
         lambda r: f"{r['load']['import_load_postings_per_s']:,.0f}"),
        ("tagging postings/s, all cores", lambda r: f"{r['tag']['postings_per_s']:,.0f}"),
        ("tagging seconds [1M ≤600]", lambda r: f"{r['tag']['seconds']:,.0f}"),
        ("keyword-scan ceiling postings/s",
         lambda r: f"{r['baselines']['keyword_scan_postings_per_s']:,.0f}"),
        ("plain regex postings/s",
         lambda r: f"{r['baselines']['plain_regex_postings_per_s']:,.0f}"),
        ("report seconds [1M ≤30]", lambda r: f"{r['report']['seconds']:,.1f}"),
        ("full run seconds", lambda r: f"{r['full_run_seconds']:,.0f}"),
        ("nightly (+1%) seconds", lambda r: f"{r['nightly']['seconds']:,.1f}"),
        ("nightly / full [≤5%]", lambda r: f"{100 * r['nightly_share_of_full']:.1f}%"),
        ("peak RSS MB (import/load/tag/report)", lambda r: "/".join(
            f"{r[s]['peak_rss_mb']:,.0f}" for s in ("import", "load", "tag", "report"))),
        ("peak RSS MB, any stage [1M ≤2048]", lambda r: f"{r['peak_rss_mb']:,.0f}"),
    ]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    cells = [[_cell(cell, results[s]) for s in sizes] for _, cell in rows]
    column = max([16, *(len(c) + 2 for row in cells for c in row)])
    print(f"{'postings':<{width}}" + "".join(f"{int(s):>{column},}" for s in sizes))
    for (name, _), row in zip(rows, cells, strict=True):
        print(f"{name:<{width}}" + "".join(f"{c:>{column}}" for c in row))


def _cell(cell: Callable[[dict[str, Any]], str], result: dict[str, Any]) -> str:
    try:
        return cell(result)
    except KeyError:
        return "failed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch", type=int, default=Settings.model_fields["batch_size"].default)
    parser.add_argument(
        "--load-batch", type=int, default=Settings.model_fields["load_batch_size"].default
    )
    parser.add_argument(
        "--memory-limit",
        default=Settings.model_fields["memory_limit"].default,
        help="DuckDB's cap for the writer, as the memory_limit setting (default: its default)",
    )
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    for hidden in ("--size", "--corpus", "--new", "--db"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        args.size = int(args.size)
        print(json.dumps(_RUNNERS[args.stage](args)))
        return

    path = RESULTS / "scale.json"
    stored = json.loads(path.read_text()) if path.exists() else {}
    results: dict[str, dict[str, Any]] = stored.get("sizes", {})
    for size in (int(s) for s in args.sizes.split(",")):
        results[str(size)] = _rounded(measure(size, args))
        RESULTS.mkdir(exist_ok=True)
        document = {
            "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
            "targets": TARGETS,
            "sizes": results,
        }
        path.write_text(json.dumps(document, indent=2) + "\n")
    print_table(results)


if __name__ == "__main__":
    main()
