"""Every failure a user can meet ends with one clear line and the exit status the README
gives it: 2 when the command or the run failed, never a traceback or "Aborted."."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from flows.exits import (
    STOPPED_MESSAGE,
    TERMINATED,
    Stopped,
    failure,
    sigterm_received,
    stopped_by_sigterm,
)
from tests.flows.test_cli import invoke


def one_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output and "Aborted" not in output
    return lines[0]


def jobs_file(path: Path, rows: int = 20, width: int = 40) -> Path:
    path.write_text(
        "".join(
            json.dumps({"id": str(i), "description": f"Python {i} " + "z" * width}) + "\n"
            for i in range(rows)
        ),
        encoding="utf-8",
    )
    return path


def test_a_database_in_a_read_only_folder(tmp_path: Path, read_only_dir: Path) -> None:
    code, output = invoke(
        "import", str(jobs_file(tmp_path / "jobs.jsonl")), "-d", str(read_only_dir / "w.duckdb")
    )
    assert code == 2, output
    line = one_line(output)
    assert str(read_only_dir) in line and "folder" in line


def test_a_report_folder_that_cannot_be_written(tmp_path: Path, read_only_dir: Path) -> None:
    db = tmp_path / "w.duckdb"
    code, output = invoke("import", str(jobs_file(tmp_path / "jobs.jsonl")), "-d", str(db))
    assert code == 0, output
    code, output = invoke("report", "-d", str(db), "--out", str(read_only_dir / "r.html"))
    assert code == 2, output
    line = one_line(output)
    assert f"{read_only_dir / 'r.html'}: cannot write the report" in line


def test_a_settings_file_with_a_toml_syntax_error(tmp_path: Path) -> None:
    config = tmp_path / "broken.toml"
    config.write_text('database = "x.duckdb"\n[report\ntop_n = 3\n', encoding="utf-8")
    code, output = invoke("status", "-c", str(config))
    assert code == 2, output
    line = one_line(output)
    assert f"{config}: not valid TOML" in line and "line 2, column 8" in line


def test_a_full_disk(tmp_path: Path, small_disk: Callable[[str], Path]) -> None:
    disk = small_disk("4m")
    db = disk / "w.duckdb"
    big = jobs_file(tmp_path / "big.jsonl", rows=20_000, width=400)  # far more than 4 MB
    code, output = invoke("import", str(big), "-d", str(db))
    assert code == 2, output
    assert "no space left on device" in one_line(output).lower()
    # The staged copy is gone; what is left is the warehouse (its batches whole or absent).
    assert {p.name for p in disk.iterdir()} <= {"w.duckdb", "w.duckdb.wal", "w.duckdb.lock"}


def test_an_unexpected_error_says_where_its_traceback_went(tmp_path: Path) -> None:
    texts = tmp_path / "in.jsonl"
    texts.write_text('{"id": 1, "text": "Python"}\n', encoding="utf-8")
    target = tmp_path / "a-directory"
    target.mkdir()
    code, output = invoke("tag", "--in", str(texts), "--out", str(target))
    assert code == 2, output
    line = one_line(output)
    assert "unexpected error: IsADirectoryError" in line
    log = Path(line.rsplit("the full traceback is in ", 1)[1].strip())
    assert "Traceback" in log.read_text(encoding="utf-8")
    log.unlink()


def test_a_sigterm_that_surfaces_as_a_duckdb_error_still_ends_as_stopped() -> None:
    # A SIGTERM landing while DuckDB registers a table comes out as DuckDB's own error
    # ("Query interrupted", ...) most times, not as the Stopped the handler raised.
    con = duckdb.connect()
    table = pa.table({"a": list(range(1000))})
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM))
    with pytest.raises(Stopped) as caught, stopped_by_sigterm() as sigterm:
        timer.start()  # only once the handler is in place: else SIGTERM ends the test process
        while True:
            con.register("v", table)
            con.unregister("v")
    timer.join()
    assert sigterm.received
    assert not sigterm_received()  # only while a block runs: a later flow is not stopped
    assert failure(caught.value) == (TERMINATED, STOPPED_MESSAGE)
