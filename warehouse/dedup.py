"""Near-duplicate detection: one-permutation MinHash over word 3-shingles, with LSH banding.

The same job reposted, or copied to a second board with a changed sentence, has a different
content hash but nearly the same words. A text is summarised as ``NUM_PERM`` minimum hash
values over its word ``SHINGLE``-grams; the share of equal positions in two signatures
estimates the Jaccard similarity of the two shingle sets. Signatures are cut into ``BANDS``
bands of ``ROWS`` values; texts sharing a band key are candidate pairs worth comparing.

Everything is computed for a whole batch of texts at once with numpy, on the UTF-8 bytes of
an Arrow string array, in pieces small enough to stay in the CPU cache:

1. **Words.** Text is lower-cased (ASCII, and the Latin-1 capitals À-Þ) and cut into runs of
   word characters: ASCII letters, digits and ``_``, and every other character except
   U+0080-U+00BF (no-break space, ©, «), U+2000-U+2FFF (dashes, quotes, bullets, arrows,
   box drawing, dingbats) and U+1F000-U+1FFFF (emoji). :func:`words` is the same rule in
   plain Python.
2. **Word hashes.** A word of ``L`` bytes is read as little-endian 8-byte chunks (the last
   one zero-padded): ``h = L * K_LEN``, then ``h = mix(h ^ chunk)`` per chunk, where
   ``mix`` is the splitmix64 finaliser (Steele, Lea & Flood, "Fast splittable pseudorandom
   number generators", OOPSLA 2014). The constants come from blake2b of fixed labels, so
   the hashes depend on nothing but the text: they are the same across runs, machines and
   library versions, and can be stored.
3. **Shingle hashes.** ``s = mix(P1 * h[i] + P2 * h[i+1] + P3 * h[i+2])`` (mod 2**64) for
   each run of three words inside one text; a text of one or two words has one shingle, its
   missing words replaced by ``PAD``.
4. **Signature** by one-permutation hashing (Li, Owen & Zhang, "One permutation hashing",
   NIPS 2012): the top 7 bits of ``s`` pick one of the 128 bins, the low 32 bits are the
   value, and each bin keeps its minimum. An empty bin ``j`` takes the value of the first
   non-empty bin among ``probe(j, 1), probe(j, 2), ...`` with
   ``probe(j, t) = mix(j * C_BIN + t * C_TRY + SEED) >> 57``: the optimal densification of
   Shrivastava ("Optimal densification for fast and accurate minwise hashing", ICML 2017),
   which keeps ``P(sig_a[k] == sig_b[k])`` equal to the Jaccard similarity. A text without
   words has all values :data:`EMPTY` and no band keys.
5. **Bands.** 16 bands of 8 values; band ``b`` has the key ``k = mix(b * C_BAND + SEED)``,
   then ``k = mix(k ^ v)`` for each of its 8 values. Two texts of Jaccard similarity ``s``
   share at least one key with probability ``1 - (1 - s**8)**16``: 0.9938 at 0.85, 0.9997
   at 0.9, 0.61 at 0.7, 0.061 at 0.5, 0.0010 at 0.3, and 3e-6 at 0.15, so few unrelated
   postings are ever compared.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

NUM_PERM = 128
SHINGLE = 3
BANDS = 16
ROWS = 8
EMPTY = 1 << 32
"""The value of every bin of a text without words (real values are below 2**32)."""

Signatures = npt.NDArray[np.uint64]

_BIN_SHIFT = np.uint64(64 - 7)
_LOW32 = np.uint64(0xFFFFFFFF)
_PIECE_BYTES = 1 << 19  # text per piece: keeps the working arrays in the CPU cache
_MAX_PROBES = 4096
_BAND_ROWS = 4096  # signatures per step of band_matrix: 4 MB of them
_THREADS = 2


def _constant(label: str) -> int:
    """An odd 64-bit constant drawn from blake2b of a fixed label."""
    digest = hashlib.blake2b(f"skillgap-dedup-{label}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") | 1


_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_K_LEN, _P1, _P2, _P3, _PAD = (np.uint64(_constant(x)) for x in ("len", "p1", "p2", "p3", "pad"))
_C_BIN, _C_TRY, _C_BAND, _SEED = (np.uint64(_constant(x)) for x in ("bin", "try", "band", "seed"))
_PAD_P3 = np.uint64((int(_PAD) * int(_P3)) % (1 << 64))
_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
# byte -> lower-cased byte, or 0 for a byte of no word (bytes of non-ASCII characters are kept;
# the separators among them are blanked later)
_LOWER_WORD = np.zeros(256, dtype=np.uint8)
for _byte in b"abcdefghijklmnopqrstuvwxyz0123456789_":
    _LOWER_WORD[_byte] = _byte
for _byte in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    _LOWER_WORD[_byte] = _byte + 0x20
_LOWER_WORD[0x80:] = np.arange(0x80, 0x100)


def _mix(z: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The splitmix64 finaliser, in place on a uint64 array (wraps mod 2**64)."""
    z ^= z >> np.uint64(30)
    z *= _M1
    z ^= z >> np.uint64(27)
    z *= _M2
    z ^= z >> np.uint64(31)
    return z


