"""The roles a posting advertises, read from its title, its first line and its body.

- the ``title`` a job board gives;
- the first line, the Hacker News header ``Company | Role | Place | ...`` (or the older
  ``Company - Place - Role``), whose segments may list roles ("Data Scientists, Data
  Engineers and Analysts") or areas ("iOS, Android, Data Science");
- the body: lists of roles ("We're hiring: ...", "Positions include ...", bullets under
  "Open roles:"), lines that head one role's text ("Machine Learning Engineer - you will
  ..."), and AI/ML roles named in running text, unless named as colleagues ("you'll work
  with our data scientists") or as the team that is already there.

The first role found is the main role: it owns the text outside the other roles' sections.
:mod:`nlp.technician` decides which roles are AI/ML technician roles.

>>> [r.title for r in find_roles(None, "Acme | Data Engineer, Data Scientist | Berlin")]
['Data Engineer', 'Data Scientist']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp import technician_cues as cues
from nlp.lowered import Blind, holds_case_trap
from nlp.requirement import sentence_level
from nlp.role_items import (
    AREA_JOIN,
    MAX_TITLE_WORDS,
    PAREN,
    ROLE_NOUN,
    VERB_START,
    all_areas,
    denoise,
    first_is_area,
    has_role_noun,
    holds_any,
    is_area,
    is_role,
    listed_roles,
    looks_like_title,
    may_list,
    qualifies,
    skill_intro,
    split_items,
)

# A sentence's requirement level: asked of one sentence up to three times in a posting (a
# role named in it, a plus in a walk, then whether it is company talk), so the answer is
# kept for the last few hundred sentences.
level_of = lru_cache(maxsize=256)(sentence_level)


@dataclass(frozen=True, slots=True)
class Role:
    """One advertised role: its title as written, where it was found, and its own text."""

    title: str
    where: str  # "title", "header", "body" or "posting" (no title found: the whole posting)
    text: str = ""


_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|\[\d+\]")
# _URL without its mail address, for a line without "@": its charset lets the engine skip
_URL_NO_MAIL = re.compile(r"https?://\S+|www\.\S+|\[\d+\]")
_URL_MARKS = ("http", "www.", "@", "[")
# Words one of which every match of HIRING holds (lowercased): lines without any skip it.
_HIRING_WORDS = (
    "hiring",
    "looking",
    "seeking",
    "searching",
    "recruiting",
    "hunt",
    "position",
    "role",
    "opening",
    "opportunit",
    "vacanc",
    "jobs",
    "reqs",
)
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_BAR_SPLIT = re.compile(r"\s*\|\s*")
_HEADER_SPLIT = re.compile(r"\s+(?:-{1,3}|–|—+|//|::|·)\s+|\s*—{2,}\s*|\s*\|\s*")
# Each match of these two starts with a space or a mark: "(?=...)" says so, which changes no
# match but spares the engine trying "\s*" and every alternative at each other character.
_TITLE_END = re.compile(r"(?=[\s:])(?:\s+[-–—]+\s+|:\s+|\s*:$)")
_TITLE_END_MARKS = (":", " -", " –", " —")
_NOT_AN_AREA_END = (".", "?", "!", ",")
# A word each alternative of cues.ML_ROLE_PHRASE holds, lowercased: the person named
_ROLE_PHRASE_NOUNS = (
    "engineer",
    "scientist",
    "team",
    "developer",
    "lead",
    "role",
    "people",
    "researcher",
    "expert",
    "specialist",
    "architect",
    "hacker",
    "practitioner",
    "intern",
    "folk",
    "talent",
    "hire",
    "enthusiast",
    "pragmatist",
    "nerd",
    "geek",
    "guru",
    "ninja",
    "wizard",
    "phd",
    "mle",
    "position",
    "opening",
    "job",
    "req",
    "someone",
    "candidate",
    "miner",
    "learner",
)
_TRAILING_MARKS = re.compile(r"\s*[-–—:|]+\s*$")
_TRAILING_MARK_CHARS = ("-", "–", "—", ":", "|")
# An AI/ML team said to grow: the posting hires into it ("our Data Science team is growing")
_GROWING_WORDS = ("growing", "expanding", "hiring")
_GROWING_TEAM = re.compile(
    r"\b(data[\s-]+science|machine[\s-]+learning|(?-i:ML|AI|NLP)|computer\s+vision"
    r"|deep\s+learning)\s+teams?\b(?=(?:\s+[\w,]+){0,4}?\s+(?:is|are)\s+(?:\w+\s+){0,2}?"
    r"(?:growing|expanding|hiring)\b)",
    re.IGNORECASE,
)
# What the hires are to specialise in, a list of areas following
_SPECIALISING = re.compile(
    r"\b(?:speciali[sz](?:ing|ed|e)|expertise|experts?|focus(?:ed|ing)?)\s+(?:in|on)\s+(?=\w)",
    re.IGNORECASE,
)
# a bullet's first sentence: "Machine Learning? We want you too."
_FIRST_SENTENCE = re.compile(r"(?<=[?!])\s+|\.\s+")
BULLET = re.compile(r"^\s*(?:[-*•·–>+]+|\d{1,2}[.)]|[a-z][.)])\s+(.*)$")
# The lookahead names the twelve letters the alternatives start with, so the engine leaves
# the other positions before the word-boundary test (see ROLE_NOUN's "(?=\w)").
HIRING = re.compile(
    r"(?=[achijlnoprsv])\b(?:(?:are|is|am|also|now|currently|actively)\s+)?(?:hiring(?:\s+for)?|looking\s+(?:hard\s+)?for|seeking"
    r"|searching\s+for|recruiting|looking\s+to\s+(?:hire|add|fill|grow)|on\s+the\s+hunt\s+for"
    r"|(?:open\s+)?(?:positions|roles|openings|opportunities|vacancies|jobs|reqs)"
    r"\s*(?:across\s+the\s+(?:board|company),?\s*)?"
    r"(?:include|including|in|for|available|are(?:\s+open\s+for)?|open\s+for|:)"
    r"|(?:open\s+)?(?:position|role|opening)\s*:)\b\s*:?",
    re.IGNORECASE,
)
_HIRING_LOWERCASE = re.compile(HIRING.pattern)
# How far before a role named in running text its colleague cue may stand, in characters
COLLEAGUE_REACH = 90
# The cues' AI/ML titles, read faster (:mod:`nlp.lowered`); the rules ask it too.
ML_TITLE = Blind(cues.ML_TITLE)
# Where an inline list of roles stops: "engineers with experience in ...", "who love ..."
_LIST_END = re.compile(
    r"\s(?:with|who|that|to|which|interested|passionate|excited|well\s+versed|experienced\s+in"
    r"|if|so|because|as(?!\s+well\s+as\b)(?<!well\sas)|from|at|by|across|willing|able|based)"
    r"\s.*$|[.!?]\s.*$"
    # "hiring for Engineering, Data science and DevOps positions, and our stack is ..."
    r"|\s(?:positions|roles|openings|jobs)(?=,?\s+(?:and|but|so)\b).*$"
    # "hiring for Machine Learning in Argentina, Brazil", not "Interns in AI"
    r"|\sin\s+(?!(?-i:AI|ML|NLP|LLMs?|Machine|Deep|Data|Computer|Applied|Gen)\b)(?-i:[A-Z]).*$",
    re.IGNORECASE,
)


def find_roles(title: str | None, text: str) -> list[Role]:
    """The roles a posting advertises; the first is the main role, owning the text left over."""
    lines = [" ".join(_without_urls(line).split()) for line in text.split("\n")]
    found: list[Role] = []
    if title and title.strip():
        found.append(Role(" ".join(title.split()), "title"))
    found.extend(Role(t, "header") for t in _header_roles(lines[0]))
    sections, listed = _body_roles(lines)
    remainder = "\n".join(lines)
    for role in sections:
        if role.text.strip():  # replacing "" would put a space between every character
            remainder = remainder.replace(role.text, " ")
    found.extend(sections)
    found.extend(listed)
    found.extend(Role(t, "body") for t in _named_roles(lines))
    found = _unique(found)
    if found and not found[0].text:
        found[0] = Role(found[0].title, found[0].where, remainder)
    else:
        found.insert(0, Role("", "posting", remainder))
    return found


def _without_urls(line: str) -> str:
    """``_URL.sub(" ", line)``: no match without one of the marks, no mail address without "@"."""
    if "@" in line:
        return _URL.sub(" ", line)
    return _URL_NO_MAIL.sub(" ", line) if holds_any(line, _URL_MARKS) else line


def company_name(text: str) -> str | None:
    """The company's name: the first field of a header line, when it has one."""
    return _company_of(_without_urls(text.split("\n", 1)[0]))


