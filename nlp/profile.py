"""Posting-level facts: is this an AI/ML role, and which skill clusters does it ask for.

A skill is *asked for* when a mention of it is ``required``, or ``unknown`` (listed with no
cue either way, as in most short postings); ``preferred`` and ``not_required`` mentions are
not counted, so "we use AI to ..." in a company blurb does not make a posting an AI/ML role.

A posting is an AI/ML role when its title names one (machine learning engineer, data
scientist, AI engineer, ...) or when it asks for at least :data:`MIN_AI_ML_SKILLS` distinct
AI/ML skills.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp.records import PostingProfile, SkillMention
from nlp.skills import AI_ML_CLUSTERS, Taxonomy

MIN_AI_ML_SKILLS = 2
ASKED_FOR = frozenset({"required", "unknown"})

AI_ML_TITLE = re.compile(
    r"\b(?:machine[\s-]learning|ML|MLE|MLOps|A\.?I\.?|artificial\s+intelligence|deep\s+learning"
    r"|data\s+scien\w*|applied\s+scientist|research\s+scientist"
    r"|NLP|natural\s+language|computer\s+vision|perception|LLMs?|generative|GenAI"
    r"|reinforcement\s+learning|robot\w*|autonomy|autonomous)\b",
    re.IGNORECASE,
)


def profile_posting(
    posting_id: str,
    title: str | None,
    mentions: Iterable[SkillMention],
    taxonomy: Taxonomy,
    extractor_version: str,
) -> PostingProfile:
    """Classify one posting from its title and its mentions."""
    asked = {m.skill_id for m in mentions if m.requirement in ASKED_FOR}
    skills = [taxonomy.get(skill_id) for skill_id in sorted(asked)]
    ai_ml = sum(1 for s in skills if s.cluster in AI_ML_CLUSTERS)
    clusters = tuple(sorted({s.cluster for s in skills if s.cluster is not None}))
    # With no title there is no title evidence: a first line often names the company, and
    # "Acme AI | Backend Engineer" is not an AI role.
    title_says = bool(title and AI_ML_TITLE.search(title))
    return PostingProfile(
        posting_id=posting_id,
        is_ai_ml_role=title_says or ai_ml >= MIN_AI_ML_SKILLS,
        title_says_ai_ml=title_says,
        ai_ml_skills=ai_ml,
        clusters=clusters,
        taxonomy_version=taxonomy.version,
        extractor_version=extractor_version,
    )
