"""How strongly a posting asks for each skill it mentions.

The level comes from the nearest cue, most local first:

1. the mention's own sentence:
   - a negation ("no Python experience needed", "you don't need to know Go") gives
     ``not_required``;
   - "nice to have", "a plus", "bonus", "preferred", "ideally" give ``preferred``;
   - the company talking about itself ("we use AI to ...", "our platform", "AI-powered"),
     what it offers ("we offer", "learning budget") and equal-opportunity text give
     ``not_required``;
   - "required", "must", "experience with", "proficient in", "3+ years" give ``required``;
2. otherwise the section the mention sits in, from its heading ("Requirements:",
   "Nice to have:", "Benefits:", "About us:", "Preferred qualifications");
3. otherwise ``unknown``: nothing in the text decides.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from nlp.records import Requirement

_WORDS = r"(?:[\w+#./-]+\s+){0,4}"
_NEGATION = re.compile(
    rf"\b(?:no|without)\s+(?:prior\s+|previous\s+|professional\s+)?{_WORDS}"
    r"(?:experience|knowledge|background|expertise)\s+(?:is\s+|in\s+\S+\s+)?"
    r"(?:needed|required|necessary|expected)\b"
    r"|\b(?:experience|knowledge)\s+(?:with\s+|of\s+|in\s+)?[\w+#./ -]{0,40}?\s*"
    r"(?:is\s+|are\s+)?not\s+(?:needed|required|necessary|expected|a\s+requirement)\b"
    r"|\bnot\s+a\s+requirement\b"
    r"|\b(?:don'?t|do\s+not|doesn'?t|won'?t)\s+(?:need|have)\s+to\s+(?:know|be\s+an?\s+expert)"
    r"|\b(?:you\s+)?(?:don'?t|do\s+not)\s+need\s+(?:any\s+|prior\s+)?(?:experience|\w+\s+experience)"
    r"|\bno\s+need\s+to\s+know\b",
)
_PREFERRED = re.compile(
    r"\b(?:nice[\s-]to[\s-]haves?|bonus(?:\s+points)?|(?:is|are|a)\s+(?:big\s+|huge\s+|strong\s+)?"
    r"plus|pluses|preferred|preferably|ideally|desirable|desired|optional|good\s+to\s+have"
    r"|(?:is|are|an?)\s+(?:big\s+)?advantage|advantageous|would\s+be\s+(?:great|nice|helpful)"
    r"|not\s+(?:strictly\s+)?required\s+but|helpful\s+but\s+not)\b",
)
_NOT_REQUIRED = re.compile(
    r"\b(?:we\s+(?:use|leverage|apply|harness)\s+(?:\S+\s+){0,6}?to\b"
    r"|(?:ai|ml|llm|gpt)[\s-](?:powered|driven|native|first|enabled)"
    r"|our\s+(?:platform|product|products|mission|customers|company|team\s+is)"
    r"|we(?:'re|\s+are)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}(?:startup|company|platform|lab|team\s+building)"
    r"|we\s+offer|we\s+provide|perks|stipend|learning\s+budget|(?:health|dental|vision)\s+insurance"
    r"|equal\s+opportunity|without\s+regard\s+to|regardless\s+of|reasonable\s+accommodations?"
    r"|(?:we\s+)?(?:celebrate|value)\s+diversity|protected\s+(?:veteran\s+)?status)",
)
_REQUIRED = re.compile(
    r"\b(?:required|requirements?|must(?:\s+have)?|mandatory|essential|minimum\s+qualifications"
    r"|(?:experience|expertise|proficiency|fluency|familiarity|background)\s+(?:with|in|using|of)"
    r"|proficient|fluent\s+in|expert\s+in|skilled\s+in|knowledge\s+of|understanding\s+of"
    r"|strong\s+(?:\w+\s+)?(?:skills|knowledge|background)|\d+\+?\s+years"
    r"|solid\s+(?:\w+\s+)?(?:experience|understanding|knowledge)"
    r"|you\s+(?:have|bring|know)|you(?:'ve|\s+have)\s+(?:built|shipped|worked)"
    r"|we(?:'re|\s+are)\s+looking\s+for\s+(?:someone|people|engineers|candidates)"
    r"|(?:we|you(?:'ll)?|you\s+will)\s+need|need\s+(?:someone|experience|to\s+know))\b",
)
_HEADINGS: tuple[tuple[re.Pattern[str], Requirement], ...] = (
    (
        re.compile(r"nice|bonus|plus|preferred|desirable|desired|extra\s+credit|good\s+to", re.I),
        "preferred",
    ),
    (
        re.compile(
            r"benefits|perks|about\s+us|who\s+we\s+are|about\s+the\s+company|about\s+[A-Z]\w+:?$"
            r"|compensation|equal\s+opportunity|our\s+values|why\s+join|what\s+we\s+offer"
            r"|we\s+offer|diversity|our\s+(?:story|mission|culture)",
            re.I,
        ),
        "not_required",
    ),
    (
        re.compile(
            r"require|qualifications?|must|what\s+you(?:'ll)?\s+(?:need|bring)|you\s+have"
            r"|skills|experience|who\s+you\s+are|looking\s+for|about\s+you|you\s+should",
            re.I,
        ),
        "required",
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


# Every negation above contains one of these words; checking for them first is cheaper than
# running the full pattern on every sentence.
_NEGATION_TRIGGER = re.compile(r"\b(?:no|not|without|don'?t|do|doesn'?t|won'?t)\b")


@lru_cache(maxsize=1 << 16)
def sentence_level(sentence: str) -> Requirement | None:
    """The level a sentence's own words give, or None if they say nothing.

    Cached: the mentions of one skill list share a sentence, and boilerplate sentences
    recur across postings.
    """
    sentence = sentence.lower()  # the patterns are lowercase: cheaper than IGNORECASE
    if _NEGATION_TRIGGER.search(sentence) and _NEGATION.search(sentence):
        return "not_required"
    if _PREFERRED.search(sentence):
        return "preferred"
    if _NOT_REQUIRED.search(sentence):
        return "not_required"
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
        line_end = line_starts[index + 1] - 1 if index + 1 < len(line_starts) else len(text)
        line = text[line_start:line_end]
        local = sentence_level(_sentence_around(line, start - line_start))
        if local is None and _heading_level(line) is not None and section[index] != "unknown":
            # a skill inside a heading line ("Python skills:") follows that heading's level
            local = section[index]
        levels.append(local or section[index])
    return levels


def _sentence_around(line: str, pos: int) -> str:
    begin = 0
    for match in _SENTENCE_END.finditer(line):
        if match.start() >= pos:
            return line[begin : match.start()]
        begin = match.end()
    return line[begin:]
