"""How strongly a posting asks for each skill it mentions (``docs/requirement-levels.md``).

The level comes from the nearest cue, most local first (the patterns are in
:mod:`nlp.requirement_cues`):

1. the mention's own sentence (a sentence may run over hard-wrapped lines; each segment of
   a "Acme | Python Engineer | Remote" header is one):
   - a negation or waiver ("no Python experience needed", "you don't need to know Go",
     "if you haven't used Rust") gives ``not_required``;
   - "nice to have", "a plus", "bonus", "preferred", "ideally", "we prefer", "recommended",
     "or willing to learn", "we're flexible on" give ``preferred``, unless a firm demand
     ("required", "must") sits nearer the mention ("Python is a must, Go a plus");
   - the company talking about itself ("we use AI to ...", "Acme is a fintech startup",
     "our platform", "AI-powered", a skill naming its field: "a publishing startup"), what
     it offers ("we offer", "learning budget"), its culture, how to apply and legal text
     give ``not_required``; demands, duties and the role's stack ("experience with",
     "3+ years", "we're looking for", "written in") give ``required``; when both occur,
     the one nearer the mention wins, and a cue in the mention's own clause beats one in
     another ("Python is required, and familiarity with Django is a bonus");
2. otherwise the paragraph: one that opens by describing the company ("We are a startup
   developing ...") is ``not_required`` in its sentences without cues of their own;
3. otherwise the section the mention sits in, from its heading ("Requirements:",
   "Nice to have", "Benefits:", "About us:", "Recommended experience:"); under a preference
   heading only a firm demand makes a line required; a list followed by "if you haven't used
   these ..." is waived;
4. otherwise ``unknown``: nothing in the text decides.

The company's own name is never asked of the candidate: a skill matched inside it ("Amplitude
Analytics | San Francisco", "We're PagerDuty,") is ``not_required`` wherever it occurs.
"""

from __future__ import annotations

import bisect
import re
import sys
from functools import lru_cache

from nlp import requirement_cues as cues_
from nlp.lowered import holds_case_trap
from nlp.records import Requirement
from nlp.requirement_model import Evidence, Place, features, load_model

# (kind, start, end) of one cue in a sentence: kind is a level, "firm", "negation" or
# "our_product"
Cue = tuple[str, int, int]
Span = tuple[int, int]

_HEADING_MAX_WORDS = 8
_HEADING_MAX_CHARS = 120  # no line this long holds eight words or fewer, but to a bound
_BARE_HEADING_WORDS = 4  # "Nice to have" alone on its line, no colon
_OTHER_CLAUSE = 1000  # added to the distance of a cue in another clause
_MAX_NAME_WORDS = 4
_MIN_NAME = 3
_NAME_SCAN = 2000  # the intro, where "We're Acme," would be
_WORD = re.compile(r"[\w+#./'-]*")


def classify_requirements(text: str, starts: list[int]) -> list[Requirement]:
    """The requirement level of each mention starting at ``starts`` (character offsets).

    The cue rules decide; where they find no cue, the learned model of
    :mod:`nlp.requirement_model` reads the mention's sentence and paragraph.
    """
    found = gather_evidence(text, starts)
    model = load_model()
    if model is None or not model.scope:
        return [e.rule for e in found]
    return [decide(e) for e in found]


