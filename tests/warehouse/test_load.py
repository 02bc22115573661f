"""Bulk loads: idempotent, deduplicated by id and by content, nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.records import JobPosting, QuarantinedRow, postings_to_arrow, quarantine_to_arrow
from nlp.records import (
    TAGGED_SCHEMA,
    PostingProfile,
    SkillMention,
    TaggedBatch,
    UnknownTerm,
    mentions_to_arrow,
)
from tests.warehouse.sightings import JOB, OTHER_JOB, fresh_copy, owners, seen_on
from warehouse.db import open_warehouse, scalar
from warehouse.load import load_postings, load_quarantine, load_tagging
from warehouse.queries import postings_to_tag


@pytest.fixture
def con(migrated: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with fresh_copy(migrated) as con:
        yield con


def sighting(source_id: str, text: str, day: int, month: int = 1, **kw: object) -> JobPosting:
    return JobPosting(
        source="test",
        source_id=source_id,
        description=text,
        seen_at=datetime(2026, month, day, tzinfo=UTC),
        origin=f"test.jsonl:{source_id}",
        raw=f'{{"id": "{source_id}"}}',
        **kw,  # type: ignore[arg-type]
    )


def count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    value = scalar(con, f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
    assert isinstance(value, int)
    return value


def test_same_posting_seen_twice_is_one_posting_with_two_sightings(
    con: duckdb.DuckDBPyConnection,
) -> None:
    batch = postings_to_arrow([sighting("1", "Python dev", 1), sighting("1", "Python dev", 9)])
    result = load_postings(con, batch)
    assert (result.sightings_new, result.postings_new, result.duplicates) == (2, 1, 1)
    row = con.execute("SELECT sightings, first_seen, last_seen FROM postings").fetchone()
    assert row == (2, datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 9, tzinfo=UTC))


def test_same_text_under_another_id_that_month_folds_into_the_first_seen_posting(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_postings(con, postings_to_arrow([sighting("a", "Rust engineer, Berlin", 3)]))
    result = load_postings(con, postings_to_arrow([sighting("b", "rust  ENGINEER, berlin", 28)]))
    assert result.postings_new == 0
    assert count(con, "postings") == 1
    owners = con.execute("SELECT DISTINCT posting_id FROM raw_postings").fetchall()
    assert owners == [("test:a",)]


def test_loading_the_same_batch_twice_changes_no_counts(con: duckdb.DuckDBPyConnection) -> None:
    batch = postings_to_arrow([sighting(str(i), f"text {i % 7}", 1 + i % 5) for i in range(40)])
    load_postings(con, batch)
    before = {t: count(con, t) for t in ("raw_postings", "postings")}
    again = load_postings(con, batch)
    assert again.sightings_new == 0 and again.postings_new == 0
    assert {t: count(con, t) for t in ("raw_postings", "postings")} == before


def test_an_edited_posting_takes_the_newer_text_and_keeps_both_sightings(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_postings(con, postings_to_arrow([sighting("1", "Go dev", 1, title="old")]))
    result = load_postings(
        con, postings_to_arrow([sighting("1", "Go and Rust dev", 2, title="new")])
    )
    assert result.postings_changed == 1
    assert con.execute("SELECT title, description, sightings FROM postings").fetchone() == (
        "new",
        "Go and Rust dev",
        2,
    )
    assert count(con, "raw_postings") == 2


def test_an_older_sighting_arriving_late_does_not_overwrite_newer_text(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_postings(con, postings_to_arrow([sighting("1", "newest text", 20)]))
    load_postings(con, postings_to_arrow([sighting("1", "older text", 2)]))
    assert con.execute("SELECT description, sightings FROM postings").fetchone() == (
        "newest text",
        2,
    )


MONTH_ONLY = datetime(2015, 3, 1, tzinfo=UTC)
EXACT = datetime(2015, 3, 2, 16, 5, tzinfo=UTC)
LATER = datetime(2015, 3, 9, 10, 0, tzinfo=UTC)
NEXT_MONTH = datetime(2015, 4, 1, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("first", "then", "kept"),
    [
        pytest.param((MONTH_ONLY, "month"), (EXACT, None), (EXACT, None), id="month-then-exact"),
        pytest.param((EXACT, None), (MONTH_ONLY, "month"), (EXACT, None), id="exact-then-month"),
        pytest.param(
            (None, None), (MONTH_ONLY, "month"), (MONTH_ONLY, "month"), id="none-then-month"
        ),
        pytest.param(
            (MONTH_ONLY, "month"), (None, None), (MONTH_ONLY, "month"), id="month-then-none"
        ),
        pytest.param((EXACT, None), (LATER, None), (EXACT, None), id="earlier-exact-kept"),
        pytest.param((LATER, None), (EXACT, None), (EXACT, None), id="earlier-exact-wins"),
        pytest.param(
            (NEXT_MONTH, None),
            (MONTH_ONLY, "month"),
            (MONTH_ONLY, "month"),
            id="earlier-month-wins",
        ),
    ],
)
def test_a_posting_keeps_the_earliest_date_its_sightings_give(
    con: duckdb.DuckDBPyConnection,
    first: tuple[datetime | None, str | None],
    then: tuple[datetime | None, str | None],
    kept: tuple[datetime | None, str | None],
) -> None:
    pairs = ((1, first), (2, then))
    for day, (posted_at, precision) in pairs:
        one = sighting("1", "ML engineer", day, posted_at=posted_at, posted_precision=precision)
        load_postings(con, postings_to_arrow([one]))
    assert con.execute("SELECT posted_at, posted_precision FROM postings").fetchall() == [kept]
    # the same when both sightings arrive in one batch, in either order
    for order in (pairs, pairs[::-1]):
        with open_warehouse(":memory:") as fresh:
            batch = [
                sighting("1", "ML engineer", day, posted_at=at, posted_precision=precision)
                for day, (at, precision) in order
            ]
            load_postings(fresh, postings_to_arrow(batch))
            dated = fresh.execute("SELECT posted_at, posted_precision FROM postings").fetchall()
            assert dated == [kept]


@pytest.mark.parametrize("batches", [1, 2], ids=["one-load", "two-loads"])
def test_identical_reposts_in_a_later_month_are_postings_of_that_month(
    con: duckdb.DuckDBPyConnection, batches: int
) -> None:
    # A monthly thread's repost is demand in its month. Month files share one seen_at, so
    # only the posting date tells the months apart.
    reposts = [
        sighting(sid, "Acme | Engineer | Berlin", 2, posted_at=month, posted_precision="month")
        for sid, month in (("900", NEXT_MONTH.replace(day=1)), ("1000", MONTH_ONLY))
    ]
    for part in [reposts] if batches == 1 else [[one] for one in reposts]:
        load_postings(con, postings_to_arrow(part))
    rows = con.execute(
        "SELECT posted_at, sightings, content_hash FROM postings ORDER BY posted_at"
    ).fetchall()
    assert [(at, n) for at, n, _ in rows] == [(MONTH_ONLY, 1), (NEXT_MONTH.replace(day=1), 1)]
    assert rows[0][2] == rows[1][2]  # the same text: a researcher can still fold them


@pytest.mark.parametrize("batches", [1, 2], ids=["one-load", "two-loads"])
def test_the_same_text_under_another_id_in_the_same_month_is_one_posting(
    con: duckdb.DuckDBPyConnection, batches: int
) -> None:
    twins = [
        sighting(
            sid, "Acme | Engineer | Berlin", day, posted_at=MONTH_ONLY, posted_precision="month"
        )
        for sid, day in (("900", 2), ("901", 3))
    ]
    for part in [twins] if batches == 1 else [[one] for one in twins]:
        load_postings(con, postings_to_arrow(part))
    assert con.execute("SELECT posted_at, sightings FROM postings").fetchall() == [(MONTH_ONLY, 2)]
    # and a third id with that text a month later starts a posting of its own
    later = sighting("902", "Acme | Engineer | Berlin", 4, posted_at=NEXT_MONTH.replace(day=1))
    load_postings(con, postings_to_arrow([later]))
    assert count(con, "postings") == 2


def test_a_month_only_posting_counts_in_its_month(con: duckdb.DuckDBPyConnection) -> None:
    month_only = sighting("1", "Data engineer", 2, posted_at=MONTH_ONLY, posted_precision="month")
    load_postings(con, postings_to_arrow([month_only, sighting("2", "Web developer", 3)]))
    months = con.execute("SELECT source_id, month FROM v_postings ORDER BY source_id").fetchall()
    assert [(sid, str(month)) for sid, month in months] == [
        ("1", "2015-03-01"),
        ("2", "2026-01-01"),
    ]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcdef"), st.sampled_from(["x", "y", "z"]), st.integers(1, 4)),
        max_size=30,
    )
)
def test_postings_equal_distinct_ids_less_text_duplicates(
    migrated: Path, rows: list[tuple[str, str, int]]
) -> None:
    # one text per id and day: which of two same-day texts came first is unknowable
    rows = list({(sid, day): (sid, text, day) for sid, text, day in reversed(rows)}.values())
    with fresh_copy(migrated) as con:
        batch = [sighting(sid, f"text {text}", day) for sid, text, day in rows]
        load_postings(con, postings_to_arrow(batch))
        load_postings(con, postings_to_arrow(list(reversed(batch))))
        # every distinct (id, text, day) is kept as a sighting
        assert count(con, "raw_postings") == len(set(rows))
        # an id's first text decides which posting it joins; ids sharing it fold together
        first_text: dict[str, tuple[int, str]] = {}
        for sid, text, day in sorted(rows, key=lambda r: (r[2], r[0], r[1])):
            first_text.setdefault(sid, (day, text))
        assert count(con, "postings") == len({t for _, t in first_text.values()})


def test_quarantine_keeps_reason_and_is_idempotent(con: duckdb.DuckDBPyConnection) -> None:
    rows = [QuarantinedRow("test", "bad.jsonl", 3, "invalid JSON", "{oops")]
    assert load_quarantine(con, quarantine_to_arrow(rows)) == 1
    assert load_quarantine(con, quarantine_to_arrow(rows)) == 0
    assert con.execute("SELECT origin, line, reason, payload FROM quarantine").fetchall() == [
        ("bad.jsonl", 3, "invalid JSON", "{oops")
    ]


def mention(posting_id: str, start: int, version: str = "t1") -> SkillMention:
    return SkillMention(
        posting_id, "python", "Python", start, start + 6, "Python", "required", version, "e1"
    )


def tagged(pairs: list[tuple[str, str]], mentions: list[int], version: str = "t1") -> pa.Table:
    return pa.table(
        {
            "posting_id": [p for p, _ in pairs],
            "content_hash": [h for _, h in pairs],
            "taxonomy_version": [version] * len(pairs),
            "extractor_version": ["e1"] * len(pairs),
            "mentions": pa.array(mentions, pa.int32()),
        },
        schema=TAGGED_SCHEMA,
    )


def load_mentions(con: duckdb.DuckDBPyConnection, mentions: pa.Table, tagged_rows: pa.Table) -> int:
    empty = TaggedBatch(
        tagged=tagged_rows,
        mentions=mentions,
        profiles=PostingProfile.ARROW_SCHEMA.empty_table(),
        unknown_terms=UnknownTerm.ARROW_SCHEMA.empty_table(),
    )
    return load_tagging(con, empty)


def test_only_untagged_or_changed_postings_are_offered_for_tagging(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_postings(con, postings_to_arrow([sighting("1", "Python", 1), sighting("2", "SQL", 1)]))
    hashes = dict(con.execute("SELECT posting_id, content_hash FROM postings").fetchall())

    def todo(version: str = "t1") -> list[str]:
        return [
            pid for b in postings_to_tag(con, version, "e1") for pid in b["posting_id"].to_pylist()
        ]

    assert todo() == ["test:1", "test:2"]
    load_mentions(
        con, mentions_to_arrow([mention("test:1", 0)]), tagged(list(hashes.items()), [1, 0])
    )
    assert todo() == []
    assert todo("t2") == ["test:1", "test:2"]  # a new taxonomy version re-tags everything
    load_postings(con, postings_to_arrow([sighting("2", "SQL and Python", 5)]))
    assert todo() == ["test:2"]  # changed text


def test_retagging_replaces_mentions_of_that_version_only(con: duckdb.DuckDBPyConnection) -> None:
    load_postings(con, postings_to_arrow([sighting("1", "Python Python", 1)]))
    h = str(scalar(con, "SELECT content_hash FROM postings"))
    load_mentions(
        con,
        mentions_to_arrow([mention("test:1", 0), mention("test:1", 7)]),
        tagged([("test:1", h)], [2]),
    )
    load_mentions(
        con, mentions_to_arrow([mention("test:1", 0, "t2")]), tagged([("test:1", h)], [1], "t2")
    )
    load_mentions(con, mentions_to_arrow([mention("test:1", 7)]), tagged([("test:1", h)], [1]))
    by_version = con.execute(
        "SELECT taxonomy_version, list(start ORDER BY start) FROM skill_mentions GROUP BY 1"
        " ORDER BY 1"
    ).fetchall()
    assert by_version == [("t1", [7]), ("t2", [0])]
    # one tag record per posting and versions, the latest: no key enforces it, the load does
    tags = con.execute(
        "SELECT taxonomy_version, count(*), max(mentions) FROM posting_tags GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert tags == [("t1", 1, 1), ("t2", 1, 1)]


def test_same_canonical_url_on_another_source_folds_and_keeps_both_sightings(
    con: duckdb.DuckDBPyConnection,
) -> None:
    url = "https://jobs.example.com/acme/42"
    load_postings(con, postings_to_arrow([seen_on("greenhouse", "42", JOB, 1, canonical_url=url)]))
    result = load_postings(
        con, postings_to_arrow([seen_on("remoteok", "r9", OTHER_JOB, 2, canonical_url=url)])
    )
    assert (result.sightings_new, result.postings_new, result.duplicates) == (1, 0, 1)
    assert owners(con) == {"greenhouse:42": "greenhouse:42", "remoteok:r9": "greenhouse:42"}
    assert count(con, "raw_postings") == 2


def test_near_duplicate_text_on_another_source_folds_into_the_stored_posting(
    con: duckdb.DuckDBPyConnection,
) -> None:
    edited = JOB + " Apply on our site."
    load_postings(con, postings_to_arrow([seen_on("lever", "a", JOB, 1)]))
    assert count(con, "posting_bands") > 0
    result = load_postings(
        con,
        postings_to_arrow([seen_on("arbeitnow", "b", edited, 2), seen_on("x", "c", OTHER_JOB, 2)]),
    )
    assert (result.postings_new, result.duplicates) == (1, 1)
    assert owners(con)["arbeitnow:b"] == "lever:a"
    assert owners(con)["x:c"] == "x:c"


def test_near_duplicates_within_one_source_stay_apart(con: duckdb.DuckDBPyConnection) -> None:
    # two ids on one board are two postings (one job in two cities), unless the text is equal
    batch = [seen_on("lever", "berlin", JOB, 1), seen_on("lever", "munich", JOB + " Munich.", 1)]
    assert load_postings(con, postings_to_arrow(batch)).postings_new == 2


def test_cross_source_folding_does_not_depend_on_how_batches_are_cut() -> None:
    edited = JOB.replace("Spark", "Flink")
    rows = [
        seen_on("a", "1", JOB, 1),
        seen_on("b", "2", edited, 2),
        seen_on("c", "3", OTHER_JOB, 3),
    ]
    outcomes = []
    for batches in ([rows], [[r] for r in rows]):
        with open_warehouse(":memory:") as con:
            for batch in batches:
                load_postings(con, postings_to_arrow(batch))
            outcomes.append(owners(con))
    assert outcomes[0] == outcomes[1] == {"a:1": "a:1", "b:2": "a:1", "c:3": "c:3"}


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["gh", "lever", "hn"]),
            st.sampled_from("abcd"),
            st.sampled_from(["", " Apply now.", " Apply today please."]),
            st.booleans(),
            st.integers(1, 4),
        ),
        max_size=25,
    )
)
def test_cross_source_loads_keep_every_sighting_and_are_idempotent(
    migrated: Path, rows: list[tuple[str, str, str, bool, int]]
) -> None:
    postings = [
        seen_on(
            source,
            sid,
            JOB + tail,
            day,
            canonical_url=f"https://jobs.example.com/{sid}" if with_url else None,
        )
        for source, sid, tail, with_url, day in rows
    ]
    with fresh_copy(migrated) as con:
        load_postings(con, postings_to_arrow(postings))
        before = {t: count(con, t) for t in ("raw_postings", "postings", "posting_bands")}
        again = load_postings(con, postings_to_arrow(list(reversed(postings))))
        assert again.sightings_new == 0
        assert {t: count(con, t) for t in ("raw_postings", "postings", "posting_bands")} == before
        assert before["raw_postings"] == len({(s, i, t, d) for s, i, t, _, d in rows})
        # every sighting points at a stored posting, and an id never spans two postings
        dangling = "SELECT count(*) FROM raw_postings ANTI JOIN postings USING (posting_id)"
        assert scalar(con, dangling) == 0
        split = "SELECT count(*) FROM (SELECT source, source_id FROM raw_postings GROUP BY 1, 2"
        assert scalar(con, split + " HAVING count(DISTINCT posting_id) > 1)") == 0
