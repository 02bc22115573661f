"""The learned model for requirement levels: where it may replace the rules, and how."""

from __future__ import annotations

import json

import pytest

from nlp.records import Requirement
from nlp.requirement import classify_requirements, gather_evidence, sentence_cues
from nlp.requirement_model import (
    CLASSES,
    MODEL_PATH,
    Evidence,
    LevelModel,
    Place,
    features,
    load_model,
)


def evidence(rule: Requirement, sentence: str = "We use Go.") -> Evidence:
    place = Place(sentence, 7, 9, sentence, "unknown", False, 0, 0, 0.0, False)
    return Evidence(rule, "none", place)


# one feature pushing hard toward not_required: probability about 0.9
TOWARD_NOT = LevelModel({"hint": (0.0, -1.0, 2.5)}, (0.0, 0.0, 0.0), frozenset({"unknown"}))


def test_model_replaces_a_level_it_is_sure_of() -> None:
    assert TOWARD_NOT.decide(evidence("unknown"), ["hint"]) == "not_required"


def test_below_the_margin_the_rules_decide() -> None:
    unsure = LevelModel(TOWARD_NOT.weights, TOWARD_NOT.bias, TOWARD_NOT.scope, margin=0.95)
    assert unsure.decide(evidence("unknown"), ["hint"]) == "unknown"


def test_unknown_read_as_required_stays_unknown() -> None:
    toward_required = LevelModel({"hint": (3.0, 0.0, 0.0)}, (0.0, 0.0, 0.0), frozenset())
    assert toward_required.decide(evidence("unknown"), ["hint"]) == "unknown"


def test_scope_limits_which_rule_levels_it_sees() -> None:
    assert TOWARD_NOT.covers(evidence("unknown"))
    assert not TOWARD_NOT.covers(evidence("preferred"))


def test_probabilities_sum_to_one_and_unknown_features_are_ignored() -> None:
    probs = TOWARD_NOT.scores(["hint", "never-seen"])
    assert sum(probs) == pytest.approx(1.0)
    assert probs == TOWARD_NOT.scores(["hint"])
    assert probs.index(max(probs)) == CLASSES.index("not_required")


def test_features_read_sentence_subject_position_and_rules() -> None:
    text = "We build search tools.\nRequirements:\n- Python"
    first, last = gather_evidence(text, [text.index("search"), text.index("Python")])
    head = set(features(first, sentence_cues))
    assert {"first=we", "first_line", "no_heading_above", "rule=unknown", "b=build"} <= head
    tail = set(features(last, sentence_cues))
    assert {"list_item", "section=required", "third=2"} <= tail
    assert "no_heading_above" not in tail


def test_shipped_model_is_whole() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = load_model()
    assert model is not None
    assert data["classes"] == list(CLASSES)
    assert model.scope <= {"required", "preferred", "not_required", "unknown"}
    assert all(len(row) == len(CLASSES) for row in model.weights.values())
    assert 0.0 <= model.margin < 1.0


def test_levels_are_the_rules_outside_the_shipped_scope() -> None:
    model = load_model()
    assert model is not None
    text = "We build search tools.\nRequirements:\n- Python\nNice to have:\n- Rust"
    starts = [text.index(t) for t in ("search", "Python", "Rust")]
    found = gather_evidence(text, starts)
    expected = [
        e.rule if not model.covers(e) else model.decide(e, features(e, sentence_cues))
        for e in found
    ]
    assert classify_requirements(text, starts) == expected
    assert [e.rule for e in found] == ["unknown", "required", "preferred"]
