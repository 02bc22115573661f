"""A small hand-built warehouse for the report tests, and the truth it was built from.

Postings follow simple rules per month so the expected numbers can be recomputed in plain
Python: PyTorch grows, Excel shrinks, LLMs appear only from April, July has too few postings
to report. Mentions under an older run's versions are noise the report must ignore.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

HOSTILE_COMPANY = "<script>alert(1)</script>"
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
MIN_POSTINGS = 5

# skill_id -> (name, category, is_ai_ml)
SKILLS: dict[str, tuple[str, str, bool]] = {
    "python": ("Python", "Programming languages", False),
    "sql": ("SQL", "Data", False),
    "pytorch": ("PyTorch", "Machine learning", True),
    "llm": ("Large language models", "Machine learning", True),
    "excel": ("Excel", "Office", False),
    "cpp": ("C++ <i>templates</i> & co", "Programming languages", False),
}
COMPANIES = ("Acme", HOSTILE_COMPANY, "Globex", HOSTILE_COMPANY, "Initech")


@dataclass(frozen=True)
class Posting:
    posting_id: str
    month: date
    company: str
    title: str
    sightings: int
    skills: frozenset[str]


def _skills_for(month_index: int, k: int) -> frozenset[str]:
    found = set()
    if k % 2 == 0:
        found.add("python")
    if k % 3 == 0:
        found.add("sql")
    if k < month_index + 1:
        found.add("pytorch")
    if month_index >= 3 and k % 2 == 1:
        found.add("llm")
    if k < 6 - month_index:
        found.add("excel")
    if k == 1:
        found.add("cpp")
    return frozenset(found)


def build_postings() -> list[Posting]:
    postings = []
    # January..June are reported; July (2 postings) falls under MIN_POSTINGS.
    sizes = [6, 7, 8, 9, 10, 11, 2]
    for m, size in enumerate(sizes):
        month = date(2024, m + 1, 1)
        for k in range(size):
            postings.append(
                Posting(
                    posting_id=f"p{m}-{k}",
                    month=month,
                    company=COMPANIES[k % len(COMPANIES)],
                    title=HOSTILE_TITLE if k == 1 else f"Engineer {m}-{k}",
                    sightings=1 + k % 3,
                    skills=_skills_for(m, k),
                )
            )
    return postings


def load(con: duckdb.DuckDBPyConnection, postings: list[Posting]) -> None:
    """Insert runs, taxonomy, postings and mentions for ``postings``."""
    con.execute(
        "INSERT INTO runs (run_id, flow, started_at, finished_at, status, taxonomy_version,"
        " extractor_version) VALUES"
        " ('r0', 'tag', '2024-07-01 10:00+00', '2024-07-01 11:00+00', 'completed', 't0', 'e0'),"
        " ('r1', 'tag', '2024-08-01 10:00+00', '2024-08-01 11:00+00', 'completed', 't1', 'e1'),"
        " ('r2', 'tag', '2024-09-01 10:00+00', NULL, 'failed', 't2', 'e2')"
    )
    for version in ("t0", "t1"):
        for skill_id, (name, category, is_ai_ml) in SKILLS.items():
            con.execute(
                "INSERT INTO taxonomy_skills (taxonomy_version, skill_id, name, category,"
                " aliases, exact_aliases, is_ai_ml) VALUES (?, ?, ?, ?, [], [], ?)",
                # The old taxonomy calls everything AI/ML; the report must not believe it.
                [version, skill_id, name, category, True if version == "t0" else is_ai_ml],
            )
    for i, p in enumerate(postings):
        day = f"{p.month.isoformat()[:8]}{10 + i % 15:02d} 12:00+00"
        # Every third posting has no posting date, so its month comes from first_seen.
        posted_at = None if i % 3 == 0 else day
        con.execute(
            "INSERT INTO postings (posting_id, source, source_id, content_hash, title, company,"
            " description, posted_at, first_seen, last_seen, sightings, updated_at)"
            " VALUES (?, 'test', ?, ?, ?, ?, 'text', ?, ?, ?, ?, ?)",
            [
                p.posting_id,
                p.posting_id,
                f"h-{p.posting_id}",
                p.title,
                p.company,
                posted_at,
                day,
                day,
                p.sightings,
                day,
            ],
        )
        for j, skill_id in enumerate(sorted(p.skills)):
            # Two mentions of the first skill: mentions are counted, postings are not doubled.
            spans = [(0, 4), (10, 14)] if j == 0 else [(20 + j * 10, 24 + j * 10)]
            for start, end in spans:
                con.execute(
                    "INSERT INTO skill_mentions"
                    " VALUES (?, ?, ?, ?, ?, 'x', 'required', 't1', 'e1')",
                    [p.posting_id, skill_id, SKILLS[skill_id][0], start, end],
                )
        # Stale mentions from the older run: every posting "mentions" Excel.
        con.execute(
            "INSERT INTO skill_mentions VALUES (?, 'excel', 'Excel', 500, 505, 'x', 'required',"
            " 't0', 'e0')",
            [p.posting_id],
        )
