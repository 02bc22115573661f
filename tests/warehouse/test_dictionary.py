"""The data dictionary in docs/ names every table, view and column of the migrated warehouse."""

from __future__ import annotations

import re
from pathlib import Path

from warehouse.db import open_warehouse

DICTIONARY = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"
HEADING = re.compile(r"^### `(\w+)` \((table|view)\)", re.MULTILINE)
ROW = re.compile(r"^\| `(\w+)` \|", re.MULTILINE)
SAME_AS = re.compile(r"`(\w+)`[^\n]*?(same columns|\(see there\))")


def documented() -> dict[str, set[str]]:
    """Object name -> columns listed, with "same columns as X" sections expanded."""
    text = DICTIONARY.read_text(encoding="utf-8")
    found: dict[str, set[str]] = {}
    borrowed: dict[str, str] = {}
    matches = list(HEADING.finditer(text))
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        body = text[match.end() : following.start() if following else len(text)]
        found[match[1]] = set(ROW.findall(body))
        same = SAME_AS.search(body.strip())
        if same:
            borrowed[match[1]] = same[1]
    for name, source in borrowed.items():
        found[name] |= found[source]
    return found


def test_dictionary_matches_the_migrated_warehouse() -> None:
    con = open_warehouse(":memory:")
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
    ).fetchall()
    con.close()
    schema: dict[str, set[str]] = {}
    for table, column in rows:
        schema.setdefault(table, set()).add(column)

    docs = documented()

    assert sorted(set(schema) - set(docs)) == [], "tables or views missing from the dictionary"
    assert sorted(set(docs) - set(schema)) == [], "the dictionary lists objects that are gone"
    for name, columns in schema.items():
        assert sorted(columns - docs[name]) == [], f"{name}: columns missing from the dictionary"
        assert sorted(docs[name] - columns) == [], f"{name}: the dictionary lists gone columns"


MACRO_SECTION = re.compile(r"^## Table macros.*?(?=^## )", re.MULTILINE | re.DOTALL)
MACRO_ROW = re.compile(r"^\| `(\w+)` \| `(\w+)` \|", re.MULTILINE)
SCALAR_MACRO = re.compile(r"`(\w+)\([\w, ]*\)`")


def test_dictionary_names_every_macro_and_the_view_of_each_table_macro() -> None:
    text = DICTIONARY.read_text(encoding="utf-8")
    section = MACRO_SECTION.search(text)
    assert section is not None, "no '## Table macros' section"
    table_macros = dict(MACRO_ROW.findall(section[0]))
    scalar_part = section[0][section[0].index("Scalar macros:") :]
    scalar_macros = set(SCALAR_MACRO.findall(scalar_part))

    con = open_warehouse(":memory:")
    kinds = dict(
        con.execute(
            "SELECT function_name, function_type FROM duckdb_functions()"
            " WHERE NOT internal AND schema_name = 'main' AND function_type LIKE '%macro'"
        ).fetchall()
    )
    objects = dict(
        con.execute(
            "SELECT table_name, CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END"
            " FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    )
    con.close()

    assert sorted(table_macros) == sorted(n for n, k in kinds.items() if k == "table_macro")
    assert sorted(scalar_macros) == sorted(n for n, k in kinds.items() if k == "macro")
    for macro, view in table_macros.items():
        assert objects.get(view) == "view", f"{macro}: its view {view} is not a view"
    headings = dict(HEADING.findall(text))
    assert headings == {name: objects.get(name) for name in headings}, (
        "a heading names the wrong kind"
    )


TYPED_ROW = re.compile(r"^\| `(\w+)` \| ([A-Z][A-Z0-9_\[\] ]*?) \|", re.MULTILINE)


def test_dictionary_gives_each_column_its_type() -> None:
    text = DICTIONARY.read_text(encoding="utf-8")
    con = open_warehouse(":memory:")
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = 'main'"
    ).fetchall()
    con.close()
    actual = {(table, column): dtype for table, column, dtype in rows}
    matches = list(HEADING.finditer(text))
    wrong = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        body = text[match.end() : following.start() if following else len(text)]
        for column, dtype in TYPED_ROW.findall(body):
            stored = actual.get((match[1], column))
            if stored != dtype.replace("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"):
                wrong.append(f"{match[1]}.{column}: documented {dtype}, stored {stored}")
    assert wrong == []
