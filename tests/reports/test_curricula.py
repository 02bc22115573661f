"""Importing training programmes: reader, quarantine, tagging with the postings' extractor."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from extract.errors import InputError
from extract.files.curricula import Curriculum, read_curricula
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


def test_bundled_programmes_load_once(
    warehouse: duckdb.DuckDBPyConnection, extractor: Extractor
) -> None:
    first = ensure_curricula(warehouse, extractor)
    again = ensure_curricula(warehouse, extractor)
    n = sum(1 for line in BUNDLED_CURRICULA.read_text(encoding="utf-8").splitlines() if line)
    assert (first.read, first.new, first.quarantined, first.tagged) == (n, n, 0, n)
    assert (again.new, again.tagged) == (0, 0)
    assert first.mentions > 5 * n, "every bundled description names several skills"
