"""The items of a list in one line of a posting: roles ("Data Scientists, Data Engineers and
Analysts"), areas ("iOS, Android, Data Science") or neither, and which of them is a title.

:mod:`nlp.posting_roles` reads the lines; this module splits one segment into items and
judges each. Each function of one short string is pure, so its answer is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlp import technician_cues as cues
from nlp.lowered import Blind, holds_case_trap

MAX_TITLE_WORDS = 10
_SEPARATORS = (",", ";", " and ", " & ", " / ", " or ", "||", " as well as ")
_ITEM_SPLIT = re.compile(
    r"(?=[\s,;|])\s*(?:,|;|\s/\s|\s+and/or\s+|\s+and\s+|\s+&\s+|\s+or\s+|\|\|"
    r"|\s+as\s+well\s+as\s+)\s*"
)
_ITEM_MARKS = (",", ";", "/", "and", "&", "or", "||", "as well as")
AREA_JOIN = re.compile(r"\s*[/+]\s*")
PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# "mobile, and data science": an Oxford comma leaves "and" on the last item
_LEADING_CONJUNCTION = re.compile(r"^(?:and|or|&)\s+", re.IGNORECASE)
# "... without AI. Our focus is ...": a sentence running on, not a title
_PROSE = re.compile(r"[.!?]\s+(?:our|we|you|this|the|it|they|i)\b", re.IGNORECASE)
_NOISE_WORDS = re.compile(  # "(?=\w)": see ROLE_NOUN
    r"(?=\w)\b(?:full[\s-]*time|part[\s-]*time|contract(?:or)?s?|permanent|remote|on[\s-]?site"
    r"|onsite|hybrid|interns?(?:hips?)?|visa|h1b|fte|relocation|multiple|various|several"
    r"|positions?|roles?|openings?|jobs?|hiring|we're|we\s+are|is|are|now|also|all\s+levels"
    r"|keywords?|location|open|new|the|a|an|our|for|of|at|in|on|with|talent|help|sides?"
    r"|experienced|talented|great|amazing|exceptional|strong|smart|passionate|awesome|plus)\b",
    re.IGNORECASE,
)
_NOISE_LOWERCASE = re.compile(_NOISE_WORDS.pattern)
# The cues' role nouns, read faster (:mod:`nlp.lowered`).
ROLE_NOUN = Blind(cues.ROLE_NOUN)
_LIST_INTRO = re.compile(
    r"hiring|looking\s+for|seeking|positions?|roles?|openings?|opportunit|vacanc|jobs|need"
    r"|grow|join|expertise|areas|teams?|help\s+us",
    re.IGNORECASE,
)
_SKILL_INTRO = re.compile(
    r"interest|experience|skills?|technolog|stack|familiar|knowledge|background|plus|bonus"
    r"|nice|ideally|prefer|tools|using|use\b|love|understanding|comfortable",
    re.IGNORECASE,
)
# The two above as plain words, for lowercased ASCII text (see :class:`cues.Gate`).
_LIST_INTRO_WORDS = cues.Gate(
    (
        "hiring",
        "seeking",
        "position",
        "role",
        "opening",
        "opportunit",
        "vacanc",
        "jobs",
        "need",
        "grow",
        "join",
        "expertise",
        "areas",
        "team",
    ),
    (("looking", r"looking\s+for"), ("help", r"help\s+us")),
)
_SKILL_INTRO_WORDS = cues.Gate(
    (
        "interest",
        "experience",
        "skill",
        "technolog",
        "stack",
        "familiar",
        "knowledge",
        "background",
        "plus",
        "bonus",
        "nice",
        "ideally",
        "prefer",
        "tools",
        "using",
        "love",
        "understanding",
        "comfortable",
    ),
    (("use", r"use\b"),),
)
VERB_START = re.compile(
    r"^(?:work|build|collaborate|looking|seeking|hiring|interested|help|partner|support"
    r"|experience|comfort\w*|develop|write|own|create|maintain|implement|improve|drive|ensure|manage"
    r"|participate|contribute|bring|strong|excellent|knowledge|familiarity|ability"
    r"|proficiency|understanding|you|we|our|this|the\s+role|if|apply|email|send|please"
    r"|check|see|visit|learn|read|join|about|at\s+least|\d+|why|what|how|who|when|where"
    r"|benefits|perks|competitive|great|flexible|free)\b",
    re.IGNORECASE,
)
# The items, titles and areas below are short strings that come back within a posting (a
# line's tail is split three times) and across postings ("Remote", "Senior Software
# Engineer"): each function of one is pure, so its answer is kept.
_SHORT_CACHE = 8192


def holds_any(text: str, parts: tuple[str, ...]) -> bool:
    """``any(part in text for part in parts)``, without a generator's cost per line."""
    for part in parts:  # noqa: SIM110 (the generator is what this spares)
        if part in text:
            return True
    return False


def may_list(text: str) -> bool:
    """Two separators at least: what a list of three items needs (cheaper than splitting)."""
    found = 0
    for sep in _SEPARATORS:
        found += text.count(sep)
        if found >= 2:
            return True
    return False


def all_areas(items: tuple[str, ...]) -> bool:
    """Three items at least, each an area: "iOS, Android, Data Science"."""
    return len(items) >= 3 and all(is_area(i) for i in items)


def first_is_area(segment: str) -> bool:
    """False only when the first of :func:`split_items` is no area: a line of prose fails it
    without being split whole."""
    first = _ITEM_SPLIT.split(_protected(segment), maxsplit=1)[0]
    item = _item(first)
    return not item or is_area(item)


