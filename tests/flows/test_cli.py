"""The ``skillgap`` CLI as a user meets it: commands, messages, exit codes, files."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    """Run a command in-process the way the console script does, errors included."""
    proc = subprocess.run(
        [sys.executable, "-c", "from flows.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return proc.returncode, proc.stdout + proc.stderr


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in command_names():
        assert name in result.output


@pytest.mark.parametrize("name", command_names())
def test_each_command_help_shows_an_example_and_readme_documents_it(name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert re.search(rf"Example:.*skillgap {name}", result.output), result.output
    assert f"skillgap {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def command(name: str) -> Any:
    import typer.main

    group = typer.main.get_command(app)
    return group.commands[name]  # type: ignore[attr-defined]


def help_lines(name: str, columns: int) -> list[str]:
    """The lines of ``skillgap NAME --help`` above the options box, at ``columns`` wide."""
    result = runner.invoke(app, [name, "--help"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    above = result.output.split("╭")[0]
    return [line.strip() for line in above.splitlines()[2:] if line.strip()]


@pytest.mark.parametrize("name", command_names())
def test_each_help_paragraph_is_one_line_on_a_wide_terminal(name: str) -> None:
    # A sentence cut by a line end in the docstring would end a line here mid-sentence.
    for line in help_lines(name, 1000):
        assert line.startswith("Example: ") or line.endswith((".", ")")), line


@pytest.mark.parametrize("name", command_names())
@pytest.mark.parametrize("columns", [60, 200])
def test_help_wraps_words_not_sentences_at_any_width(name: str, columns: int) -> None:
    wide = " ".join(help_lines(name, 1000))
    assert " ".join(help_lines(name, columns)) == wide
    assert all(len(line) <= columns for line in help_lines(name, columns))


@pytest.mark.parametrize("name", command_names())
def test_each_example_is_one_line_that_parses_as_its_command(name: str) -> None:
    examples = [line for line in help_lines(name, 1000) if line.startswith("Example: ")]
    assert len(examples) == 1
    program, command_name, *args = shlex.split(examples[0].removeprefix("Example: "))
    assert (program, command_name) == ("skillgap", name)
    command(name).make_context(name, args)  # raises on an unknown option or a bad value


@pytest.mark.parametrize("name", command_names())
def test_each_option_with_a_value_shows_its_default(name: str) -> None:
    result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "1000"})
    rows = [line for line in result.output.splitlines() if line.startswith("│")]
    for param in command(name).params:
        if param.required or getattr(param, "is_flag", False) or param.name == "help":
            continue
        flag = param.opts[0] if param.param_type_name == "option" else param.name
        row = next((r for r in rows if f" {flag} " in r), None)
        assert row is not None and "[default: " in row, (flag, result.output)


def test_sources_lists_every_kind_with_options_secrets_and_defaults() -> None:
    from flows.sources import KINDS

    code, output = invoke("sources")
    assert code == 0, output
    blocks = {b.split(" ", 1)[0]: b for b in re.split(r"\n(?=\S)", output.strip())}
    assert sorted(blocks) == sorted(KINDS)
    bundled = {"hn_sightings", "hn_months"}
    assert all("on by default" in blocks[k] for k in bundled)
    assert all("off unless configured" in b for k, b in blocks.items() if k not in bundled)
    assert "  options: dict[str, typing.Any], default {}" in blocks["hn_months"]
    assert "  since: str | None, default none" in blocks["hn_algolia"]
    assert "  path: Path, required" in blocks["jobspy"]
    assert '  base_url: str, default "https://boards-api.greenhouse.io"' in blocks["greenhouse"]
    assert "  email: str, required" in blocks["usajobs"]
    assert "  api_key: secret, from $SKILLGAP_USAJOBS_API_KEY" in blocks["usajobs"]
    assert "api_key:" not in blocks["usajobs_history"]
    for secret in ("app_id", "app_key"):
        assert f"  {secret}: secret, from $SKILLGAP_ADZUNA_{secret.upper()}" in blocks["adzuna"]
    assert "incremental" in blocks["usajobs"] and "whole board listings" in blocks["lever"]


def test_sources_names_one_kind_or_says_which_exist() -> None:
    code, output = invoke("sources", "remoteok")
    assert code == 0, output
    assert output.splitlines()[0].startswith("remoteok (online")
    assert "greenhouse" not in output
    code, output = invoke("sources", "monster")
    assert code == 2
    assert "'monster'" in output and "greenhouse" in output


def test_tag_follows_the_public_contract(tmp_path: Path) -> None:
    texts = [
        {"id": 1, "text": "We need Python and SQL.\nNice to have: Kubernetes."},
        {"id": "b", "text": "Nothing technical here."},
        {"id": 3, "title": "Machine Learning Engineer", "text": "You will train models."},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, output = invoke("tag", "--in", str(source), "--out", str(target))
    assert code == 0, output
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [1, "b", 3]
    assert lines[1]["mentions"] == []
    for line in lines:
        assert set(line["posting"]) == {"ai_ml_technician", "role_family", "roles", "clusters"}
    assert not lines[0]["posting"]["ai_ml_technician"]
    assert lines[2]["posting"]["ai_ml_technician"]
    assert lines[2]["posting"]["roles"] == ["Machine Learning Engineer"]
    first = lines[0]["mentions"]
    assert {m["skill"] for m in first} >= {"Python", "SQL", "Kubernetes"}
    for m in first:
        assert set(m) == {"skill_id", "skill", "start", "end", "text", "requirement"}
        assert texts[0]["text"][m["start"] : m["end"]] == m["text"]  # type: ignore[index]
    by_skill = {m["skill"]: m["requirement"] for m in first}
    assert by_skill["Python"] == "required"
    assert by_skill["Kubernetes"] == "preferred"


@pytest.mark.long
def test_eval_prints_span_scores_and_requirement_levels() -> None:
    from nlp.evaluate_levels import read_mentions

    code, output = invoke("eval", "--source", "tech")
    assert code == 0, output
    assert "SkillSpan dev" in output
    assert "Requirement levels (unknown scored as required)" in output
    for split in ("dev", "test", "train", "fresh_test", "all"):
        assert f"Confusion matrix, {split}" in output
    assert "Requirement levels cross-validated on dev+test+train" in output
    # the "all" row counts every labelled mention: scored + missed + false matches
    all_row = next(line for line in output.splitlines() if re.match(r"\W*all\W", line))
    assert int(re.findall(r"\d+", all_row)[0]) == len(read_mentions())


@pytest.mark.long
def test_eval_prints_every_span_row_whole_with_the_pooled_source() -> None:
    code, output = invoke("eval")
    assert code == 0, output
    rows = {tuple(re.findall(r"[\w+-]+", line)[:3]) for line in output.splitlines()}
    for source in ("tech", "house", "tech+house"):
        for match in ("strict", "strict-chars", "overlap"):
            assert any(r[0] == source and r[2] == match for r in rows if len(r) == 3), (
                source,
                match,
            )


def test_tag_names_a_title_that_is_not_a_string(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "Python", "title": 7}\n', encoding="utf-8")
    code, output = invoke("tag", "--in", str(source), "--out", str(tmp_path / "out.jsonl"))
    assert code == 2
    assert "line 1" in output and '"title" must be a string' in output


@pytest.mark.long
def test_eval_roles_prints_scores_by_split_and_family_and_writes_them(tmp_path: Path) -> None:
    results = tmp_path / "roles.json"
    code, output = invoke("eval", "--roles", "--errors", "3", "--results", str(results))
    assert code == 0, output
    figures = json.loads(results.read_text(encoding="utf-8"))
    held_out = figures["cross_validated"]
    rows = [(split, figures["scores"][split]) for split in ("dev", "test", "all")]
    rows += [(f"model {part}", held_out["model"][part]) for part in ("dev", "fresh")]
    rows += [(f"rules {part}", held_out["rules_alone"][part]) for part in ("dev", "fresh")]
    for name, s in rows:
        if not s["tp"] + s["fp"] + s["fn"] + s["tn"]:  # a test part not labelled yet
            assert re.search(rf"│ ?{name}\s+│\s+0 │\s+– │", output), output
            continue
        row = re.search(
            rf"│ ?{name}\s+│\s+([\d,]+) │\s+([\d,]+) │\s+([\d,]+) │\s+([\d,]+) │\s+([\d,]+) │",
            output,
        )
        assert row, output
        assert [int(n.replace(",", "")) for n in row.groups()[1:]] == [
            s["tp"],
            s["fp"],
            s["fn"],
            s["tn"],
        ]
        # from the counts: the file's figures are rounded to four places already
        precision, recall = s["tp"] / (s["tp"] + s["fp"]), s["tp"] / (s["tp"] + s["fn"])
        assert f"{precision:.3f}" in output and f"{recall:.3f}" in output
    assert "10-fold cross-validation" in output
    assert figures["scores"]["all"]["tp"] == sum(
        c["tp"] for c in figures["by_family"]["all"].values()
    )
    assert "Confusions by labelled role family" in output
    assert "data_science" in output and "software_backend" in output
    listed = re.findall(r"^(?:FP|FN) (hn:\d+)", output, re.MULTILINE)
    assert len(listed) <= 3
    dev = {
        json.loads(line)["id"]
        for line in (ROOT / "nlp/evaluation/roles/postings.jsonl").read_text().splitlines()
        if json.loads(line)["split"] == "dev"
    }
    assert set(listed) <= dev  # test postings are never listed one by one
    shipped = json.loads((ROOT / "nlp/evaluation/roles/results.json").read_text())
    # the report quotes the shipped figures: they must be what eval measures now (the
    # versions in the file only say what measured them)
    assert (figures["scores"], figures["by_family"], held_out) == (
        shipped["scores"],
        shipped["by_family"],
        shipped["cross_validated"],
    ), "run `skillgap eval --roles --results nlp/evaluation/roles/results.json`"


def test_tag_names_the_bad_line_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "Python"}\n{"id": 2, "text": \n', encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, output = invoke("tag", "--in", str(source), "--out", str(target))
    assert code == 2
    assert "line 2" in output and "invalid JSON" in output
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_import_csv_without_description_column_names_it(tmp_path: Path) -> None:
    csv = tmp_path / "jobs.csv"
    csv.write_text("id,title,body\n1,Engineer,Python\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    code, output = invoke("import", str(csv), "--database", str(db))
    assert code == 2
    assert "description" in output and "jobs.csv" in output
    assert "body" in output  # the columns that are there


def test_import_with_a_mapping_and_a_broken_line(tmp_path: Path) -> None:
    data = tmp_path / "jobs.jsonl"
    data.write_text(
        '{"ref": "a", "body": "<p>Python &amp; SQL</p>", "posted": "2026-02-03"}\n'
        '{"ref": "b", "body": "Go", \n'
        '{"ref": "c", "body": "Rust", "posted": "not a date"}\n'
        '{"ref": "d", "body": "Kotlin", "posted": "2026-02-04"}\n',
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    args = [
        "import",
        str(data),
        "--map",
        "id=ref",
        "--map",
        "description=body",
        "--map",
        "date=posted",
        "--database",
        str(db),
    ]
    code, output = invoke(*args)
    assert code == 0, output
    assert "took 2 rows" in output and "quarantined 2" in output
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT description FROM postings ORDER BY 1").fetchall() == [
            ("Kotlin",),
            ("Python & SQL",),
        ]
        quarantined = con.execute("SELECT line, reason FROM quarantine ORDER BY line").fetchall()
    assert [line for line, _ in quarantined] == [2, 3]
    assert "invalid JSON" in quarantined[0][1]
    assert "date" in quarantined[1][1]
    code, _ = invoke(*args)  # the same file again changes nothing
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM postings").fetchall() == [(2,)]
        assert con.execute("SELECT count(*) FROM quarantine").fetchall() == [(2,)]


def test_bad_settings_file_is_named(tmp_path: Path) -> None:
    config = tmp_path / "skillgap.toml"
    config.write_text('databse = "typo.duckdb"\n', encoding="utf-8")
    code, output = invoke("migrate", "--config", str(config))
    assert code == 2
    assert "skillgap.toml" in output and "databse" in output


def test_summary_of_a_missing_warehouse_says_what_to_do(tmp_path: Path) -> None:
    code, output = invoke("summary", "--database", str(tmp_path / "none.duckdb"))
    assert code == 2
    assert "skillgap run" in output


def test_export_writes_parquet_that_duckdb_reads_back(tmp_path: Path) -> None:
    data = tmp_path / "jobs.jsonl"
    data.write_text(
        '{"id": "a", "description": "Python and SQL", "date": "2026-02-03"}\n'
        '{"id": "b", "description": "Rust", "date": "2026-03-04"}\n',
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    assert invoke("import", str(data), "--database", str(db))[0] == 0
    lake = tmp_path / "lake"
    code, output = invoke("export", "--parquet", str(lake), "--database", str(db))
    assert code == 0, output
    with duckdb.connect() as con:
        rows = con.execute(
            "SELECT month, count(*) FROM read_parquet(?, hive_partitioning = true)"
            " GROUP BY month ORDER BY month",
            [str(lake / "postings" / "**" / "*.parquet")],
        ).fetchall()
    assert [n for _, n in rows] == [1, 1]


def test_report_takes_a_period_of_month_quarter_year_or_auto(tmp_path: Path) -> None:
    from warehouse.db import open_warehouse

    db = tmp_path / "w.duckdb"
    open_warehouse(db).close()
    out = tmp_path / "r.html"
    code, output = invoke("report", "--database", str(db), "--out", str(out), "--period", "week")
    assert code == 2, output
    said = re.sub(r"[\s│]+", " ", output)  # Rich draws the message in a wrapped box
    assert "'week' is not one of 'auto', 'month', 'quarter', 'year'" in said
    assert not out.exists()
    code, output = invoke("report", "--database", str(db), "--out", str(out), "--period", "year")
    assert code == 0, output
    assert "(0 postings)" in output and out.exists()


def test_compact_reports_the_sizes_and_keeps_the_rows(tmp_path: Path) -> None:
    from warehouse.db import open_warehouse

    db = tmp_path / "w.duckdb"
    con = open_warehouse(db)
    con.execute(
        "INSERT INTO quarantine (quarantine_id, source, origin, line, reason, payload)"
        " SELECT i::VARCHAR, 'f', 'f.csv', i, 'no text', repeat('x', 200)"
        " FROM range(5000) AS r(i)"
    )
    con.close()
    code, output = invoke("compact", "--database", str(db))
    assert code == 0, output
    assert re.search(r"w\.duckdb: [\d.,]+ MB → [\d.,]+ MB", output), output
    with duckdb.connect(str(db), read_only=True) as check:
        assert check.execute("SELECT count(*) FROM quarantine").fetchall() == [(5000,)]


def test_compact_is_refused_while_a_run_holds_the_warehouse(tmp_path: Path) -> None:
    from flows.lock import run_lock
    from warehouse.db import open_warehouse

    db = tmp_path / "w.duckdb"
    open_warehouse(db).close()
    with run_lock(db):
        code, output = invoke("compact", "--database", str(db))
    assert code != 0
    assert "w.duckdb" in output
    assert not Path(f"{db}.compact").exists()


def write_months(folder: Path, months: dict[str, list[object]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, records in months.items():
        (folder / name).write_text(json.dumps(records), encoding="utf-8")


def hn_comment(item_id: int, text: str) -> dict[str, object]:
    return {
        "url": f"https://news.ycombinator.com/item?id={item_id}",
        "user": "u",
        "full_html": text,
    }


def test_import_a_directory_of_hn_month_files_dated_to_their_months(tmp_path: Path) -> None:
    months = tmp_path / "export" / "months"
    write_months(
        months,
        {
            "2019-01.json": [hn_comment(1, "Acme | Data Engineer | Berlin<p>Python and SQL.")],
            "2019-02.json": [hn_comment(2, "Labs | ML Engineer<p>PyTorch."), {"url": "x"}],
        },
    )
    db = tmp_path / "w.duckdb"
    code, output = invoke("import", str(tmp_path / "export"), "--database", str(db))
    assert code == 0, output
    assert "took 2 rows (2 new postings" in output and "quarantined 1" in output
    # one month file by name, explicitly: nothing new
    code, output = invoke(
        "import", str(months / "2019-02.json"), "--kind", "hn-months", "--database", str(db)
    )
    assert code == 0 and "took 1 rows (0 new postings, 0 repeat sightings)" in output, output
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT posting_id, strftime(month, '%Y-%m'), posted_precision, company"
            " FROM v_postings ORDER BY 1"
        ).fetchall()
        quarantined = con.execute("SELECT origin, line, reason FROM quarantine").fetchall()
    assert rows == [("hn:1", "2019-01", "month", "Acme"), ("hn:2", "2019-02", "month", "Labs")]
    assert quarantined == [("2019-02.json", 2, "no HN item id: url 'x' is not "
                            "https://news.ycombinator.com/item?id=N")]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--kind", "hn-months"], "not a month file", id="not-a-month-name"),
        pytest.param(["--kind", "xml"], "--kind 'xml': not a kind of file", id="unknown-kind"),
        pytest.param(
            ["--kind", "hn-months", "--map", "id=ref"], "--map and --source apply to", id="map"
        ),
    ],
)
def test_import_kind_mistakes_are_named(tmp_path: Path, args: list[str], message: str) -> None:
    data = tmp_path / "jobs.json"
    data.write_text("[]", encoding="utf-8")
    code, output = invoke("import", str(data), *args, "--database", str(tmp_path / "w.duckdb"))
    assert code == 2 and message in output, output
