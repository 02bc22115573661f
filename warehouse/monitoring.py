"""Checks run after every run that flag what a person should look at, stored in ``anomalies``.

Each check compares the run with the completed runs of the ``window_days`` before it, and
says nothing until there are ``min_history`` such runs to compare with:

- ``volume_drop``: a source delivered more than ``volume_drop`` (50 %) fewer records than
  its median over the window;
- ``quarantine_rate``: the share of a source's records that went to quarantine rose more
  than ``rate_margin`` above its median;
- ``no_skill_share``: the share of postings tagged in the run with no skill at all rose more
  than ``rate_margin`` above its median;
- ``skill_share``: the share of tagged postings mentioning a skill left the range it kept
  over the window by more than ``skill_margin``.

Runs that tagged fewer than ``min_postings`` postings are too small to judge shares on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb

Check = Literal["volume_drop", "no_skill_share", "skill_share", "quarantine_rate"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    window_days: int = 28
    min_history: int = 3
    volume_drop: float = 0.5
    rate_margin: float = 0.10
    skill_margin: float = 0.10
    min_postings: int = 20


@dataclass(frozen=True, slots=True)
class Anomaly:
    check: Check
    subject: str
    observed: float
    expected_low: float | None
    expected_high: float | None
    message: str


_WINDOW = """
this AS (SELECT started_at FROM runs WHERE run_id = $run),
window_runs AS (
    SELECT r.run_id FROM runs AS r, this
    WHERE r.status = 'completed' AND r.run_id <> $run
      AND r.started_at < this.started_at AND r.started_at >= this.started_at - to_days($days)
)
"""

_SOURCE_SQL = f"""
WITH {_WINDOW},
per_run AS (
    SELECT run_id, source, sum(fetched) AS fetched, sum(quarantined) AS quarantined
    FROM run_sources WHERE status = 'completed' GROUP BY run_id, source
),
hist AS (
    SELECT source, median(fetched) AS fetched,
           median(quarantined / fetched) FILTER (WHERE fetched > 0) AS q_rate, count(*) AS runs
    FROM per_run SEMI JOIN window_runs USING (run_id) GROUP BY source
)
SELECT c.source, c.fetched, c.quarantined / nullif(c.fetched, 0), h.fetched, h.q_rate
FROM per_run AS c JOIN hist AS h USING (source)
WHERE c.run_id = $run AND h.runs >= $min_history
ORDER BY c.source
"""  # noqa: S608 - only the fixed window CTE is formatted in

_NO_SKILL_SQL = f"""
WITH {_WINDOW},
per_run AS (
    SELECT run_id, avg(CASE WHEN mentions = 0 THEN 1.0 ELSE 0.0 END) AS share
    FROM posting_tags GROUP BY run_id HAVING count(*) >= $min_postings
),
hist AS (
    SELECT median(share) AS share, count(*) AS runs
    FROM per_run SEMI JOIN window_runs USING (run_id)
)
SELECT c.share, h.share FROM per_run AS c, hist AS h
WHERE c.run_id = $run AND h.runs >= $min_history
"""  # noqa: S608 - only the fixed window CTE is formatted in

_SKILL_SQL = f"""
WITH {_WINDOW},
tagged AS (
    SELECT run_id, posting_id, taxonomy_version, extractor_version FROM posting_tags
    WHERE run_id = $run OR run_id IN (SELECT run_id FROM window_runs)
),
totals AS (SELECT run_id, count(*) AS n FROM tagged GROUP BY run_id
           HAVING count(*) >= $min_postings),
hits AS (
    SELECT t.run_id, m.skill_id, any_value(m.skill) AS skill, count(DISTINCT t.posting_id) AS k
    FROM tagged AS t JOIN skill_mentions AS m USING (posting_id, taxonomy_version,
                                                     extractor_version)
    GROUP BY t.run_id, m.skill_id
),
names AS (SELECT skill_id, any_value(skill) AS skill FROM hits GROUP BY skill_id),
grid AS (
    SELECT t.run_id, s.skill_id, coalesce(h.k, 0) / t.n AS share
    FROM totals AS t CROSS JOIN names AS s
    LEFT JOIN hits AS h ON h.run_id = t.run_id AND h.skill_id = s.skill_id
),
hist AS (
    SELECT skill_id, min(share) AS lo, max(share) AS hi, count(*) AS runs
    FROM grid WHERE run_id <> $run GROUP BY skill_id
)
SELECT n.skill, c.share, h.lo, h.hi
FROM grid AS c JOIN hist AS h USING (skill_id) JOIN names AS n USING (skill_id)
WHERE c.run_id = $run AND h.runs >= $min_history
  AND (c.share > h.hi + $margin OR c.share < h.lo - $margin)
