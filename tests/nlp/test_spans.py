"""The span model's pieces on spacy.blank("en"): windows, the candidate feature, combining."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from nlp.context import keep_text
from nlp.spans import (
    CANDIDATE_TAG,
    OUTSIDE_TAG,
    SpanModelConfig,
    combine,
    mark_candidates,
    windows,
)

NLP = spacy.blank("en")


def doc_of(text: str) -> Doc:
    return keep_text(NLP(text), text)


def test_windows_stay_on_the_candidates_line() -> None:
    doc = doc_of("We use Python daily\nJava and Go here")
    python = Span(doc, 2, 3, label="python")
    assert windows(doc, [python], radius=10) == [(0, 4)]


def test_windows_reach_radius_tokens_either_side() -> None:
    doc = doc_of("a b c d Python e f g h")
    assert windows(doc, [Span(doc, 4, 5, label="python")], radius=2) == [(2, 7)]


def test_close_candidates_share_one_window() -> None:
    doc = doc_of("a b Python c SQL d e f g h")
    spans = [Span(doc, 2, 3, label="python"), Span(doc, 4, 5, label="sql")]
    assert windows(doc, spans, radius=2) == [(0, 7)]


def test_candidate_tokens_are_marked_for_the_model() -> None:
    doc = doc_of("Experience with Apache Spark")
    mark_candidates(doc, [Span(doc, 2, 4, label="spark")])
    assert [t.tag_ for t in doc] == [OUTSIDE_TAG, OUTSIDE_TAG, CANDIDATE_TAG, CANDIDATE_TAG]


def test_confirmed_candidate_takes_the_models_extent() -> None:
    doc = doc_of("Experience with Java EE applications")
    java = Span(doc, 2, 3, label="java")
    kept, unknown = combine(doc, [java], [(2, 4)])
    assert [(s.text, s.label_) for s in kept] == [("Java EE", "java")]
    assert unknown == []


def test_candidates_in_one_model_span_keep_their_ids() -> None:
    doc = doc_of("React / Redux")
    spans = [Span(doc, 0, 1, label="react"), Span(doc, 2, 3, label="redux")]
    kept, _ = combine(doc, spans, [(0, 3)])
    assert [(s.text, s.label_) for s in kept] == [
        ("React / Redux", "react"),
        ("React / Redux", "redux"),
    ]


def test_unconfirmed_candidate_is_dropped_unless_trusted() -> None:
    doc = doc_of("Senior Java Developer")
    java = Span(doc, 1, 2, label="java")
    assert combine(doc, [java], [])[0] == []
    kept, _ = combine(
        doc, [java], [], frozenset({"programming_language"}), {"java": "programming_language"}
    )
    assert [s.text for s in kept] == ["Java"]


def test_model_span_without_a_candidate_is_an_unknown_term_not_a_mention() -> None:
    doc = doc_of("Python and Quixotl")
    python = Span(doc, 0, 1, label="python")
    kept, unknown = combine(doc, [python], [(0, 1), (2, 3)])
    assert [s.label_ for s in kept] == ["python"]
    assert [(s.text, s.label_) for s in unknown] == [("Quixotl", "unknown")]


def test_config_round_trips_through_json(tmp_path: object) -> None:
    from pathlib import Path

    directory = Path(str(tmp_path))
    config = SpanModelConfig(radius=5, trusted=frozenset({"cloud"}))
    (directory / "combine.json").write_text(config.to_json({"seed": 0}), encoding="utf-8")
    assert SpanModelConfig.load(directory) == config


def test_component_keeps_what_a_tiny_trained_model_confirms() -> None:
    from spacy.training import Example
    from spacy.util import fix_random_seed

    from nlp.context import SPANS_KEY
    from nlp.relevance import UNKNOWN_KEY
    from nlp.spans import LABEL, SpanModel, make_recognizer

    fix_random_seed(0)
    nlp = spacy.blank("en")
    config = SpanModelConfig(radius=4, width=16, rows=200)
    ner = make_recognizer(nlp, config)
    ner.add_label(LABEL)
    examples = []
    for text, ents in [
        ("Senior Java Developer wanted", []),
        ("Experience with Java required", [(2, 3)]),
    ]:
        doc = nlp.make_doc(text)
        mark_candidates(doc, [Span(doc, s, e) for s, e in ents] or [doc[1:2]])
        ref = doc.copy()
        ref.ents = [Span(ref, s, e, label=LABEL) for s, e in ents]
        examples.append(Example(doc, ref))
    ner.initialize(lambda: examples, nlp=nlp)
    optimizer = ner.create_optimizer()
    for _ in range(60):
        ner.update(examples, sgd=optimizer, drop=0.0)
    component = SpanModel(nlp, "spans", SPANS_KEY, UNKNOWN_KEY)
    component.initialize_from(nlp, {"java": "programming_language"}, config=config, ner=ner)
    title = keep_text(nlp("Senior Java Developer wanted"), "Senior Java Developer wanted")
    asked = keep_text(nlp("Experience with Java required"), "Experience with Java required")
    for doc, index in ((title, 1), (asked, 2)):
        doc.spans[SPANS_KEY] = [Span(doc, index, index + 1, label="java")]
        doc.spans[UNKNOWN_KEY] = []
    title, asked = component.pipe([title, asked])
    assert [s.text for s in title.spans[SPANS_KEY]] == []
    assert [(s.text, s.label_) for s in asked.spans[SPANS_KEY]] == [("Java", "java")]
