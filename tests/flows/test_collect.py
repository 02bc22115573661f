"""``skillgap collect`` and ``--live`` against a job board on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.extract.conftest import LocalServer, Reply
from tests.flows.test_closing import listing

runner = CliRunner()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    running = LocalServer()
    running.start()
    yield running
    running.stop()


def settings_file(tmp_path: Path, server: LocalServer, boards: list[str]) -> Path:
    config = tmp_path / "skillgap.toml"
    config.write_text(
        f'database = "{tmp_path / "db.duckdb"}"\n'
        "[http]\nmin_interval = 0\nmax_retries = 0\nbackoff_base = 0\n"
        "[[inputs]]\n"
        'kind = "greenhouse"\n'
        f'options = {{ boards = {json.dumps(boards)}, base_url = "{server.url}" }}\n',
        encoding="utf-8",
    )
    return config


def test_collect_runs_a_configured_input_and_summarises_it(
    tmp_path: Path, server: LocalServer
) -> None:
    server.route("/v1/boards/acme/jobs", listing(1, 2, 3), listing(1, 2))
    config = settings_file(tmp_path, server, ["acme"])
    result = runner.invoke(app, ["collect", "--source", "greenhouse", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "fetched" in result.output and "quarantined" in result.output
    again = runner.invoke(app, ["collect", "-s", "greenhouse", "-c", str(config)])
    assert again.exit_code == 0, again.output
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT source_id, closed_at IS NOT NULL FROM postings ORDER BY 1")
        assert rows.fetchall() == [("1", False), ("2", False), ("3", True)]


def test_collect_takes_kind_and_options_from_the_command_line(
    tmp_path: Path, server: LocalServer
) -> None:
    server.route("/v1/boards/beta/jobs", listing(7))
    config = settings_file(tmp_path, server, ["acme"])
    result = runner.invoke(
        app,
        ["collect", "-s", "greenhouse", "-c", str(config), "--option", 'boards=["beta"]'],
    )
    assert result.exit_code == 0, result.output
    assert server.paths() == ["/robots.txt", "/v1/boards/beta/jobs?content=true"]


def test_collect_reports_a_failing_board_and_exits_1(tmp_path: Path, server: LocalServer) -> None:
    server.route("/v1/boards/acme/jobs", listing(1))
    server.route("/v1/boards/gone/jobs", Reply({"error": "no"}, status=404))
    config = settings_file(tmp_path, server, ["acme", "gone"])
    result = runner.invoke(app, ["collect", "-s", "greenhouse", "-c", str(config)])
    assert result.exit_code == 1
    assert "1 of 2 boards failed" in result.output


def test_live_checks_each_source_and_stores_nothing(tmp_path: Path, server: LocalServer) -> None:
    server.route("/v1/boards/acme/jobs", listing(1, 2, 3))
    config = settings_file(tmp_path, server, ["acme"])
    result = runner.invoke(app, ["collect", "--live", "--limit", "2", "-c", str(config)])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output and "greenhouse (greenhouse): 2 postings parsed" in result.output
    assert not (tmp_path / "db.duckdb").exists()


def test_live_says_which_source_failed(tmp_path: Path, server: LocalServer) -> None:
    server.route("/v1/boards/acme/jobs", Reply({"error": "down"}, status=503))
    config = settings_file(tmp_path, server, ["acme"])
    result = runner.invoke(app, ["collect", "--live", "-s", "greenhouse", "-c", str(config)])
    assert result.exit_code == 1
    assert "FAILED" in result.output and "503" in result.output


def test_hn_backfill_from_a_month_resumes_after_a_failing_thread(
    tmp_path: Path, server: LocalServer
) -> None:
    from tests.extract.sources.hn.test_algolia import item_requests, serve_threads

    config = tmp_path / "skillgap.toml"
    config.write_text(
        f'database = "{tmp_path / "db.duckdb"}"\n'
        "[http]\nmin_interval = 0\nmax_retries = 0\nbackoff_base = 0\n",
        encoding="utf-8",
    )
    command = ["collect", "--source", "hn_algolia", "-c", str(config), "--option", "since=2018-05",
               "--option", "until=2018-07", "--option", f"base_url={server.url}"]  # fmt: skip
    serve_threads(server, failing=frozenset({17205865}))
    first = runner.invoke(app, command)
    assert first.exit_code == 1 and "1 of 3 boards failed" in first.output, first.output
    assert item_requests(server) == ["16967543", "17205865", "17442187"]

    serve_threads(server)
    server.requests.clear()
    second = runner.invoke(app, command)
    assert second.exit_code == 0, second.output
    assert item_requests(server) == ["17205865"]  # only the thread that failed

    server.requests.clear()
    assert runner.invoke(app, command).exit_code == 0
    assert item_requests(server) == []
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        months = con.execute(
            "SELECT strftime(month, '%Y-%m'), count(*) FROM v_postings GROUP BY 1 ORDER BY 1"
        ).fetchall()
    assert months == [("2018-05", 2), ("2018-06", 2), ("2018-07", 2)]
