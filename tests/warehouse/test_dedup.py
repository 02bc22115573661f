from __future__ import annotations

import functools
import hashlib
import random

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warehouse.dedup import (
    BANDS,
    EMPTY,
    NUM_PERM,
    ROWS,
    band_keys,
    band_matrix,
    has_words,
    shingles,
    signature,
    signatures,
    similarities,
    similarity,
    words,
)

POSTING = (
    "We are hiring a machine learning technician to maintain our GPU training cluster, "
    "run evaluation jobs for speech and vision models, label and curate datasets, and keep "
    "the MLflow model registry tidy. You know Python, SQL and Linux, have used PyTorch or "
    "TensorFlow, and can read a Kubernetes manifest. Nice to have: Airflow, Ray, Grafana. "
    "Full time, hybrid in Austin, Texas; salary 70k to 85k plus benefits and a yearly "
    "training budget. Apply with a short note about a model you have shipped."
)

# The documented algorithm (warehouse/dedup.py module docstring), one text at a time with Python
# integers: the vectorised code must give exactly these values.
_MASK = (1 << 64) - 1


@functools.cache  # the densifying loop asks for the same few constants thousands of times
def _constant(label: str) -> int:
    digest = hashlib.blake2b(f"skillgap-dedup-{label}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") | 1


def _mix(z: int) -> int:
    z ^= z >> 30
    z = (z * 0xBF58476D1CE4E5B9) & _MASK
    z ^= z >> 27
    z = (z * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def _word_hash(word: str) -> int:
    data = word.encode()
    h = (len(data) * _constant("len")) & _MASK
    for start in range(0, len(data), 8):
        h = _mix(h ^ int.from_bytes(data[start : start + 8].ljust(8, b"\0"), "little"))
    return h


def _reference_signature(text: str) -> list[int]:
    hashes = [_word_hash(w) for w in words(text)]
    if not hashes:
        return [EMPTY] * NUM_PERM
    pad = _constant("pad")
    while len(hashes) < 3:
        hashes.append(pad)
    p1, p2, p3 = _constant("p1"), _constant("p2"), _constant("p3")
    sig = [EMPTY] * NUM_PERM
    for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False):
        s = _mix((p1 * a + p2 * b + p3 * c) & _MASK)
        sig[s >> 57] = min(sig[s >> 57], s & 0xFFFFFFFF)
    dense = list(sig)
    for j in range(NUM_PERM):
        attempt = 1
        while dense[j] == EMPTY:
            probe = (
                _mix(
                    (j * _constant("bin") + attempt * _constant("try") + _constant("seed")) & _MASK
                )
                >> 57
            )
            dense[j] = sig[probe]
            attempt += 1
    return dense


def _reference_bands(sig: list[int]) -> list[int]:
    keys = []
    for band in range(BANDS):
        key = _mix((band * _constant("band") + _constant("seed")) & _MASK)
        for value in sig[band * ROWS : (band + 1) * ROWS]:
            key = _mix(key ^ value)
        keys.append(key)
    return keys


def _jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Python and SQL", ["python", "and", "sql"]),
        ("ML-Engineer (m/w/d), ZÜRICH", ["ml", "engineer", "m", "w", "d", "zürich"]),
        ("C++ · Go — Rust’s “memory” 🚀fast", ["c", "go", "rust", "s", "memory", "fast"]),
        ("snake_case 100% café naïve", ["snake_case", "100", "café", "naïve"]),
        ("日本語 Δ × ÷", ["日本語", "Δ", "×", "÷"]),
        ("", []),
    ],
    ids=["plain", "latin1-capitals", "separators", "underscore-digits", "other-scripts", "empty"],
)
def test_words_follow_the_documented_rule(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_signature_and_band_keys_are_the_documented_values() -> None:
    sig = signature(POSTING)
    assert list(sig) == _reference_signature(POSTING)
    assert band_keys(sig) == _reference_bands(list(sig))
    # fixed values: a change here makes every stored band key in every warehouse stale
    assert band_keys(sig)[:3] == [1108679899300412178, 326388945885223137, 16294441074941721725]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("ab Ab_9 \n.,-éÉ—’🚀日ß"), max_size=80)
        | st.text(max_size=40),
        max_size=12,
    )
)
def test_a_batch_gives_each_text_its_documented_signature(texts: list[str]) -> None:
    batch = signatures(texts)
    assert batch.shape == (len(texts), NUM_PERM)
    for text, row in zip(texts, batch.tolist(), strict=True):
        assert row == _reference_signature(text)


def test_chunked_sliced_and_null_inputs() -> None:
    texts = [POSTING, "Rust and Go", None, "", POSTING.upper()]
    whole = signatures([t or "" for t in texts])
    chunked = pa.chunked_array([pa.array(texts[:2]), pa.array(texts[2:])])
    assert (signatures(chunked) == whole).all()
    assert (signatures(pa.array(texts, pa.large_string())) == whole).all()
    assert (signatures(pa.array(texts).slice(1, 3)) == whole[1:4]).all()
    assert has_words(whole).tolist() == [True, True, False, False, True]


