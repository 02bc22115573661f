"""Folding a new posting into one of another source: same canonical URL, or nearly the same text.

:func:`warehouse.load.load_postings` resolves each new (source, source_id) by id, then by
exact content hash. What is left would start a posting of its own; here it is folded instead
into a posting of *another* source with the same canonical URL, else into one whose text is
a near-duplicate: sharing a MinHash band key (:mod:`extract.dedup`, stored in
``posting_bands``) and estimated similar at :data:`NEAR_DUPLICATE` or more. Ids of one source
are that source's word that two postings differ, so within a source only the exact text
folds. Earlier new postings of the same batch count as stored ones, so how a load is cut
into batches does not change the outcome.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from extract.dedup import band_keys, signature, similarity

NEAR_DUPLICATE = 0.85

# New ids that resolved to themselves, oldest first, with the first text and URL they came
# with and the oldest posting of another source already stored under that URL.
_LEADERS_SQL = """
SELECT m.own_id, u.source, u.first_text,
       (SELECT p.posting_id FROM postings AS p
        WHERE p.canonical_url = u.first_url AND p.source <> u.source
        ORDER BY p.first_seen, p.posting_id LIMIT 1) AS url_match,
       u.first_url
FROM _id_map AS m
JOIN _unknown AS u USING (source, source_id)
WHERE m.is_new_id AND m.posting_id = m.own_id
ORDER BY u.first_seen, m.own_id
"""

_CANDIDATES_SQL = """
SELECT DISTINCT k.own_id, p.posting_id, p.description
FROM _leader_bands AS k
JOIN posting_bands AS b USING (band_key)
JOIN postings AS p ON p.posting_id = b.posting_id
WHERE p.source <> k.source
"""


@dataclass(slots=True)
class _Leader:
    own_id: str
    source: str
    url: str | None
    url_match: str | None
    sig: tuple[int, ...]
    keys: list[str]


def fold_across_sources(con: duckdb.DuckDBPyConnection) -> None:
    """Point new postings of ``_id_map`` at matching postings of other sources; store the band
    keys of those that stay postings of their own. Runs inside the load's transaction."""
    _backfill_bands(con)
    leaders = []
    for own_id, source, text, url_match, url in con.execute(_LEADERS_SQL).fetchall():
        sig = signature(text)
        leaders.append(_Leader(own_id, source, url, url_match, sig, band_keys(sig)))
    if not leaders:
        return
    candidates = _stored_candidates(con, leaders)
    targets: dict[str, str] = {}
    by_url: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_band: dict[str, list[_Leader]] = defaultdict(list)
    for leader in leaders:
        target = leader.url_match or _batch_url(by_url, leader)
        target = target or _near_duplicate(leader, candidates.get(leader.own_id, {}), by_band)
        if target is not None:
            targets[leader.own_id] = target
            continue
        if leader.url:
            by_url[leader.url].append((leader.own_id, leader.source))
        for key in leader.keys:
            by_band[key].append(leader)
    if targets:
        table = pa.table({"own_id": list(targets), "target": list(targets.values())})
        con.register("_fold", table)
        try:
            con.execute(
                "UPDATE _id_map SET posting_id = f.target FROM _fold AS f"
                " WHERE _id_map.is_new_id AND _id_map.posting_id = f.own_id"
            )
        finally:
            con.unregister("_fold")
    kept = [leader for leader in leaders if leader.own_id not in targets]
    _store_bands(con, [(leader.own_id, key) for leader in kept for key in leader.keys])


def _batch_url(by_url: dict[str, list[tuple[str, str]]], leader: _Leader) -> str | None:
    if leader.url is None:
        return None
    return next((pid for pid, source in by_url[leader.url] if source != leader.source), None)


def _near_duplicate(
    leader: _Leader,
    stored: dict[str, tuple[int, ...]],
    by_band: dict[str, list[_Leader]],
) -> str | None:
    scored = [(similarity(leader.sig, sig), pid) for pid, sig in stored.items()]
    for key in leader.keys:
        scored.extend(
            (similarity(leader.sig, other.sig), other.own_id)
            for other in by_band.get(key, ())
            if other.source != leader.source
        )
    good = [(-score, pid) for score, pid in scored if score >= NEAR_DUPLICATE]
    return min(good)[1] if good else None


def _stored_candidates(
    con: duckdb.DuckDBPyConnection, leaders: list[_Leader]
) -> dict[str, dict[str, tuple[int, ...]]]:
    """Per new posting, the stored postings of other sources sharing a band, with signatures
    of their current text."""
    table = pa.table(
        {
            "own_id": [leader.own_id for leader in leaders for _ in leader.keys],
            "source": [leader.source for leader in leaders for _ in leader.keys],
            "band_key": [key for leader in leaders for key in leader.keys],
        }
    )
    con.register("_leader_bands", table)
    try:
        rows = con.execute(_CANDIDATES_SQL).fetchall()
    finally:
        con.unregister("_leader_bands")
    signatures: dict[str, tuple[int, ...]] = {}
    found: dict[str, dict[str, tuple[int, ...]]] = defaultdict(dict)
    for own_id, posting_id, description in rows:
        if posting_id not in signatures:
            signatures[posting_id] = signature(description)
        found[own_id][posting_id] = signatures[posting_id]
    return found


def _backfill_bands(con: duckdb.DuckDBPyConnection) -> None:
    """Band keys for postings stored before bands were kept (a warehouse older than them)."""
    missing = con.execute(
        "SELECT posting_id, description FROM postings ANTI JOIN posting_bands USING (posting_id)"
    ).fetchall()
    _store_bands(con, [(pid, key) for pid, text in missing for key in band_keys(signature(text))])


def _store_bands(con: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]]) -> None:
    if not pairs:
        return
    table = pa.table({"posting_id": [p for p, _ in pairs], "band_key": [k for _, k in pairs]})
    con.register("_bands", table)
    try:
        con.execute(
            "INSERT INTO posting_bands BY NAME SELECT DISTINCT * FROM _bands ON CONFLICT DO NOTHING"
        )
    finally:
        con.unregister("_bands")
