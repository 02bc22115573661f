"""Tagging outside the warehouse: a file of texts (``skillgap tag``) and the evaluations
(``skillgap eval``: SkillSpan spans, requirement levels, and with ``--roles`` the AI/ML
technician decision), with the extractor the nightly flow uses."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from flows.pipeline import make_extractor
from flows.settings import Settings
from nlp.evaluate import Evaluation, Split, evaluate
from nlp.evaluate_levels import LevelEvaluation, evaluate_levels
from nlp.tagfile import TagFileCounts, tag_jsonl
from nlp.technician_eval import RoleEvaluation, evaluate_roles, write_results


def tag_file(settings: Settings, source: Path, target: Path) -> TagFileCounts:
    """Tag every text of the JSON Lines ``source`` into ``target``."""
    return tag_jsonl(make_extractor(settings.taxonomy_extra), source, target)


def evaluate_extractor(
    settings: Settings, split: Split, sources: Sequence[str], errors: int = 0
) -> tuple[Evaluation, LevelEvaluation]:
    """Score the extractor on SkillSpan's ``split`` for ``sources``, and its requirement
    levels on our labelled mentions (every split)."""
    extractor = make_extractor(settings.taxonomy_extra)
    spans = evaluate(extractor, split, sources, errors=errors)
    return spans, evaluate_levels(extractor)


def evaluate_technician(
    settings: Settings, errors: int = 0, results: Path | None = None
) -> RoleEvaluation:
    """Score the AI/ML technician decision on the labelled postings; write ``results`` too."""
    result = evaluate_roles(make_extractor(settings.taxonomy_extra), errors=errors)
    if results is not None:
        write_results(result, results)
    return result
