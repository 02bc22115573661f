"""Context rules applied to the skill matcher's candidate spans.

Short skill names that are also ordinary words ("Go", "R", "Spark", "Access", "AI") are kept
only where the text around them says a skill is meant:

- a skill cue shortly before them ("experience with", "knowledge of", "proficient in", "such
  as", "written in"), or a skill noun right after ("programming", "language", "developer",
  "skills");
- a list: next to another kept skill, with only separators (``,`` ``/`` ``and`` ``or`` ``&``
  brackets) between them, as in "Python, R and SQL".

Company boilerplate ("an AI startup", "AI-powered platform") never counts, nor does a letter
of "R & D" or "Q & A". Which names are
ambiguous comes from the taxonomy: the exact aliases of skills flagged ``ambiguous`` ("R",
"Go", "German"); their longer case-insensitive aliases ("r programming") need no context.
How far a kept span reaches is decided later, by :mod:`nlp.boundary`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

SPANS_KEY = "skills"
_TEXT_KEY = "skillgap.text"
_TOKENS_KEY = "skillgap.tokens"
CUES_BEFORE = frozenset(
    {
        "experience",
        "experienced",
        "knowledge",
        "proficiency",
        "proficient",
        "familiarity",
        "familiar",
        "expertise",
        "expert",
        "skills",
        "skilled",
        "fluent",
        "fluency",
        "background",
        "using",
        "know",
        "knows",
        "written",
        "writing",
        "write",
        "coding",
        "program",
        "programming",
        "language",
        "languages",
        "stack",
        "such",
        "e.g.",
        "eg",
        "including",
        "like",
        "tools",
        "technologies",
        "frameworks",
        "ml",
    }
)
_NOUNS_AFTER = frozenset(
    {
        "programming",
        "programmer",
        "programmers",
        "language",
        "languages",
        "lang",
        "developer",
        "developers",
        "development",
        "engineer",
        "engineers",
        "engineering",
        "code",
        "codebase",
        "skills",
        "experience",
        "expertise",
        "scripts",
        "scripting",
        "ecosystem",
        "stack",
        "libraries",
        "packages",
        "database",
        "databases",
        "spreadsheets",
        "spreadsheet",
        "macros",
        "jobs",
        "cluster",
        "clusters",
        "cookbooks",
        "manifests",
        "functions",
        "models",
        "research",
        "researcher",
        "researchers",
    }
)
# what follows a name in boilerplate about the company rather than about the job
_BOILERPLATE_AFTER = frozenset(
    {
        "powered",
        "driven",
        "first",
        "native",
        "enabled",
        "based",
        "startup",
        "startups",
        "company",
        "companies",
        "platform",
        "platforms",
        "product",
        "products",
        "revolution",
        "era",
        "space",
        "industry",
    }
)
SEPARATORS = frozenset({",", "/", "and", "or", "&", "(", ")", "|", ";", "+", "-", "*", "•"})
_CUE_WINDOW = 5
_LIST_GAP = 3
_SENTENCE_ENDS = frozenset({".", "!", "?"})


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept by the extractor's tokenizer or else built once per doc.

    spaCy joins the tokens again on every access to ``doc.text``, which costs as much as
    the rest of the pipeline's rules together.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def keep_text(doc: Doc, text: str) -> Doc:
    """Record ``text`` (the string ``doc`` was made from) for :func:`doc_text`."""
    doc.user_data[_TEXT_KEY] = text
    return doc


@dataclass(frozen=True, slots=True)
class Tokens:
    """The token attributes our rules read most, as plain lists indexed like the doc.

    ``doc[i]`` builds a new Token object on every access, and reading its attributes looks
    each string up again; the rules read a few hundred of them a posting, which cost more
    than the rules themselves. ``lower[i]`` is ``doc[i].lower_``, and ``space[i]`` whether
    token ``i`` is followed by a space. The lowercase form serves for punctuation and line
    breaks too: lowercasing changes neither.
    """

    lower: Sequence[str]
    space: Sequence[bool]


def tokens(doc: Doc) -> Tokens:
    """The doc's :class:`Tokens`, kept by the extractor's tokenizer or else read once."""
    found = doc.user_data.get(_TOKENS_KEY)
    if not isinstance(found, Tokens):
        found = Tokens([t.lower_ for t in doc], [bool(t.whitespace_) for t in doc])
        doc.user_data[_TOKENS_KEY] = found
    return found


def keep_tokens(doc: Doc, found: Tokens) -> Doc:
    """Record ``found`` (the attributes of ``doc``'s tokens) for :func:`tokens`."""
    doc.user_data[_TOKENS_KEY] = found
    return doc


def lowercase_forms(names: Iterable[str]) -> list[str]:
    """Lowercase spellings of ambiguous names that tag lists use ("go, docker, spring").

    ``names`` are the exact aliases of ambiguous skills. Single letters and two-letter names
    other than "Go" ("AI", "IT") are left out: in lowercase they are too often something else.
    """
    return sorted({n.lower() for n in names if len(n) > 2 or n == "Go"})


def resolve(
    doc: Doc,
    spans: Sequence[Span],
    lowercase: Sequence[Span] = (),
    ambiguous: Collection[str] = frozenset(),
) -> list[Span]:
    """The spans to keep, sorted, with ambiguous names decided by their context.

    ``ambiguous`` holds the names, as written, that need context (the exact aliases of the
    taxonomy's ambiguous skills). ``lowercase`` holds matches of :func:`lowercase_forms`;
    they count only inside a list of at least three skills, next to one that is not
    ambiguous.
    """
    weak = {(s.start, s.end) for s in lowercase}
    text = doc_text(doc)  # a slice of it is cheaper than span.text, which joins tokens
    kept: list[Span] = []
    pending: list[Span] = []
    for s in spans:
        if (s.start, s.end) in weak:
            continue
        if text[s.start_char : s.end_char] not in ambiguous:
            kept.append(s)
        elif not _boilerplate(doc, s) and not _letter_pair(doc, s):
            pending.append(s)
    changed = True
    while pending and changed:
        changed = False
        for span in list(pending):
            if _cued(doc, span) or listed(span, kept):
                kept.append(span)
                pending.remove(span)
                changed = True
    firm = list(kept)
    for span in spans:
        in_list = (span.start, span.end) in weak and listed(span, firm)
        if in_list and sum(1 for s in firm if _same_line(doc, s, span)) >= 2:
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _same_line(doc: Doc, a: Span, b: Span) -> bool:
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    # a token's trailing whitespace is a space or nothing, never a line break
    return not any("\n" in word for word in tokens(doc).lower[max(lo - 1, 0) : hi])


def _boilerplate(doc: Doc, span: Span) -> bool:
    found = tokens(doc)
    lower, space = found.lower, found.space
    i = span.end
    if i < len(lower) and lower[i] == "-" and not space[i - 1]:
        i += 1
    return i < len(lower) and lower[i] in _BOILERPLATE_AFTER


def _letter_pair(doc: Doc, span: Span) -> bool:
    """Whether a one-letter name is half of "R & D", "Q & A": an abbreviation, not a language."""
    if len(span.text) != 1:
        return False
    before = span.start >= 2 and doc[span.start - 1].text == "&" and _letter(doc[span.start - 2])
    after = span.end + 1 < len(doc) and doc[span.end].text == "&" and _letter(doc[span.end + 1])
    return before or after


def _letter(token: Token) -> bool:
    return len(token.text) == 1 and token.text.isupper()


def _cued(doc: Doc, span: Span) -> bool:
    lower = tokens(doc).lower
    if span.end < len(lower) and lower[span.end] in _NOUNS_AFTER:
        return True
    start = max(span.start - _CUE_WINDOW, 0)
    for i in range(start, span.start):
        if lower[i] in _SENTENCE_ENDS or "\n" in lower[i]:
            start = i + 1
    return any(word in CUES_BEFORE for word in lower[start : span.start])


def listed(span: Span, kept: Iterable[Span]) -> bool:
    """Whether ``span`` sits next to one of ``kept`` with only list separators between."""
    lower = tokens(span.doc).lower
    before = max((s.end for s in kept if s.end <= span.start), default=None)
    after = min((s.start for s in kept if s.start >= span.end), default=None)
    for lo, hi in ((before, span.start), (span.end, after)):
        near = lo is not None and hi is not None and hi - lo <= _LIST_GAP
        if near and all(word in SEPARATORS for word in lower[lo:hi]):
            return True
    return False
