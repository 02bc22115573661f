"""Files that cannot be imported as a whole are refused with a clear message, and nothing
of them is stored; a big file streams through in bounded memory."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.flows.test_cli import invoke

# An import's peak memory is some 155 MB above a one-line import's whatever the file's size
# (428 MB at 50, 150 and 300 MB): the file must be well above that for the bound below to
# say anything. At 150 MB it passed only while the one-line run's peak was raised by
# compiling modules from source (without bytecode: 277 MB, with: 266 MB).
ROWS = 120_000
PADDING = " ".join(["Python SQL Kubernetes Docker data pipelines"] * 36)


def _cut_gzip(text: str) -> bytes:
    """``text`` gzipped, then cut in half as by an interrupted download."""
    data = gzip.compress(text.encode("utf-8"))
    return data[: len(data) // 2]


TRUNCATED_JSONL_GZ = _cut_gzip(
    "".join(json.dumps({"id": str(i), "description": f"Python {i}"}) + "\n" for i in range(3000))
)
TRUNCATED_CSV_GZ = _cut_gzip("id,description\n" + "".join(f"{i},SQL {i}\n" for i in range(3000)))


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True) as con:
        return int(con.execute("SELECT count(*) FROM raw_postings").fetchall()[0][0])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty.csv: file is empty"),
        ("latin1.csv", b"id,description\n1,Python\n2,caf\xe9 SQL\n", "cannot decode line 3"),
        ("nodesc.csv", b"id,body\n1,Python\n", "description"),
        ("jobs.xlsx", b"PK\x03\x04", "unknown file type"),
        ("cut.jsonl.gz", TRUNCATED_JSONL_GZ, "cut.jsonl.gz: the gzip data ends before"),
        ("cut.csv.gz", TRUNCATED_CSV_GZ, "cut.csv.gz: the gzip data ends before"),
    ],
    ids=[
        "empty",
        "wrong-encoding",
        "missing-column",
        "unknown-format",
        "truncated-jsonl-gz",
        "truncated-csv-gz",
    ],
)
def test_a_bad_file_is_refused_whole(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    db = tmp_path / "w.duckdb"
    code, output = invoke("import", str(path), "--database", str(db))
    assert code == 2, output
    assert message in output
    assert stored(db) == 0


@pytest.mark.long
def test_a_big_file_streams_and_a_late_fatal_line_stores_nothing(tmp_path: Path) -> None:
    """About 200 MB, unreadable at its very last line: every batch before it was read and
    staged, none was stored. Peak memory stays far below what holding the file would take."""
    path = tmp_path / "big.jsonl"
    with path.open("wb") as f:
        for i in range(ROWS):
            row = {"id": str(i), "description": f"Role {i}: {PADDING}", "date": "2026-03-01"}
            f.write(json.dumps(row).encode() + b"\n")
        f.write(b'{"id": "last", "description": "caf\xe9"}\n')
    size = path.stat().st_size
    assert size > 190_000_000
    db = tmp_path / "w.duckdb"
    code, output, peak = import_measured(path, db)
    assert code == 2, output
    assert f"cannot decode line {ROWS + 1}" in output and "--encoding" in output
    assert stored(db) == 0
    assert not Path(f"{db}.staging").exists()  # the staged files are gone too

    small = tmp_path / "small.jsonl"
    small.write_text('{"id": "1", "description": "Python"}\n', encoding="utf-8")
    code, output, baseline = import_measured(small, tmp_path / "small.duckdb")
    assert code == 0, output
    # DuckDB's cache (capped at 64 MB here) and one batch, not the file, set the growth:
    # it stays below the size of the file, which could not be held in memory.
    growth = peak - baseline
    assert growth < size, f"peak {peak / 1e6:.0f} MB, baseline {baseline / 1e6:.0f} MB"


def import_measured(path: Path, db: Path) -> tuple[int, str, int]:
    """Run ``skillgap import`` in a child; its exit code, output and peak RSS in bytes."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from flows.cli import main; main()",
            "import",
            str(path),
            "--database",
            str(db),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "SKILLGAP_MEMORY_LIMIT": "64MB", "SKILLGAP_BATCH_SIZE": "2000"},
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, output, usage.ru_maxrss * 1024  # kilobytes on Linux