def gather_evidence(text: str, starts: list[int]) -> list[Evidence]:
    """What the rules read around each mention, and the level they give it."""
    if not starts:
        return []
    lines = text.split("\n")
    headings = [_heading_level(line) for line in lines]
    line_starts: list[int] = []
    section: list[Requirement] = []
    headed: list[bool] = []
    current: Requirement = "unknown"
    seen_heading = False
    offset = 0
    for line, heading in zip(lines, headings, strict=True):
        if heading is not None:
            current = heading
            seen_heading = True
        line_starts.append(offset)
        section.append(current)
        headed.append(seen_heading)
        offset += len(line) + 1
    if _may_waive(text) and _waives(text):
        for index, line in enumerate(lines):
            if cues_.LIST_WAIVER.search(line):
                _waive_list_above(lines, section, index)
    blocks = _wrapped_blocks(lines, headings)
    names = company_names(text)
    companies = _name_spans(text, names)
    block_texts: dict[int, tuple[str, list[Span], str]] = {}

    found: list[Evidence] = []
    for start in starts:
        index = bisect.bisect_right(line_starts, start) - 1
        first, last = blocks[index]
        if first not in block_texts:
            joined = " ".join(lines[first : last + 1])
            spans = _sentence_starts(joined)
            block_texts[first] = (joined, spans, _sentence_at(joined, spans, 0)[0])
        block, bounds, opening = block_texts[first]
        sentence, sentence_start = _sentence_at(block, bounds, start - line_starts[first])
        pos = start - line_starts[first] - sentence_start
        end = pos + max(1, len(_WORD.match(sentence, pos).group()))  # type: ignore[union-attr]
        subject = _company_subject(sentence, names) if names else None
        where = Place(
            sentence,
            pos,
            end,
            opening,
            section[index],
            headed[index],
            index,
            first,
            start / max(1, len(text)),
            subject is not None,
        )
        if _inside(companies, start):
            found.append(Evidence("not_required", "name", where))
            continue
        source = "sentence"
        if cues_.SO_IS.match(sentence) and sentence_start > 0:
            # "So is experience with X": as the sentence before says
            previous, _ = _sentence_at(block, bounds, sentence_start - 2)
            local = sentence_level(previous, len(previous), len(previous) + 1)
        else:
            extra = _local_cues(sentence, pos, end, subject)
            local = sentence_level(sentence, pos, end, extra)
        if local is None and section[index] != "unknown" and headings[index] is not None:
            # a skill inside a heading line ("Python skills:") follows that heading's level
            local, source = section[index], "heading"
        if local is None and sentence_start > 0:
            local, source = _paragraph_level(block, bounds, names), "paragraph"
        if local == "required" and section[index] == "preferred" and not _firm(sentence):
            # "Nice to have:\n- Experience with Kafka": the heading says how much is asked
            local = "preferred"
        if local is None:
            source = "section" if section[index] != "unknown" else "none"
        found.append(Evidence(local or section[index], source, where))
    return found


def decide(evidence: Evidence) -> Requirement:
    """The rules' level, or the learned model's where it covers what the rules gave."""
    model = load_model()
    if model is None or not model.covers(evidence):
        return evidence.rule
    return model.decide(evidence, features(evidence, sentence_cues))


@lru_cache(maxsize=1 << 16)
def sentence_cues(sentence: str) -> tuple[Cue, ...]:
    """Every cue in a sentence, as ``(kind, start, end)`` with offsets into ``sentence``.

    Cached: the mentions of one skill list share a sentence, and boilerplate sentences
    recur across postings.

    >>> sentence_cues("Python is a must, Go a plus")
    (('preferred', 21, 27), ('firm', 12, 16))
    """
    lowered = _lower(sentence)
    if "bonus" in lowered:
        lowered = cues_.COMPENSATION.sub(lambda m: " " * len(m.group()), lowered)
    found: list[Cue] = []
    if "but not" in lowered:
        for match in cues_.PREFERRED_BUT_NOT.finditer(lowered):
            found.append(("preferred", match.start(), match.end()))
            blank = " " * len(match.group())
            lowered = lowered[: match.start()] + blank + lowered[match.end() :]
    words = set(cues_.TOKEN.findall(lowered))
    if not words.isdisjoint(cues_.NEGATION_GATE):
        found += [("negation", m.start(), m.end()) for m in cues_.NEGATION.finditer(lowered)]
    for kind, pattern, gate in cues_.SENTENCE_PATTERNS:
        if gate is None or not words.isdisjoint(gate):
            found += [(kind, m.start(), m.end()) for m in pattern.finditer(lowered)]
    return tuple(found)


