"""A small hand-built warehouse for the report tests, and the truth it was built from.

Postings follow simple rules per month so the expected numbers can be recomputed in plain
Python: PyTorch grows, Excel shrinks, LLMs appear only from April, July has too few postings
to report. Mentions, profiles and curricula under an older run's versions are noise the report
must ignore. Titles, locations and sources cycle so every role family and a few countries
appear; three training programmes (one with a hostile name) cover a few skills.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from nlp.core_skills import core_skills_to_arrow, load_core_skills
from warehouse.core_skills import store_core_skills

HOSTILE_COMPANY = "<script>alert(1)</script>"
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
MIN_POSTINGS = 5

HOSTILE_CURRICULUM = "<script>alert(1)</script> Academy"

# skill_id -> (name, category, is_ai_ml)
SKILLS: dict[str, tuple[str, str, bool]] = {
    "python": ("Python", "Programming languages", False),
    "sql": ("SQL", "Data", False),
    "pytorch": ("PyTorch", "Machine learning", True),
    "llm": ("Large language models", "Machine learning", True),
    "excel": ("Excel", "Office", False),
    "cpp": ("C++ <i>templates</i> & co", "Programming languages", False),
}
CLUSTERS = {"pytorch": "deep_learning", "llm": "generative_ai", "sql": "data_engineering"}
COMPANIES = ("Acme", HOSTILE_COMPANY, "Globex", HOSTILE_COMPANY, "Initech")
# title -> the role family its current profile stores (the stale profile says "stale")
TITLES: dict[str | None, str] = {
    "Senior ML Engineer": "ml_engineering",
    HOSTILE_TITLE: "other",
    "Data Scientist": "data_science",
    "Backend Developer": "software_backend",
    None: "other",
    "MLOps Engineer": "ml_platform_mlops",
    "Research Scientist, NLP": "ml_research",
    "Product Designer": "product_design",
    "Data Engineer": "data_engineering",
}
# location -> the country the rules must read from it
LOCATIONS: dict[str | None, str | None] = {
    "London, UK": "GB",
    "Remote (US)": "US",
    "Berlin, Germany": "DE",
    None: None,
    "Austin, TX": "US",
}
# programme name -> skills its description covers
CURRICULUM_KINDS = ("course", "bootcamp", "mooc")
CURRICULA: dict[str, frozenset[str]] = {
    "Deep course": frozenset({"pytorch", "python"}),
    HOSTILE_CURRICULUM: frozenset({"python", "sql"}),
    "Data camp": frozenset({"sql", "excel"}),
}


@dataclass(frozen=True)
class Posting:
    posting_id: str
    month: date
    company: str
    title: str | None
    sightings: int
    skills: frozenset[str]
    location: str | None = None
    source: str = "test"

    @property
    def is_ai_ml_role(self) -> bool:
        return bool(self.skills & {"pytorch", "llm"})

    @property
    def country(self) -> str | None:
        return LOCATIONS[self.location]

    @property
    def role_family(self) -> str:
        return TITLES[self.title]


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


def build_postings(
    year: int = 2024, sizes: tuple[int, ...] = (6, 7, 8, 9, 10, 11, 2)
) -> list[Posting]:
    """January..June are reported; July (2 postings) falls under MIN_POSTINGS."""
    postings = []
    titles = list(TITLES)
    locations = list(LOCATIONS)
    for m, size in enumerate(sizes):
        month = date(year, m + 1, 1)
        for k in range(size):
            postings.append(
                Posting(
                    posting_id=f"p{year}-{m}-{k}",
                    month=month,
                    company=COMPANIES[k % len(COMPANIES)],
                    title=titles[k % len(titles)],
                    sightings=1 + k % 3,
                    skills=_skills_for(m, k),
                    location=locations[(k + m) % len(locations)],
                    source="other" if k % 4 == 3 else "test",
                )
            )
    return postings


def load(con: duckdb.DuckDBPyConnection, postings: list[Posting]) -> None:
    """Insert runs, taxonomy, curricula, postings and mentions for ``postings``."""
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
                " cluster, aliases, exact_aliases, is_ai_ml) VALUES (?, ?, ?, ?, ?, [], [], ?)",
                # The old taxonomy calls everything AI/ML; the report must not believe it.
                [
                    version,
                    skill_id,
                    name,
                    category,
                    CLUSTERS.get(skill_id),
                    True if version == "t0" else is_ai_ml,
                ],
            )
    load_curricula(con)
    load_postings(con, postings)


def load_curricula(con: duckdb.DuckDBPyConnection) -> None:
    """Each programme: one lesson per skill it covers plus a lesson naming none."""
    store_core_skills(con, core_skills_to_arrow(load_core_skills()))
    for n, (name, skills) in enumerate(CURRICULA.items()):
        cid = f"c{n}"
        con.execute(
            "INSERT INTO curricula (curriculum_id, name, provider, kind, description,"
            " content_hash, origin) VALUES (?, ?, 'Uni', ?, 'text', ?, 'test')",
            [cid, name, CURRICULUM_KINDS[n % len(CURRICULUM_KINDS)], f"h{n}"],
        )
        for version, extractor in (("t0", "e0"), ("t1", "e1")):
            con.execute(
                "INSERT INTO curriculum_tags VALUES (?, ?, ?, ?, ?, now())",
                [cid, f"h{n}", version, extractor, len(skills)],
            )
        for lesson in range(len(skills) + 1):
            con.execute(
                "INSERT INTO curriculum_lessons VALUES (?, ?, ?, ?, ?)",
                [cid, lesson, f"Lesson {lesson}", 10 * lesson, 10 * lesson + 10],
            )
        # The stale run says every programme teaches LLMs; the report must not believe it.
        stale = [(cid, "llm", "t0", "e0")]
        for j, (skill, version, extractor) in enumerate(
            [*((s, "t1", "e1") for s in sorted(skills)), *((s, v, e) for _, s, v, e in stale)]
        ):
            con.execute(
                "INSERT INTO curriculum_mentions VALUES (?, ?, ?, ?, ?, 'x', 'unknown', ?, ?, ?)",
                [cid, skill, SKILLS[skill][0], 10 * j, 10 * j + 4, version, extractor, j],
            )


def load_postings(con: duckdb.DuckDBPyConnection, postings: list[Posting]) -> None:
    """Insert postings, their mentions and profiles under the current and a stale version."""
    for i, p in enumerate(postings):
        day = f"{p.month.isoformat()[:8]}{10 + i % 15:02d} 12:00+00"
        # Every third posting has no posting date, so its month comes from first_seen.
        posted_at = None if i % 3 == 0 else day
        con.execute(
            "INSERT INTO postings (posting_id, source, source_id, content_hash, title, company,"
            " location, description, posted_at, first_seen, last_seen, sightings, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'text', ?, ?, ?, ?, ?)",
            [
                p.posting_id,
                p.source,
                p.posting_id,
                f"h-{p.posting_id}",
                p.title,
                p.company,
                p.location,
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
        # A skill mentioned only as not required is not asked for.
        if "cpp" not in p.skills:
            con.execute(
                "INSERT INTO skill_mentions VALUES (?, 'cpp', ?, 600, 603, 'x', 'not_required',"
                " 't1', 'e1')",
                [p.posting_id, SKILLS["cpp"][0]],
            )
        for version, extractor, role, family in (
            ("t1", "e1", p.is_ai_ml_role, p.role_family),
            ("t0", "e0", True, "stale"),
        ):
            con.execute(
                "INSERT INTO posting_profiles (posting_id, is_ai_ml_role, title_says_ai_ml,"
                " ai_ml_skills, clusters, taxonomy_version, extractor_version, role_family, roles)"
                " VALUES (?, ?, false, 0, [], ?, ?, ?, ?)",
                [p.posting_id, role, version, extractor, family, [p.title] if role else []],
            )