ORDER BY abs(c.share - (h.lo + h.hi) / 2) DESC, n.skill
"""  # noqa: S608 - only the fixed window CTE is formatted in


def detect_anomalies(
    con: duckdb.DuckDBPyConnection, run_id: str, thresholds: Thresholds | None = None
) -> list[Anomaly]:
    """What looks wrong about ``run_id`` compared with the runs before it."""
    t = thresholds or Thresholds()
    base = {"run": run_id, "days": t.window_days, "min_history": t.min_history}
    found: list[Anomaly] = []
    for source, fetched, q_rate, median_fetched, median_q in con.execute(
        _SOURCE_SQL, base
    ).fetchall():
        floor = (1 - t.volume_drop) * median_fetched
        if fetched < floor:
            found.append(
                Anomaly(
                    "volume_drop",
                    source,
                    float(fetched),
                    floor,
                    None,
                    f"{source} delivered {fetched:,} records, more than "
                    f"{t.volume_drop:.0%} below its {t.window_days}-day median of "
                    f"{median_fetched:,.0f}",
                )
            )
        if q_rate is not None and median_q is not None and q_rate > median_q + t.rate_margin:
            found.append(
                Anomaly(
                    "quarantine_rate",
                    source,
                    q_rate,
                    None,
                    median_q + t.rate_margin,
                    f"{source} quarantined {q_rate:.1%} of its records; its "
                    f"{t.window_days}-day median is {median_q:.1%}",
                )
            )
    shares = {**base, "min_postings": t.min_postings}
    for share, median_share in con.execute(_NO_SKILL_SQL, shares).fetchall():
        if median_share is not None and share > median_share + t.rate_margin:
            found.append(
                Anomaly(
                    "no_skill_share",
                    "",
                    share,
                    None,
                    median_share + t.rate_margin,
                    f"{share:.1%} of the postings tagged have no skill; the "
                    f"{t.window_days}-day median is {median_share:.1%}",
                )
            )
    for skill, share, lo, hi in con.execute(
        _SKILL_SQL, {**shares, "margin": t.skill_margin}
    ).fetchall():
        found.append(
            Anomaly(
                "skill_share",
                skill,
                share,
                lo,
                hi,
                f"{skill} is in {share:.1%} of the postings tagged; over the last "
                f"{t.window_days} days it kept between {lo:.1%} and {hi:.1%}",
            )
        )
    return found


def store_anomalies(con: duckdb.DuckDBPyConnection, run_id: str, anomalies: list[Anomaly]) -> None:
    """Replace what is stored for ``run_id`` with ``anomalies``, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM anomalies WHERE run_id = ?", [run_id])
        if anomalies:
            con.executemany(
                "INSERT INTO anomalies (run_id, check_name, subject, observed, expected_low,"
                " expected_high, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    [
                        run_id,
                        a.check,
                        a.subject,
                        a.observed,
                        a.expected_low,
                        a.expected_high,
                        a.message,
                    ]
                    for a in anomalies
                ],
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def check_run(
    con: duckdb.DuckDBPyConnection, run_id: str, thresholds: Thresholds | None = None
) -> list[Anomaly]:
    """Detect and store the anomalies of ``run_id``; return them."""
    found = detect_anomalies(con, run_id, thresholds)
    store_anomalies(con, run_id, found)
    return found


def recent_anomalies(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[tuple[str, ...]]:
    """(run started, check, subject, message) of the latest anomalies, newest first."""
    rows = con.execute(
        "SELECT strftime(run_started_at, '%Y-%m-%d %H:%M'), check_name, subject, message"
        " FROM v_anomalies ORDER BY run_started_at DESC, check_name, subject LIMIT ?",
        [limit],
    ).fetchall()
    return [tuple(str(v) for v in row) for row in rows]