def sentence_level(
    sentence: str, start: int = 0, end: int | None = None, extra: tuple[Cue, ...] = ()
) -> Requirement | None:
    """The level the sentence's cues give the mention at ``start:end``, or None.

    >>> sentence_level("Python is a must, Go a plus", 18, 20)
    'preferred'
    >>> sentence_level("Python is a must, Go a plus", 0, 6)
    'required'
    """
    end = start + 1 if end is None else end
    cues = sentence_cues(sentence) + extra
    if not cues:
        return None
    if any(kind == "negation" for kind, _, _ in cues):
        return "not_required"
    bounds = _clause_bounds(sentence) if len(cues) > 1 else ()

    def nearest(*kinds: str) -> int | None:
        gaps = [
            _gap(s, e, start, end) + _OTHER_CLAUSE * _crosses(bounds, s, e, start)
            for k, s, e in cues
            if k in kinds and (k != "our_product" or s <= start)
        ]
        return min(gaps) if gaps else None

    preferred, firm = nearest("preferred"), nearest("firm")
    if preferred is not None:
        return "required" if firm is not None and firm < preferred else "preferred"
    against, demand = nearest("not_required", "our_product"), nearest("firm", "required")
    if against is None:
        return None if demand is None else "required"
    return "not_required" if demand is None or against <= demand else "required"


def company_names(text: str) -> list[str]:
    r"""The company's own name as the posting's header or intro gives it, if they do.

    >>> company_names("Acme Analytics | Remote | Full-time\nWe build tools.")
    ['Acme Analytics']
    """
    first = text.split("\n", 1)[0]
    names = set()
    segment = cues_.HEADER_SPLIT.split(first, 1)[0]
    segment = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", segment).strip()
    if cues_.HEADER_SPLIT.search(first) and len(segment.split()) <= _MAX_NAME_WORDS:
        names.add(segment)
    intro = text[:_NAME_SCAN]
    lowered = intro.lower()
    if "hiring" in lowered:
        for line in intro.split("\n"):
            match = cues_.NAMED_HIRING.match(line) if "hiring" in line.lower() else None
            if match:
                names.add(match["name"].strip())
    for were in cues_.WE_ARE.finditer(lowered):
        match = cues_.NAMED_WERE.match(intro, were.start())
        if match:
            names.add(match["name"] or match["at"])
    return sorted(
        n
        for n in names
        if len(n) >= _MIN_NAME
        and not cues_.ROLE_WORDS.search(n)
        and not cues_.SENTENCE_WORDS.search(n)
    )


def _heading_level(line: str) -> Requirement | None:
    """The level a heading line sets for the lines under it, or None if not a heading."""
    if len(line) > _HEADING_MAX_CHARS:
        return None
    stripped = line.strip().strip("*#-•=").strip()
    words = len(stripped.split())
    if not stripped or words > _HEADING_MAX_WORDS:
        return None
    marked = stripped.endswith(":") or (stripped.isupper() and len(stripped) > 3)
    bare = (
        words <= _BARE_HEADING_WORDS
        and stripped[0].isupper()
        and stripped[-1] not in ".!?,;)"
        and not cues_.LIST_ITEM.match(line)
    )
    if not marked and not bare:
        return None
    for pattern, level in cues_.HEADINGS:
        if pattern.search(stripped):
            return level
    return "unknown" if marked else None


def _local_cues(sentence: str, start: int, end: int, subject: Span | None) -> tuple[Cue, ...]:
    """Cues of one mention: a field noun right after it ("a publishing startup"), and the
    company's name as the sentence's subject (``subject``, from :func:`_company_subject`:
    "Diffbot uses machine learning to ...")."""
    found: list[Cue] = []
    if cues_.FIELD_NOUN.match(_lower(sentence), end):
        found.append(("not_required", start, end))
    if subject is not None:
        found.append(("not_required", *subject))
    return tuple(found)


def _company_subject(sentence: str, names: list[str]) -> Span | None:
    """Where the company's name opens ``sentence`` as the subject of a verb, if it does."""
    lowered = _lower(sentence)
    stripped = lowered.lstrip(" -*•")
    lead = len(lowered) - len(stripped)
    for name in names:
        after = lead + len(name)
        if stripped.startswith(name.lower()) and cues_.VERB_AFTER_NAME.match(sentence, after):
            return lead, after
    return None


def _paragraph_level(block: str, bounds: list[Span], names: list[str]) -> Requirement | None:
    """``not_required`` when a paragraph opens by describing the company, with no demand."""
    opening, _ = _sentence_at(block, bounds, 0)
    kinds = {kind for kind, _, _ in sentence_cues(opening)}
    describes = bool(kinds & {"not_required", "our_product"})
    describes = describes or _company_subject(opening, names) is not None
    if describes and not kinds & {"firm", "required", "preferred", "negation"}:
        return "not_required"
    return None


