"""Cross-source folding by near-duplicate text: band keys stored as integers, found again."""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.records import JobPosting, postings_to_arrow
from tests.warehouse.sightings import JOB, OTHER_JOB, fresh_copy, owners, seen_on
from warehouse.db import migrate, open_warehouse, scalar
from warehouse.dedup import BANDS, band_keys, signature
from warehouse.load import load_postings

# about 0.9 of JOB's shingles in common: folds across sources
JOB_EDITED = JOB.replace("thirty days", "30 days")
# about 0.5 in common: never folds
JOB_HALF = JOB[: len(JOB) // 2] + (
    " Our clinic looks for a part-time receptionist who greets patients, answers the phone "
    "and books appointments; friendly manner and German required."
)


def test_a_kept_posting_stores_its_band_keys_as_integers() -> None:
    with open_warehouse(":memory:") as con:
        load_postings(con, postings_to_arrow([seen_on("lever", "a", JOB, 1)]))
        stored = con.execute(
            "SELECT band_key FROM posting_bands WHERE posting_id = 'lever:a' ORDER BY band_key"
        ).fetchall()
        assert [key for (key,) in stored] == sorted(band_keys(signature(JOB)))
        assert len(stored) == BANDS


@pytest.mark.parametrize(
    ("second", "folds"),
    [
        (seen_on("arbeitnow", "b", JOB_EDITED, 2), True),
        (seen_on("lever", "b", JOB_EDITED, 2), False),  # same source: two postings
        (seen_on("arbeitnow", "b", JOB_HALF, 2), False),  # shares a part, not the posting
        (seen_on("arbeitnow", "b", "", 2), False),  # no words, nothing to compare
    ],
    ids=["other-source", "same-source", "half-similar", "empty"],
)
@pytest.mark.parametrize("together", [False, True], ids=["two-loads", "one-load"])
def test_near_duplicate_folds_only_across_sources(
    second: JobPosting, folds: bool, together: bool
) -> None:
    first = seen_on("lever", "a", JOB, 1)
    with open_warehouse(":memory:") as con:
        batches = [[first, second]] if together else [[first], [second]]
        for batch in batches:
            load_postings(con, postings_to_arrow(batch))
        expected = "lever:a" if folds else f"{second.source}:{second.source_id}"
        assert owners(con)[f"{second.source}:{second.source_id}"] == expected


def test_the_most_similar_posting_wins_and_a_folded_posting_is_not_a_target() -> None:
    rows = [
        seen_on("a", "1", JOB, 1),
        seen_on("b", "2", JOB_EDITED, 2),  # folds into a:1
        seen_on("c", "3", JOB_EDITED, 3),  # same text as b:2, which folded: joins a:1 as well
        seen_on("d", "4", JOB_EDITED + " Apply now.", 4),
    ]
    with open_warehouse(":memory:") as con:
        load_postings(con, postings_to_arrow(rows))
        assert set(owners(con).values()) == {"a:1"}
        assert scalar(con, "SELECT count(DISTINCT posting_id) FROM posting_bands") == 1


# Two families of near-duplicates (similar at 0.92 and more within, 0.3 at most across) and
# one text half-way between them.
VARIANTS = [JOB, JOB_EDITED, JOB_HALF, OTHER_JOB, JOB_EDITED + " Apply now.", OTHER_JOB + " Hi."]


@pytest.mark.long
@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["gh", "lever", "hn"]), st.sampled_from(range(len(VARIANTS)))),
        min_size=1,
        max_size=len(VARIANTS),
        unique_by=lambda row: row[1],
    ),
    st.lists(st.integers(1, len(VARIANTS) - 1), max_size=3),
)
def test_outcome_does_not_depend_on_how_the_load_is_cut(
    migrated: Path, rows: list[tuple[str, int]], cuts: list[int]
) -> None:
    # every text differs, so only near-duplicate folding is at work (exact repeats: below)
    postings = [
        seen_on(source, str(number), VARIANTS[variant], 1 + number)
        for number, (source, variant) in enumerate(rows)
    ]
    points = sorted({0, len(postings), *(c for c in cuts if c < len(postings))})
    outcomes = []
    for bounds in ([0, len(postings)], points):
        with fresh_copy(migrated) as con:
            for start, stop in itertools.pairwise(bounds):
                load_postings(con, postings_to_arrow(postings[start:stop]))
            outcomes.append((owners(con), scalar(con, "SELECT count(*) FROM posting_bands")))
    assert outcomes[0] == outcomes[1]


