"""The rules under the AI/ML technician decision: which roles a posting advertises, and what
the rules read of each (:func:`read_evidence`).

The roles are read by :func:`nlp.posting_roles.find_roles` (title, first line, body). By the
rules, a role qualifies when its title names AI/ML work (:data:`~nlp.technician_cues.ML_TITLE`),
unless it is a sales, design, product or management title or a data scientist whose text
speaks only of dashboards and insights; or when its own text does the work: sentences about
the role, not about the company or its tools, naming model training, evaluation, deployment
or monitoring, MLOps, or LLM, retrieval and agent engineering
(:data:`~nlp.technician_cues.DUTY`). :mod:`nlp.technician` turns this evidence into features
and lets a learned model decide.

>>> [r.qualifies for r in read_evidence(None, "Acme | Machine Learning Engineer").roles]
[True]

A change to these rules changes stored decisions: bump ``EXTRACTOR_VERSION`` so warehouses
tag their postings again, and retrain the model (``scripts/train_technician.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from nlp import technician_cues as cues
from nlp.lowered import Blind
from nlp.posting_roles import (
    BULLET,
    ML_TITLE,
    ROLE_NOUN,
    Role,
    company_name,
    find_roles,
    line_sentences,
)
from nlp.posting_roles import level_of as _level

# The cues' case-blind patterns asked of every posting, read faster (:mod:`nlp.lowered`).
_DUTY = Blind(cues.DUTY)
_NOT_TECHNICIAN_TITLE = Blind(cues.NOT_TECHNICIAN_TITLE)
_FRONTEND_STACK = Blind(cues.FRONTEND_STACK)
_BACKEND_STACK = Blind(cues.BACKEND_STACK)
_FAMILY_RULES = tuple((name, Blind(rule)) for name, rule in cues.FAMILY_RULES)
_OTHER_FAMILY_RULES = tuple((name, Blind(rule)) for name, rule in cues.OTHER_FAMILY_RULES)

# The main role owns the posting's whole text, company blurb included, so its text must name
# the work twice, or once in a sentence plainly about the role; a role's own section, once.
MAIN_ROLE_DUTIES = 2


@dataclass(frozen=True, slots=True)
class RoleEvidence:
    """What the rules read of one advertised role: the inputs of the learned decision."""

    role: Role
    family: str  # the family its title names (:func:`role_family`)
    qualifies: bool  # the rules' verdict on the role
    by_title: bool  # qualifies by a technician title
    excluded: bool  # a sales, design, product or management title
    analytics_only: bool  # a data scientist whose text speaks only of dashboards
    reading: Walk  # its own text read sentence by sentence

    @property
    def duties(self) -> int:
        """Sentences about the role naming the work."""
        return len(self.reading.duties)

    @property
    def framed(self) -> bool:
        """One of them plainly about the hire."""
        return any(framed for _, framed in self.reading.duties)


@dataclass(frozen=True, slots=True)
class PostingEvidence:
    """The roles of a posting and what the rules read of each; the first is the main role."""

    company: str | None
    roles: tuple[RoleEvidence, ...]

    @property
    def qualifying(self) -> tuple[RoleEvidence, ...]:
        return tuple(r for r in self.roles if r.qualifies)


def read_evidence(title: str | None, text: str) -> PostingEvidence:
    """Read the roles of a posting and judge each by the rules.

    A role qualifies when its title names AI/ML work, unless it is a sales, design, product or
    management title or a data scientist whose text speaks only of dashboards and insights; or
    when its own text does the work (see the module docstring).
    """
    company = company_name(text)
    roles = find_roles(title, text)
    main_is_ds = role_family(roles[0].title) == "data_science"
    out = []
    for index, role in enumerate(roles):
        family = role_family(role.title)
        excluded = bool(role.title) and excluded_title(role.title)
        reading = walk(role.text, company)
        by_title = analytics = False
        if family in cues.TECHNICIAN_FAMILIES:
            # a data scientist only listed is judged by the posting's text when the posting
            # is about data science (its main role is one), else taken at its word
            text_of_role = role.text or (roles[0].text if main_is_ds else "")
            analytics = family == "data_science" and _analytics_only(text_of_role, company)
            by_title = not analytics
            qualifies = by_title
        else:
            qualifies = not excluded and _enough_duties(reading.duties, main=index == 0)
        out.append(
            RoleEvidence(
                role,
                family,
                qualifies,
                by_title,
                excluded,
                analytics,
                reading,
            )
        )
    return PostingEvidence(company, tuple(out))


def rule_decision(evidence: PostingEvidence, text: str) -> tuple[bool, str, tuple[str, ...]]:
    """The rules' own decision: (counts, family, qualifying role titles)."""
    qualifying = evidence.qualifying
    if qualifying:
        seen: dict[str, str] = {}
        for r in qualifying:
            if r.role.title:
                seen.setdefault(r.role.title.casefold(), r.role.title)
        first = qualifying[0]
        family = first.family if first.by_title else duty_family(first.role, evidence.company)
        return True, family, tuple(seen.values())
    return False, negative_family(evidence, text), ()