def test_long_texts_are_cut_into_pieces_without_changing_signatures() -> None:
    texts = [POSTING * 40, *[POSTING.replace("GPU", f"GPU{i}") for i in range(2000)]]
    batch = signatures(texts)
    assert batch[0].tolist() == _reference_signature(texts[0])
    assert batch[1500].tolist() == _reference_signature(texts[1500])


def test_band_keys_of_many_signatures_are_each_signatures_own() -> None:
    # more signatures than band_matrix takes in one step, and a wordless one among them
    rng = np.random.default_rng(7)
    sigs = rng.integers(0, 1 << 32, size=(9000, NUM_PERM), dtype=np.uint64)
    sigs[4500] = EMPTY
    keys = band_matrix(sigs)
    assert keys.shape == (9000, BANDS)
    for row in (0, 4095, 4096, 4500, 8999):
        assert keys[row].tolist() == _reference_bands(sigs[row].tolist())


def test_near_identical_texts_score_high() -> None:
    repost = POSTING.replace("Austin, Texas", "Austin, TX").replace("short note", "brief note")
    assert similarity(signature(POSTING), signature(repost)) > 0.75


def test_unrelated_texts_score_low() -> None:
    other = (
        "Our bakery in Lyon is looking for a pastry chef for early shifts: croissants, "
        "baguettes and seasonal fruit tarts, with a friendly team, paid holidays and free "
        "coffee. Experience in a busy French kitchen is welcome; speak some French."
    )
    assert similarity(signature(POSTING), signature(other)) < 0.1


def test_signature_is_deterministic_and_case_blind() -> None:
    sig = signature(POSTING)
    assert len(sig) == NUM_PERM
    assert sig == signature(POSTING.upper()) == signature(POSTING)


def test_short_and_empty_texts() -> None:
    assert shingles("Python") == {"python"}
    assert signature("") == (EMPTY,) * NUM_PERM
    assert band_keys(signature("")) == []
    assert similarity(signature("Rust"), signature("Go")) == 0.0
    assert similarity(signature("Rust"), signature("rust!")) == 1.0
    with pytest.raises(ValueError):
        band_keys(signature(POSTING)[:100])


def _texts_at(rng: random.Random, similar: float, length: int = 300) -> tuple[str, str]:
    """Two texts of random words, the second with a share of the first's words changed."""
    first = [f"w{rng.randrange(10**9)}" for _ in range(length)]
    # each changed word breaks 3 shingles: J = (n - 3c) / (n + 3c) for c changes apart
    changes = round(length * (1 - similar) / (3 * (1 + similar)))
    second = list(first)
    for index in rng.sample(range(0, length, 4), changes):
        second[index] = f"x{rng.randrange(10**9)}"
    return " ".join(first), " ".join(second)


def test_estimates_are_close_to_the_true_jaccard_similarity() -> None:
    rng = random.Random(7)
    errors = []
    for target in (0.3, 0.5, 0.7, 0.85, 0.95):
        pairs = [_texts_at(rng, target) for _ in range(40)]
        a = signatures([p[0] for p in pairs])
        b = signatures([p[1] for p in pairs])
        truth = np.array([_jaccard(*p) for p in pairs])
        assert abs(truth.mean() - target) < 0.03
        errors.extend((similarities(a, b) - truth).tolist())
    error = np.array(errors)
    assert abs(error.mean()) < 0.015  # unbiased
    assert np.abs(error).max() < 0.16  # about 4 standard errors at K = 128
    assert error.std() < 0.05


def test_banding_catches_near_duplicates_and_rarely_pairs_unrelated_texts() -> None:
    def odds(s: float) -> float:
        return 1 - (1 - s**ROWS) ** BANDS

    assert BANDS * ROWS == NUM_PERM
    assert odds(0.85) >= 0.99
    assert odds(0.3) < 0.002
    rng = random.Random(11)
    for target, low, high in ((0.85, 0.97, 1.0), (0.3, 0.0, 0.02)):
        pairs = [_texts_at(rng, target) for _ in range(400)]
        a = band_matrix(signatures([p[0] for p in pairs]))
        b = band_matrix(signatures([p[1] for p in pairs]))
        caught = (a == b).any(axis=1).mean()
        assert low <= caught <= high, (target, caught)


@given(st.text(max_size=200), st.text(max_size=200))
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    sa, sb = signature(a), signature(b)
    assert similarity(sa, sb) == similarity(sb, sa)
    assert 0.0 <= similarity(sa, sb) <= 1.0
    assert similarity(sa, sa) == 1.0
