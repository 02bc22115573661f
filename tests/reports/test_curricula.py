"""Importing training programmes: reader, lessons, quarantine, tagging with the postings'
extractor lesson by lesson, and the bundled 60."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from extract.errors import InputError
from extract.files.curricula import KINDS, Curriculum, read_curricula, split_lessons
from extract.records import QuarantinedRow
from flows.curricula import BUNDLED_CURRICULA, ensure_curricula, import_curricula
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy
from warehouse.db import open_warehouse

CSV = """name,provider,kind,syllabus
Deep learning basics,Uni,MOOC,"Neural networks in Python with PyTorch, and SQL."
<script>alert(1)</script>,Evil,bootcamp,Python and Docker
No text,Uni,course,
Odd kind,Uni,seminar,Python
"""


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_taxonomy())


@pytest.fixture
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_warehouse(":memory:")
    yield con
    con.close()


def test_reader_yields_programmes_and_quarantines_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(CSV, encoding="utf-8")
    items = list(read_curricula(path))
    good = [i for i in items if isinstance(i, Curriculum)]
    bad = [i for i in items if isinstance(i, QuarantinedRow)]
    assert [(c.name, c.kind) for c in good] == [
        ("Deep learning basics", "mooc"),
        ("<script>alert(1)</script>", "bootcamp"),
    ]
    assert [(b.line, b.reason) for b in bad] == [
        (4, "no description or syllabus"),
        (5, "kind 'seminar' is not one of degree, bootcamp, certificate, mooc, course, other"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "p.csv",
            "name,provider,kind\nA,B,mooc\n",
            "description or syllabus",
            id="no-text-column",
        ),
        pytest.param("p.txt", "x", "expected a .csv or .jsonl", id="format"),
        pytest.param("p.jsonl", "\n", "file is empty", id="empty"),
    ],
)
def test_unusable_files_are_input_errors(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        list(read_curricula(path))


def test_import_tags_with_the_extractor_and_is_idempotent(
    warehouse: duckdb.DuckDBPyConnection, extractor: Extractor, tmp_path: Path
) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(
        json.dumps({"name": "A", "provider": "B", "kind": "degree", "description": "Python, SQL"})
        + "\n{broken\n",
        encoding="utf-8",
    )
    first = import_curricula(warehouse, path, extractor)
    again = import_curricula(warehouse, path, extractor)

    assert (first.read, first.new, first.quarantined, first.tagged) == (1, 1, 1, 1)
    assert (again.new, again.changed, again.quarantined, again.tagged) == (0, 0, 0, 0)
    skills = warehouse.execute(
        "SELECT skill_id, taxonomy_version, extractor_version FROM curriculum_mentions"
        " ORDER BY skill_id"
    ).fetchall()
    assert [s[0] for s in skills] == ["python", "sql"]
    assert {s[1:] for s in skills} == {extractor.versions}


def test_bundled_programmes_load_once_with_kind_licence_and_lessons(
    warehouse: duckdb.DuckDBPyConnection, extractor: Extractor
) -> None:
    first = ensure_curricula(warehouse, extractor)
    again = ensure_curricula(warehouse, extractor)
    records = [json.loads(line) for line in BUNDLED_CURRICULA.read_text("utf-8").splitlines()]
    n = len(records)
    assert n == 60
    assert (first.read, first.new, first.quarantined, first.tagged) == (n, n, 0, n)
    assert (again.new, again.tagged) == (0, 0)
    stored = warehouse.execute(
        "SELECT c.kind, c.licence, c.source_repo, c.source_commit,"
        " (SELECT count(*) FROM curriculum_tags AS t WHERE t.curriculum_id = c.curriculum_id),"
        " (SELECT count(*) FROM curriculum_lessons AS l WHERE l.curriculum_id = c.curriculum_id),"
        " (SELECT count(DISTINCT skill_id) FROM curriculum_mentions AS m"
        "  WHERE m.curriculum_id = c.curriculum_id)"
        " FROM curricula AS c"
    ).fetchall()
    assert len(stored) == n
    assert {row[0] for row in stored} == {"mooc", "course", "certificate", "bootcamp", "degree"}
    assert sorted(row[1] for row in stored) == sorted(r["licence"] for r in records)
    for kind, licence, repo, commit, tags, lessons, skills in stored:
        assert kind in KINDS and licence and repo.startswith("https://github.com/")
        assert len(commit) == 40
        assert tags == 1, "every programme is tagged"
        assert lessons >= 1 and skills >= 3
    # every mention sits inside the lesson it names
    outside = warehouse.execute(
        "SELECT count(*) FROM curriculum_mentions AS m JOIN curriculum_lessons AS l"
        " USING (curriculum_id, lesson) WHERE m.start < l.start OR m.end > l.end"
    ).fetchone()
    assert outside == (0,)
    assert warehouse.execute(
        "SELECT count(*) FROM curriculum_mentions AS m JOIN curricula AS c USING (curriculum_id)"
        " WHERE substr(c.description, m.start + 1, m.end - m.start) <> m.text"
    ).fetchone() == (0,), "offsets point into the programme's text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Python and SQL.", [(None, "Python and SQL.")], id="no-heading"),
        pytest.param("", [], id="empty"),
        pytest.param(
            "About\n## Week 1: Docker\nContainers.\n\n### Lab\n- run it\n",
            [(None, "About\n"), ("Week 1: Docker", "## Week 1: Docker\nContainers.\n\n"),
             ("Lab", "### Lab\n- run it\n")],
            id="preamble-and-levels",
        ),
        pytest.param(
            "\n  \n# One\n# Two\nx",
            [("One", "# One\n"), ("Two", "# Two\nx")],
            id="blank-preamble-and-title-only-lesson",
        ),
        pytest.param(
            "#hashtag\n####### seven\nC# and F#\n  ## indented",
            [(None, "#hashtag\n####### seven\nC# and F#\n  ## indented")],
            id="not-headings",
        ),
    ],
)  # fmt: skip
def test_lessons_are_headings_and_the_text_under_them(
    text: str, expected: list[tuple[str | None, str]]
) -> None:
    lessons = split_lessons(text)
    assert [(lesson.heading, text[lesson.start : lesson.end]) for lesson in lessons] == expected
    assert [lesson.index for lesson in lessons] == list(range(len(expected)))
    if lessons:
        assert lessons[-1].end == len(text)
        assert all(a.end == b.start for a, b in itertools.pairwise(lessons))


def test_each_lesson_keeps_the_skills_it_names(
    warehouse: duckdb.DuckDBPyConnection, extractor: Extractor, tmp_path: Path
) -> None:
    syllabus = "We teach Python.\n## Containers\nDocker and Kubernetes.\n## Data\nSQL and Python."
    path = tmp_path / "p.jsonl"
    record = {"name": "N", "provider": "P", "kind": "bootcamp", "syllabus": syllabus}
    path.write_text(json.dumps({**record, "licence": "CC-BY-4.0", "note": "outline"}) + "\n")
    counts = import_curricula(warehouse, path, extractor)
    assert (counts.new, counts.tagged) == (1, 1)
    lessons = warehouse.execute(
        "SELECT lesson, heading FROM curriculum_lessons ORDER BY lesson"
    ).fetchall()
    assert lessons == [(0, None), (1, "Containers"), (2, "Data")]
    named = warehouse.execute(
        "SELECT skill_id, list(DISTINCT lesson ORDER BY lesson) FROM curriculum_mentions"
        " GROUP BY skill_id ORDER BY skill_id"
    ).fetchall()
    assert named == [("docker", [1]), ("kubernetes", [1]), ("python", [0, 2]), ("sql", [2])]
    assert warehouse.execute("SELECT licence, note, kind FROM curricula").fetchall() == [
        ("CC-BY-4.0", "outline", "bootcamp")
    ]


def test_a_programme_whose_text_changed_is_tagged_again(
    warehouse: duckdb.DuckDBPyConnection, extractor: Extractor, tmp_path: Path
) -> None:
    path = tmp_path / "p.csv"
    path.write_text("name,provider,kind,syllabus\nA,B,course,## Intro\nPython\n", encoding="utf-8")
    import_curricula(warehouse, path, extractor)
    path.write_text(
        'name,provider,kind,syllabus\nA,B,course,"## Intro\nDocker\n## Next\nGit"\n',
        encoding="utf-8",
    )
    changed = import_curricula(warehouse, path, extractor)
    again = import_curricula(warehouse, path, extractor)

    assert (changed.new, changed.changed, changed.tagged) == (0, 1, 1)
    assert (again.changed, again.tagged) == (0, 0)
    assert warehouse.execute(
        "SELECT skill_id, lesson FROM curriculum_mentions ORDER BY lesson"
    ).fetchall() == [("docker", 0), ("git", 1)]
    assert warehouse.execute("SELECT count(*) FROM curriculum_lessons").fetchone() == (2,)
    assert warehouse.execute("SELECT count(*) FROM curriculum_tags").fetchone() == (1,)


def test_the_notice_names_every_bundled_record_and_its_licence() -> None:
    folder = BUNDLED_CURRICULA.parent
    notice = (folder / "NOTICE.md").read_text(encoding="utf-8")
    records = [json.loads(line) for line in BUNDLED_CURRICULA.read_text("utf-8").splitlines()]
    rows = [line for line in notice.splitlines() if line.startswith("| ") and "github.com" in line]
    assert len(rows) == len(records)
    for number, (row, record) in enumerate(zip(rows, records, strict=True), start=1):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[0] == str(number)
        assert cells[1] == record["name"].replace("|", "/")
        assert cells[2] == record["provider"]
        assert record["source_repo"] in cells[3]
        assert cells[4] == f"`{record['source_commit']}`"
        assert cells[5] == record["licence"]
    assert "excerpted and cleaned" in notice
    assert "© MIT Introduction to Deep Learning, http://introtodeeplearning.com" in notice
    assert "separately licensed data file" in notice
    licences = {r["licence"] for r in records}
    assert licences == {"Apache-2.0", "MIT", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-SA-3.0", "CC0-1.0"}
    assert "Version 2.0, January 2004" in (folder / "LICENSE-Apache-2.0").read_text("utf-8")
    mit = (folder / "LICENSE-MIT").read_text("utf-8")
    for repo in {r["source_repo"] for r in records if r["licence"] == "MIT"}:
        assert repo in mit, repo
    for path in (
        "licenses/by/4.0",
        "licenses/by-sa/4.0",
        "licenses/by-sa/3.0",
        "publicdomain/zero/1.0",
    ):
        assert f"https://creativecommons.org/{path}/" in notice
