"""The first line of a Hacker News "Who is hiring?" comment, split into fields.

The thread asks for ``Company | Role | Location | REMOTE | salary | url`` but people reorder,
skip and add segments freely. The company always comes first; every other segment is
classified on its own by what it looks like. A segment that fits nothing is ignored: a
missing field is better than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HNHeader:
    """What the first line of a hiring comment says about the job."""

    company: str | None = None
    role: str | None = None
    location: str | None = None
    remote: bool | None = None
    url: str | None = None
    salary: str | None = None
    employment_type: str | None = None


def _word_set(words: str, fold: bool = False) -> frozenset[str]:
    return frozenset(w.casefold() if fold else w for w in words.split())


_TLDS = (
    "ai|app|bio|build|ca|careers|cc|ch|co|com|de|dev|eu|fi|fm|fr|gg|health|in|inc|io|is|it|"
    "jobs|ly|me|net|nl|no|org|se|sh|so|studio|systems|tech|to|tv|uk|us|xyz"
)
_URL = re.compile(
    rf"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.(?:{_TLDS})(?:/\S*)?)$", re.IGNORECASE
)
_URL_INSIDE = re.compile(r"https?://[^\s\[\]()<>]+", re.IGNORECASE)
_SALARY = re.compile(
    r"[$€£]\s?\d"
    r"|\b\d{2,3}(?:[.,]\d+)?\s?k\b"
    r"|\d[\d,.]*\s?(?:usd|eur|gbp|chf|cad|aud)\b"
    r"|\b(?:salary|comp(?:ensation)?)\b\s*:?\s*\d",
    re.IGNORECASE,
)
_REMOTE = re.compile(r"\bremote(?:ly)?\b|\bwfh\b|\bwork from home\b", re.IGNORECASE)
_ONSITE = re.compile(
    r"\bon-?site\b|\bon site\b|\bin[- ]office\b|\bin[- ]person\b|\bhybrid\b", re.IGNORECASE
)
_EMPLOYMENT = re.compile(
    r"\b(?:full[- ]?time|part[- ]?time|contract(?:or|s)?|intern(?:s|ship|ships)?|freelance"
    r"|co-?ops?|permanent|temporary|fte)\b",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(?:engineer(?:s|ing)?|developers?|scientists?|designers?|managers?|leads?"
    r"|researchers?|analysts?|architects?|swes?|sres?|devops|directors?|head of|vp\b"
    r"|cto|cfo|coo|founding|technical staff|consultants?|recruiters?|executives?"
    r"|specialists?|technicians?|administrators?|strategists?|writers?|programmers?"
    r"|(?:multiple|various|many|several) (?:roles|positions|openings))\b",
    re.IGNORECASE,
)
# Segments that name a place-like word but say something else about the job.
_NOT_PLACE = re.compile(
    r"\b(?:visa|citizenship|citizens?|sponsorship|relocation|equity|funding|series [a-e]"
    r"|yc [a-z]\d\d|clearance|benefits)\b",
    re.IGNORECASE,
)
_US_STATES = _word_set(
    "AL AK AZ AR CA CO CT DC DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"
)
_PLACES = _word_set(
    "Africa Americas Amsterdam Anywhere APAC Argentina Asia Atlanta Austin Australia "
    "Austria Bangalore Barcelona Belgium Berlin Bilbao Boston Boulder Brazil Brooklyn "
    "Brussels Canada Chicago Colombia Copenhagen Denmark Denver Dubai Dublin EMEA "
    "England Estonia EU Europe Finland France Germany Global Greece Hamburg Helsinki "
    "Hong India Ireland Israel Italy Japan Kong LA LATAM Lisbon London Madrid Melbourne "
    "Mexico Miami Montreal Munich Netherlands NYC Oslo Paris Philadelphia Poland "
    "Portland Portugal Prague SF Seattle Singapore Spain Stockholm Sweden Switzerland "
    "Sydney Taiwan Tokyo Toronto UK US USA Vancouver Vienna Warsaw Worldwide Zurich "
    "Chile China Czechia Egypt Hungary Indonesia Kenya Korea Lagos Nairobi Nigeria "
    "Norway Peru Philippines Romania Scotland Thailand Turkey Ukraine Uruguay Vietnam "
    "Wales Zealand Cambridge Oakland Palo Cupertino Edinburgh",
    fold=True,
) | {"bay area", "new york", "san francisco", "los angeles", "united states", "the hague"}
_WORDS = re.compile(r"[A-Za-z]+(?:[ ](?:York|Francisco|Angeles|States|Area|Hague))?")
_MODE_WORDS = re.compile(
    _REMOTE.pattern + "|" + _ONSITE.pattern + r"|\b(?:only|or|and|in|first|friendly|ok)\b",
    re.IGNORECASE,
)


def parse_header(first_line: str) -> HNHeader:
    """Split a hiring comment's first line into company, role, location and so on.

    ``remote`` is True when any segment mentions remote work, False when segments only
    mention on-site, in-office or hybrid work, and None when the line says neither. A line
    without ``|`` separators is free prose; it yields an empty header rather than guesses.

    >>> h = parse_header("Acme | Senior Engineer | Berlin, Germany | REMOTE | $150k")
    >>> (h.company, h.role, h.location, h.remote, h.salary)
    ('Acme', 'Senior Engineer', 'Berlin, Germany', True, '$150k')
    """
    segments = [s.strip() for s in first_line.split("|")]
    segments = [s for s in segments if s]
    if "|" not in first_line or not segments:
        return HNHeader()
    company = segments[0].strip("*_ ") or None
    role = url = salary = employment = place = mode_place = None
    remote_seen = onsite_seen = False
    for segment in segments[1:]:
        if _URL.match(segment) or _URL_INSIDE.search(segment):
            found = _URL_INSIDE.search(segment)
            url = url or (found.group(0).rstrip(".,;:") if found else segment)
            continue
        has_remote = bool(_REMOTE.search(segment))
        has_onsite = bool(_ONSITE.search(segment))
        remote_seen |= has_remote
        onsite_seen |= has_onsite
        if has_remote or has_onsite:
            # "Remote (US)" or "ONSITE Barcelona" also say where; plain "REMOTE" does not.
            if _ROLE.search(segment):
                role = role or segment
            elif mode_place is None and _looks_like_place(_MODE_WORDS.sub(" ", segment)):
                mode_place = segment
            continue
        is_role = bool(_ROLE.search(segment))
        kind = _EMPLOYMENT.search(segment)
        if _SALARY.search(segment):
            salary = salary or segment
        elif is_role:
            # "Java Developer (Full-Time)": the segment names the role and the terms.
            role = role or segment
            if kind and employment is None:
                employment = kind.group(0)
        elif kind:
            employment = employment or segment
        elif place is None and _looks_like_place(segment):
            place = segment
    remote = True if remote_seen else False if onsite_seen else None
    return HNHeader(
        company=company,
        role=role,
        location=place or mode_place,
        remote=remote,
        url=url,
        salary=salary,
        employment_type=employment,
    )


def work_mode(text: str) -> bool | None:
    """True if ``text`` mentions remote work, False if only on-site work, else None."""
    if _REMOTE.search(text):
        return True
    if _ONSITE.search(text):
        return False
    return None


def _looks_like_place(text: str) -> bool:
    if _NOT_PLACE.search(text):
        return False
    tokens = re.findall(r"[A-Za-z]+", text)
    if any(t in _US_STATES for t in tokens):
        return True
    return any(w.casefold() in _PLACES for w in _WORDS.findall(text))
