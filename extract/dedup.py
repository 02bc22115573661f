"""Near-duplicate detection: MinHash signatures over word shingles, with LSH banding.

The same job reposted, or copied to a second board with a changed sentence, has a
different content hash but nearly the same words. :func:`signature` summarises a text as
``NUM_PERM`` minimum hash values over its word ``SHINGLE``-grams; the share of equal
positions in two signatures estimates the Jaccard similarity of the shingle sets.
:func:`band_keys` cuts a signature into bands, so texts sharing any band key are candidate
pairs worth comparing. Hashing is seeded and deterministic: signatures are stable across
runs, machines and Python versions, and can be stored.
"""

from __future__ import annotations

import hashlib
import re

NUM_PERM = 128
SHINGLE = 3
BANDS = 32
_PRIME = (1 << 61) - 1
_MAX = (1 << 61) - 1
_WORD = re.compile(r"\w+", re.UNICODE)


def _coefficients(count: int) -> tuple[tuple[int, int], ...]:
    pairs = []
    for index in range(count):
        digest = hashlib.blake2b(f"skillgap-minhash-{index}".encode(), digest_size=16).digest()
        a = int.from_bytes(digest[:8], "big") % (_PRIME - 1) + 1
        b = int.from_bytes(digest[8:], "big") % _PRIME
        pairs.append((a, b))
    return tuple(pairs)


_PERMUTATIONS = _coefficients(NUM_PERM)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of ``size``-word sequences of the text, case-folded.

    >>> sorted(shingles("Python and SQL and", 2))
    ['and sql', 'python and', 'sql and']
    """
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of a text (``NUM_PERM`` integers); empty text gives all-max."""
    hashed = [
        int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")
        for s in shingles(text)
    ]
    if not hashed:
        return (_MAX,) * NUM_PERM
    return tuple(min((a * h + b) % _PRIME for h in hashed) for a, b in _PERMUTATIONS)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the texts behind two signatures, 0.0 to 1.0."""
    if len(a) != len(b) or not a:
        raise ValueError("signatures must be non-empty and of the same length")
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def band_keys(sig: tuple[int, ...], bands: int = BANDS) -> list[str]:
    """One key per band of the signature; two texts sharing a key are a candidate pair.

    With 32 bands of 4 rows, pairs at similarity 0.8 share a band with probability above
    0.99, pairs at 0.3 with about 0.23.
    """
    if bands <= 0 or len(sig) % bands:
        raise ValueError(f"{len(sig)} values do not split into {bands} equal bands")
    rows = len(sig) // bands
    keys = []
    for band in range(bands):
        chunk = ",".join(str(v) for v in sig[band * rows : (band + 1) * rows])
        digest = hashlib.blake2b(chunk.encode("ascii"), digest_size=8).hexdigest()
        keys.append(f"{band}:{digest}")
    return keys
