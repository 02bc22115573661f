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
