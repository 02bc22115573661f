from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.columnar import _SIMPLE, clean_html_column, content_hashes
from extract.records import content_hash
from extract.text import clean_html

_piece = st.one_of(
    st.sampled_from(
        ["<p>", "</p>", "<i>", "</i>", '<a href="https:&#x2F;&#x2F;x.io?a=1&b=2">', "</a>",
         "<pre>", "</pre>", "<code>", "</code>", "<br>", "<br/>", "<br />", "<li>", "</li>",
         "<ul>", "</ul>", "<B>", "</div>", "<hr>", "<img src='x.png'/>", "&amp;", "&lt;",
         "&gt;", "&quot;", "&#x2F;", "&#x2f;", "&#47;", "&#39;", "&#x27;", "&nbsp;", "&#10;",
         "&amp;lt;", " & ", "&", "\n", " \r ", "\t", "  ", "\xa0", "\u2003", "\x0b", "<td>",
         "<!-- c -->", "&copy;", "AT&T", "<3", "&#150;", "<p/>", "<pre>"]
    ),
    st.text(max_size=12),
)  # fmt: skip


_fragment = st.lists(_piece, max_size=25).map("".join)


@settings(max_examples=200)
@given(st.lists(st.one_of(_fragment, st.none()), max_size=8))
def test_the_column_cleans_each_value_as_clean_html_does(values: list[str | None]) -> None:
    cleaned = clean_html_column(pa.array(values, pa.string())).to_pylist()
    assert cleaned == [None if v is None else clean_html(v) for v in values]


@settings(max_examples=300)
@given(_fragment)
def test_fragments_clean_as_clean_html_does(html: str) -> None:
    assert clean_html_column(pa.array([html])).to_pylist() == [clean_html(html)]


def test_the_bundled_postings_clean_column_wise_and_as_clean_html_does() -> None:
    from extract.bundled import HN_2026_SIGHTINGS

    with open(HN_2026_SIGHTINGS, encoding="utf-8") as lines:
        htmls = [json.loads(line)["text_html"] for line in lines]
    column = pa.array(htmls)
    assert clean_html_column(column).to_pylist() == [clean_html(h) for h in htmls]
    # Most real postings take the column-wise passes, not the per-value fallback.
    simple = pc.sum(pc.cast(pc.match_substring_regex(column, _SIMPLE), pa.int64())).as_py()
    assert simple / len(htmls) > 0.9


def test_values_the_passes_cannot_handle_fall_back_to_clean_html() -> None:
    values = ["a</p>b", "x <!-- y --> z", "AT&T", "&copy; 2026", "<TABLE><tr><td>1</td></table>"]
    assert not any(pc.match_substring_regex(pa.array(values), _SIMPLE).to_pylist())
    assert clean_html_column(pa.array(values)).to_pylist() == [clean_html(v) for v in values]


@pytest.mark.parametrize(
    "html",
    [
        "<i><p>0</i>&amp;lt;",  # the </i> closes the paragraph opened inside it: a new line
        "<i><i><p>x</i>y</i>",
        "<abbr><p>x</a>y</abbr>z",  # "</a" is no "</abbr"
        "<b>bold<div>block</b>after",
    ],
)
def test_an_inline_end_tag_that_closes_a_block_cleans_as_clean_html_does(html: str) -> None:
    assert clean_html_column(pa.array([html])).to_pylist() == [clean_html(html)]
    assert "\n" in clean_html(html)


_TRICKY = "ßµİΣσςKÅⅠ⅓ＡａΩ’—€🏻费ǅǈÉé"


@settings(max_examples=300)
@given(st.lists(st.text(alphabet=st.sampled_from([*_TRICKY, "a", "Z", " ", "\n", "x"]))))
def test_content_hashes_match_content_hash(texts: list[str]) -> None:
    cleaned = clean_html_column(pa.array(texts, pa.string()))
    values = cleaned.to_pylist()
    assert content_hashes(cleaned) == [content_hash(v) for v in values]


def test_content_hashes_fold_case_as_casefold_does() -> None:
    texts = pa.array(["Straße Python", "STRASSE python", "µs", "μs", "Résumé"])
    hashes = content_hashes(texts)
    assert hashes[0] == hashes[1] and hashes[2] == hashes[3]
    assert hashes == [content_hash(t) for t in texts.to_pylist()]


def test_the_spelled_out_whitespace_is_what_python_calls_whitespace() -> None:
    import sys

    from extract.columnar import _SPACES

    assert set(_SPACES) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
