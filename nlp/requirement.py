"""How strongly a posting asks for each skill it mentions.

The level comes from the nearest cue, most local first:

1. the mention's own sentence: a negation ("no Python experience needed") gives
   ``not_required``; "nice to have", "a plus", "bonus", "preferred" give ``preferred``;
   "required", "must", "experience with", "proficient in" give ``required``;
2. otherwise the section the mention sits in, from its heading ("Requirements:",
   "Nice to have:", "Benefits:", "About us:");
3. otherwise ``unknown``.
"""

from __future__ import annotations

import bisect
import re

from nlp.records import Requirement

_NEGATION = re.compile(
    r"\b(?:no|without)\s+(?:prior\s+|previous\s+)?(?:[\w+#./-]+\s+){0,4}"
    r"(?:experience|knowledge|background)\s+(?:is\s+)?(?:needed|required|necessary)\b"
    r"|\b(?:experience|knowledge)\s+(?:with\s+[\w+#./ -]{1,40}\s+)?(?:is\s+)?not\s+"
    r"(?:needed|required|necessary)\b"
    r"|\bdon'?t\s+need\s+(?:to\s+know|experience)",
    re.IGNORECASE,
)
_PREFERRED = re.compile(
    r"\b(?:nice[\s-]to[\s-]haves?|bonus(?:\s+points)?|(?:is|are|a)\s+(?:big\s+|huge\s+)?plus"
    r"|preferred|preferably|ideally|desirable|optional|good\s+to\s+have|pluses)\b",
    re.IGNORECASE,
)
_REQUIRED = re.compile(
    r"\b(?:required|requirements?|must(?:\s+have)?|mandatory|essential"
    r"|(?:experience|expertise|proficiency|fluency)\s+(?:with|in|using)"
    r"|proficient|fluent\s+in|expert\s+in|strong\s+(?:\w+\s+)?(?:skills|knowledge|background)"
    r"|\d\+?\s+years|solid\s+(?:\w+\s+)?(?:experience|understanding|knowledge)"
    r"|you\s+(?:have|bring|know)|we(?:'re|\s+are)\s+looking\s+for\s+(?:someone|people|engineers)"
    r"|(?:we|you(?:'ll)?|you\s+will)\s+need|need\s+(?:someone|experience|to\s+know))\b",
    re.IGNORECASE,
)
_HEADINGS: tuple[tuple[re.Pattern[str], Requirement], ...] = (
    (re.compile(r"nice|bonus|plus|preferred|desirable|extra\s+credit", re.I), "preferred"),
    (
        re.compile(
            r"require|qualifications?|must|what\s+you(?:'ll)?\s+(?:need|bring)|you\s+have"
            r"|skills|experience|who\s+you\s+are|looking\s+for|about\s+you",
            re.I,
        ),
        "required",
    ),
    (
        re.compile(
            r"benefits|perks|about\s+us|who\s+we\s+are|about\s+the\s+company|compensation"
            r"|equal\s+opportunity|our\s+values|why\s+join",
            re.I,
        ),
        "not_required",
    ),
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")
_HEADING_MAX_WORDS = 8


def _heading_level(line: str) -> Requirement | None:
    """The level a heading line sets for the lines under it, or None if not a heading."""
    stripped = line.strip().strip("*#-•").strip()
    if not stripped or len(stripped.split()) > _HEADING_MAX_WORDS:
        return None
    is_heading = stripped.endswith(":") or (stripped.isupper() and len(stripped) > 3)
    if not is_heading:
        return None
    for pattern, level in _HEADINGS:
        if pattern.search(stripped):
            return level
    return "unknown"


def _sentence_level(sentence: str) -> Requirement | None:
    if _NEGATION.search(sentence):
        return "not_required"
    if _PREFERRED.search(sentence):
        return "preferred"
    if _REQUIRED.search(sentence):
        return "required"
    return None


def classify_requirements(text: str, starts: list[int]) -> list[Requirement]:
    """The requirement level of each mention starting at ``starts`` (character offsets)."""
    if not starts:
        return []
    line_starts: list[int] = []
    section: list[Requirement] = []
    current: Requirement = "unknown"
    offset = 0
    for line in text.split("\n"):
        heading = _heading_level(line)
        if heading is not None:
            current = heading
        line_starts.append(offset)
        section.append(current)
        offset += len(line) + 1

    levels: list[Requirement] = []
    for start in starts:
        index = bisect.bisect_right(line_starts, start) - 1
        line_start = line_starts[index]
        line = text[
            line_start : line_starts[index + 1] - 1 if index + 1 < len(line_starts) else None
        ]
        sentence = _sentence_around(line, start - line_start)
        local = _sentence_level(sentence)
        if local is None and _heading_level(line) is not None:
            # a skill inside a heading line ("Python skills:") follows that heading's level
            local = section[index] if section[index] != "unknown" else None
        levels.append(local or section[index])
    return levels


def _sentence_around(line: str, pos: int) -> str:
    begin = 0
    for match in _SENTENCE_END.finditer(line):
        if match.start() >= pos:
            return line[begin : match.start()]
        begin = match.end()
    return line[begin:]
