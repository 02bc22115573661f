"""Who is an AI/ML technician: the posting-level decision of ``docs/ai-ml-technician.md``.

Three steps, one function (:func:`decide_roles`) used by ``skillgap tag``, the warehouse and
the report alike:

1. rules read the roles a posting advertises and judge each
   (:func:`nlp.technician_rules.read_evidence`);
2. the evidence becomes a few numbers (:func:`nlp.technician_features.features`);
3. a logistic model (:mod:`nlp.technician_model`, fitted and measured by cross-validation on
   our labelled postings) decides whether the posting counts, one of its features the
   log-odds of a text model over the posting's words (:mod:`nlp.technician_text`).

The roles a posting that counts is counted for are those the rules qualify; when the model
counts a posting where no role qualifies by the rules, the role that comes nearest (an AI/ML
title first, then the most sentences naming the work: the features are the posting's, so no
role has a score of its own). ``roles`` is never empty when the posting counts.

>>> decide_roles(None, "Acme | Machine Learning Engineer | Berlin").roles
('Machine Learning Engineer',)

A change to the rules, the features or the model changes stored decisions: bump
``EXTRACTOR_VERSION`` so warehouses tag their postings again.
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp import technician_cues as cues
from nlp.technician_features import best_role, features
from nlp.technician_model import TechnicianModel, shipped_model
from nlp.technician_rules import (
    PostingEvidence,
    duty_family,
    negative_family,
    read_evidence,
    role_family,
    rule_decision,
)
from nlp.technician_text import TextModel

__all__ = ["UNNAMED_ROLE", "RoleDecision", "decide_roles", "role_family"]

# What ``roles`` holds for a counted posting that names no role anywhere ("We're hiring!"
# and the work described): the contract wants the list non-empty when the posting counts.
UNNAMED_ROLE = "(role not named)"


@dataclass(frozen=True, slots=True)
class RoleDecision:
    """The posting-level decision: the ``posting`` object of the ``skillgap tag`` contract."""

    ai_ml_technician: bool
    role_family: str
    roles: tuple[str, ...]


def decide_roles(
    title: str | None,
    text: str,
    model: TechnicianModel | None = None,
    text_model: TextModel | None = None,
) -> RoleDecision:
    """Decide whether a posting advertises an AI/ML technician role, and which.

    ``title`` is the job title a source gives (``None`` or empty when it gives none);
    ``text`` the posting's full text, first line included; ``model`` and ``text_model`` the
    learned parts (the shipped ones unless given, as the trainer gives its candidates).
    """
    if not text.strip() and not (title and title.strip()):
        return RoleDecision(False, "not_a_posting", ())
    evidence = read_evidence(title, text)
    counts = (model or shipped_model()).decides(features(evidence, text, text_model))
    by_rules, family, roles = rule_decision(evidence, text)
    if not counts:
        return RoleDecision(False, family if not by_rules else negative_family(evidence, text), ())
    if by_rules and roles:
        return RoleDecision(True, family, roles)
    if by_rules:  # the rules' role has no title
        return RoleDecision(True, family, (_name_of("", evidence, text),))
    role = best_role(evidence)
    if role.family in cues.TECHNICIAN_FAMILIES:
        family = role.family
    else:
        family = duty_family(role.role, evidence.company) if role.duties else "ml_engineering"
    return RoleDecision(True, family, (_name_of(role.role.title, evidence, text),))


def _name_of(title: str, evidence: PostingEvidence, text: str) -> str:
    """The role a counted posting is counted for, named: its title, else an AI/ML role named
    in running text, else the first titled role, else :data:`UNNAMED_ROLE`."""
    if title:
        return title
    titled = (r.role.title for r in evidence.roles if r.role.title)
    return _named_role(text) or next(titled, "") or UNNAMED_ROLE


def _named_role(text: str) -> str:
    """An AI/ML role named in running text ("data scientists"), for a posting whose roles
    carry no title."""
    found = cues.ML_ROLE_PHRASE.search(text)
    return " ".join(found.group(0).split()) if found else ""
