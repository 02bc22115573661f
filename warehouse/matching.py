"""Folding a new posting into one of another source: same canonical URL, or nearly the same text.

:func:`warehouse.load.load_postings` resolves each new (source, source_id) by id, then by
exact content hash within a month. What is left would start a posting of its own; here it is
folded instead into a posting of *another* source with the same canonical URL, else into one
whose text is a near-duplicate: sharing a MinHash band key (:mod:`warehouse.dedup`, stored in
``posting_bands``) and estimated similar at :data:`NEAR_DUPLICATE` or more. Ids of one source
are that source's word that two postings differ, so within a source only the exact text
folds. Earlier new postings of the same batch count as stored ones, so how a load is cut
into batches does not change the outcome.

Signatures and band keys of a batch are computed at once (numpy); only new postings that
have a candidate (a URL or band key shared with another source) go through the ordered,
one-by-one decision, since an earlier one of the batch may or may not have folded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from warehouse.db import registered
from warehouse.dedup import BANDS, band_matrix, has_words, signatures, similarities

NEAR_DUPLICATE = 0.85
_BACKFILL_ROWS = 50_000

# New ids that resolved to themselves, oldest first, with the first text and URL they came
# with and the oldest posting of another source already stored under that URL.
_LEADERS_SQL = """
SELECT m.own_id, u.source, b.description AS first_text,
       (SELECT p.posting_id FROM postings AS p
        WHERE p.canonical_url = b.canonical_url AND p.source <> u.source
        ORDER BY p.first_seen, p.posting_id LIMIT 1) AS url_match,
       b.canonical_url AS first_url
FROM _id_map AS m
JOIN _unknown AS u USING (source, source_id)
JOIN _batch AS b ON b._row = u.first_row
WHERE m.is_new_id AND m.posting_id = m.own_id
ORDER BY u.first_seen, m.own_id
"""

# Stored postings started by another source sharing a band key with a new one.
_CANDIDATES_SQL = """
SELECT DISTINCT k.leader, b.posting_id
FROM _leader_bands AS k
JOIN posting_bands AS b ON b.band_key = k.band_key AND b.source <> k.source
ORDER BY k.leader, b.posting_id
"""

# Current texts of a few postings, found through the primary key's index; a join would read
# the text column of every stored posting.
_TEXTS_SQL = "SELECT posting_id, description FROM postings WHERE posting_id IN ({})"
_TEXTS_PER_QUERY = 1000

# The source of the id that started each stored posting: the id whose own posting id it is
# (JobPosting.posting_id), else, for postings stored otherwise, the postings row's source.
_STARTS_SQL = """
CREATE OR REPLACE TEMP TABLE _starts AS
SELECT p.posting_id, coalesce(r.source, p.source) AS source
FROM postings AS p
LEFT JOIN (SELECT DISTINCT source, source_id FROM raw_postings) AS r
    ON r.source || ':' || r.source_id = p.posting_id
"""
_BACKFILL_SQL = """
SELECT p.posting_id, s.source, p.description
FROM postings AS p
JOIN _starts AS s USING (posting_id)
WHERE p.rowid >= $first AND p.rowid < $stop
"""


@dataclass(frozen=True, slots=True)
class _Batch:
    """The new postings of one load that start postings of their own, oldest first."""

    own_ids: list[str]
    sources: list[str]
    urls: list[str | None]
    url_matches: list[str | None]
    sigs: npt.NDArray[np.uint64]
    keys: npt.NDArray[np.uint64]
    worded: npt.NDArray[np.bool_]


def fold_across_sources(con: duckdb.DuckDBPyConnection) -> None:
    """Point new postings of ``_id_map`` at matching postings of other sources; store the band
    keys of those that stay postings of their own. Runs inside the load's transaction."""
    _backfill_bands(con)
    table = con.sql(_LEADERS_SQL).to_arrow_table()
    if table.num_rows == 0:
        return
    # One chunk: DuckDB hands a big result over in chunks of 122,880 rows, and hashing them
    # one by one was 40% slower than hashing a copy made whole.
    sigs = signatures(table.column("first_text").combine_chunks())
    batch = _Batch(
        own_ids=table.column("own_id").to_pylist(),
        sources=table.column("source").to_pylist(),
        urls=table.column("first_url").to_pylist(),
        url_matches=table.column("url_match").to_pylist(),
        sigs=sigs,
        keys=band_matrix(sigs),
        worded=has_words(sigs),
    )
    targets = _decide(batch, _stored_candidates(con, batch), _batch_pairs(batch))
    if targets:
        fold = pa.table({"own_id": list(targets), "target": list(targets.values())})
        with registered(con, _fold=fold):
            con.execute(
                "UPDATE _id_map SET posting_id = f.target FROM _fold AS f"
                " WHERE _id_map.is_new_id AND _id_map.posting_id = f.own_id"
            )
    kept = np.array([own_id not in targets for own_id in batch.own_ids], dtype=bool)
    kept &= batch.worded
    rows = np.flatnonzero(kept).tolist()
    _store_bands(
        con, [batch.own_ids[i] for i in rows], [batch.sources[i] for i in rows], batch.keys[kept]
    )


