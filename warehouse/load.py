"""Bulk, idempotent loads of Arrow batches into the warehouse.

Every load runs in one transaction. Loading the same batch twice changes nothing: sightings
are keyed by (source, source_id, seen_at, content_hash), mentions by their span and versions,
quarantined rows by a hash of where they came from and what they held.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from extract.errors import WarehouseError
from extract.records import JobPosting, QuarantinedRow
from nlp.records import TAGGED_SCHEMA, PostingProfile, SkillMention, TaggedBatch, UnknownTerm
from warehouse.db import registered, scalar
from warehouse.matching import fold_across_sources


@dataclass(frozen=True, slots=True)
class PostingLoad:
    """What one load of postings did."""

    sightings_new: int
    postings_new: int
    postings_changed: int
    duplicates: int


def _check_schema(table: pa.Table, expected: pa.Schema, what: str) -> None:
    if not table.schema.equals(expected, check_metadata=False):
        raise WarehouseError(f"{what} batch does not match its schema:\n{table.schema}")


def transaction(con: duckdb.DuckDBPyConnection) -> _Tx:
    """A context manager running its block in one transaction, rolled back on error."""
    return _Tx(con)


class _Tx:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.con.execute("BEGIN TRANSACTION")
        return self.con

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.con.execute("COMMIT")
            return
        # A connection a failed write invalidated (a full disk) refuses ROLLBACK too: the
        # error to report is the one that got us here.
        with suppress(duckdb.Error):
            self.con.execute("ROLLBACK")


# The batch is first narrowed to sightings the warehouse has not stored. Each new
# (source, source_id) is then resolved to a canonical posting: the one it already belongs to,
# else an existing posting of the same month ever seen with the same text (not only its
# current text, so the outcome does not depend on how loads were cut), else the earliest-seen
# new posting of the same month in this batch with the same text, else (warehouse.matching) a
# posting of another source with the same canonical URL or nearly the same text, else itself.
#
# The same text under a new id in a later month is a new posting: a job advertised again in
# a later month (a monthly "Who is hiring?" thread, a board that relisted it) is demand in
# that month too, and folding it into its first month would take it out of the later month's
# counts. Such reposts share their content_hash, so a researcher can still fold them. A
# posting's month is that of its posting date, else of when it was first seen.
_RESOLVE_SQL = """
CREATE OR REPLACE TEMP TABLE _new AS
SELECT b.source, b.source_id, b.seen_at, b.content_hash, b.posting_id, b._row
FROM _batch AS b
SEMI JOIN (
    SELECT min(k._row) AS _row
    FROM _batch AS k
    ANTI JOIN (
        -- An inner join, so that the hash table is built over the batch, not over every
        -- stored sighting as an anti join against raw_postings would.
        SELECT k._row
        FROM raw_postings AS r
        JOIN _batch AS k
            ON r.source = k.source AND r.source_id = k.source_id
            AND r.seen_at = k.seen_at AND r.content_hash = k.content_hash
    ) AS stored USING (_row)
    GROUP BY k.source, k.source_id, k.seen_at, k.content_hash
) AS first_of_each USING (_row);

CREATE OR REPLACE TEMP TABLE _known AS
SELECT DISTINCT r.source, r.source_id, r.posting_id
FROM raw_postings AS r
SEMI JOIN _new AS n ON n.source = r.source AND n.source_id = r.source_id;

CREATE OR REPLACE TEMP TABLE _unknown AS
SELECT u.*, f.content_hash AS first_hash,
       date_trunc('month', coalesce(b.posted_at, f.seen_at) AT TIME ZONE 'UTC') AS first_month
FROM (
    SELECT n.source, n.source_id, any_value(n.posting_id) AS own_id,
           min(n.seen_at) AS first_seen, first(n._row ORDER BY n.seen_at, n._row) AS first_row
    FROM _new AS n
    ANTI JOIN _known AS k ON k.source = n.source AND k.source_id = n.source_id
    GROUP BY n.source, n.source_id
) AS u
JOIN _new AS f ON f._row = u.first_row
JOIN _batch AS b ON b._row = u.first_row;