# Asked twice of most postings: of the posting's first line by the rules, then of the same
# line with its spaces made single by the roles' search, which is the same string unless the
# line held runs of spaces; the last few lines are kept.
@lru_cache(maxsize=64)
def _company_of(first: str) -> str | None:
    segments = _HEADER_SPLIT.split(first)
    name = PAREN.sub(" ", segments[0]).strip(" *-") if len(segments) > 1 else ""
    return name if name and not ROLE_NOUN.search(name) and len(name) > 2 else None


def _header_roles(line: str) -> list[str]:
    # with bars as separators a dash belongs to the role: "Engineer - Search and Ranking"
    splitter = _BAR_SPLIT if "|" in line else _HEADER_SPLIT
    segments = [s for s in splitter.split(line) if s.strip()]
    if len(segments) < 2:
        return []
    roles: list[str] = []
    for index, segment in enumerate(segments):
        if index == 0 and not has_role_noun(segment):
            continue  # the company
        if len(segment.split()) > 3 * MAX_TITLE_WORDS:
            continue  # prose, not a field
        items = split_items(segment)
        # areas count as roles in a list of roles or areas, not in a list of technologies
        listed = len(items) > 1 and 3 * sum(is_role(i, True) for i in items) >= 2 * len(items)
        roles.extend(item for item in items if is_role(item, listed=listed))
    return roles


