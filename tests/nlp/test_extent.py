import math
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from nlp.extent import ExtentModel, grow, step_features

# a hand-set model: a word right after a mention joins it when it is "tools" or "deployment",
# a word before when it is "modern"; everything else stays out
MODEL = ExtentModel(
    {
        "right:w=tools": 4.0,
        "right:w=deployment": 4.0,
        "right:w=and": 4.0,
        "left:w=modern": 4.0,
    },
    bias=-2.0,
    threshold=0.5,
    steps=2,
)


def grown(words: list[str], spans: list[tuple[int, int]], model: ExtentModel = MODEL) -> list[str]:
    doc = Doc(spacy.blank("en").vocab, words=words)
    return [s.text for s in grow(doc, [Span(doc, a, b, label="x") for a, b in spans], model)]


@pytest.mark.parametrize(
    ("words", "spans", "expected"),
    [
        pytest.param(
            ["cloud", "deployment", "tools"], [(0, 1)], ["cloud deployment tools"], id="two-right"
        ),
        pytest.param(["modern", "cloud", "jobs"], [(1, 2)], ["modern cloud"], id="left"),
        pytest.param(
            ["cloud", "tools", "tools", "tools"],
            [(0, 1)],
            ["cloud tools tools"],
            id="at-most-steps",
        ),
        pytest.param(["cloud", "and", "Java"], [(0, 1)], ["cloud"], id="link-given-back"),
        pytest.param(
            ["cloud", "tools", "Java"], [(0, 1), (1, 2)], ["cloud", "tools"], id="other-mention"
        ),
        pytest.param(["cloud", "\n", "tools"], [(0, 1)], ["cloud"], id="line-end"),
        pytest.param(["cloud", "daily"], [(0, 1)], ["cloud"], id="unscored-word"),
    ],
)
def test_grow(words: list[str], spans: list[tuple[int, int]], expected: list[str]) -> None:
    assert grown(words, spans) == expected


def test_step_features_name_the_side_and_the_word() -> None:
    doc = Doc(spacy.blank("en").vocab, words=["modern", "cloud", "tools"])
    right = step_features(doc, 1, 2, "right", 0)
    left = step_features(doc, 1, 2, "left", 1)
    assert "right:w=tools" in right and "right:pair=cloud|tools" in right
    assert "left:w=modern" in left and "left:pair=modern|cloud" in left and "left:step=1" in left


def test_model_round_trips_through_json(tmp_path: Path) -> None:
    path = tmp_path / "extent.json"
    path.write_text(MODEL.to_json({"note": "test"}), encoding="utf-8")
    assert ExtentModel.load(path) == MODEL


def test_step_logit_matches_probability_of_the_features() -> None:
    model = ExtentModel.load()
    doc = Doc(
        spacy.blank("en").vocab,
        words=["modern", "cloud", "deployment", "and", "Java", "8", "tools", "daily"],
    )
    for start, end in [(1, 2), (1, 3), (4, 5), (4, 6), (2, 7)]:
        for side in ("right", "left"):
            for steps in (0, 1, 3):
                expected = model.probability(step_features(doc, start, end, side, steps))
                z = model.step_logit(doc, start, end, side, steps)
                assert 1 / (1 + math.exp(-z)) == pytest.approx(expected)
                assert (z >= model.cut) == (expected >= model.threshold)