CREATE OR REPLACE TEMP TABLE _id_map AS
SELECT source, source_id, posting_id, false AS is_new_id, NULL::VARCHAR AS own_id
FROM _known
UNION ALL
SELECT u.source, u.source_id,
       coalesce(p.posting_id, first_value(u.own_id) OVER (
           PARTITION BY u.first_hash, u.first_month ORDER BY u.first_seen, u.own_id))
           AS posting_id,
       true AS is_new_id, u.own_id
FROM _unknown AS u
LEFT JOIN (
    SELECT r.content_hash,
           date_trunc('month', coalesce(s.posted_at, s.first_seen) AT TIME ZONE 'UTC') AS month,
           min(r.posting_id) AS posting_id
    FROM (
        SELECT DISTINCT r.content_hash, r.posting_id
        FROM raw_postings AS r
        SEMI JOIN _unknown AS u ON u.first_hash = r.content_hash
    ) AS r
    JOIN postings AS s USING (posting_id)
    GROUP BY ALL
) AS p ON p.content_hash = u.first_hash AND p.month = u.first_month;
"""

_INSERT_SIGHTINGS_SQL = """
INSERT INTO raw_postings (source, source_id, seen_at, content_hash, posting_id, origin, raw,
                          run_id)
SELECT n.source, n.source_id, n.seen_at, n.content_hash, m.posting_id, b.origin, b.raw, ?
FROM _new AS n
JOIN _id_map AS m ON m.source = n.source AND m.source_id = n.source_id
JOIN _batch AS b ON b._row = n._row;
"""


def _date_key(alias: str) -> str:
    """What orders posting dates, earliest first: the month, then an exact date before a
    month-only one, then the moment."""
    return (
        f"date_trunc('month', {alias}.posted_at AT TIME ZONE 'UTC'),"
        f" {alias}.posted_precision IS NOT NULL, {alias}.posted_at"
    )


# The newest new sighting of each touched posting carries the fields written to `postings`,
# unless the warehouse already holds a newer sighting of it.
_UPSERT_POSTINGS_SQL = f"""
CREATE OR REPLACE TEMP TABLE _latest AS
SELECT m.posting_id, n._row, n.seen_at, n.content_hash
FROM _new AS n
JOIN _id_map AS m USING (source, source_id)
SEMI JOIN (
    SELECT first(n._row ORDER BY n.seen_at DESC, n.content_hash, n._row DESC) AS _row
    FROM _new AS n
    JOIN _id_map AS m USING (source, source_id)
    GROUP BY m.posting_id
) AS newest USING (_row);

-- The posting date each touched posting's new sightings give: the earliest (a repost folded
-- into a posting keeps the date the job was first posted), and within one month an exact
-- date before a month-only one.
CREATE OR REPLACE TEMP TABLE _dated AS
SELECT l.posting_id, a.dated.posted_at, a.dated.posted_precision
FROM _latest AS l
LEFT JOIN (
    SELECT m.posting_id,
           arg_min({{'posted_at': b.posted_at, 'posted_precision': b.posted_precision}},
                   ({_date_key("b")})) AS dated
    FROM _new AS n
    JOIN _id_map AS m USING (source, source_id)
    JOIN _batch AS b ON b._row = n._row
    WHERE b.posted_at IS NOT NULL
    GROUP BY m.posting_id
) AS a USING (posting_id);

CREATE OR REPLACE TEMP TABLE _stats AS
SELECT r.posting_id, min(r.seen_at) AS first_seen, max(r.seen_at) AS last_seen,
       count(*) AS sightings
FROM raw_postings AS r
SEMI JOIN _latest AS l ON l.posting_id = r.posting_id
GROUP BY r.posting_id;
"""  # noqa: S608 - only fixed column names are formatted in

# Stored postings this batch touches. Only the key column of `postings` is read to find them,
# so a batch of new postings costs no pass over the stored texts.
_TOUCHED_SQL = """
CREATE OR REPLACE TEMP TABLE _touched AS
SELECT l.posting_id, l.seen_at >= p.last_seen AS newer,
       l.content_hash <> p.content_hash AS changed
