"""`skillgap import-curricula` with a user's own programmes: stored, tagged, tagged again
when their text changes."""

from __future__ import annotations

from pathlib import Path

import duckdb
from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def test_import_curricula_tags_a_changed_programme_again(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    path = tmp_path / "ours.csv"
    path.write_text(
        "name,provider,kind,syllabus,licence\n"
        'ML ops,Us,bootcamp,"## Week 1\nPython\n## Week 2\nDocker",CC-BY-4.0\n'
        "Stats,Us,course,Statistics and probability,\n",
        encoding="utf-8",
    )
    first = runner.invoke(app, ["import-curricula", str(path), "--database", str(db)])
    path.write_text(
        path.read_text(encoding="utf-8").replace("Docker", "Kubernetes"), encoding="utf-8"
    )
    second = runner.invoke(app, ["import-curricula", str(path), "--database", str(db)])

    assert first.exit_code == 0, first.output
    assert "2 programmes (2 new, 0 changed)" in first.output
    assert "tagged 2" in first.output
    assert second.exit_code == 0, second.output
    assert "(0 new, 1 changed)" in second.output
    assert "tagged 1" in second.output
    with duckdb.connect(str(db), read_only=True) as con:
        skills = con.execute(
            "SELECT c.name, m.lesson, m.skill_id FROM curriculum_mentions AS m"
            " JOIN curricula AS c USING (curriculum_id) ORDER BY 1, 2, 3"
        ).fetchall()
        licences = con.execute("SELECT name, licence FROM curricula ORDER BY 1").fetchall()
        core = con.execute("SELECT count(DISTINCT item_id) FROM core_skills").fetchone()
    assert skills == [
        ("ML ops", 0, "python"),
        ("ML ops", 1, "kubernetes"),
        ("Stats", 0, "probability"),
        ("Stats", 0, "statistics"),
    ]
    assert licences == [("ML ops", "CC-BY-4.0"), ("Stats", None)]
    assert core == (19,)