def _decide(
    batch: _Batch,
    stored: dict[int, list[tuple[str, float]]],
    pairs: dict[int, list[int]],
) -> dict[str, str]:
    """Walk the new postings with a candidate in order; return own id -> posting folded into."""
    url_groups: dict[str, list[int]] = defaultdict(list)
    for index, url in enumerate(batch.urls):
        if url is not None:
            url_groups[url].append(index)
    shared_url = {i for group in url_groups.values() if len(group) > 1 for i in group}
    todo = sorted(
        {i for i, match in enumerate(batch.url_matches) if match is not None}
        | shared_url
        | set(stored)
        | set(pairs)
    )
    folded: set[int] = set()
    targets: dict[str, str] = {}
    for index in todo:
        target = batch.url_matches[index] or _batch_url(batch, index, url_groups, folded)
        if target is None:
            scored = list(stored.get(index, ()))
            earlier = [j for j in pairs.get(index, ()) if j not in folded]
            if earlier:
                scores = similarities(batch.sigs[earlier], batch.sigs[[index] * len(earlier)])
                scored.extend(
                    zip([batch.own_ids[j] for j in earlier], scores.tolist(), strict=True)
                )
            good = [(-score, pid) for pid, score in scored if score >= NEAR_DUPLICATE]
            target = min(good)[1] if good else None
        if target is not None:
            targets[batch.own_ids[index]] = target
            folded.add(index)
    return targets


def _batch_url(
    batch: _Batch, index: int, url_groups: dict[str, list[int]], folded: set[int]
) -> str | None:
    """The first earlier new posting of another source with the same URL that was kept."""
    url = batch.urls[index]
    if url is None:
        return None
    for other in url_groups[url]:
        if other >= index:
            return None
        if other not in folded and batch.sources[other] != batch.sources[index]:
            return batch.own_ids[other]
    return None


def _batch_pairs(batch: _Batch) -> dict[int, list[int]]:
    """Per new posting, the earlier ones of the batch from another source sharing a band."""
    numbers = {name: number for number, name in enumerate(dict.fromkeys(batch.sources))}
    rows = np.flatnonzero(batch.worded)
    if len(numbers) < 2 or len(rows) < 2:  # one source (a file import): no pair crosses
        return {}
    codes = np.array([numbers[name] for name in batch.sources], dtype=np.int64)[rows]
    keys = batch.keys[rows].ravel()
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    owner = np.repeat(rows, BANDS)[order]
    code = np.repeat(codes, BANDS)[order]
    run_starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    run_stops = np.append(run_starts[1:], len(keys))
    # Runs of one key holding more than one source; runs of one source pair nobody.
    mixed = np.minimum.reduceat(code, run_starts) != np.maximum.reduceat(code, run_starts)
    found: dict[int, set[int]] = defaultdict(set)
    for start, stop in zip(run_starts[mixed].tolist(), run_stops[mixed].tolist(), strict=True):
        members = sorted(set(owner[start:stop].tolist()))
        for position, later in enumerate(members):
            for earlier in members[:position]:
                if batch.sources[earlier] != batch.sources[later]:
                    found[later].add(earlier)
    return {later: sorted(earlier) for later, earlier in found.items()}


