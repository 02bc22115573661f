"""The text model under the technician decision: its tokens, its fitting, its file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.errors import InputError
from nlp.technician_text import (
    SCALE_FLOOR,
    SHIPPED_MIN_WEIGHT,
    TextModel,
    fit_text,
    grams,
    out_of_fold,
    posting_tokens,
    read_text_model,
    shipped_text_model,
)


def test_grams_are_words_and_pairs_within_a_sentence() -> None:
    found = grams("Acme | ML Engineer. We use C++ and PyTorch", "a:")
    assert {"a:ml", "a:ml_engineer", "a:c++", "a:c++_and", "a:pytorch"} <= found
    # no pair across a field or a sentence
    assert "a:acme_ml" not in found and "a:engineer_we" not in found


def test_posting_tokens_tell_titles_from_text() -> None:
    tokens = posting_tokens(["Data Scientist"], "We build churn models.")
    assert {"t:data_scientist", "a:churn_models"} <= tokens
    assert "a:data" not in tokens and "t:churn" not in tokens


@pytest.mark.parametrize(
    ("titles", "text"),
    [
        (["Data Scientist"], "We build churn models. Data scientist wanted; models!"),
        ([], "Acme | ML Engineer | Remote\nWe train PyTorch models and ship C++ services."),
        (["ML Engineer", "Data Engineer"], " ".join(f"word{i} models" for i in range(200))),
        ([], ""),
    ],
    ids=["title-and-text", "text-only", "long", "empty"],
)
def test_posting_logit_reads_what_logit_reads_of_the_posting_tokens(
    titles: list[str], text: str
) -> None:
    model = TextModel(
        {"a:models": 0.7, "t:data_scientist": 1.5, "a:ml_engineer": 0.4, "t:engineer": -0.3},
        0.2,
        prior=-1.0,
    )
    expected = model.logit(posting_tokens(titles, text))
    assert model.posting_logit(titles, text) == pytest.approx(expected, abs=1e-12)
    shipped = shipped_text_model()
    expected = shipped.logit(posting_tokens(titles, text))
    assert shipped.posting_logit(titles, text) == pytest.approx(expected, abs=1e-12)


def test_a_few_words_do_not_speak_as_loud_as_a_whole_posting() -> None:
    model = TextModel({"a:models": 3.0}, 0.0, prior=-1.0)
    full = frozenset({"a:models"} | {f"a:w{i}" for i in range(SCALE_FLOOR - 1)})
    # a posting of SCALE_FLOOR tokens or more: scaled by 1 / sqrt(n), no prior
    assert model.logit(full) == pytest.approx(3.0 / SCALE_FLOOR**0.5)
    longer = full | {f"a:x{i}" for i in range(3 * SCALE_FLOOR)}
    assert 0 < model.logit(longer) < model.logit(full)
    # fewer: scaled as SCALE_FLOOR tokens, then drawn toward the prior by the tokens it lacks
    short = frozenset({"a:models", "a:we"})
    said = 3.0 / SCALE_FLOOR**0.5
    assert model.logit(short) == pytest.approx(-1.0 + (said + 1.0) * 2 / SCALE_FLOOR)
    assert model.logit(frozenset()) == pytest.approx(-1.0)  # no words: the prior alone


def _set(n: int) -> tuple[list[frozenset[str]], list[bool]]:
    """``n`` postings: the true ones say "models", the false ones "react"; all say "team"."""
    tokens, labels = [], []
    for i in range(n):
        label = i % 2 == 0
        tokens.append(frozenset({"a:team", "a:models" if label else "a:react", f"a:only{i}"}))
        labels.append(label)
    return tokens, labels


def test_fitting_learns_the_words_that_tell_and_ignores_rare_ones() -> None:
    tokens, labels = _set(40)
    model = fit_text(tokens, labels, l2=1e-3)
    assert model.weights["a:models"] > 1.0 > -1.0 > model.weights["a:react"]
    assert abs(model.weights["a:team"]) < 0.5
    assert not any(t.startswith("a:only") for t in model.weights)  # held by one posting each
    for token_set, label in zip(tokens, labels, strict=True):
        assert (model.logit(token_set) > 0) is label
    assert fit_text(tokens, labels, l2=1e-3) == model  # deterministic
    assert model.prior == pytest.approx(0.0)  # half the postings true: even odds


def test_out_of_fold_log_odds_come_from_models_that_never_saw_the_fold() -> None:
    tokens, labels = _set(40)
    # fold 0 alone holds "zeta", all its postings true: a model fitted on it would trust it
    fold_of = [i % 4 for i in range(40)]
    tokens = [t | {"a:zeta"} if fold_of[i] == 0 else t for i, t in enumerate(tokens)]
    labels = [True if fold_of[i] == 0 else label for i, label in enumerate(labels)]
    held_out = out_of_fold(tokens, labels, fold_of, l2=1e-3)
    seen = fit_text(tokens, labels, l2=1e-3)
    assert seen.weights["a:zeta"] > 0
    blind = fit_text(
        [tokens[j] for j in range(40) if fold_of[j]],
        [labels[j] for j in range(40) if fold_of[j]],
        l2=1e-3,
    )
    assert "a:zeta" not in blind.weights  # "zeta" means nothing to the model without fold 0
    for i in range(40):
        if fold_of[i] == 0:
            assert held_out[i] == pytest.approx(blind.logit(tokens[i]))
            assert held_out[i] < seen.logit(tokens[i])


def test_the_model_file_round_trips_without_its_tiny_weights(tmp_path: Path) -> None:
    model = TextModel({"a:models": 2.5, "a:the": SHIPPED_MIN_WEIGHT / 10}, -1.5, 1e-4, -4, 5, -0.8)
    path = tmp_path / "text.json"
    path.write_text(model.to_json({"postings": 3}), encoding="utf-8")
    read = read_text_model(path)
    assert read.weights == {"a:models": 2.5} and read.bias == -1.5 and read.l2 == 1e-4
    assert (read.low, read.high, read.prior) == (-4, 5, -0.8)
    assert json.loads(path.read_text())["postings"] == 3


def test_an_unusable_model_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "text.json"
    path.write_text('{"bias": 0}', encoding="utf-8")
    with pytest.raises(InputError, match=r"text\.json: not a technician text model"):
        read_text_model(path)


def test_the_shipped_text_model_reads_the_work_in_a_postings_words() -> None:
    model = shipped_text_model()
    ml = posting_tokens(
        ["Machine Learning Engineer"],
        "You'll train and evaluate ranking models and deploy them to production.",
    )
    web = posting_tokens(
        ["Frontend Engineer"], "You'll build React components for our checkout pages."
    )
    assert model.logit(ml) > model.logit(web)


def test_log_odds_stay_within_the_range_the_decision_was_fitted_over() -> None:
    model = TextModel({"a:models": 100.0, "a:react": -100.0}, 0.0, 0.0, -2.0, 3.0)
    filler = frozenset(f"a:w{i}" for i in range(SCALE_FLOOR))
    assert model.logit(filler | {"a:models"}) == 3.0
    assert model.logit(filler | {"a:react"}) == -2.0
    assert model.logit(filler) == 0.0