def negative_family(evidence: PostingEvidence, text: str) -> str:
    """The family of a posting that does not count: its first role of a named kind."""
    families = [
        "data_analytics" if r.analytics_only else r.family for r in evidence.roles if r.role.title
    ]
    family = next((f for f in families if f != "other"), "other")
    main = next((r.role.title for r in evidence.roles if r.role.title), "")
    # "Software Engineer", or engineers asked for without a title: the stack tells which kind
    unnamed = family == "other" and not main and ROLE_NOUN.search(text)
    generic = family == "software_backend" and bool(cues.GENERIC_SOFTWARE_TITLE.match(main))
    if unnamed or generic:
        family = _stack_family(text)
    return family


def _stack_family(text: str) -> str:
    """Frontend, backend or full-stack, for a generic "Software Engineer", from the stack."""
    lowered = text.lower()
    front = _FRONTEND_STACK.search(text, lowered)
    back = _BACKEND_STACK.search(text, lowered)
    if front and back:
        return "software_fullstack"
    return "software_frontend" if front else "software_backend" if back else "other"


@lru_cache(maxsize=4096)  # titles come back across postings, as for role_family
def excluded_title(title: str) -> bool:
    """A sales, design, product or management title, which no AI/ML word in it qualifies."""
    return _NOT_TECHNICIAN_TITLE.search(title)


@lru_cache(maxsize=4096)
def role_family(title: str) -> str:
    """The family of one role title (the families of ``docs/ai-ml-technician.md``)."""
    # "generalist engineers (ML experience is a plus)": ML only as a plus is not the title's
    title = cues.PLUS_ASIDE.sub(" ", title)
    named = cues.AI_AS_PRODUCT.sub(" ", title)
    if ML_TITLE.search(named) and not _NOT_TECHNICIAN_TITLE.search(title):
        lowered = named.lower()
        for name, rule in _FAMILY_RULES:
            if rule.search(named, lowered):
                return name
        return "ml_engineering"
    lowered = title.lower()
    for name, rule in _OTHER_FAMILY_RULES:
        if rule.search(title, lowered):
            return name
    return "other"


def about_company(sentence: str, company: str | None) -> bool:
    """The company talking about itself or its tools, not about the role."""
    if cues.AI_TOOLING.search(sentence) or cues.TEAM_OF.search(sentence):
        return True
    if cues.ADDRESSES_HIRE.search(sentence):
        return False  # "You'll build LLM-powered features for our editor"
    if _level(sentence) == "not_required" or cues.STACK.match(sentence):
        return True
    if company and _company_is_subject(company, sentence):
        return not cues.ABOUT_ROLE.search(sentence)
    return bool(cues.ABOUT_US.search(sentence)) and not cues.ABOUT_ROLE.search(sentence)


@lru_cache(maxsize=64)
def _role_sentences(text: str, company: str | None) -> tuple[tuple[str, bool], ...]:
    """The sentences of ``text`` about the role, each with whether it is plainly the hire's.

    Company talk and nice-to-haves are left out. Bullets under an intro about the hire
    ("Problems you'll help us solve:") are the hire's even when they say "our".
    """
    return _sentences(text, company)


def _enough_duties(duties: tuple[tuple[str, bool], ...], main: bool) -> bool:
    if not main:
        return bool(duties)
    return len(duties) >= MAIN_ROLE_DUTIES or any(framed for _, framed in duties)


@dataclass(frozen=True, slots=True)
class Walk:
    """One reading of a role's text: the sentences about the role that name the work, and
    how many sentences name it elsewhere."""

    duties: tuple[tuple[str, bool], ...]  # each with whether it is plainly the hire's
    other_duties: int  # sentences naming the work that are company talk or only a plus