def _is_separator(char: str) -> bool:
    code = ord(char)
    return 0x80 <= code <= 0xBF or 0x2000 <= code <= 0x2FFF or 0x1F000 <= code <= 0x1FFFF


def _fold(char: str) -> str:
    code = ord(char)
    if 0x41 <= code <= 0x5A or (0xC0 <= code <= 0xDE and code != 0xD7):
        return chr(code + 0x20)
    return char


def words(text: str) -> list[str]:
    """The words of a text as :func:`signatures` sees them, in plain Python (the reference).

    >>> words("Senior ÉTL/ML-Engineer — Zürich, 100%")
    ['senior', 'étl', 'ml', 'engineer', 'zürich', '100']
    """
    found: list[str] = []
    current: list[str] = []
    for char in text:
        if (char.isalnum() or char == "_") if char.isascii() else not _is_separator(char):
            current.append(_fold(char))
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of ``size``-word sequences of the text (a shorter text is one shingle).

    >>> sorted(shingles("Python and SQL and", 2))
    ['and sql', 'python and', 'sql and']
    """
    found = words(text)
    if len(found) < size:
        return {" ".join(found)} if found else set()
    return {" ".join(found[i : i + size]) for i in range(len(found) - size + 1)}


def signatures(texts: Iterable[str] | pa.Array | pa.ChunkedArray) -> Signatures:
    """The MinHash signatures of many texts: a ``(len(texts), NUM_PERM)`` uint64 array.

    A null or wordless text has all values :data:`EMPTY`.

    >>> signatures(["Python and SQL", "Rust"]).shape
    (2, 128)
    """
    if isinstance(texts, pa.ChunkedArray):
        chunks = texts.chunks
    elif isinstance(texts, pa.Array):
        chunks = [texts]
    else:
        chunks = [pa.array(list(texts), type=pa.large_string())]
    parts = [_chunk_signatures(chunk) for chunk in chunks if len(chunk)]
    if len(parts) == 1:
        return parts[0]
    return np.concatenate(parts) if parts else np.full((0, NUM_PERM), EMPTY, dtype=np.uint64)


def _chunk_signatures(chunk: pa.Array) -> Signatures:
    if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
        raise TypeError(f"texts must be strings, not {chunk.type}")
    if chunk.null_count:
        chunk = pc.fill_null(chunk, "")
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    _, offsets_buf, data_buf = chunk.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
    bounds: npt.NDArray[np.int64] = offsets.astype(np.int64)
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf else np.zeros(0, np.uint8)
    cuts = np.searchsorted(bounds, np.arange(bounds[0], bounds[-1], _PIECE_BYTES))
    cuts = np.unique(np.concatenate([cuts, [len(chunk)]]))
    cuts = cuts[cuts > 0]
    out = np.full((len(chunk), NUM_PERM), EMPTY, dtype=np.uint64)
    ends = cuts.tolist()
    pieces = [(begin, end) for begin, end in zip([0, *ends[:-1]], ends, strict=True)]

    def piece(span: tuple[int, int]) -> None:
        _piece_signatures(data, bounds[span[0] : span[1] + 1], out[span[0] : span[1]])

    if len(pieces) < 4:
        for span in pieces:
            piece(span)
        return out
    # numpy releases the GIL in its loops: two threads keep both cores busy
    with ThreadPoolExecutor(max_workers=min(_THREADS, os.cpu_count() or 1)) as pool:
        list(pool.map(piece, pieces))
    return out


def _piece_signatures(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64], sig: Signatures
) -> None:
    """Fill ``sig`` (all EMPTY, one row per text) with the signatures of a few texts."""
    hashes, word_offsets = _word_hashes(data[offsets[0] : offsets[-1]], offsets - offsets[0])
    shingle, doc = _shingle_hashes(hashes, word_offsets)
    if len(shingle):
        key = doc * NUM_PERM + (shingle >> _BIN_SHIFT).astype(np.intp)
        np.minimum.at(sig.ravel(), key, shingle & _LOW32)
        _densify(sig)


def _word_hashes(
    raw: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.intp]]:
    """Hashes of the words of texts laid end to end in ``raw``, and each text's first word."""
    size = len(raw)
    if size == 0:
        return np.zeros(0, np.uint64), np.zeros(len(offsets), np.intp)
    # lower-cased bytes, 0 for bytes that are no part of a word; padded so 8-byte reads fit
    lowered = np.zeros(size + 8, dtype=np.uint8)
    np.take(_LOWER_WORD, raw, out=lowered[:size], mode="clip")
    lead = np.flatnonzero(raw >= 0xC2)  # lead bytes of non-ASCII characters only
    if len(lead):
        _non_ascii(raw, lead, lowered)
    is_word = lowered[:size] != 0
    edge = np.diff(is_word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    bounds = np.flatnonzero(edge != 0)  # alternately where a word starts and where it ends
    # a word must not run from the end of one text into the start of the next
    inner = np.unique(offsets[1:-1])
    inner = inner[(inner > 0) & (inner < size)]
    joined = inner[is_word[inner - 1] & is_word[inner]]
    if len(joined):
        bounds = np.insert(bounds, np.searchsorted(bounds, joined).repeat(2), joined.repeat(2))
    starts, ends = bounds[0::2], bounds[1::2]
    lengths = ends - starts
    chunks = np.ndarray((size + 1,), dtype="<u8", buffer=lowered, strides=(1,))
    hashes = lengths.astype(np.uint64) * _K_LEN
    hashes ^= chunks[starts] & _MASKS[np.minimum(lengths, 8)]
    _mix(hashes)
    long = np.flatnonzero(lengths > 8)
    done = 8
    while len(long):
        part = hashes[long]
        part ^= chunks[starts[long] + done] & _MASKS[np.minimum(lengths[long] - done, 8)]
        hashes[long] = _mix(part)
        done += 8
        long = long[lengths[long] > done]
    return hashes, np.searchsorted(starts, offsets).astype(np.intp)


def _non_ascii(
    raw: npt.NDArray[np.uint8], lead: npt.NDArray[np.intp], lowered: npt.NDArray[np.uint8]
) -> None:
    """Blank the separator characters in ``lowered`` and lower-case Latin-1 capitals."""
    last = len(raw) - 1
    value = raw[lead]
    second = raw[np.minimum(lead + 1, last)]
    emoji = (value == 0xF0) & (second == 0x9F)
    for length, where in ((2, value == 0xC2), (3, value == 0xE2), (4, emoji)):
        hit = lead[where]
        for step in range(length):
            lowered[np.minimum(hit + step, last)] = 0
    capital = (value == 0xC3) & (second >= 0x80) & (second <= 0x9E) & (second != 0x97)
    lowered[lead[capital] + 1] += np.uint8(0x20)


def _shingle_hashes(
    hashes: npt.NDArray[np.uint64], word_offsets: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.intp]]:
    """Hashes of the word 3-shingles of each text, with the text each belongs to."""
    counts = np.diff(word_offsets)
    total = len(hashes)
    parts, owners = [], []
    if total >= SHINGLE:
        full = hashes[:-2] * _P1
        full += hashes[1:-1] * _P2
        full += hashes[2:] * _P3
        keep = np.ones(total - 2, dtype=bool)
        ends = word_offsets[1:][counts > 0]
        for back in (1, 2):
            cut = ends - back
            keep[cut[(cut >= 0) & (cut < total - 2)]] = False
        parts.append(full[keep])
        owners.append(np.repeat(np.arange(len(counts)), np.maximum(counts - 2, 0)))
    short = np.flatnonzero((counts > 0) & (counts < SHINGLE))
    if len(short):
        first = word_offsets[short]
        second = np.where(counts[short] > 1, hashes[np.minimum(first + 1, total - 1)], _PAD)
        few = hashes[first] * _P1
        few += second * _P2
        few += _PAD_P3
        parts.append(few)
        owners.append(short)
    if not parts:
        return np.zeros(0, np.uint64), np.zeros(0, np.intp)
    return _mix(np.concatenate(parts)), np.concatenate(owners).astype(np.intp)