def _body_roles(lines: list[str]) -> tuple[list[Role], list[Role]]:
    """Roles heading a section of their own, and roles only listed."""
    sections: list[Role] = []
    listed: list[str] = []
    headings: list[tuple[int, str]] = []
    intro = ""
    block = _Bullets()
    # the company of a header with bars, to know the header again ("Doist | ...")
    company = company_name(lines[0]) if lines and lines[0].count("|") >= 2 else None
    for number, line in enumerate(lines):
        if not line:
            continue
        bullet = BULLET.match(line)
        content = bullet.group(1) if bullet else line
        if not bullet:
            block.close(listed)
        if number > 0 and company and content.startswith(company) and content.count("|") >= 2:
            # the header again for another role: "Doist | Ai Developer | Python | World"
            listed.extend(_header_roles(content))
            continue
        head, rest = _split_title(content)
        if bullet and not rest:
            # "* Data Science. Put your machine learning skills to work ...": a short first
            # sentence heads the bullet as a title would
            first, stop, after = content.partition(". ")
            if stop and len(first.split()) <= 4:
                head, rest = first, after
        if rest and _is_title(head):
            sections.append(Role(_clean_title(head), "body", rest))
        elif bullet:
            # "* Machine Learning / recommendations - think Netflix prize": the head lists;
            # "* We're a crew of designers, ... engineers - ...": the team as it is
            if not cues.TEAM_OF.search(content):
                headed = rest and not VERB_START.match(head)
                found = listed_roles(head if headed else content, intro)
                listed.extend(found)
                block.add(found, head if headed else content, intro)
            # "- Acme is hiring in engineering and data science"
            lowered = line.lower()
            if holds_any(lowered, _HIRING_WORDS):
                _hiring_lists(line, lowered, listed)
            continue
        elif number > 0 and _is_title(line):
            headings.append((number, _clean_title(line)))
            continue
        elif rest and may_list(rest) and len(split_items(rest)) >= 3:
            listed.extend(listed_roles(rest, head))
        elif may_list(line) and first_is_area(line):
            # "Data science, devops, engineering. Hiring 5 engineers now.": the first sentence
            first = line.split(". ", 1)[0]
            if all_areas(items := split_items(first)):
                listed.extend(items)
        lowered = line.lower()
        if holds_any(lowered, _HIRING_WORDS):
            _hiring_lists(line, lowered, listed)
        if "team" in lowered and holds_any(lowered, _GROWING_WORDS):
            # "Our Front-end and Data Science teams in particular are growing"
            listed.extend(m.group(1) for m in _GROWING_TEAM.finditer(line))
        if line.endswith(":") or not intro.endswith(":"):
            intro = line  # a list's intro ends with a colon; wrapped lines keep it
    block.close(listed)
    for index, (number, title) in enumerate(headings):
        end = headings[index + 1][0] if index + 1 < len(headings) else len(lines)
        sections.append(Role(title, "body", "\n".join(lines[number + 1 : end])))
    return sections, [Role(t, "body") for t in listed]


