"""Posting-level facts: is this an AI/ML technician posting, which roles, which skill clusters.

The decision is :func:`nlp.roles.decide_roles` on the posting's title and text (the rules of
``docs/ai-ml-technician.md``, measured by ``skillgap eval --roles``). The clusters are those
of the skills the posting *asks for*: a mention that is ``required``, or ``unknown`` (listed
with no cue either way, as in most short postings); ``preferred`` and ``not_required``
mentions are not counted, so "we use AI to ..." in a company blurb adds no cluster.

The same profile is what ``skillgap tag`` writes as each line's ``posting`` object
(:func:`posting_object`) and what the warehouse stores in ``posting_profiles``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nlp.records import PostingProfile, SkillMention
from nlp.skills import AI_ML_CLUSTERS, Taxonomy
from nlp.technician import decide_roles, role_family
from nlp.technician_cues import TECHNICIAN_FAMILIES

ASKED_FOR = frozenset({"required", "unknown"})


def profile_posting(
    posting_id: str,
    title: str | None,
    text: str,
    mentions: Iterable[SkillMention],
    taxonomy: Taxonomy,
    extractor_version: str,
) -> PostingProfile:
    """Profile one posting from its title, its text and its mentions."""
    asked = {m.skill_id for m in mentions if m.requirement in ASKED_FOR}
    skills = [taxonomy.get(skill_id) for skill_id in sorted(asked)]
    decision = decide_roles(title, text)
    return PostingProfile(
        posting_id=posting_id,
        is_ai_ml_role=decision.ai_ml_technician,
        title_says_ai_ml=bool(title) and role_family(title or "") in TECHNICIAN_FAMILIES,
        ai_ml_skills=sum(1 for s in skills if s.cluster in AI_ML_CLUSTERS),
        clusters=tuple(sorted({s.cluster for s in skills if s.cluster is not None})),
        role_family=decision.role_family,
        roles=decision.roles,
        taxonomy_version=taxonomy.version,
        extractor_version=extractor_version,
    )


def posting_object(profile: PostingProfile) -> dict[str, Any]:
    """The ``posting`` object of the ``skillgap tag`` contract for one profile."""
    return {
        "ai_ml_technician": profile.is_ai_ml_role,
        "role_family": profile.role_family,
        "roles": list(profile.roles),
        "clusters": list(profile.clusters),
    }
