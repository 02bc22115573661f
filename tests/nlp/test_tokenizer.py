"""The chunk-caching tokenizer gives exactly what spaCy's own tokenizer gives."""

from __future__ import annotations

from functools import cache
from typing import cast

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokenizer import Tokenizer

from nlp.context import Tokens, doc_text, tokens
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
    "I cannot say we gonna hire, dont ask, Im sure they aint Cannot GONNA",
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
    # the attributes the rules read from the tokenizer's record, as the tokens have them
    assert tokens(doc) == Tokens([t.lower_ for t in doc], [bool(t.whitespace_) for t in doc])


def test_cache_stays_within_its_size() -> None:
    chunked = TextKeepingTokenizer(cast(Tokenizer, spacy.blank("en").tokenizer), cache_size=3)
    doc = chunked("one two three four five")
    assert [t.text for t in doc] == ["one", "two", "three", "four", "five"]
    assert len(chunked._chunks) <= 3


@cache
def _blank_tokenizer() -> Tokenizer:
    return cast(Tokenizer, spacy.blank("en").tokenizer)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcdeimnostABCDEIMNOST", min_size=1, max_size=8), max_size=6))
def test_plain_words_split_as_spacy_splits_them(words: list[str]) -> None:
    # a word of letters skips spaCy's tokenizer unless it is a special case ("cannot")
    plain = _blank_tokenizer()
    text = " ".join(words)
    expected = [(t.text, t.whitespace_, t.norm_) for t in plain(text)]
    assert [(t.text, t.whitespace_, t.norm_) for t in TextKeepingTokenizer(plain)(text)] == expected
