"""Report build time on a warehouse of 1M postings, or on a warehouse you have.

    .venv/bin/python bench/report.py --postings 1000000
    .venv/bin/python bench/report.py --warehouse skillgap.duckdb --repeat 3

With ``--warehouse`` (for example the demo's, ~27,000 postings 2013-2026) the report is
written from a copy of that file, ``--repeat`` times in one process; the first time includes
Plotly's first figure. Prints each time, the page's size and its chart data's, against the
demo's targets (10 s, 12 MB), and writes bench/results/report_warehouse.json.

Builds the warehouse from the bundled postings, really imported and tagged, then replicates
them inside DuckDB: each copy gets new ids, a posting month shifted back by whole months (so
the series spans years) and one of a few source names, and keeps its real text, mentions,
profile and unknown terms. Query cost depends on row counts and their spread over months,
skills and sources, which this keeps realistic; tagging 1M postings is measured elsewhere
(bench/scale.py). Prints the build time and writes bench/results/report.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.bundled import HN_2026_SIGHTINGS
from extract.files.hn_sightings import HNSightingsFile
from flows.pipeline import import_source, tag_new_postings
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy
from reports.page import write_report
from warehouse.db import open_warehouse
from warehouse.runs import finish_run, start_run

RESULTS = Path(__file__).resolve().parent / "results"
SOURCES = ["hn", "greenhouse", "lever", "ashby", "usajobs"]
MONTHS_BACK = 60

# Copy k of a posting gets id "<id>#k", a month shifted back by k mod 60, a source from the
# list. Only fixed names and integers are formatted into these statements.
_REPLICATE = {
    "postings": """
        INSERT INTO postings BY NAME
        SELECT b.* REPLACE (
            posting_id || '#' || k AS posting_id,
            $sources[1 + k % len($sources)] AS source,
            source_id || '#' || k AS source_id,
            posted_at - to_months(k % $months) AS posted_at,
            first_seen - to_months(k % $months) AS first_seen,
            last_seen - to_months(k % $months) AS last_seen)
        FROM base_postings AS b, range(1, $copies) AS r(k)
    """,
    "skill_mentions": """
        INSERT INTO skill_mentions BY NAME
        SELECT b.* REPLACE (posting_id || '#' || k AS posting_id)
        FROM base_mentions AS b, range(1, $copies) AS r(k)
    """,
    "posting_profiles": """
        INSERT INTO posting_profiles BY NAME
        SELECT b.* REPLACE (posting_id || '#' || k AS posting_id)
        FROM base_profiles AS b, range(1, $copies) AS r(k)
    """,
    "unknown_terms": """
        INSERT INTO unknown_terms BY NAME
        SELECT b.* REPLACE (posting_id || '#' || k AS posting_id)
        FROM base_unknown AS b, range(1, $copies) AS r(k)
    """,
    "posting_tags": """
        INSERT INTO posting_tags BY NAME
        SELECT b.* REPLACE (posting_id || '#' || k AS posting_id)
        FROM base_tags AS b, range(1, $copies) AS r(k)
    """,
}


def build(path: Path, postings: int) -> dict[str, float]:
    started = time.perf_counter()
    with closing(open_warehouse(path)) as con:
        run_id = start_run(con, "bench")
        import_source(con, HNSightingsFile(HN_2026_SIGHTINGS), run_id)
        extractor = Extractor(load_taxonomy())
        counts = tag_new_postings(con, extractor, run_id)
        finish_run(
            con,
            run_id,
            "completed",
            taxonomy_version=counts.taxonomy_version,
            extractor_version=counts.extractor_version,
        )
        base = con.execute("SELECT count(*) FROM postings").fetchall()[0][0]
        copies = -(-postings // base)
        for name, table in [
            ("base_postings", "postings"),
            ("base_mentions", "skill_mentions"),
            ("base_profiles", "posting_profiles"),
            ("base_unknown", "unknown_terms"),
            ("base_tags", "posting_tags"),
        ]:
            con.execute(f"CREATE TEMP TABLE {name} AS FROM {table}")
        params = {"copies": copies, "sources": SOURCES, "months": MONTHS_BACK}
        for sql in _REPLICATE.values():
            used = {k: v for k, v in params.items() if f"${k}" in sql}
            con.execute(sql, used)
        con.execute("CHECKPOINT")
        total = con.execute("SELECT count(*) FROM postings").fetchall()[0][0]
        mentions = con.execute("SELECT count(*) FROM skill_mentions").fetchall()[0][0]
    return {
        "build_seconds": round(time.perf_counter() - started, 1),
        "postings": total,
        "mentions": mentions,
        "copies": copies,
    }


def time_warehouse(warehouse: Path, repeat: int) -> None:
    """Write the report ``repeat`` times from a copy of ``warehouse``; print the figures."""
    with tempfile.TemporaryDirectory(prefix="skillgap-bench-report-") as tmp:
        database = Path(tmp) / "w.duckdb"
        shutil.copyfile(warehouse, database)
        out = Path(tmp) / "report.html"
        times = []
        with closing(open_warehouse(database)) as con:
            for _ in range(repeat):
                started = time.perf_counter()
                summary = write_report(con, out)
                times.append(time.perf_counter() - started)
        page_mb = out.stat().st_size / 1e6
        data_mb = sum(f.stat().st_size for f in summary.data_files) / 1e6
    result = {
        "warehouse": str(warehouse),
        "postings": summary.postings,
        "period": summary.period,
        "charts": len(summary.charts),
        "seconds": [round(t, 2) for t in times],
        "median_seconds": round(statistics.median(times), 2),
        "page_mb": round(page_mb, 2),
        "data_mb": round(data_mb, 2),
        "target_seconds": 10,
        "target_mb": 12,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "report_warehouse.json").write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"report of {summary.postings:,} postings per {summary.period}, {len(summary.charts)} "
        f"charts: {', '.join(f'{t:.1f}' for t in times)} s (median {result['median_seconds']} "
        f"s, target ≤ 10 s, ratio {result['median_seconds'] / 10:.2f}); page {page_mb:.1f} MB "
        f"+ chart data {data_mb:.2f} MB (target ≤ 12 MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--warehouse", type=Path, help="time the report of this warehouse")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.warehouse is not None:
        time_warehouse(args.warehouse, args.repeat)
        return
    with tempfile.TemporaryDirectory(prefix="skillgap-bench-report-") as tmp:
        database = Path(tmp) / "w.duckdb"
        built = build(database, args.postings)
        out = Path(tmp) / "report.html"
        with closing(open_warehouse(database)) as con:
            started = time.perf_counter()
            summary = write_report(con, out)
            seconds = time.perf_counter() - started
        size_mb = out.stat().st_size / 1e6
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        **built,
        "report_seconds": round(seconds, 2),
        "report_postings": summary.postings,
        "page_mb": round(size_mb, 2),
        "peak_rss_mb": round(peak_mb),
        "target_seconds": 30,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "report.json").write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"warehouse: {built['postings']:,} postings, {built['mentions']:,} mentions "
        f"(built in {built['build_seconds']} s)"
    )
    print(
        f"report: {seconds:.1f} s for {summary.postings:,} postings (target ≤ 30 s); "
        f"page {size_mb:.1f} MB; peak RSS {peak_mb:,.0f} MB"
    )


if __name__ == "__main__":
    main()
