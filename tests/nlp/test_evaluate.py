"""The SkillSpan scorer on tiny hand-made cases, and the text and gold offsets it builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.evaluate import SpanScores, align_to_tokens, bio_spans, build_posting, read_split, score


@pytest.mark.parametrize(
    ("predicted", "gold", "strict", "overlap"),
    [
        pytest.param([(0, 6)], [(0, 6)], (1, 1, 1, 1), (1, 1, 1, 1), id="exact"),
        pytest.param([(0, 4)], [(0, 6)], (1, 1, 0, 0), (1, 1, 1, 1), id="inside"),
        pytest.param([(6, 9)], [(0, 6)], (1, 1, 0, 0), (1, 1, 0, 0), id="touching-not-overlap"),
        pytest.param(
            [(0, 3), (4, 6)], [(0, 6)], (2, 1, 0, 0), (2, 1, 2, 1), id="two-preds-one-gold"
        ),
        pytest.param(
            [(0, 6)], [(0, 2), (3, 6)], (1, 2, 0, 0), (1, 2, 1, 2), id="one-pred-two-gold"
        ),
        pytest.param([], [(0, 6)], (0, 1, 0, 0), (0, 1, 0, 0), id="nothing-predicted"),
        pytest.param([(0, 6)], [], (1, 0, 0, 0), (1, 0, 0, 0), id="no-gold"),
        pytest.param([(0, 6), (0, 6)], [(0, 6)], (1, 1, 1, 1), (1, 1, 1, 1), id="duplicates"),
    ],
)
def test_score_counts(
    predicted: list[tuple[int, int]],
    gold: list[tuple[int, int]],
    strict: tuple[int, int, int, int],
    overlap: tuple[int, int, int, int],
) -> None:
    s, o = score(predicted, gold)
    assert (s.predicted, s.gold, s.predicted_correct, s.gold_found) == strict
    assert (o.predicted, o.gold, o.predicted_correct, o.gold_found) == overlap


def test_precision_recall_f1_arithmetic() -> None:
    scores = SpanScores(predicted=4, gold=5, predicted_correct=3, gold_found=2)
    assert scores.precision == pytest.approx(0.75)
    assert scores.recall == pytest.approx(0.4)
    assert scores.f1 == pytest.approx(2 * 0.75 * 0.4 / 1.15)


def test_empty_scores_are_zero_not_errors() -> None:
    empty = SpanScores(0, 0, 0, 0)
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)


def test_scores_add_up() -> None:
    total = SpanScores(1, 2, 1, 1) + SpanScores(3, 1, 2, 1)
    assert total == SpanScores(4, 3, 3, 2)


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        pytest.param(["O", "B", "I", "O"], [(1, 3)], id="b-i"),
        pytest.param(["B", "B"], [(0, 1), (1, 2)], id="adjacent"),
        pytest.param(["O", "I", "I"], [(1, 3)], id="stray-i-opens"),
        pytest.param(["O", "O"], [], id="none"),
    ],
)
def test_bio_spans(tags: list[str], spans: list[tuple[int, int]]) -> None:
    assert bio_spans(tags) == spans


def test_posting_text_and_gold_offsets() -> None:
    posting = build_posting(
        "tech",
        7,
        [
            {"tokens": ["Know", "Apache", "Kafka", "."], "tags_knowledge": ["O", "B", "I", "O"]},
            {"tokens": ["Use", "Go"], "tags_knowledge": ["O", "B"]},
        ],
    )
    assert posting.text == "Know Apache Kafka .\nUse Go"
    assert [posting.text[a:b] for a, b in posting.gold] == ["Apache Kafka", "Go"]
    assert posting.key == "tech-7"


def test_split_groups_postings_and_aligns_gold_with_tokens(tmp_path: Path) -> None:
    rows = [
        {"idx": 1, "source": "tech", "tokens": ["C#", "dev"], "tags_knowledge": ["B", "O"]},
        {"idx": 1, "source": "house", "tokens": ["Excel"], "tags_knowledge": ["B"]},
        {"idx": 1, "source": "tech", "tokens": ["SQL", "Server"], "tags_knowledge": ["B", "I"]},
    ]
    (tmp_path / "dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    postings = read_split("dev", tmp_path)
    assert [(p.source, p.idx) for p in postings] == [("tech", 1), ("house", 1)]
    tech = postings[0]
    assert tech.text == "C# dev\nSQL Server"
    assert [tech.text[a:b] for a, b in tech.gold] == ["C#", "SQL Server"]


def test_packaged_split_gold_matches_its_tokens() -> None:
    for posting in read_split("dev"):
        for start, end in posting.gold:
            text = posting.text[start:end]
            assert text == text.strip() and "\n" not in text


@pytest.mark.parametrize(
    ("text", "span", "aligned"),
    [
        pytest.param("with MongoDB) and", (5, 12), (5, 13), id="glued-bracket"),
        pytest.param("use Terraform; then", (4, 13), (4, 14), id="glued-semicolon"),
        pytest.param("( AWS ) cloud", (2, 5), (2, 5), id="spaced-bracket-stays-out"),
        pytest.param("UX/ UI design", (0, 2), (0, 3), id="glued-slash"),
        pytest.param("Java", (0, 4), (0, 4), id="whole-token"),
    ],
)
def test_predictions_align_to_skillspan_tokens(
    text: str, span: tuple[int, int], aligned: tuple[int, int]
) -> None:
    assert align_to_tokens(text, span) == aligned


def test_pooled_row_adds_counts_before_computing_f1() -> None:
    from nlp.evaluate import SourceScores, pooled

    tech = SourceScores("tech", 2, SpanScores(4, 4, 2, 2), SpanScores(4, 4, 3, 3))
    house = SourceScores("house", 1, SpanScores(1, 3, 1, 1), SpanScores(1, 3, 1, 1))
    both = pooled([tech, house])
    assert both.source == "tech+house"
    assert both.postings == 3
    assert both.strict == SpanScores(5, 7, 3, 3)
    assert both.overlap == SpanScores(5, 7, 4, 4)
    assert both.strict_chars is None
