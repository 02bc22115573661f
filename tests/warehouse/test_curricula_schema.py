"""Migration 011: programmes get licence and source, lessons, and are tagged again; the twelve
descriptions bundled before it give way to the 60 real syllabi."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from extract.files.curricula import Curriculum
from nlp.core_skills import CoreSkill, core_skills_to_arrow, load_core_skills
from tests.warehouse.test_schema import assert_fields_stored, columns
from warehouse.core_skills import store_core_skills
from warehouse.db import migrate, open_warehouse


@pytest.mark.parametrize(
    ("schema", "table", "extra"),
    [
        pytest.param(Curriculum.ARROW_SCHEMA, "curricula", {"imported_at"}, id="curricula"),
        pytest.param(CoreSkill.ARROW_SCHEMA, "core_skills", set(), id="core-skills"),
    ],
)
def test_record_schema_matches_table(schema: pa.Schema, table: str, extra: set[str]) -> None:
    con = open_warehouse(":memory:")
    cols = columns(con, table)
    assert_fields_stored(schema, cols)
    assert set(cols) - set(schema.names) == extra


def test_the_core_list_is_replaced_not_added_to() -> None:
    con = open_warehouse(":memory:")
    store_core_skills(con, core_skills_to_arrow([CoreSkill("old", "Old", ("cobol",))]))
    items = load_core_skills()
    rows = store_core_skills(con, core_skills_to_arrow(items))
    stored = con.execute(
        "SELECT item_id, min(position), count(*) FROM core_skills GROUP BY item_id ORDER BY 2"
    ).fetchall()
    assert rows == sum(len(item.skill_ids) for item in items)
    assert [row[0] for row in stored] == [item.item_id for item in items]
    assert [row[2] for row in stored] == [len(item.skill_ids) for item in items]


def test_migration_011_drops_the_old_bundled_twelve_and_keeps_a_users_own(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con, until=10)
    con.executemany(
        "INSERT INTO curricula (curriculum_id, name, provider, kind, description, content_hash,"
        " origin) VALUES (?, ?, ?, 'mooc', 'Python', 'h', ?)",
        [
            # one of the twelve, as `skillgap run` stored it from the bundled file
            ("cur:2f58374def97db27", "HF LLM Course", "Hugging Face", "programmes.jsonl:10"),
            ("cur:mine", "Our course", "Us", "ours.csv:2"),
        ],
    )  # fmt: skip
    for cid in ("cur:2f58374def97db27", "cur:mine"):
        con.execute(
            "INSERT INTO curriculum_mentions VALUES (?, 'python', 'Python', 0, 6, 'Python',"
            " 'unknown', 't', 'e')",
            [cid],
        )
        con.execute("INSERT INTO curriculum_tags VALUES (?, 'h', 't', 'e', 1, now())", [cid])

    assert [m.version for m in migrate(con, until=11)] == [11]

    assert con.execute("SELECT curriculum_id, licence, note FROM curricula").fetchall() == [
        ("cur:mine", None, None)
    ]
    # tagging moved to lessons: nothing counts as tagged until the next run tags it again
    assert con.execute("SELECT count(*) FROM curriculum_tags").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM curriculum_mentions").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM curriculum_lessons").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM core_skills").fetchone() == (0,)
