"""Case-blind patterns read faster: case-sensitively, over the lowercased text.

A case-blind pattern tries each alternative's first letter as dearly as a whole match attempt;
run case-sensitively, a literal first letter rejects a word at once, and patterns of many
alternatives run two to three times faster. In a text without the three letters
:data:`CASE_TRAPS`, a case-blind pattern whose letters are all lowercase matches the text
exactly where, run case-sensitively, it matches the lowercased text: lowercasing keeps every
other character one character, a word character or a space as it was, and an ASCII letter
to a case-blind pattern exactly when it lowercases to it (the tests check every character).

:class:`Blind` answers ``pattern.search(text) is not None`` so; the alternatives that hold a
case-sensitive part (``(?-i:ML)``) are searched for in the text as written.
"""

from __future__ import annotations

import re

# The letters a case-blind "i" or "s" matches whose lowercase is not that letter ("İ" also
# lowercases to two characters).
CASE_TRAPS = ("\u0130", "\u0131", "\u017f")
_CASED = "(?-i:"
_OPENING = r"(?=\w)\b(?:"


def holds_case_trap(text: str) -> bool:
    return CASE_TRAPS[0] in text or CASE_TRAPS[1] in text or CASE_TRAPS[2] in text


def lowercase_letters(source: str) -> str:
    """A pattern's letters lowercased, its escapes ("\\S", "\\W") kept."""
    out = []
    index = 0
    while index < len(source):
        if source[index] == "\\":
            out.append(source[index : index + 2])
            index += 2
        else:
            out.append(source[index].lower())
            index += 1
    return "".join(out)


def alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source, as written."""
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    parts.append(source[start:])
    return parts


class Blind:
    """``pattern.search(text) is not None`` for a case-blind ``pattern``, read faster.

    ``pattern`` is a top-level alternation, or ``(?=\\w)\\b(?:...)`` around one.

    >>> Blind(re.compile(r"(?=\\w)\\b(?:engineers?|(?-i:ML)\\s+lead)", re.I)).search("ML Lead")
    True
    """

    __slots__ = ("cased", "lowered", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        if not pattern.flags & re.IGNORECASE:
            raise ValueError(f"not a case-blind pattern: {pattern.pattern[:40]}")
        self.pattern = pattern
        source, opening = pattern.pattern, ""
        parts = alternatives(source)
        if len(parts) == 1 and source.startswith(_OPENING) and source.endswith(")"):
            opening, parts = _OPENING, alternatives(source[len(_OPENING) : -1])
            if opening + "|".join(parts) + ")" != source:
                raise ValueError(f"not split whole: {source[:40]}")
        blind = [lowercase_letters(p) for p in parts if _CASED not in p]
        cased = [p for p in parts if _CASED in p]
        flags = pattern.flags & ~re.IGNORECASE
        self.lowered = re.compile(_joined(opening, blind), flags) if blind else None
        self.cased = re.compile(_joined(opening, cased), pattern.flags) if cased else None

    def search(self, text: str, lowered: str | None = None) -> bool:
        """Whether ``pattern`` matches ``text``; ``lowered``, when given, is ``text.lower()``."""
        if holds_case_trap(text):
            return self.pattern.search(text) is not None
        if self.lowered is not None:
            low = text.lower() if lowered is None else lowered
            if self.lowered.search(low) is not None:
                return True
        return self.cased is not None and self.cased.search(text) is not None


def _joined(opening: str, parts: list[str]) -> str:
    return opening + "|".join(parts) + ")" if opening else "|".join(parts)
