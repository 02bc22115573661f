from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.dedup import NUM_PERM, band_keys, shingles, signature, similarity

POSTING = (
    "We are hiring a machine learning technician to maintain our GPU training cluster, "
    "run evaluation jobs for speech and vision models, label and curate datasets, and keep "
    "the MLflow model registry tidy. You know Python, SQL and Linux, have used PyTorch or "
    "TensorFlow, and can read a Kubernetes manifest. Nice to have: Airflow, Ray, Grafana. "
    "Full time, hybrid in Austin, Texas; salary 70k to 85k plus benefits and a yearly "
    "training budget. Apply with a short note about a model you have shipped."
)


def test_near_identical_texts_score_high() -> None:
    repost = POSTING.replace("Austin, Texas", "Austin, TX").replace("short note", "brief note")
    assert similarity(signature(POSTING), signature(repost)) > 0.8


def test_unrelated_texts_score_low() -> None:
    other = (
        "Our bakery in Lyon is looking for a pastry chef for early shifts: croissants, "
        "baguettes and seasonal fruit tarts, with a friendly team, paid holidays and free "
        "coffee. Experience in a busy French kitchen is welcome; speak some French."
    )
    assert similarity(signature(POSTING), signature(other)) < 0.2


def test_signature_is_deterministic_and_case_blind() -> None:
    sig = signature(POSTING)
    assert len(sig) == NUM_PERM
    assert sig == signature(POSTING.upper())
    assert sig[:3] == signature(POSTING)[:3]


def test_band_keys_find_candidate_pairs() -> None:
    repost = POSTING.replace("Grafana", "Prometheus")
    assert set(band_keys(signature(POSTING))) & set(band_keys(signature(repost)))
    assert len(band_keys(signature(POSTING))) == 32
    with pytest.raises(ValueError):
        band_keys(signature(POSTING), bands=5)


def test_short_and_empty_texts() -> None:
    assert shingles("Python") == {"python"}
    assert similarity(signature(""), signature("")) == 1.0
    assert similarity(signature("Rust"), signature("Go")) == 0.0


@given(st.text(max_size=200), st.text(max_size=200))
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    sa, sb = signature(a), signature(b)
    assert similarity(sa, sb) == similarity(sb, sa)
    assert 0.0 <= similarity(sa, sb) <= 1.0
    assert similarity(sa, sa) == 1.0
