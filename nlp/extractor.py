"""The skill extractor: a spaCy pipeline on ``spacy.blank("en")`` with our own components.

``skillgap_skills`` finds taxonomy terms and writes them to ``doc.spans["skills"]``, one span
per mention, labelled with the skill id. ``skillgap_requirement`` then sets
``span._.requirement`` from the section headings and cue phrases around each mention.
Nothing is downloaded: the tokenizer is spaCy's rule-based English one with a few changes
that keep technology names whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_suffix_regex, filter_spans

from nlp.records import SkillMention
from nlp.requirement import classify_requirements
from nlp.skills import Taxonomy

EXTRACTOR_VERSION = "0.1.0"
SPANS_KEY = "skills"
_PUNCT_IN_TERM = re.compile(r"[^\w\s]")


@Language.factory(
    "skillgap_skills",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY},
)
def make_skill_matcher(nlp: Language, name: str, spans_key: str) -> SkillMatcher:
    return SkillMatcher(nlp, name, spans_key)


class SkillMatcher:
    """Matches taxonomy aliases: case-insensitive ones on LOWER, ambiguous ones exactly."""

    def __init__(self, nlp: Language, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.skill_names: dict[str, str] = {}

    def add_taxonomy(self, nlp: Language, taxonomy: Taxonomy) -> None:
        for skill in taxonomy.skills:
            self.skill_names[skill.skill_id] = skill.name
            if skill.aliases:
                self.folded.add(skill.skill_id, [nlp.make_doc(a) for a in skill.aliases])
            if skill.exact_aliases:
                self.exact.add(skill.skill_id, [nlp.make_doc(a) for a in skill.exact_aliases])

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=match_id)
            for matcher in (self.folded, self.exact)
            for match_id, start, end in matcher(doc)
        ]
        doc.spans[self.spans_key] = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc


@Language.component("skillgap_requirement", assigns=["span._.requirement"])
def mark_requirements(doc: Doc) -> Doc:
    spans = doc.spans[SPANS_KEY]
    levels = classify_requirements(doc.text, [s.start_char for s in spans])
    for span, level in zip(spans, levels, strict=True):
        span._.requirement = level
    return doc


def _keep_terms_whole(nlp: Language, taxonomy: Taxonomy) -> None:
    """Make the tokenizer keep punctuated names (C#, CI/CD, Node.js) as single tokens.

    It also splits a full stop after a lone capital letter, so "Python and R." ends in "R".
    """
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    for skill in taxonomy.skills:
        for alias in (*skill.aliases, *skill.exact_aliases):
            if " " in alias or not _PUNCT_IN_TERM.search(alias):
                continue
            forms = {alias, alias.lower(), alias.upper(), skill.name}
            if alias in skill.aliases:
                forms |= {alias.title(), alias[:1].upper() + alias[1:]}
            for form in forms:
                if " " not in form and _PUNCT_IN_TERM.search(form):
                    tokenizer.add_special_case(form, [{"ORTH": form}])
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=\b[A-Z])\."]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def build_pipeline(taxonomy: Taxonomy) -> Language:
    """A ready extractor for ``taxonomy``.

    >>> nlp = build_pipeline(load_taxonomy())  # doctest: +SKIP
    >>> [s.label_ for s in nlp("Python and SQL").spans["skills"]]  # doctest: +SKIP
    ['python', 'sql']
    """
    if not Span.has_extension("requirement"):
        Span.set_extension("requirement", default="unknown")
    nlp = spacy.blank("en")
    _keep_terms_whole(nlp, taxonomy)
    matcher = cast(SkillMatcher, nlp.add_pipe("skillgap_skills"))
    matcher.add_taxonomy(nlp, taxonomy)
    nlp.add_pipe("skillgap_requirement")
    nlp.meta["skillgap"] = {"taxonomy_version": taxonomy.version, "extractor": EXTRACTOR_VERSION}
    return nlp


class Extractor:
    """Turns texts into :class:`SkillMention` records."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.nlp = build_pipeline(taxonomy)
        self.names = {s.skill_id: s.name for s in taxonomy.skills}

    @property
    def versions(self) -> tuple[str, str]:
        return self.taxonomy.version, EXTRACTOR_VERSION

    def mentions(self, doc_id: str, doc: Doc) -> list[SkillMention]:
        return [
            SkillMention(
                posting_id=doc_id,
                skill_id=span.label_,
                skill=self.names[span.label_],
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                requirement=span._.requirement,
                taxonomy_version=self.taxonomy.version,
                extractor_version=EXTRACTOR_VERSION,
            )
            for span in doc.spans[SPANS_KEY]
        ]

    def tag(
        self, items: Iterable[tuple[str, str]], batch_size: int = 256
    ) -> Iterator[tuple[str, list[SkillMention]]]:
        """Tag ``(id, text)`` pairs, yielding each id with its mentions, in input order."""
        pairs = ((text, doc_id) for doc_id, text in items)
        for doc, doc_id in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield doc_id, self.mentions(doc_id, doc)


def describe(extractor: Extractor) -> dict[str, Any]:
    """Versions and size of an extractor, for run ledgers and reports."""
    return {
        "taxonomy_version": extractor.taxonomy.version,
        "extractor_version": EXTRACTOR_VERSION,
        "skills": len(extractor.taxonomy),
    }
