"""Cleaning whole columns of posting text at once, for bulk imports.

:func:`clean_html_column` gives, value for value, what :func:`extract.text.clean_html`
gives, but as a few regex passes of polars over a whole column instead of a Python loop,
which is what lets a file of a million postings import in seconds. It handles the markup most
exports hold (block start tags, inline tags, the common entities, links with quoted
attributes); a value holding anything else (end tags of block elements, whose effect
depends on what is open; other entities; comments; a stray ``<``; a carriage return) is
cleaned by :func:`~extract.text.clean_html` itself, so the result never differs. A test
checks both ways agree on the bundled postings and on generated fragments.
"""

from __future__ import annotations

import hashlib
import re

import polars as pl
import pyarrow as pa

from extract.text import clean_html

# The characters Python's str.split() and regex \s treat as whitespace, spelled out so that
# the passes below agree with Python's idea of whitespace exactly.
# (A test checks this against every code point; scanning them here cost 40 ms per start.)
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_CLASS = "".join(f"\\x{{{ord(c):x}}}" for c in _SPACES if c != "\n")
_OTHER_SPACE_CLASS = "".join(f"\\x{{{ord(c):x}}}" for c in _SPACES if c not in " \n")
# Runs of whitespace that are not already one plain space (replacing every single space with
# itself would be most of the work).
_SPACE_RUN = f"[{_SPACE_CLASS}]{{2,}}|[{_OTHER_SPACE_CLASS}]"
# A line that str.strip() would leave empty.
BLANK_LINE = f"^[{_SPACE_CLASS}\\n]*$"

_BLOCK = (
    "address|article|aside|blockquote|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|"
    "h[1-6]|header|li|main|nav|ol|p|pre|section|ul"
)
_INLINE = "a|abbr|b|big|cite|code|em|font|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|tt|u|var"
_ATTRS = r"""(?:\s+[A-Za-z_][-A-Za-z0-9_]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))?)*\s*"""
# Entities decoded here, each to one character.
_ENTITIES = (
    ("&quot;", '"'),
    ("&#34;", '"'),
    ("&#x22;", '"'),
    ("&#39;", "'"),
    ("&#x27;", "'"),
    ("&#47;", "/"),
    ("&#x2F;", "/"),
    ("&#x2f;", "/"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&nbsp;", "\xa0"),
    ("&amp;", "&"),
)
_ENTITY = "|".join(name for name, _ in _ENTITIES)
# A value the passes below clean exactly as clean_html does: text with no "\r", and no "&"
# that could start a reference other than the entities above; tags that are block start
# tags (a line break), <br> and <hr>, or inline start and end tags (nothing).
_SIMPLE = (
    rf"^(?:[^<&\r]|(?:{_ENTITY})|&[^A-Za-z0-9#&<\r]|&$"
    rf"|<(?:(?:{_BLOCK}|{_INLINE}){_ATTRS}|/(?:{_INLINE})\s*|(?:br|hr|wbr|img){_ATTRS}/?)>)*$"
)


def _not_closing(name: str) -> str:
    """What may follow "</" in a tag that does not close ``name``: another name, or a longer
    one ("</abbr" is no "</a")."""
    differ = [re.escape(name[:i]) + f"[^{name[i]}]" for i in range(len(name))]
    return "|".join([*differ, re.escape(name) + r"[^\s>]"])


# An inline element still open when a block starts and closed after it ("<i><p>0</i>x"):
# html.parser's tree closes the block with it, a line break the passes below do not make, so
# such a value is cleaned by clean_html. (The regex engine has no look-around: "a tag that
# does not close the element" is spelled out name by name.)
_INLINE_OVER_BLOCK = (
    "(?s)(?:"
    + "|".join(
        rf"<{name}(?:\s[^>]*)?>(?:[^<]|<(?:[^/]|/(?:{_not_closing(name)})))*"
        rf"<(?:{_BLOCK})[\s/>].*</{name}[\s>]"
        for name in _INLINE.split("|")
    )
    + ")"
)
_BREAK_TAG = rf"<(?:{_BLOCK}|br|hr)(?:[\s/][^>]*)?>"
_OTHER_TAG = r"<[^>]*>"


def clean_html_column(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """:func:`~extract.text.clean_html` of every value of a string column; nulls stay null.

    >>> clean_html_column(pa.array(["Acme<p>We use <i>Rust</i> &amp; Go&#x2F;C.", None]))
    ... .to_pylist()
    ['Acme\\nWe use Rust & Go/C.', None]
    """
    column = pl.Series("text", values, dtype=pl.String)
    text = (
        column.str.replace_all(_BREAK_TAG, "\n")
        .str.replace_all(_OTHER_TAG, "")
        # One left-to-right pass: "&amp;lt;" gives "&lt;", as an HTML parser reads it.
        .str.replace_many([name for name, _ in _ENTITIES], [char for _, char in _ENTITIES])
        .str.replace_all(_SPACE_RUN, " ")
        .str.replace_all(r" ?\n[ \n]*", "\n")
        .str.strip_chars(" \n")
    )
    others = (~column.str.contains(_SIMPLE) | column.str.contains(_INLINE_OVER_BLOCK)).fill_null(
        False
    )
    if others.any():
        fixed = [clean_html(value) for value in column.filter(others).to_list()]
        text = text.scatter(others.arg_true(), fixed)
    return pa.array(text.to_arrow()).cast(pa.string())


def _ranges(chars: list[int]) -> str:
    """A regex character-class body for the code points, as ranges."""
    parts: list[str] = []
    start = prev = chars[0]
    for code in [*chars[1:], -2]:
        if code != prev + 1:
            parts.append(f"\\x{{{start:x}}}" + (f"-\\x{{{prev:x}}}" if prev > start else ""))
            start = code
        prev = code
    return "".join(parts)


# Characters whose lowercase is their casefold, in Python and in polars (Rust) alike: ASCII,
# Latin letters but those that fold otherwise (ß, µ, ...), and blocks without case
# (punctuation, currency, arrows and symbols, CJK, emoji).
_CASELESS_BLOCKS = (
    (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2190, 0x245F), (0x2500, 0x27BF),
    (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFF20), (0x1F000, 0x1FAFF),
)  # fmt: skip
_FOLDS_AS_LOWER = _ranges(
    [c for c in range(0x100) if chr(c).casefold() == chr(c).lower()]
    + [c for c in range(0x100, 0x250) if chr(c).casefold() == chr(c).lower()]
    + [c for low, high in _CASELESS_BLOCKS for c in range(low, high + 1)]
)
_LOWER_IS_CASEFOLD = f"^[{_FOLDS_AS_LOWER}]*$"


def content_hashes(texts: pa.Array) -> list[str]:
    """:func:`extract.records.content_hash` of each cleaned text (no nulls).

    Text from :func:`clean_html_column` has no whitespace but single spaces and newlines, so
    folding whitespace is replacing newlines; text of characters whose lowercase is their
    casefold is lowercased column-wise, and the rest is casefolded value by value.
    """
    column = pl.Series("text", texts, dtype=pl.String)
    folded = column.str.replace_all("\n", " ", literal=True).str.to_lowercase()
    others = ~column.str.contains(_LOWER_IS_CASEFOLD)
    if others.any():
        fixed = [" ".join(v.split()).casefold() for v in column.filter(others).to_list()]
        folded = folded.scatter(others.arg_true(), fixed)
    return [hashlib.sha256(value).hexdigest()[:32] for value in folded.cast(pl.Binary).to_list()]
