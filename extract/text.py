"""Turning posting HTML (HN comments, job-board pages) into plain text.

The text keeps its line structure: each paragraph, list item, heading or other block lands
on its own line, while runs of spaces inside a line shrink to one. Skill tagging downstream
reads sentences, so block boundaries matter more than exact spacing.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
from bs4.element import PageElement, ProcessingInstruction

# Tags whose start and end both mark a line boundary.
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_DROPPED_TAGS = ("script", "style", "template", "noscript")
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)

_INLINE_SPACE = re.compile(r"[^\S\n]+")
_LINE_ENDS = re.compile(r"\r\n?")


def normalize_whitespace(text: str) -> str:
    r"""Collapse spaces within each line, strip every line and drop the empty ones.

    >>> normalize_whitespace("  a   b \n\n\t c ")
    'a b\nc'
    """
    text = _LINE_ENDS.sub("\n", text)
    lines = (_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_html(html: str) -> str:
    """Plain text of an HTML fragment, one block element per line.

    Entities are decoded, inline tags (links, emphasis) keep their text, ``<script>`` and
    ``<style>`` content is dropped, and whitespace is normalised as in
    :func:`normalize_whitespace`.

    >>> clean_html("Acme | Engineer<p>We use <i>Rust</i> &amp; Go&#x2F;C.")
    'Acme | Engineer\\nWe use Rust & Go/C.'
    """
    if "<" not in html and "&" not in html:
        return normalize_whitespace(html)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    parts: list[str] = []
    _collect(soup, parts)
    return normalize_whitespace("".join(parts))


def _collect(root: Tag, parts: list[str]) -> None:
    # An explicit stack instead of recursion: pathological nesting must not hit the
    # interpreter's recursion limit. A str on the stack is a separator to emit when the
    # walk gets back to it (after the children of the tag that pushed it).
    stack: list[PageElement | str] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIPPED_STRINGS):
                parts.append(str(node))
        elif isinstance(node, Tag):
            name = node.name
            if name == "br":
                parts.append("\n")
                continue
            sep = "\n" if name in _BLOCK_TAGS else " " if name in _CELL_TAGS else ""
            parts.append(sep)
            stack.append(sep)
            stack.extend(reversed(node.contents))
        elif isinstance(node, str):
            parts.append(node)
