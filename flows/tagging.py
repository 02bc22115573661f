"""Tagging outside the warehouse: a file of texts (``skillgap tag``) and the evaluations
(``skillgap eval``: SkillSpan spans, requirement levels), with the extractor the nightly
flow uses."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from flows.pipeline import make_extractor
from flows.settings import Settings
from nlp.evaluate import Evaluation, Split, evaluate
from nlp.evaluate_levels import LevelEvaluation, evaluate_levels
from nlp.tagfile import TagFileCounts, tag_jsonl


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