def listed_roles(listing: str, intro: str) -> list[str]:
    """The roles ``listing`` names after ``intro`` ("We're hiring:"): titles, and areas when
    the list is mostly of roles or the intro is a hiring one.

    >>> listed_roles("Data Engineers, Data Scientists and Analysts", "We're hiring:")
    ['Data Engineers', 'Data Scientists', 'Analysts']
    """
    items = split_items(listing)
    if not items:
        return []
    hiring = _hiring_intro(intro)
    with_nouns = [i for i in items if has_role_noun(i) and looks_like_title(i)]
    if not with_nouns and not hiring:
        return []  # what follows needs one or the other (and the areas are dear to compute)
    areas = [i for i in items if is_area(i)]
    if with_nouns and (hiring or items[0] in with_nouns or len(with_nouns) * 2 >= len(items)):
        # areas beside titles are roles only in a list of roles, not in a list of technologies
        mostly_roles = 3 * len(set(with_nouns) | set(areas)) >= 2 * len(items)
        return with_nouns + [a for a in areas if a not in with_nouns and mostly_roles]
    if hiring and len(areas) * 3 >= 2 * len(items):
        return areas
    return []


@lru_cache(maxsize=_SHORT_CACHE)
def has_role_noun(text: str) -> bool:
    """A role noun in ``text``: "engineer", "scientist", "head of", ..."""
    return ROLE_NOUN.search(text)


@lru_cache(maxsize=256)  # the bullets under one intro all ask of it
def skill_intro(intro: str) -> bool:
    """An intro to skills or a stack ("Experience with:", "Our stack:"), not to roles."""
    if not intro.isascii():  # lowercasing changes no ASCII text's matches, maybe others'
        return bool(_SKILL_INTRO.search(intro))
    return _SKILL_INTRO_WORDS.passes(intro.lower())


@lru_cache(maxsize=256)  # the bullets under one intro all ask of it
def _hiring_intro(intro: str) -> bool:
    if not intro.isascii():
        listing = bool(_LIST_INTRO.search(intro))
    else:
        listing = _LIST_INTRO_WORDS.passes(intro.lower())
    return listing and not skill_intro(intro)


@lru_cache(maxsize=_SHORT_CACHE)
def split_items(segment: str) -> tuple[str, ...]:
    """Split a list of roles at commas, "and", "&", " / " outside parentheses."""
    kept = _protected(segment)
    out: list[str] = []
    # every separator holds one of these (the pattern is case-sensitive): without any of
    # them the split would give the segment back whole
    may_split = holds_any(kept, _ITEM_MARKS)
    for part in _ITEM_SPLIT.split(kept) if may_split else (kept,):
        part = _item(part)
        if part:
            out.append(part)
    if len(out) == 2 and has_role_noun(out[0]) and qualifies(out[1]):
        return (f"{out[0]}, {out[1]}",)  # "Software Engineer, Machine Learning": one role
    return tuple(out)


def _protected(segment: str) -> str:
    """``segment`` with the separators inside parentheses hidden from :data:`_ITEM_SPLIT`."""
    return PAREN.sub(
        lambda m: m.group(0).replace(",", "\x00").replace("&", "\x01").replace("/", "\x02"),
        segment,
    )


def _item(part: str) -> str:
    """One part of a split list as an item: separators restored, marks and a leading "and"
    stripped."""
    part = part.replace("\x00", ",").replace("\x01", "&").replace("\x02", "/")
    return _LEADING_CONJUNCTION.sub("", part.strip(" .:-*!~?"))


def qualifies(part: str) -> bool:
    """An area naming what the role before it works on, not a role of its own: "Data
    Engineer, Platform", "Senior Software Engineer, Agents"."""
    if has_role_noun(part):
        return False
    area = denoise(part)
    return bool(cues.AREA.match(area) or cues.AGENTS_AREA.match(area))


def is_role(item: str, listed: bool) -> bool:
    """A title, or an area in a ``listed`` list of roles or areas."""
    if has_role_noun(item):
        return looks_like_title(item)
    return listed and is_area(item)


@lru_cache(maxsize=_SHORT_CACHE)
def is_area(item: str) -> bool:
    """An area a team hires for, or areas joined into one ("Analytics/Machine Learning",
    "Search / Data Science"), each of them an area."""
    area = denoise(item)
    if cues.AREA.match(area):
        return True
    parts = AREA_JOIN.split(area)
    return len(parts) > 1 and all(cues.AREA.match(part) for part in parts)


@lru_cache(maxsize=_SHORT_CACHE)
def denoise(item: str) -> str:
    """The item without noise words or asides, lowercased unless it holds a case trap: only
    case-blind patterns read it."""
    if holds_case_trap(item):
        return " ".join(_NOISE_WORDS.sub(" ", PAREN.sub(" ", item)).split())
    return " ".join(_NOISE_LOWERCASE.sub(" ", PAREN.sub(" ", item).lower()).split())


@lru_cache(maxsize=_SHORT_CACHE)
def looks_like_title(item: str) -> bool:
    """Short, no prose running on, not opening with a verb ("Build ...", "You ...")."""
    words = PAREN.sub(" ", item).split()
    if not 0 < len(words) <= MAX_TITLE_WORDS or _PROSE.search(item):
        return False
    return not VERB_START.match(item.strip(" -*"))
