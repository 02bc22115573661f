"""How often a posting uses the work's vocabulary: ``len(ML_LEXICON.findall(text))``, faster.

:data:`~nlp.technician_cues.ML_LEXICON` stays the definition; :func:`lexicon_count` gives the
same count (the tests hold it to the pattern) in less than half the time, read as
:mod:`nlp.lowered` explains. Two scans replace the one:

- the words any case may spell ("machine learning", "PyTorch") are found in the lowercased
  text by a case-sensitive pattern, their alternatives grouped by first letter: the engine
  rejects a word by its first letter against one literal per group, where the mixed-case
  pattern tried fifty alternatives, each as dear as a match attempt;
- the five capitalised words ("ML", "AI", "NLP", "LLM", "RAG") in the text as written, by a
  pattern that starts with a capital, so the engine skips to the next capital.

The two never meet: no word of the first kind starts, ends or runs over one of the second,
so their matches do not compete and the counts add up. A text holding a trap is counted by
the pattern itself.
"""

from __future__ import annotations

import re

from nlp.lowered import holds_case_trap
from nlp.technician_cues import ML_LEXICON

# ML_LEXICON's alternatives that ignore case, lowercased, grouped by their first letter;
# within a group in the order ML_LEXICON tries them (the first that matches wins). The
# lookahead names the twenty first letters, so the engine leaves the other positions (a
# third of a text's letters, its spaces and marks) before the word-boundary test: a fifth
# faster than "(?=\w)", the same matches.
_ANY_CASE = re.compile(
    r"(?=[mdancrpfstiekxogwhjv])\b(?:"
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