class _Bullets:
    """One run of bullets: an area heading a bullet ("* Machine Learning", "* Machine
    Learning? We want you too.") is a role when the run is a list of roles, as an area among
    titles in one line is (:func:`nlp.role_items.listed_roles`)."""

    __slots__ = ("areas", "bullets", "roles")

    def __init__(self) -> None:
        self.bullets = 0
        self.roles = 0
        self.areas: list[str] = []

    def add(self, found: list[str], content: str, intro: str) -> None:
        self.bullets += 1
        if found:
            self.roles += 1
            return
        area = _clean_title(_FIRST_SENTENCE.split(content, maxsplit=1)[0].rstrip("?!"))
        if area and is_area(area) and not skill_intro(intro):
            self.areas.append(area)

    def close(self, listed: list[str]) -> None:
        # a role among the bullets, and each of them a role or an area
        if self.areas and self.roles and self.roles + len(self.areas) == self.bullets:
            listed.extend(self.areas)
        self.bullets = self.roles = 0
        self.areas = []


def _hiring_lists(line: str, lowered: str, listed: list[str]) -> None:
    """The roles listed after "we're hiring", "positions include", ... in ``line``
    (``lowered`` is ``line.lower()``)."""
    for start, end in _hiring_spans(line, lowered):
        after = line[end:]
        said = line[start:end]
        listed.extend(listed_roles(_LIST_END.sub("", after), said))
        if ":" in after:  # "hiring across a range of specialties: machine learning, ..."
            listing = after.split(":", 1)[1]
            listed.extend(listed_roles(_LIST_END.sub("", listing), said))
        for group in PAREN.findall(after):
            listed.extend(listed_roles(group[1:-1], said))
        # "looking to hire engineers specializing in DevOps, Backend, ... Data Science"
        special = _SPECIALISING.search(after)
        if special:
            listed.extend(listed_roles(_LIST_END.sub("", after[special.end() :]), said))


def _hiring_spans(line: str, lowered: str) -> list[tuple[int, int]]:
    """Where :data:`HIRING` matches ``line``. Its letters are all lowercase, so it is run
    case-sensitively over ``lowered``, which the engine does faster: the same matches, as
    lowercasing keeps every position and lets a case-blind pattern match the same text,
    but for three letters (see :mod:`nlp.lowered`)."""
    if holds_case_trap(line):
        return [m.span() for m in HIRING.finditer(line)]
    return [m.span() for m in _HIRING_LOWERCASE.finditer(lowered)]


def _named_roles(lines: list[str]) -> list[str]:
    """AI/ML roles named in running text ("Machine learning expert?"), unless as colleagues."""
    found: list[str] = []
    for line in lines:
        # a sentence's words are its line's: a line without any has no such sentence
        if not line or not cues.ROLE_PHRASE_WORDS.passes(line.lower()):
            continue
        for sentence, lowered in line_sentences(line):
            _named_in(sentence, lowered, found)
    return found


