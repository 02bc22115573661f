"""The features the learned technician decision reads, from the rules' evidence on a posting.

Each feature is a number from what :func:`nlp.technician_rules.read_evidence` read of the
roles (does a role qualify by the rules, by its title or by its duties; is its title an AI/ML
title, a data scientist's, one the definition excludes; how many sentences about the role
name the work) and a few counts over the whole text (the work named where the company talks
about itself, AI/ML roles named in running text, AI as the team's coding tools). Counts enter
as ``log1p``, so no single long posting outweighs the rest. No feature names the year.

>>> features(read_evidence(None, "Acme | Machine Learning Engineer"), "Acme | ...")["ml_title"]
1.0
"""

from __future__ import annotations

import math

from nlp import technician_cues as cues
from nlp.posting_roles import sentences
from nlp.requirement import sentence_level
from nlp.technician_rules import (
    PostingEvidence,
    RoleEvidence,
    about_company,
    names_the_work,
    read_evidence,
)

# The order the model file lists its weights in; a model must name each of them.
FEATURES: tuple[str, ...] = (
    "rules_qualify",
    "rules_by_title",
    "rules_by_duties",
    "ml_title",
    "ml_title_main",
    "ml_title_header",
    "data_science_title",
    "data_science_only",
    "analytics_only",
    "excluded_ml_title",
    "main_duties",
    "max_duties",
    "framed_duty",
    "listed_role_duties",
    "other_duties",
    "role_phrases",
    "first_line_ml",
    "ml_words",
    "ai_tooling",
    "roles",
    "words",
    "lexicon_role",
    "lexicon_company",
    "lexicon_preferred",
    "title_without_work",
    "work_without_role",
)


def features(evidence: PostingEvidence, text: str) -> dict[str, float]:
    """The feature values of one posting (every name of :data:`FEATURES`)."""
    roles = evidence.roles
    main = roles[0]
    ml = [r for r in roles if r.family in cues.TECHNICIAN_FAMILIES]
    role_duties = sum(r.duties for r in roles)
    work_sentences = [s for s in sentences(text) if names_the_work(s)]
    first_line = text.split("\n", 1)[0]
    values = {
        "rules_qualify": float(any(r.qualifies for r in roles)),
        "rules_by_title": float(any(r.by_title for r in roles)),
        "rules_by_duties": float(any(r.qualifies and not r.by_title for r in roles)),
        "ml_title": float(bool(ml)),
        "ml_title_main": float(main.family in cues.TECHNICIAN_FAMILIES),
        "ml_title_header": float(any(r.role.where in ("title", "header") for r in ml)),
        "data_science_title": float(any(r.family == "data_science" for r in ml)),
        "data_science_only": float(bool(ml) and all(r.family == "data_science" for r in ml)),
        "analytics_only": float(any(r.analytics_only for r in roles)),
        "excluded_ml_title": float(any(_excluded_ml_title(r) for r in roles)),
        "main_duties": math.log1p(main.duties),
        "max_duties": math.log1p(max(r.duties for r in roles)),
        "framed_duty": float(any(r.framed for r in roles)),
        "listed_role_duties": math.log1p(sum(r.duties for r in roles[1:])),
        # the work named in sentences the rules gave to no role: the company, its tools
        "other_duties": math.log1p(max(0, len(work_sentences) - role_duties)),
        "role_phrases": math.log1p(_role_phrases(text)),
        "first_line_ml": float(bool(cues.ML_TITLE.search(cues.AI_AS_PRODUCT.sub(" ", first_line)))),
        "ml_words": math.log1p(len(cues.ML_TITLE.findall(text))),
        "ai_tooling": float(bool(cues.AI_TOOLING.search(text))),
        "roles": math.log1p(sum(1 for r in roles if r.role.title)),
        "words": math.log1p(len(text.split()) / 100),
    }
    values.update(_lexicon(text, evidence.company))
    # an AI/ML title whose posting never names the work; the work named with no role for it
    no_work = values["max_duties"] == 0 and values["lexicon_role"] == 0
    values["title_without_work"] = float(values["rules_by_title"] == 1 and no_work)
    values["work_without_role"] = float(values["rules_qualify"] == 0) * values["lexicon_role"]
    return values


def best_role(evidence: PostingEvidence) -> RoleEvidence:
    """The role a posting that counts is counted for when no role qualifies by the rules: the
    one whose title or duties come nearest, titled roles first."""
    qualifying = evidence.qualifying
    if qualifying:
        return qualifying[0]
    ranked = sorted(
        enumerate(evidence.roles),
        key=lambda item: (
            item[1].family in cues.TECHNICIAN_FAMILIES or _excluded_ml_title(item[1]),
            item[1].duties,
            bool(item[1].role.title),
            -item[0],
        ),
        reverse=True,
    )
    return ranked[0][1]


def posting_features(title: str | None, text: str) -> dict[str, float]:
    """:func:`features` straight from a posting's title and text."""
    return features(read_evidence(title, text), text)


def _lexicon(text: str, company: str | None) -> dict[str, float]:
    """Words of the work's vocabulary in sentences about the role, about the company, or
    asked for only as a plus."""
    role = company_talk = preferred = 0
    for sentence in sentences(text):
        found = len(cues.ML_LEXICON.findall(sentence))
        if not found:
            continue
        if sentence_level(sentence) == "preferred":
            preferred += found
        elif about_company(sentence, company):
            company_talk += found
        else:
            role += found
    return {
        "lexicon_role": math.log1p(role),
        "lexicon_company": math.log1p(company_talk),
        "lexicon_preferred": math.log1p(preferred),
    }


def _excluded_ml_title(role: RoleEvidence) -> bool:
    return role.excluded and bool(cues.ML_TITLE.search(role.role.title))


def _role_phrases(text: str) -> int:
    if not cues.ROLE_PHRASE_GATE.search(text.lower()):
        return 0
    return len(cues.ML_ROLE_PHRASE.findall(text))