FROM _latest AS l
JOIN postings AS p USING (posting_id)
"""

# Fields a newer sighting overwrites; the others are kept from the first sighting or derived.
_NEWEST_WINS = (
    "content_hash", "title", "company", "location", "remote", "description", "url", "city",
    "region", "country", "salary_min", "salary_max", "salary_currency", "salary_period",
    "employment_type", "canonical_url", "valid_through",
)  # fmt: skip
# A stored posting takes the date of its new sightings (_dated) when that comes first by
# _date_key: an earlier month, or the same month dated exactly where it was month-only.
_EARLIER = f"""(d.posted_at IS NOT NULL
        AND (p.posted_at IS NULL OR ({_date_key("d")}) < ({_date_key("p")})))"""
_ALWAYS = f"""
    posted_at  = CASE WHEN {_EARLIER} THEN d.posted_at ELSE p.posted_at END,
    posted_precision = CASE WHEN {_EARLIER} THEN d.posted_precision
                            ELSE p.posted_precision END,
    first_seen = s.first_seen,
    last_seen  = s.last_seen,
    sightings  = s.sightings,
    closed_at  = NULL,
    updated_at = ?"""
# The newest sightings with their fields, taken from the batch by row number.
_LATEST_ROWS = """(
    SELECT l.posting_id, b.* EXCLUDE (posting_id, _row)
    FROM _latest AS l JOIN _batch AS b USING (_row)
) AS l"""
# Two statements rather than one with a CASE per field: a CASE would read every stored text
# to write it back unchanged.
_UPDATE_NEWER_SQL = f"""
UPDATE postings AS p SET
    {", ".join(f"{c} = l.{c}" for c in _NEWEST_WINS)},{_ALWAYS}
FROM {_LATEST_ROWS}, _stats AS s, _touched AS t, _dated AS d
WHERE l.posting_id = p.posting_id AND s.posting_id = p.posting_id
  AND t.posting_id = p.posting_id AND d.posting_id = p.posting_id AND t.newer
"""  # noqa: S608 - only fixed column names are formatted in
_UPDATE_OLDER_SQL = f"""
UPDATE postings AS p SET{_ALWAYS}
FROM {_LATEST_ROWS}, _stats AS s, _touched AS t, _dated AS d
WHERE l.posting_id = p.posting_id AND s.posting_id = p.posting_id
  AND t.posting_id = p.posting_id AND d.posting_id = p.posting_id AND NOT t.newer
"""

_INSERT_POSTINGS_SQL = f"""
INSERT INTO postings BY NAME
SELECT l.posting_id, l.source, l.source_id, d.posted_at, d.posted_precision,
       {", ".join(f"l.{c}" for c in _NEWEST_WINS)},
       s.first_seen, s.last_seen, s.sightings, ? AS updated_at
FROM {_LATEST_ROWS}
JOIN _stats AS s USING (posting_id)
JOIN _dated AS d USING (posting_id)
ANTI JOIN _touched AS t USING (posting_id)
"""  # noqa: S608 - only fixed column names are formatted in


def load_postings(
    con: duckdb.DuckDBPyConnection, batch: pa.Table, run_id: str | None = None
) -> PostingLoad:
    """Store a batch of sightings and fold them into deduplicated postings."""
    _check_schema(batch, JobPosting.ARROW_SCHEMA, "postings")
    now = datetime.now(UTC)
    # Rows are picked by number and only the picked ones carry their text along: sorting or
    # grouping whole rows (descriptions and raw payloads) was most of a load's time.
    numbered = batch.append_column("_row", pa.array(range(batch.num_rows), pa.int64()))
    with registered(con, _batch=numbered), transaction(con):
        con.execute(_RESOLVE_SQL)
        fold_across_sources(con)
        sightings_new = _count(con, "SELECT count(*) FROM _new")
        postings_before = _count(con, "SELECT count(*) FROM postings")
        con.execute(_INSERT_SIGHTINGS_SQL, [run_id])
        con.execute(_UPSERT_POSTINGS_SQL)
        con.execute(_TOUCHED_SQL)
        changed = _count(con, "SELECT count(*) FROM _touched WHERE newer AND changed")
        if _count(con, "SELECT count(*) FROM _touched"):
            con.execute(_UPDATE_NEWER_SQL, [now])
            con.execute(_UPDATE_OLDER_SQL, [now])
        con.execute(_INSERT_POSTINGS_SQL, [now])
        postings_new = _count(con, "SELECT count(*) FROM postings") - postings_before
    return PostingLoad(
        sightings_new=sightings_new,
        postings_new=postings_new,
        postings_changed=changed,
        duplicates=sightings_new - postings_new,
    )


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    value = scalar(con, sql)
    assert isinstance(value, int)
    return value


def load_quarantine(
    con: duckdb.DuckDBPyConnection, batch: pa.Table, run_id: str | None = None
) -> int:
    """Store rejected rows with their reasons; return how many were new."""
    _check_schema(batch, QuarantinedRow.ARROW_SCHEMA, "quarantine")
    if batch.num_rows == 0:
        return 0
    with registered(con, _q=batch), transaction(con):
        before = _count(con, "SELECT count(*) FROM quarantine")
        con.execute(_QUARANTINE_SQL, [run_id])
        return _count(con, "SELECT count(*) FROM quarantine") - before


# The rows of the registered table ``_q``, each stored once (its id hashes what it holds).
_QUARANTINE_SQL = """
INSERT INTO quarantine (quarantine_id, source, origin, line, reason, payload, run_id)
SELECT DISTINCT ON (qid) qid, source, origin, line, reason, payload, ?
FROM (SELECT md5(concat_ws(chr(31), source, origin, coalesce(line, -1), payload)) AS qid, *
      FROM _q)
