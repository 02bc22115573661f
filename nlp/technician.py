"""Who is an AI/ML technician: the posting-level decision of ``docs/ai-ml-technician.md``.

Three steps, one function (:func:`decide_roles`) used by ``skillgap tag``, the warehouse and
the report alike:

1. rules read the roles a posting advertises and judge each
   (:func:`nlp.technician_rules.read_evidence`);
2. the evidence becomes a few numbers (:func:`nlp.technician_features.features`);
3. a logistic model (:mod:`nlp.technician_model`, fitted and measured by cross-validation on
   our labelled postings) decides whether the posting counts.

The roles a posting that counts is counted for are those the rules qualify; when the model
counts a posting where no role qualifies by the rules, the role that comes nearest.

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
    duty_family,
    negative_family,
    read_evidence,
    role_family,
    rule_decision,
)

__all__ = ["RoleDecision", "decide_roles", "role_family"]


@dataclass(frozen=True, slots=True)
class RoleDecision:
    """The posting-level decision: the ``posting`` object of the ``skillgap tag`` contract."""

    ai_ml_technician: bool
    role_family: str
    roles: tuple[str, ...]


def decide_roles(
    title: str | None, text: str, model: TechnicianModel | None = None
) -> RoleDecision:
    """Decide whether a posting advertises an AI/ML technician role, and which.

    ``title`` is the job title a source gives (``None`` or empty when it gives none);
    ``text`` the posting's full text, first line included; ``model`` the learned part (the
    shipped one unless given, as cross-validation gives each fold's).
    """
    if not text.strip() and not (title and title.strip()):
        return RoleDecision(False, "not_a_posting", ())
    evidence = read_evidence(title, text)
    counts = (model or shipped_model()).decides(features(evidence, text))
    by_rules, family, roles = rule_decision(evidence, text)
    if not counts:
        return RoleDecision(False, family if not by_rules else negative_family(evidence, text), ())
    if by_rules and roles:
        return RoleDecision(True, family, roles)
    role = best_role(evidence)
    title_of = role.role.title or _named_role(text) or (title or "").strip()
    if role.family in cues.TECHNICIAN_FAMILIES:
        family = role.family
    else:
        family = duty_family(role.role, evidence.company) if role.duties else "ml_engineering"
    return RoleDecision(True, family, (title_of,) if title_of else ())


def _named_role(text: str) -> str:
    """An AI/ML role named in running text ("data scientists"), for a posting whose roles
    carry no title."""
    found = cues.ML_ROLE_PHRASE.search(text)
    return " ".join(found.group(0).split()) if found else ""
