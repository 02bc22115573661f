"""The nightly flow against a misbehaving job board on 127.0.0.1: every healthy source
completes, every broken one fails alone and leaves nothing partial, no posting is lost once
the board recovers, and the API key never reaches the warehouse, the logs or the report."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.settings import HttpOptions, InputSpec, ReportSettings, Settings
from flows.sources import KINDS
from tests.flows.loopback import (
    BROKEN,
    HEALTHY,
    MAX_BYTES,
    PAGES,
    PER_PAGE,
    SCENARIOS,
    TRANSIENT,
    Board,
    loopback_kind,
)

SECRET = "sk-loopback-7f3a9c1e5b2d4f60"


@pytest.fixture
def board(monkeypatch: pytest.MonkeyPatch) -> Iterator[Board]:
    monkeypatch.setitem(KINDS, "loopback", loopback_kind())
    monkeypatch.setenv("SKILLGAP_LOOPBACK_API_KEY", SECRET)
    server = Board(SECRET)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def settings_for(tmp_path: Path, board: Board) -> Settings:
    return Settings(
        database=tmp_path / "w.duckdb",
        inputs=[
            InputSpec(kind="loopback", options={"base_url": f"{board.url}/{name}"})
            for name in SCENARIOS
        ],
        report=ReportSettings(path=tmp_path / "report.html", min_postings=1),
        tag_workers=1,
        http=HttpOptions(
            min_interval=0,
            timeout=0.3,
            max_retries=2,
            backoff_base=0.01,
            max_bytes=MAX_BYTES,
            task_retries=1,
            task_retry_delay=0,
        ),
    )


def every_value(path: Path) -> str:
    """Every table of the warehouse as text, to search for what must not be there."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return "\n".join(
            str(con.execute(f'SELECT * FROM "{t}"').fetchall())  # noqa: S608 - catalogue names
            for t in tables
        )


@pytest.mark.long
@pytest.mark.usefixtures("prefect_harness")
def test_faults_hit_only_their_source_and_no_posting_is_lost(
    tmp_path: Path, board: Board, capfd: pytest.CaptureFixture[str]
) -> None:
    from flows.nightly import RunSummary, nightly

    settings = settings_for(tmp_path, board)
    state = nightly(settings, return_state=True)
    assert state.is_failed()
    assert state.message is not None and state.message.startswith("completed with failures")
    summary = state.result(raise_on_failure=False)
    assert isinstance(summary, RunSummary)
    assert sorted(f.source for f in summary.failures) == sorted(f"loopback:{b}" for b in BROKEN)
    per_source = PAGES * PER_PAGE
    with duckdb.connect(str(settings.database), read_only=True) as con:
        ledger = dict(
            con.execute("SELECT source, status || ' ' || fetched FROM run_sources").fetchall()
        )
        errors = dict(con.execute("SELECT source, error FROM run_sources").fetchall())
        stored = dict(con.execute("SELECT source, count(*) FROM postings GROUP BY 1").fetchall())
        outcome = con.execute("SELECT outcome FROM v_runs").fetchall()
    for name in HEALTHY + TRANSIENT:
        assert ledger[f"loopback:{name}"] == f"completed {per_source}"
        assert stored[f"loopback:{name}"] == per_source
    for name in BROKEN:
        assert ledger[f"loopback:{name}"] == "failed 0"
        assert f"loopback:{name}" not in stored  # nothing partial, not even page 1
    assert "HTTP 500" in errors["loopback:error500"]
    assert "redirect loop" in errors["loopback:redirect"]
    assert "cap" in errors["loopback:oversized"]
    assert "text/html" in errors["loopback:wrongtype"]
    assert outcome == [("completed with failures",)]
    # Transient failures are retried as a whole task; refusals that cannot heal are not.
    assert board.hits["error500"] == 2
    assert board.hits["oversized"] == 1
    assert board.hits["ratelimit"] == PAGES + 2  # the 429, then every page and the empty one

    board.faulty = False
    second = nightly(settings)
    assert isinstance(second, RunSummary) and second.failures == []
    expected = len(SCENARIOS) * per_source
    with duckdb.connect(str(settings.database), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM postings").fetchall() == [(expected,)]
        assert con.execute("SELECT count(*) FROM raw_postings").fetchall() == [(expected,)]
        assert con.execute("SELECT count(*) FROM posting_tags").fetchall() == [(expected,)]

    logs = capfd.readouterr()
    seen = every_value(settings.database) + logs.out + logs.err
    seen += settings.report.path.read_text(encoding="utf-8")
    assert "loopback:error500" in seen
    assert SECRET not in seen


class _Greenhouse(BaseHTTPRequestHandler):
    """Greenhouse's board API for two boards: ``acme`` answers, ``broken`` fails with 500."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/v1/boards/acme/jobs"):
            jobs = [
                {
                    "id": n,
                    "title": "ML technician",
                    "absolute_url": f"https://acme.test/{n}",
                    "content": f"&lt;p&gt;Python and PyTorch required ({n}).&lt;/p&gt;",
                }
                for n in (11, 12, 13)
            ]
            status, body = 200, json.dumps({"jobs": jobs}).encode()
        elif self.path.startswith("/v1/boards/broken/jobs"):
            status, body = 500, b"oops"
        else:
            status, body = 404, b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.usefixtures("prefect_harness")
def test_a_connector_that_loses_one_board_stores_the_others(tmp_path: Path) -> None:
    from flows.nightly import RunSummary, nightly

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Greenhouse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        settings = Settings(
            database=tmp_path / "w.duckdb",
            inputs=[
                InputSpec(
                    kind="greenhouse", options={"boards": ["acme", "broken"], "base_url": base}
                )
            ],
            report=ReportSettings(path=tmp_path / "report.html", min_postings=1),
            tag_workers=1,
            http=HttpOptions(min_interval=0, max_retries=0, task_retries=0),
        )
        state = nightly(settings, return_state=True)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert state.is_failed() and "greenhouse" in (state.message or "")
    summary = state.result(raise_on_failure=False)
    assert isinstance(summary, RunSummary)
    assert [i.taken for i in summary.imports] == [3]
    with duckdb.connect(str(settings.database), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM postings").fetchall() == [(3,)]
        ((status, error),) = con.execute("SELECT status, error FROM run_sources").fetchall()
        outcome = con.execute("SELECT outcome FROM v_runs").fetchall()
    assert status == "completed"
    assert error is not None and error.startswith("1 of 2 boards failed: greenhouse:broken")
    assert outcome == [("completed with failures",)]
    # One input, partly failed: the run says so, and status does not call the input "ok".
    assert "1 of 1 inputs failed" in (state.message or "")
    with duckdb.connect(str(settings.database), read_only=True) as con:
        assert con.execute("SELECT message FROM runs").fetchall() == [
            ("1 of 1 inputs failed (partly: greenhouse)",)
        ]
    shown = CliRunner().invoke(
        app, ["status", "--database", str(settings.database)], terminal_width=200
    )
    assert shown.exit_code == 0, shown.output
    [line] = [x for x in shown.output.splitlines() if "(greenhouse)" in x]
    assert line.split()[0] == "PARTLY", line
    assert "3 fetched" in line and "1 of 2 boards failed: greenhouse:broken" in line