ON CONFLICT DO NOTHING
"""


def load_taxonomy(
    con: duckdb.DuckDBPyConnection, version: str, attribution: str, skills: pa.Table
) -> bool:
    """Store a taxonomy version once; return whether it was new."""
    with transaction(con):
        exists = scalar(
            con, "SELECT count(*) FROM taxonomy_versions WHERE taxonomy_version = ?", [version]
        )
        if exists:
            return False
        con.execute(
            "INSERT INTO taxonomy_versions (taxonomy_version, attribution, skill_count)"
            " VALUES (?, ?, ?)",
            [version, attribution, skills.num_rows],
        )
        con.execute("INSERT INTO taxonomy_skills BY NAME SELECT * FROM skills")
    return True


# What a tagged posting had under the same versions is replaced whole.
_REPLACED = ("skill_mentions", "posting_profiles", "unknown_terms", "posting_tags")


def load_tagging(
    con: duckdb.DuckDBPyConnection, batch: TaggedBatch, run_id: str | None = None
) -> int:
    """Store one tagged batch in one transaction; return the number of mentions stored.

    The postings the batch set aside go to ``quarantine`` with their reasons (once each).
    """
    _check_schema(batch.tagged, TAGGED_SCHEMA, "tagged")
    _check_schema(batch.mentions, SkillMention.ARROW_SCHEMA, "mentions")
    _check_schema(batch.profiles, PostingProfile.ARROW_SCHEMA, "profiles")
    _check_schema(batch.unknown_terms, UnknownTerm.ARROW_SCHEMA, "unknown terms")
    _check_schema(batch.set_aside, QuarantinedRow.ARROW_SCHEMA, "set aside")
    now = datetime.now(UTC)
    views = {
        "_t": batch.tagged,
        "_m": batch.mentions,
        "_p": batch.profiles,
        "_u": batch.unknown_terms,
        "_q": batch.set_aside,
    }
    with registered(con, **views), transaction(con):
        for table in _REPLACED:
            con.execute(
                f"DELETE FROM {table} AS s USING _t AS t"  # noqa: S608 - fixed names
                " WHERE s.posting_id = t.posting_id"
                " AND s.taxonomy_version = t.taxonomy_version"
                " AND s.extractor_version = t.extractor_version"
            )
        con.execute("INSERT INTO skill_mentions BY NAME SELECT * FROM _m")
        con.execute("INSERT INTO posting_profiles BY NAME SELECT * FROM _p")
        con.execute("INSERT INTO unknown_terms BY NAME SELECT * FROM _u")
        con.execute(
            """
                INSERT INTO posting_tags
                    (posting_id, content_hash, taxonomy_version, extractor_version, mentions,
                     tagged_at, run_id)
                SELECT posting_id, content_hash, taxonomy_version, extractor_version, mentions,
                       ?, ?
                FROM _t
                """,
            [now, run_id],
        )
        con.execute(_QUARANTINE_SQL, [run_id])
    return batch.mentions.num_rows
