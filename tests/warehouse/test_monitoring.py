"""The checks after each run, on ledgers built by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import duckdb
import pytest

from warehouse.db import open_warehouse
from warehouse.monitoring import Thresholds, check_run, detect_anomalies, recent_anomalies
from warehouse.runs import SourceCounts, record_source

START = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
T = Thresholds(min_postings=10)


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(":memory:")
    yield connection
    connection.close()


def add_run(
    con: duckdb.DuckDBPyConnection,
    night: int,
    *,
    fetched: int = 100,
    quarantined: int = 2,
    tagged: int = 50,
    no_skill: int = 5,
    with_python: int = 20,
    status: str = "completed",
) -> str:
    """A night's run: one source's counts, and ``tagged`` postings of which ``no_skill``
    have no mention and ``with_python`` mention Python (the rest mention SQL)."""
    run_id = f"run{night}"
    started = START + timedelta(days=night)
    con.execute(
        "INSERT INTO runs (run_id, flow, started_at, finished_at, status) VALUES (?, ?, ?, ?, ?)",
        [run_id, "nightly", started, started + timedelta(minutes=5), status],
    )
    record_source(
        con,
        run_id,
        0,
        "board",
        "greenhouse",
        "completed",
        SourceCounts(fetched=fetched, quarantined=quarantined),
    )
    for i in range(tagged):
        pid = f"{run_id}-{i}"
        skill = (
            None
            if i < no_skill
            else ("python", "Python")
            if i < no_skill + with_python
            else ("sql", "SQL")
        )
        con.execute(
            "INSERT INTO posting_tags VALUES (?, 'h', 't1', 'e1', ?, ?, ?)",
            [pid, 0 if skill is None else 1, started, run_id],
        )
        if skill is not None:
            con.execute(
                "INSERT INTO skill_mentions VALUES (?, ?, ?, 0, 3, 'x', 'required', 't1', 'e1')",
                [pid, *skill],
            )
    return run_id


def checks(found: list) -> dict[tuple[str, str], float]:  # type: ignore[type-arg]
    return {(a.check, a.subject): a.observed for a in found}


def test_a_steady_run_flags_nothing(con: duckdb.DuckDBPyConnection) -> None:
    for night in range(6):
        add_run(con, night, fetched=100 + night, with_python=20 + night % 2)
    assert detect_anomalies(con, "run5", T) == []


def test_nothing_is_judged_without_enough_history(con: duckdb.DuckDBPyConnection) -> None:
    add_run(con, 0)
    add_run(con, 1)
    assert detect_anomalies(con, add_run(con, 2, fetched=5, quarantined=4), T) == []


def test_each_kind_of_drift_is_flagged_and_stored(con: duckdb.DuckDBPyConnection) -> None:
    for night in range(4):
        add_run(con, night)
    add_run(con, 4, status="failed", fetched=1)  # failed runs are not history
    last = add_run(con, 5, fetched=40, quarantined=15, no_skill=20, with_python=2)
    found = check_run(con, last, T)
    assert checks(found) == {
        ("volume_drop", "board"): 40.0,
        ("quarantine_rate", "board"): pytest.approx(15 / 40),
        ("no_skill_share", ""): pytest.approx(20 / 50),
        ("skill_share", "Python"): pytest.approx(2 / 50),
    }  # SQL went from 50 % to 56 %: inside its range give or take the margin
    assert "below its 28-day median of 100" in next(
        a.message for a in found if a.check == "volume_drop"
    )
    assert len(recent_anomalies(con)) == 4
    assert con.execute("SELECT anomalies FROM v_runs WHERE run_id = ?", [last]).fetchall() == [(4,)]
    check_run(con, last, T)  # checking again replaces, never doubles
    assert con.execute("SELECT count(*) FROM v_anomalies").fetchall() == [(4,)]


def test_history_older_than_the_window_is_ignored(con: duckdb.DuckDBPyConnection) -> None:
    for night in range(4):
        add_run(con, night, fetched=1000)
    for night in range(40, 44):
        add_run(con, night)
    assert detect_anomalies(con, add_run(con, 44, fetched=90), T) == []
