"""The chunk-caching tokenizer gives exactly what spaCy's own tokenizer gives."""

from __future__ import annotations

from typing import cast

import pytest
import spacy
from spacy.tokenizer import Tokenizer

from nlp.context import doc_text
from nlp.extractor import TextKeepingTokenizer

TEXTS = [
    "Python and SQL",
    " leading space",
    "two  spaces, trailing ",
    "trailing two  ",
    "lines\nand\n\nblank lines \n indented",
    "tabs\tand\u00a0no-break\u2009thin\x1cseparators",
    "e.g. we don't ship C#/.NET, Node.js/Express; (MongoDB) and R.",
    "",
    "   ",
    "Python and SQL",
]


@pytest.fixture(scope="module")
def pair() -> tuple[Tokenizer, TextKeepingTokenizer]:
    plain = cast(Tokenizer, spacy.blank("en").tokenizer)
    return plain, TextKeepingTokenizer(plain)


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_same_tokens_spaces_and_norms_as_spacy(
    pair: tuple[Tokenizer, TextKeepingTokenizer], text: str
) -> None:
    plain, chunked = pair
    expected = [(t.text, t.whitespace_, t.norm_) for t in plain(text)]
    doc = chunked(text)
    assert [(t.text, t.whitespace_, t.norm_) for t in doc] == expected
    assert doc.text == text
    assert doc_text(doc) == text


def test_cache_stays_within_its_size() -> None:
    chunked = TextKeepingTokenizer(cast(Tokenizer, spacy.blank("en").tokenizer), cache_size=3)
    doc = chunked("one two three four five")
    assert [t.text for t in doc] == ["one", "two", "three", "four", "five"]
    assert len(chunked._chunks) <= 3
