from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.text import clean_html, normalize_whitespace


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param("Go &amp; Rust", "Go & Rust", id="amp-entity"),
        pytest.param("CI&#x2F;CD", "CI/CD", id="hex-entity"),
        pytest.param("the &quot;OS for Biology&quot;", 'the "OS for Biology"', id="quot-entity"),
        pytest.param(
            "Acme | Engineer<p>We build.<p>Apply.",
            "Acme | Engineer\nWe build.\nApply.",
            id="hn-unclosed-paragraphs",
        ),
        pytest.param("one<br>two<br/>three", "one\ntwo\nthree", id="line-breaks"),
        pytest.param("<ul><li>Python</li><li>SQL</li></ul>", "Python\nSQL", id="list-items"),
        pytest.param(
            "<h2>Role</h2><div>Build things</div>", "Role\nBuild things", id="heading-div"
        ),
        pytest.param(
            'Use <i>Rust</i> and <a href="https://x.io">https://x.io</a> daily',
            "Use Rust and https://x.io daily",
            id="inline-tags-keep-text",
        ),
        pytest.param("a<script>alert(1)</script>b<style>p {}</style>c", "abc", id="script-style"),
        pytest.param("a <!-- hidden --> b", "a b", id="comment-dropped"),
        pytest.param(
            "<p>  lots   of\t space  </p>\n\n\n<p>x</p>", "lots of space\nx", id="whitespace"
        ),
        pytest.param(
            "<pre><code>def f():\n    return 1</code></pre>",
            "def f():\nreturn 1",
            id="pre-keeps-lines",
        ),
        pytest.param("<p></p><p> </p>", "", id="only-empty-blocks"),
        pytest.param("Acme is AT&T", "Acme is AT&T", id="ampersand-word-at-the-end"),
        pytest.param("<p>Q&A", "Q&A", id="ampersand-word-after-a-tag"),
        pytest.param("R&D&", "R&D&", id="bare-ampersand-at-the-end"),
        pytest.param("Tom &amp", "Tom &", id="legacy-entity-without-semicolon"),
        pytest.param("x &#65", "x A", id="numeric-reference-without-semicolon"),
        pytest.param("", "", id="empty"),
    ],
)
def test_clean_html(html: str, expected: str) -> None:
    assert clean_html(html) == expected


def test_plain_text_keeps_its_line_breaks() -> None:
    assert clean_html("Acme | Engineer\nAt Acme we\r\nbuild  tools") == (
        "Acme | Engineer\nAt Acme we\nbuild tools"
    )


# Text leaves avoid "<", "&" and ";" so they cannot spell markup or entities themselves:
# decoding is not idempotent by nature ("&amp;lt;" -> "&lt;" -> "<").
_safe_text = st.text(
    alphabet=st.characters(exclude_characters="<&;", exclude_categories=["Cs"]),
    max_size=30,
)
_tags = st.sampled_from(["p", "i", "a", "li", "div", "b", "h3", "span", "code", "pre"])
_entities = st.sampled_from(["&amp;", "&#x2F;", "&quot;", "&#39;", "&gt;", "&nbsp;"])


@st.composite
def _markup(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["text", "open", "close", "entity", "br", "bare-p"]))
        if kind == "text":
            parts.append(draw(_safe_text))
        elif kind == "open":
            parts.append(f"<{draw(_tags)}>")
        elif kind == "close":
            parts.append(f"</{draw(_tags)}>")
        elif kind == "entity":
            parts.append(draw(_entities))
        elif kind == "br":
            parts.append("<br>")
        else:
            parts.append("<p>")
    return "".join(parts)


@given(_markup())
def test_clean_html_is_idempotent(html: str) -> None:
    once = clean_html(html)
    assert clean_html(once) == once


@given(_markup())
def test_clean_html_leaves_no_paragraph_tags(html: str) -> None:
    assert "<p>" not in clean_html(html)


@given(_safe_text)
def test_plain_text_only_has_whitespace_normalised(text: str) -> None:
    assert clean_html(text) == normalize_whitespace(text)
    assert clean_html(text).split() == text.split()


@given(_safe_text)
def test_parsed_and_fast_paths_agree_on_plain_text(text: str) -> None:
    assert clean_html(f"<p>{text}</p>") == clean_html(text)


def _soup_text(html: str) -> str:
    """clean_html's BeautifulSoup path alone, for comparing the scanner with."""
    from extract.text import _parsed_text

    return _parsed_text(html)


_markup_piece = st.one_of(
    st.sampled_from(
        ["<p>", "</p>", "<i>", "</i>", "<a href=\"https:&#x2F;&#x2F;x.io?a=1&b=2\">", "</a>",
         "<pre>", "</pre>", "<code>", "</code>", "<br>", "<br/>", "<li>", "</li>", "<ul>",
         "</ul>", "<B>", "</div>", "<hr>", "&amp;", "&lt;", "&quot;", "&#x2F;", "&#39;",
         "&nbsp;", "&#10;", " & ", "\n", " \r ", "\t", "  ", "<td>", "<!-- c -->", "&copy;",
         "AT&T", "<3", "&#150;"]
    ),
    _safe_text,
)  # fmt: skip


@given(st.lists(_markup_piece, max_size=25).map("".join))
def test_scanner_gives_what_beautifulsoup_gives(html: str) -> None:
    assert clean_html(html) == _soup_text(html)


def test_scanner_handles_the_bundled_postings_like_beautifulsoup() -> None:
    import json

    from extract.bundled import HN_2026_SIGHTINGS
    from extract.text import _scan_simple_html

    with open(HN_2026_SIGHTINGS, encoding="utf-8") as lines:
        htmls = [json.loads(line)["text_html"] for line in lines][:400]
    scanned = [h for h in htmls if _scan_simple_html(h) is not None]
    assert len(scanned) == len(htmls)
    assert [clean_html(h) for h in htmls] == [_soup_text(h) for h in htmls]