def _stored_candidates(
    con: duckdb.DuckDBPyConnection, batch: _Batch
) -> dict[int, list[tuple[str, float]]]:
    """Per new posting (by index), stored postings of other sources sharing a band, with the
    estimated similarity of their current text."""
    rows = np.flatnonzero(batch.worded)
    if not len(rows):
        return {}
    each = np.repeat(rows, BANDS)
    bands = pa.table(
        {
            "leader": pa.array(each, type=pa.int64()),
            "source": pa.array(batch.sources, type=pa.string()).take(each),
            "band_key": pa.array(batch.keys[rows].ravel(), type=pa.uint64()),
        }
    )
    with registered(con, _leader_bands=bands):
        found = con.sql(_CANDIDATES_SQL).to_arrow_table()
    if found.num_rows == 0:
        return {}
    texts = _current_texts(con, sorted(set(found.column("posting_id").to_pylist())))
    order = {posting_id: index for index, posting_id in enumerate(texts)}
    stored = signatures(pa.array(list(texts.values()), type=pa.large_string()))
    result: dict[int, list[tuple[str, float]]] = defaultdict(list)
    pairs = [
        (leader, posting_id)
        for leader, posting_id in zip(
            found.column("leader").to_pylist(), found.column("posting_id").to_pylist(), strict=True
        )
        if posting_id in order  # a band row may outlive its posting
    ]
    if not pairs:
        return {}
    leaders = np.array([leader for leader, _ in pairs], dtype=np.intp)
    columns = np.array([order[posting_id] for _, posting_id in pairs], dtype=np.intp)
    scores = similarities(batch.sigs[leaders], stored[columns])
    for (leader, posting_id), score in zip(pairs, scores.tolist(), strict=True):
        result[leader].append((posting_id, score))
    return result


def _current_texts(con: duckdb.DuckDBPyConnection, posting_ids: list[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for start in range(0, len(posting_ids), _TEXTS_PER_QUERY):
        chunk = posting_ids[start : start + _TEXTS_PER_QUERY]
        sql = _TEXTS_SQL.format(", ".join(["?"] * len(chunk)))  # placeholders only
        texts.update(con.execute(sql, chunk).fetchall())
    return texts


def _backfill_bands(con: duckdb.DuckDBPyConnection) -> None:
    """Band keys for the stored postings when ``posting_bands`` is empty: a warehouse whose
    bands migration 008 dropped (or older). Checking costs two one-row reads per load."""
    if con.execute("SELECT 1 FROM posting_bands LIMIT 1").fetchall():
        return
    if not con.execute("SELECT 1 FROM postings LIMIT 1").fetchall():
        return
    last = con.execute("SELECT max(rowid) FROM postings").fetchall()[0][0]
    con.execute(_STARTS_SQL)
    for first in range(0, last + 1, _BACKFILL_ROWS):
        part = con.sql(
            _BACKFILL_SQL, params={"first": first, "stop": first + _BACKFILL_ROWS}
        ).to_arrow_table()
        sigs = signatures(part.column("description"))
        rows = np.flatnonzero(has_words(sigs)).tolist()
        ids, sources = part.column("posting_id").to_pylist(), part.column("source").to_pylist()
        _store_bands(
            con, [ids[i] for i in rows], [sources[i] for i in rows], band_matrix(sigs[rows])
        )
    con.execute("DROP TABLE _starts")


def _store_bands(
    con: duckdb.DuckDBPyConnection,
    posting_ids: list[str],
    sources: list[str],
    keys: npt.NDArray[np.uint64],
) -> None:
    """Store the band keys of postings, with the source of the id that started each."""
    if not posting_ids:
        return
    each = np.repeat(np.arange(len(posting_ids)), BANDS)
    table = pa.table(
        {
            "posting_id": pa.array(posting_ids, type=pa.string()).take(each),
            "source": pa.array(sources, type=pa.string()).take(each),
            "band_key": pa.array(keys.ravel(), type=pa.uint64()),
        }
    )
    with registered(con, _bands=table):
        con.execute("INSERT INTO posting_bands BY NAME SELECT * FROM _bands")
