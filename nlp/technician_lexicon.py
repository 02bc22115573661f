"""Two of the decision's big patterns read faster: the same answers (the tests hold each to
its pattern), from the lowercased text where the engine is quicker.

A case-blind pattern tries each alternative's first letter as dearly as a whole match attempt;
run case-sensitively, a literal first letter rejects a word at once. In a text without the
three letters :data:`~nlp.technician_cues.CASE_TRAPS`, a case-blind pattern whose letters are
all lowercase matches the text where it matches its lowercased form case-sensitively.

:func:`lexicon_count` is ``len(ML_LEXICON.findall(text))``, in less than half the time. Two
scans replace the one:

- the words any case may spell ("machine learning", "PyTorch") are found in the lowercased
  text by a case-sensitive pattern, their alternatives grouped by first letter: the engine
  rejects a word by its first letter against one literal per group, where the mixed-case
  pattern tried fifty alternatives, each as dear as a match attempt;
- the five capitalised words ("ML", "AI", "NLP", "LLM", "RAG") in the text as written, by a
  pattern that starts with a capital, so the engine skips to the next capital.

The two never meet: no word of the first kind starts, ends or runs over one of the second,
so their matches do not compete and the counts add up. A text holding a trap is counted by
the pattern itself.

:func:`names_duty` is ``bool(DUTY.search(text))``: the alternatives that hold no case-sensitive
part are searched for in the lowercased text, the three that do in the text as written.
"""

from __future__ import annotations

import re

from nlp.technician_cues import DUTY, ML_LEXICON, holds_case_trap

_OPENING = r"(?=\w)\b(?:"

# ML_LEXICON's alternatives that ignore case, lowercased, grouped by their first letter;
# within a group in the order ML_LEXICON tries them (the first that matches wins).
_ANY_CASE = re.compile(
    r"(?=\w)\b(?:"
    r"m(?:achine[\s-]*learn\w*|odel(?:s|ing|ling)?\b|llib|lops)"
    r"|d(?:eep[\s-]*learning|ata\s+mining|rift)"
    r"|a(?:rtificial\s+intelligence|nomaly\s+detection|gentic)"
    r"|n(?:eural\s+net\w*|atural\s+language|ltk)"
    r"|c(?:omputer\s+vision|lassif(?:y|ier|iers|ication)\b|lustering|affe)"
    r"|r(?:egression|ecommend(?:er|ation)s?\b|anking\s+models?|etrieval[\s-]augmented)"
    r"|p(?:redictive|ytorch|rompt\s+engineering)"
    r"|f(?:orecasting\s+models?|ine[\s-]?tun\w+|eature\s+(?:engineering|stores?))"
    r"|s(?:tatistical\s+model\w*|ignal\s+processing|cikit[\s-]?learn|klearn|pacy)"
    r"|t(?:ext\s+mining|ransformers?\b|ensorflow|heano|orch|raining\s+(?:data|pipelines?))"
    r"|i(?:nformation\s+retrieval|nference)"
    r"|e(?:mbeddings?|vals\b)"
    r"|keras|xgboost|opencv|gensim|weka|hugging\s*face|jax"
    r"|vector\s+(?:search|databases?)"
    r")"
)
# The capitalised ones, each at a word's start: "(?<!\w.)" after the capital is "\b" before it.
_CAPITALS = re.compile(r"M(?<!\w.)L\b|A(?<!\w.)I\b|N(?<!\w.)LP\b|L(?<!\w.)LMs?\b|R(?<!\w.)AG")


def lexicon_count(text: str) -> int:
    """``len(ML_LEXICON.findall(text))``.

    >>> lexicon_count("We train PyTorch models; ML and RAG, not rag.")
    4
    """
    if holds_case_trap(text):
        return len(ML_LEXICON.findall(text))
    return len(_ANY_CASE.findall(text.lower())) + len(_CAPITALS.findall(text))


def alternatives(pattern: re.Pattern[str]) -> list[str]:
    """The alternatives of a pattern written ``(?=\\w)\\b(?:A|B|...)``, as written."""
    source = pattern.pattern
    if not source.startswith(_OPENING) or not source.endswith(")"):
        raise ValueError(f"not a (?=\\w)\\b(?:...) pattern: {source[:40]}")
    parts, depth, start, index, in_class = [], 0, len(_OPENING), len(_OPENING), False
    while index < len(source) - 1:
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
    parts.append(source[start:index])
    return parts


def _lowercase_letters(source: str) -> str:
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


_DUTY_PARTS = alternatives(DUTY)
_DUTY_ANY_CASE = re.compile(
    _OPENING + "|".join(_lowercase_letters(p) for p in _DUTY_PARTS if "(?-i:" not in p) + ")"
)
_DUTY_CASED = re.compile(
    _OPENING + "|".join(p for p in _DUTY_PARTS if "(?-i:" in p) + ")", re.IGNORECASE
)


def names_duty(text: str, lowered: str) -> bool:
    """``bool(DUTY.search(text))``; ``lowered`` is ``text.lower()``.

    >>> names_duty("You will train ML models.", "you will train ml models.")
    True
    """
    if holds_case_trap(text):
        return DUTY.search(text) is not None
    return _DUTY_ANY_CASE.search(lowered) is not None or _DUTY_CASED.search(text) is not None