def _probe(bins: npt.NDArray[np.intp], attempts: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """``probe(j, t)`` for bins and attempts of broadcastable shapes."""
    z, tries = np.broadcast_arrays(bins.astype(np.uint64), attempts.astype(np.uint64))
    z = z * _C_BIN
    z += tries * _C_TRY
    z += _SEED
    return (_mix(z) >> _BIN_SHIFT).astype(np.intp)


_DENSE_ROUNDS = 4
_TABLED = 64
# The first probes of every bin: column t holds probe(j, t + 1) for bins j = 0..127.
_FIRST_PROBES = np.ascontiguousarray(
    _probe(np.arange(NUM_PERM, dtype=np.intp)[:, None], np.arange(1, _TABLED + 1, dtype=np.intp)).T
)


def _densify(sig: Signatures) -> None:
    """Fill the empty bins of texts with words from their probe sequences (in place).

    The first rounds run over the whole matrix (most empty bins are filled there); the few
    bins still empty are then followed one probe at a time.
    """
    original = sig.copy()
    for attempt in range(_DENSE_ROUNDS):
        found = np.take(original, _FIRST_PROBES[attempt], axis=1)
        # EMPTY where a bin is already filled, so that the minimum keeps what it holds
        np.maximum(
            found, (sig != EMPTY).view(np.uint8).astype(np.uint64) << np.uint64(32), out=found
        )
        np.minimum(sig, found, out=sig)
    empty = sig == EMPTY
    empty &= ~empty.all(axis=1, keepdims=True)  # a text without words stays all EMPTY
    flat = np.flatnonzero(empty)
    rows, bins = flat // NUM_PERM, flat % NUM_PERM
    source, out = original.ravel(), sig.ravel()
    if len(rows):
        # the remaining tabled probes at once, then one probe at a time for the very few left
        tried = _FIRST_PROBES[_DENSE_ROUNDS:, bins].T + (rows * NUM_PERM)[:, None]
        values = source[tried]
        found = values != EMPTY
        first = found.argmax(axis=1)
        hit = found[np.arange(len(rows)), first]
        out[flat[hit]] = values[np.flatnonzero(hit), first[hit]]
        rows, bins = rows[~hit], bins[~hit]
    for attempt in range(_TABLED + 1, _MAX_PROBES + 1):
        if not len(rows):
            return
        value = source[rows * NUM_PERM + _probe(bins, np.array(attempt))]
        hit = value != EMPTY
        out[rows[hit] * NUM_PERM + bins[hit]] = value[hit]
        rows, bins = rows[~hit], bins[~hit]
    # Practically unreachable ((127/128)**4096 < 1e-13 per bin): the next filled bin to the right.
    for row, index in zip(rows.tolist(), bins.tolist(), strict=True):
        ahead = np.roll(original[row] != EMPTY, -index)
        sig[row, index] = original[row, (index + int(np.argmax(ahead))) % NUM_PERM]


def band_matrix(sigs: Signatures) -> Signatures:
    """The ``BANDS`` band keys of each signature: a ``(len(sigs), BANDS)`` uint64 array.

    Keys of wordless texts are computed too; callers skip them (see :func:`has_words`).
    """
    if sigs.ndim != 2 or sigs.shape[1] != NUM_PERM:
        raise ValueError(f"signatures must have shape (n, {NUM_PERM}), not {sigs.shape}")
    keys = np.empty((len(sigs), BANDS), dtype=np.uint64)
    start = _mix(np.arange(BANDS, dtype=np.uint64) * _C_BAND + _SEED)
    # A few thousand signatures at a time, so that the strided reads stay in the CPU cache.
    for first in range(0, len(sigs), _BAND_ROWS):
        values = sigs[first : first + _BAND_ROWS].reshape(-1, BANDS, ROWS)
        part = keys[first : first + _BAND_ROWS]
        part[:] = start
        for row in range(ROWS):
            part ^= values[:, :, row]
            _mix(part)
    return keys


def has_words(sigs: Signatures) -> npt.NDArray[np.bool_]:
    """Which signatures belong to texts with at least one word."""
    return np.asarray(sigs[:, 0] != EMPTY)


def similarities(a: Signatures, b: Signatures) -> npt.NDArray[np.float64]:
    """Row by row, the estimated Jaccard similarity of two stacks of signatures."""
    return np.asarray((a == b).mean(axis=1, dtype=np.float64))


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of one text (``NUM_PERM`` integers); no words give all EMPTY."""
    return tuple(signatures([text])[0].tolist())


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the texts behind two signatures, 0.0 to 1.0."""
    if len(a) != len(b) or not a:
        raise ValueError("signatures must be non-empty and of the same length")
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def band_keys(sig: Sequence[int]) -> list[int]:
    """The band keys of one signature; none for a text without words.

    Two texts sharing a key are a candidate pair (see the module docstring for the odds).
    """
    if len(sig) != NUM_PERM:
        raise ValueError(f"a signature has {NUM_PERM} values, not {len(sig)}")
    if sig[0] == EMPTY:
        return []
    keys: list[int] = band_matrix(np.array([sig], dtype=np.uint64))[0].tolist()
    return keys