def _named_in(sentence: str, lowered: str, found: list[str]) -> None:
    if not cues.ROLE_PHRASE_WORDS.passes(lowered):
        return
    # every match of the phrase holds one of these words (unless a case trap hides it)
    if not holds_any(lowered, _ROLE_PHRASE_NOUNS) and not holds_case_trap(sentence):
        return
    # the phrase first: few sentences name one, and the checks below only drop sentences
    matches = list(cues.ML_ROLE_PHRASE.finditer(sentence))
    if not matches:
        return
    if cues.AI_TOOLING.search(sentence) or level_of(sentence) == "preferred":
        return
    if cues.TEAM_OF.search(sentence) and not HIRING.search(sentence):
        return
    for match in matches:
        # wide enough for a list the role ends ("supporting electrical, software, ... and")
        before = sentence[max(0, match.start() - COLLEAGUE_REACH) : match.start()]
        if not cues.COLLEAGUES.search(before) or HIRING.search(before):
            found.append(match.group(0))


def _split_title(content: str) -> tuple[str, str]:
    """A line's leading title and what follows: "Data Scientist - you'll build ..."."""
    # a body line's only spaces are single " ": without these, _TITLE_END cannot match
    if not holds_any(content, _TITLE_END_MARKS):
        return content.strip(), ""
    parts = _TITLE_END.split(content, maxsplit=1)
    if len(parts) < 2 or (
        looks_like_title(parts[1])
        and len(parts[1].split()) <= 5
        and (len(split_items(parts[1])) == 1 or all(qualifies(i) for i in split_items(parts[1])))
    ):
        return content.strip(), ""  # "Research Engineer - Deep Learning" is one title
    return parts[0].strip(), parts[1].strip()


def _is_title(line: str) -> bool:
    # ``line`` is one of the body's lines or its head, its spaces single: count them
    if line.count(" ") >= 2 * MAX_TITLE_WORDS:
        return False  # prose; the rules below would say so too, more slowly
    title = _clean_title(line)
    # a title ending so is no area ("A.I." aside, the only one ending in a mark), so the rule
    # below turns it down: spare it the dear area check
    if (
        title.endswith(_NOT_AN_AREA_END)
        and not title.lower().endswith("a.i.")
        and not holds_case_trap(title)
    ):
        return False
    # the area first: it is kept, and few titles are one
    if is_area(title) and len(AREA_JOIN.sub(" ", denoise(title)).split()) <= 4:
        return ML_TITLE.search(title)  # "Data Science" heading its section
    if not title or title.endswith((".", "?", "!", ",")) or not has_role_noun(title):
        return False
    if HIRING.search(title) or len(split_items(title)) > 2:
        return False
    return looks_like_title(title) and len(title.split()) <= 8


def _clean_title(line: str) -> str:
    line = " ".join(line.strip(" *#=_:-–—>•").split())
    # the line now ends in no space: only a mark at its very end can start a match
    return _TRAILING_MARKS.sub("", line) if line.endswith(_TRAILING_MARK_CHARS) else line


def _unique(roles: list[Role]) -> list[Role]:
    """Each title once; a bare title inside one already read ("Data Scientist" in "Lead Data
    Scientist") adds nothing."""
    seen: list[str] = []
    out = []
    for role in roles:
        key = role.title.casefold()
        if not role.text and any(key in other for other in seen):
            continue
        seen.append(key)
        out.append(role)
    return out


def sentences(text: str) -> list[str]:
    return [s for line in text.split("\n") for s, _ in line_sentences(line)]


# The roles' search and the rules' walk over a role's text read the same lines (the main
# role's text is the posting's lines again): a line is split once, and the last few hundred
# lines kept.
@lru_cache(maxsize=256)
def line_sentences(line: str) -> tuple[tuple[str, str], ...]:
    """The sentences of one line, blank ones left out, each with its lowercased form."""
    return tuple((s, s.lower()) for s in SENTENCE_END.split(line) if s.strip())