def test_an_exact_repeat_after_a_cross_source_fold_joins_the_first_posting() -> None:
    rows = [seen_on("lever", "0", JOB_EDITED, 1), seen_on("gh", "1", JOB, 2)]
    rows.append(seen_on("lever", "2", JOB_EDITED, 3))
    outcomes = []
    for batches in ([rows], [rows[:2], rows[2:]]):
        with open_warehouse(":memory:") as con:
            for batch in batches:
                load_postings(con, postings_to_arrow(batch))
            outcomes.append(owners(con))
    assert outcomes[0] == outcomes[1]


def _warehouse_before_008() -> duckdb.DuckDBPyConnection:
    """A warehouse migrated up to 007, holding postings and their old string band keys."""
    con = duckdb.connect(":memory:")
    migrate(con, until=7)
    return con


def test_migration_008_replaces_old_band_keys_and_the_next_load_backfills_them() -> None:
    con = _warehouse_before_008()
    load_postings_before = [seen_on("lever", "a", JOB, 1), seen_on("gh", "z", OTHER_JOB, 1)]
    # load through the new code would need 008, so store postings the way 007 did: directly
    con.register("_old", postings_to_arrow(load_postings_before))
    con.execute(
        "INSERT INTO postings BY NAME SELECT source || ':' || source_id AS posting_id, source,"
        " source_id, content_hash, description, seen_at AS first_seen, seen_at AS last_seen,"
        " 1 AS sightings, seen_at AS updated_at FROM _old"
    )
    con.execute(
        "INSERT INTO raw_postings BY NAME SELECT source, source_id, seen_at, content_hash,"
        " source || ':' || source_id AS posting_id, origin, raw FROM _old"
    )
    con.unregister("_old")
    con.execute("INSERT INTO posting_bands VALUES ('lever:a', '0:00ff00ff00ff00ff')")

    assert [m.version for m in migrate(con, until=9)] == [8, 9]
    types = {row[0]: row[1] for row in con.execute("DESCRIBE posting_bands").fetchall()}
    assert types == {"posting_id": "VARCHAR", "source": "VARCHAR", "band_key": "UBIGINT"}
    assert scalar(con, "SELECT count(*) FROM posting_bands") == 0

    migrate(con)  # the later migrations, which today's load needs
    load_postings(con, postings_to_arrow([seen_on("arbeitnow", "b", JOB_EDITED, 2)]))
    assert owners(con)["arbeitnow:b"] == "lever:a"
    per_posting = con.execute(
        "SELECT posting_id, count(*) FROM posting_bands GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert per_posting == [("gh:z", BANDS), ("lever:a", BANDS)]
    con.close()


def test_backfill_runs_only_while_the_bands_table_is_empty() -> None:
    with open_warehouse(":memory:") as con:
        load_postings(con, postings_to_arrow([seen_on("lever", "a", JOB, 1)]))
        # a posting without bands (as if stored by other code) is not picked up on every load
        con.execute("DELETE FROM posting_bands")
        con.execute("INSERT INTO posting_bands VALUES ('elsewhere', 'x', 1)")
        load_postings(con, postings_to_arrow([seen_on("gh", "b", OTHER_JOB, 2)]))
        assert scalar(con, "SELECT count(*) FROM posting_bands WHERE posting_id = 'lever:a'") == 0
        con.execute("DELETE FROM posting_bands")
        load_postings(con, postings_to_arrow([seen_on("hn", "c", OTHER_JOB + " Hi there.", 3)]))
        assert (
            scalar(con, "SELECT count(*) FROM posting_bands WHERE posting_id = 'lever:a'") == BANDS
        )


@pytest.mark.parametrize("cut", [False, True], ids=["one-load", "two-loads"])
def test_the_source_that_started_a_posting_decides_not_the_newest_sighting(cut: bool) -> None:
    # lever's exact copy makes lever the newest sighting of gh:0; gh:2 is still gh's own posting
    rows = [seen_on("gh", "0", JOB, 1), seen_on("lever", "1", JOB, 2)]
    rows.append(seen_on("gh", "2", JOB_EDITED, 3))
    with open_warehouse(":memory:") as con:
        for batch in [rows[:2], rows[2:]] if cut else [rows]:
            load_postings(con, postings_to_arrow(batch))
        assert owners(con) == {"gh:0": "gh:0", "lever:1": "gh:0", "gh:2": "gh:2"}