def _firm(sentence: str) -> bool:
    return any(kind == "firm" for kind, _, _ in sentence_cues(sentence))


@lru_cache(maxsize=1 << 12)
def _clause_bounds(sentence: str) -> tuple[int, ...]:
    """Offsets where a new clause starts: "Python is required, and familiarity with ..."."""
    return tuple(m.start() for m in cues_.CLAUSE.finditer(_lower(sentence)))


def _crosses(bounds: tuple[int, ...], cue_start: int, cue_end: int, start: int) -> bool:
    """Whether a clause boundary lies between a cue and the mention at ``start``."""
    low, high = (cue_end, start) if cue_end <= start else (start, cue_start)
    return any(low <= b < high for b in bounds)


def _gap(cue_start: int, cue_end: int, start: int, end: int) -> int:
    """Characters between a cue and the mention at ``start:end``; 0 when they overlap."""
    if cue_end <= start:
        return start - cue_end
    if cue_start >= end:
        return cue_start - end
    return 0


@lru_cache(maxsize=1 << 12)
def _lower(text: str) -> str:
    """Lowercase with typographic apostrophes made plain: same length, same offsets."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lowercase to two characters ("İ")
        lowered = "".join(c.lower()[:1] for c in text)
    return lowered.replace("\u2019", "'")


def _name_spans(text: str, names: list[str]) -> list[Span]:
    """Where each name occurs in ``text`` as whole words, case ignored."""
    lowered = _lower(text)
    spans = []
    for name in names:
        key = name.lower()
        found = lowered.find(key)
        while found >= 0:
            end = found + len(key)
            before = lowered[found - 1] if found else " "
            after = lowered[end] if end < len(lowered) else " "
            if not before.isalnum() and not after.isalnum():
                spans.append((found, end))
            found = lowered.find(key, found + 1)
    return sorted(spans)


def _inside(spans: list[Span], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _may_waive(text: str) -> bool:
    """Cheap test before :data:`~nlp.requirement_cues.LIST_WAIVER`: the words it needs."""
    lowered = text.lower()
    return any(word in lowered for word in ("these", "them", "above", "this"))


def _waives(text: str) -> bool:
    """``LIST_WAIVER.search(text)``, read faster over the lowercased text (the same answer
    but where a case trap lowercases apart, see :mod:`nlp.lowered`)."""
    if holds_case_trap(text):
        return cues_.LIST_WAIVER.search(text) is not None
    return cues_.LIST_WAIVER_LOWERED.search(text.lower()) is not None


def _waive_list_above(lines: list[str], section: list[Requirement], index: int) -> None:
    """Mark the list items just above line ``index`` as not required."""
    j = index - 1
    while j >= 0 and cues_.LIST_ITEM.match(lines[j]):
        section[j] = "not_required"
        j -= 1


def _wrapped_blocks(lines: list[str], headings: list[Requirement | None]) -> list[Span]:
    """For each line, the first and last line of the hard-wrapped paragraph it belongs to.

    A line runs on into the next when it ends without sentence punctuation and the next one
    starts in lower case ("... into tens of thousands" / "of topics").
    """
    blocks: list[Span] = []
    first = 0
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        stripped = line.rstrip()
        runs_on = (
            bool(stripped)
            and stripped[-1] not in ".!?:;"
            and following[:1].islower()
            and headings[index] is None
        )
        if not runs_on:
            blocks += [(first, index)] * (index - first + 1)
            first = index + 1
    return blocks


def _sentence_starts(text: str) -> list[Span]:
    """The ``(start, end)`` of each sentence of ``text``, in order."""
    spans = []
    begin = 0
    if "|" in text:
        for match in cues_.SENTENCE_END.finditer(text):
            spans.append((begin, match.start()))
            begin = match.end()
    else:
        for match in cues_.SENTENCE_BREAK.finditer(text):
            spans.append((begin, match.start() + 1))  # the sentence keeps its full stop
            begin = match.end()
    spans.append((begin, len(text)))
    return spans


def _sentence_at(text: str, spans: list[Span], pos: int) -> tuple[str, int]:
    """The sentence of ``text`` holding offset ``pos`` (or the gap after it), and its start."""
    index = max(0, bisect.bisect_right(spans, (pos, sys.maxsize)) - 1)
    begin, end = spans[index]
    return text[begin:end], begin