@lru_cache(maxsize=64)
def walk(text: str, company: str | None) -> Walk:
    """Read ``text`` sentence by sentence once (see :func:`_role_sentences` for which
    sentences are the role's)."""
    duties: list[tuple[str, bool]] = []
    other = 0
    for sentence, hires in _read(text, company, _names_the_work, _may_name_the_work):
        if hires is None:
            other += 1
        else:
            duties.append((sentence, hires))
    return Walk(tuple(duties), other)


def _duties(text: str, company: str | None) -> tuple[tuple[str, bool], ...]:
    """The sentences of ``text`` about the role that name the work."""
    return walk(text, company).duties


def _sentences(text: str, company: str | None) -> tuple[tuple[str, bool], ...]:
    """The sentences of ``text`` about the role (see :func:`_role_sentences`)."""
    read = _read(text, company, lambda sentence, lowered: True)
    return tuple((sentence, hires) for sentence, hires in read if hires is not None)


def _read(
    text: str,
    company: str | None,
    wanted: Callable[[str, str], bool],
    line_wanted: Callable[[str], bool] | None = None,
) -> Iterator[tuple[str, bool | None]]:
    """The ``wanted`` sentences of ``text``, each with whether it is plainly the hire's, or
    ``None`` when it is not the role's: only a plus, AI tooling in a list framed as the
    role's, or company talk. ``wanted`` is asked of a sentence and its lowercased form;
    ``line_wanted``, when given, of a lowercased line: false when none of the line's sentences
    is wanted, so that the line is not split."""
    framed_list = False
    for line in text.split("\n"):
        bullet = BULLET.match(line)
        if not bullet and line.strip():
            framed_list = line.rstrip().endswith(":") and bool(cues.ROLE_FRAME.search(line))
        if line_wanted is not None and not line_wanted(line.lower()):
            continue
        for sentence, lowered in line_sentences(line):
            if wanted(sentence, lowered):
                yield _judged(sentence, bullet is not None, framed_list, company)


def _judged(
    sentence: str, bullet: bool, framed_list: bool, company: str | None
) -> tuple[str, bool | None]:
    """A wanted sentence and whether it is plainly the hire's, or ``None`` (see :func:`_read`)."""
    if _level(sentence) == "preferred":
        return sentence, None
    if bullet and framed_list:
        return sentence, (None if cues.AI_TOOLING.search(sentence) else True)
    if not about_company(sentence, company):
        return sentence, bool(cues.ROLE_FRAME.search(sentence))
    return sentence, None


def _may_name_the_work(lowered_line: str) -> bool:
    """False of a line no sentence of which names the work: the gate's words are each
    sentence's words, and a sentence's bounds are spaces, where a word ends anyway."""
    return cues.DUTY_WORDS.passes(lowered_line)


def names_the_work(sentence: str) -> bool:
    """A duty cue, in a sentence that is not a bare list of skills."""
    return _names_the_work(sentence, sentence.lower())


def _names_the_work(sentence: str, lowered: str) -> bool:
    if not cues.DUTY_WORDS.passes(lowered) or not _DUTY.search(sentence, lowered):
        return False
    return sentence.count(",") < cues.LIST_COMMAS or bool(cues.DUTY_VERB.search(sentence))


def duty_family(role: Role, company: str | None) -> str:
    """The family of a role that qualifies by its duties: a researcher stays one."""
    if cues.RESEARCH_TITLE.search(role.title):
        return "ml_research"
    duties = " ".join(s for s, _ in _duties(role.text, company))
    for name, rule in cues.FAMILY_RULES:
        if name not in ("ml_research", "data_science") and rule.search(duties):
            return name
    return "ml_engineering"


def _analytics_only(text: str, company: str | None) -> bool:
    words = " ".join(s for s, _ in _role_sentences(text, company))
    if not cues.ANALYTICS_ONLY.search(words):
        return False
    return not cues.DUTY.search(words) and not cues.MODELLING.search(words)


def _company_is_subject(company: str, sentence: str) -> bool:
    """The company named as the sentence's subject: "Acme is ...", "At Acme, ..."."""
    name = company.split()[0].lower()
    lowered = sentence.lower()
    opening = cues.LEADING_AT.sub("", lowered, count=1)
    if opening.startswith(name) and not opening[len(name) : len(name) + 1].isalnum():
        return True
    at = lowered.find(name)
    while at >= 0:
        after = at + len(name)
        whole = (at == 0 or not lowered[at - 1].isalnum()) and not lowered[
            after : after + 1
        ].isalnum()
        if whole and cues.COMPANY_VERB_AFTER.match(lowered, after):
            return True
        at = lowered.find(name, after)
    return False
