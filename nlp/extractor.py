"""The skill extractor: a spaCy pipeline on ``spacy.blank("en")`` with our own components.

``skillgap_skills`` finds taxonomy terms and writes them to ``doc.spans["skills"]``, one span
per mention, labelled with the skill id, keeping ambiguous names only in skill context
(:mod:`nlp.context`). ``skillgap_relevance`` drops mentions of generic skills that a learned
filter scores as incidental and records unknown terms (:mod:`nlp.relevance`);
``skillgap_boundaries`` widens what is left to the extent a reader would mark
(:mod:`nlp.boundary`); ``skillgap_requirement`` then sets ``span._.requirement`` from the
section headings and cue phrases around each mention.
Nothing is downloaded: the tokenizer is spaCy's rule-based English one with a few changes
that keep technology names whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, cast

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_suffix_regex, filter_spans

from nlp import context
from nlp.boundary import Boundaries, BoundaryRules
from nlp.context import SPANS_KEY
from nlp.records import Requirement, SkillMention, UnknownTerm
from nlp.relevance import UNKNOWN_KEY, Relevance, RelevanceModel
from nlp.requirement import classify_requirements
from nlp.skills import Taxonomy
from nlp.spans import SpanModel

EXTRACTOR_VERSION = "0.10.4"
# Longer texts are tagged a piece at a time: spaCy refuses docs over ``nlp.max_length``
# (1,000,000 characters), and a piece this size keeps one doc's memory small.
PIECE_CHARS = 100_000
_PUNCT_IN_TERM = re.compile(r"[^\w\s]")
# The text in pieces: a whitespace-free chunk with the single space after it (the common
# case, looked up whole), a chunk alone, or a run of whitespace.
_PIECES = re.compile(r"\S+ (?=\S|\Z)|\S+|\s+")
# No prefix, suffix, infix or URL rule of the tokenizer splits a run of ASCII letters; only a
# special case ("cannot", "gonna") can, so such a chunk that is not one is its own token.
_LETTERS = re.compile(r"[A-Za-z]+")
_HYPHENATED = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
_DOT_NAME = re.compile(r"^\.[a-z]+(?: [a-z0-9]+)*$")
# only what is plainly a URL stays one token; spaCy's default also keeps "Node.js/Express"
# whole, since "node.js" looks like a domain name
_URL = re.compile(
    r"^(?:(?:https?://|www\.)\S+"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|ai|dev|app|eu|de|uk|fr|nl)(?:/\S*)?)$",
    re.IGNORECASE,
)
# a slash after "C#" or "C++", or before ".NET", splits like one between letters does
_SLASH_INFIXES = (r"(?<=[#+])/(?=[\w.])", r"(?<=\w)/(?=\.\w)")
# where skillgap_requirement leaves each mention's level by its offsets, for the records
_LEVELS_KEY = "skillgap.levels"


# a piece's tokens: orth ids (a Doc built from ids skips hashing every word), the norms
# that differ from the lexeme's, the lowercase forms for context.Tokens, and which tokens
# a space follows
_Chunk = tuple[tuple[int, ...], tuple[tuple[int, str], ...], tuple[str, ...], tuple[bool, ...]]


@Language.factory(
    "skillgap_skills",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY},
)
def make_skill_matcher(nlp: Language, name: str, spans_key: str) -> SkillMatcher:
    return SkillMatcher(nlp, name, spans_key)


class SkillMatcher:
    """Matches taxonomy aliases: case-insensitive ones on LOWER, exact ones as written.

    The exact aliases of skills the taxonomy flags ``ambiguous`` are kept only where
    :func:`nlp.context.resolve` finds skill context around them.
    """

    def __init__(self, nlp: Language, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.vocab = nlp.vocab
        # One matcher per attribute: each pass over a doc costs the same however few its
        # patterns. The ". NET" forms and the lowercase forms of ambiguous names ride along
        # under keys of their own, mapped back to their skill by ``_dotted`` and ``_lower``.
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._dotted: dict[int, int] = {}
        self._lower: dict[int, int] = {}
        self.skill_names: dict[str, str] = {}
        self.ambiguous: set[str] = set()

    def _own_key(self, skill_id: str, kind: str, keys: dict[int, int]) -> str:
        key = f"{skill_id}\x00{kind}"
        keys[self.vocab.strings.add(key)] = self.vocab.strings.add(skill_id)
        return key

    def add_taxonomy(self, nlp: Language, taxonomy: Taxonomy) -> None:
        known = {a for skill in taxonomy.skills for a in skill.aliases}
        for skill in taxonomy.skills:
            self.skill_names[skill.skill_id] = skill.name
            if skill.aliases:
                forms = sorted(set(skill.aliases) | _variants(skill.aliases, known))
                patterns = [nlp.make_doc(a) for a in forms]
                patterns += [_pieces(nlp, a) for a in forms if _HYPHENATED.match(a)]
                self.folded.add(skill.skill_id, patterns)
                dotted = [nlp.make_doc(". " + a[1:]) for a in forms if _DOT_NAME.match(a)]
                if dotted:
                    self.folded.add(self._own_key(skill.skill_id, "dot", self._dotted), dotted)
            if skill.exact_aliases:
                self.exact.add(skill.skill_id, [nlp.make_doc(a) for a in skill.exact_aliases])
                if not skill.ambiguous:
                    continue
                self.ambiguous.update(skill.exact_aliases)
                lowered = [
                    a for a in context.lowercase_forms(skill.exact_aliases) if a not in known
                ]
                if lowered:
                    key = self._own_key(skill.skill_id, "lower", self._lower)
                    self.exact.add(key, [nlp.make_doc(a) for a in lowered])

    def __call__(self, doc: Doc) -> Doc:
        folded: list[tuple[int, int, int]] = []
        dotted: list[tuple[int, int, int]] = []
        for key, start, end in self.folded(doc):
            skill = self._dotted.get(key)
            if skill is None:
                folded.append((key, start, end))
            # ". NET" with a space after a free-standing dot; "growing. Net" ends a sentence
            elif start == 0 or doc[start - 1].whitespace_:
                dotted.append((skill, start, end))
        exact: list[tuple[int, int, int]] = []
        lowered: list[tuple[int, int, int]] = []
        for key, start, end in self.exact(doc):
            skill = self._lower.get(key)
            if skill is None:
                exact.append((key, start, end))
            else:
                lowered.append((skill, start, end))
        spans = [Span(doc, s, e, label=m) for m, s, e in folded + exact + dotted]
        lowercase = [Span(doc, s, e, label=m) for m, s, e in lowered]
        doc.spans[self.spans_key] = context.resolve(
            doc, filter_spans(spans + lowercase), lowercase, self.ambiguous
        )
        return doc


def _pieces(nlp: Language, alias: str) -> Doc:
    """A hyphenated ``alias`` split at its hyphens, as the tokenizer splits it in text.

    The tokenizer keeps "infrastructure-as-code" whole as written in the taxonomy (a special
    case) but splits "Infrastructure-as-Code", whose casing has none.
    """
    words = [w for w in re.split(r"(-)", alias) if w]
    return Doc(nlp.vocab, words=words, spaces=[False] * len(words))


def _variants(aliases: Iterable[str], known: set[str]) -> set[str]:
    """Spellings of ``aliases`` that writers use too: hyphens for spaces and plurals.

    "amazon web services" is also written "amazon-web-services" (as in tag lists), and
    "relational database" also "relational databases". A variant that is already an alias of
    any skill is left to that skill.
    """
    out: set[str] = set()
    for alias in aliases:
        if " " in alias:
            out.add(alias.replace(" ", "-"))
        elif "-" in alias and alias.replace("-", "").isalpha():
            out.add(alias.replace("-", " "))
        last = alias.rsplit(" ", 1)[-1]
        if len(last) >= 3 and last.isalpha() and not last.endswith("s"):
            out.add(alias[:-1] + "ies" if re.search(r"[^aeiou]y$", last) else alias + "s")
    return out - known


class TextKeepingTokenizer:
    """spaCy's tokenizer, run once per distinct whitespace-free chunk, keeping the text.

    spaCy's tokenizer caches how it split each chunk, but stops caching for the rest of a
    text once any special case has matched in it (spaCy issue #1250), and with our ~24,000
    special cases nearly every posting has one, so most chunks were split afresh each time.
    Chunks never affect one another (whitespace ends every token), so splitting each
    distinct chunk once and building the Doc from the words gives the same tokens, spaces
    and norms, about twice as fast. At most ``cache_size`` chunks are remembered. The text
    and the tokens' attributes the rules read are stored on each doc (see
    :func:`context.doc_text` and :func:`context.tokens`).
    """

    def __init__(self, tokenizer: Tokenizer, cache_size: int = 200_000) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        self.cache_size = cache_size
        self._chunks: dict[str, _Chunk] = {}

    def __call__(self, text: str) -> Doc:
        orths: list[int] = []
        spaces: list[bool] = []
        norms: list[tuple[int, str]] = []
        lowers: list[str] = []
        chunks = self._chunks
        for piece in _PIECES.findall(text):
            # a run of whitespace: its first space, if any, is the last token's
            if piece[0] == " " and orths:
                spaces[-1] = True
                if piece == " ":
                    continue
                piece = piece[1:]
            # "is None", not "or": compiled, a truth test builds the cached tuple anew
            found = chunks.get(piece)
            if found is None:
                found = self._split(piece)
            split, own_norms, own_lowers, own_spaces = found
            if own_norms:
                norms += [(len(orths) + j, norm) for j, norm in own_norms]
            orths += split
            spaces += own_spaces
            lowers += own_lowers
        # Doc takes orth ids as words too, though spaCy's stub names only strings
        doc = Doc(self.vocab, words=orths, spaces=spaces)  # type: ignore[arg-type]
        for i, norm in norms:
            doc[i].norm_ = norm
        context.keep_tokens(doc, context.Tokens(lowers, spaces))
        return context.keep_text(doc, text)

    def _split(self, chunk: str) -> _Chunk:
        found = self._chunks.get(chunk)
        if found is not None:
            return found
        if chunk[-1] == " " and not chunk[0].isspace():
            # a chunk and the one space after it: the chunk's tokens, the last followed by it
            orths, norms, lowers, spaces = self._split(chunk[:-1])
            found = (orths, norms, lowers, (*spaces[:-1], True))
        elif _LETTERS.fullmatch(chunk) and chunk not in self.tokenizer.rules:
            # spaCy's tokenizer costs ~20 us a call, most of it set-up, for a plain word
            lex = self.vocab[chunk]
            found = ((lex.orth,), (), (lex.lower_,), (False,))
        else:
            doc = self.tokenizer(chunk)
            # tokenizer exceptions may give a token its own norm ("n't" is "not")
            norms = tuple((t.i, t.norm_) for t in doc if t.norm != t.lex.norm)
            orths = tuple(t.orth for t in doc)
            found = (orths, norms, tuple(t.lower_ for t in doc), (False,) * len(orths))
        if len(self._chunks) >= self.cache_size:
            self._chunks.clear()
        self._chunks[chunk] = found
        return found


@Language.component("skillgap_requirement", assigns=["span._.requirement"])
def mark_requirements(doc: Doc) -> Doc:
    spans = list(doc.spans[SPANS_KEY])
    if not spans:
        return doc
    levels = classify_requirements(context.doc_text(doc), [s.start_char for s in spans])
    by_offsets: dict[tuple[int, int], Requirement] = {}
    for span, level in zip(spans, levels, strict=True):
        span._.requirement = level
        by_offsets[span.start_char, span.end_char] = level
    # for Extractor.mentions: reading span._ builds an object each time; spaCy keys a
    # span's extension values by its offsets too, so the last level written wins alike
    doc.user_data[_LEVELS_KEY] = by_offsets
    return doc


def _keep_terms_whole(nlp: Language, taxonomy: Taxonomy) -> None:
    """Make the tokenizer keep punctuated names (C#, CI/CD, Node.js) as single tokens.

    It also splits a full stop after a lone capital letter, so "Python and R." ends in "R",
    and a slash between names ("Node.js/Express", "C#/.NET") that spaCy's defaults keep whole.
    """
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    cases: dict[str, list[dict[str, str]]] = {}
    for skill in taxonomy.skills:
        for alias in (*skill.aliases, *skill.exact_aliases):
            if " " in alias or not _PUNCT_IN_TERM.search(alias):
                continue
            forms = {alias, alias.lower(), alias.upper(), skill.name}
            if alias in skill.aliases:
                forms |= {alias.title(), alias[:1].upper() + alias[1:]}
            for form in forms:
                if " " not in form and _PUNCT_IN_TERM.search(form):
                    cases[form] = [{"ORTH": form}]
    # The suffix rule first, then the ~24,000 special cases in one go: setting either makes
    # spaCy re-add every special case already there, which was a third of start-up.
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=\b[A-Z])\."]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    infixes = [*(nlp.Defaults.infixes or ()), *_SLASH_INFIXES]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.url_match = _URL.match
    tokenizer.rules = {**(tokenizer.rules or {}), **cases}


def build_pipeline(
    taxonomy: Taxonomy,
    use_model: bool = True,
    boundaries: BoundaryRules | None = None,
    span_model: Path | None = None,
) -> Language:
    """A ready extractor for ``taxonomy``.

    ``use_model=False`` leaves out the learned relevance filter, and ``boundaries`` replaces
    the packaged boundary rules; both are for the training scripts. ``span_model`` adds the
    statistical span model of :mod:`nlp.spans` trained into that directory; it is not part
    of the default pipeline, since on held-out train postings it scored below the rules and
    it halves tagging speed (see ``scripts/train_spans.py``).

    >>> nlp = build_pipeline(load_taxonomy())  # doctest: +SKIP
    >>> [s.label_ for s in nlp("Python and SQL").spans["skills"]]  # doctest: +SKIP
    ['python', 'sql']
    """
    if not Span.has_extension("requirement"):
        Span.set_extension("requirement", default="unknown")
    nlp = spacy.blank("en")
    _keep_terms_whole(nlp, taxonomy)
    nlp.tokenizer = TextKeepingTokenizer(cast(Tokenizer, nlp.tokenizer))
    matcher = cast(SkillMatcher, nlp.add_pipe("skillgap_skills"))
    matcher.add_taxonomy(nlp, taxonomy)
    relevance = cast(Relevance, nlp.add_pipe("skillgap_relevance"))
    model = RelevanceModel.load() if use_model else None
    relevance.initialize_from(taxonomy, model)
    if span_model is not None:
        spans = cast(SpanModel, nlp.add_pipe("skillgap_spans"))
        spans.initialize_from(nlp, {s.skill_id: s.category for s in taxonomy}, span_model)
    widener = cast(Boundaries, nlp.add_pipe("skillgap_boundaries"))
    widener.initialize_from(boundaries if boundaries is not None else BoundaryRules.load())
    nlp.add_pipe("skillgap_requirement")
    nlp.meta["skillgap"] = {"taxonomy_version": taxonomy.version, "extractor": EXTRACTOR_VERSION}
    return nlp


class Extractor:
    """Turns texts into :class:`SkillMention` records.

    ``tag`` yields each id with its mentions. ``tag_with_unknown`` also yields the
    :class:`~nlp.records.UnknownTerm` items found beside known skills in lists (e.g.
    "Frobnitz" in "Python, Frobnitz and SQL"), so a pipeline can count what the taxonomy is
    missing:

    >>> ex = Extractor(load_taxonomy())  # doctest: +SKIP
    >>> items = [("p1", "Python, Frobnitz and SQL")]
    >>> [(i, [m.skill_id for m in ms], [u.text for u in us])
    ...  for i, ms, us in ex.tag_with_unknown(items)]  # doctest: +SKIP
    [('p1', ['python', 'sql'], ['Frobnitz'])]

    The same terms are on each doc as the span group ``doc.spans["unknown"]``. Pass
    ``use_model=False`` to run without the learned relevance filter (used when training it).
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        use_model: bool = True,
        boundaries: BoundaryRules | None = None,
        span_model: Path | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.nlp = build_pipeline(taxonomy, use_model, boundaries, span_model)
        self.names = {s.skill_id: s.name for s in taxonomy.skills}

    @property
    def versions(self) -> tuple[str, str]:
        return self.taxonomy.version, EXTRACTOR_VERSION

    def mentions(self, doc_id: str, doc: Doc) -> list[SkillMention]:
        text = context.doc_text(doc)
        version = self.taxonomy.version
        levels = doc.user_data.get(_LEVELS_KEY, {})
        found = []
        for span in doc.spans[SPANS_KEY]:
            skill_id, start, end = span.label_, span.start_char, span.end_char
            level = levels.get((start, end)) or span._.requirement
            found.append(
                SkillMention(
                    doc_id,
                    skill_id,
                    self.names[skill_id],
                    start,
                    end,
                    text[start:end],
                    level,
                    version,
                    EXTRACTOR_VERSION,
                )
            )
        return found

    def tag(
        self, items: Iterable[tuple[str, str]], batch_size: int = 256
    ) -> Iterator[tuple[str, list[SkillMention]]]:
        """Tag ``(id, text)`` pairs, yielding each id with its mentions, in input order."""
        for doc_id, found, _ in self.tag_with_unknown(items, batch_size):
            yield doc_id, found

    def tag_with_unknown(
        self, items: Iterable[tuple[str, str]], batch_size: int = 256
    ) -> Iterator[tuple[str, list[SkillMention], list[UnknownTerm]]]:
        """Like :meth:`tag`, with the unknown terms of each text as a third item.

        A text longer than :data:`PIECE_CHARS` (or spaCy's ``nlp.max_length``, which refuses
        longer docs) is tagged in pieces cut at paragraph boundaries; its mentions keep their
        offsets into the whole text.
        """
        limit = min(PIECE_CHARS, self.nlp.max_length)

        def split() -> Iterator[tuple[str, tuple[str, int, bool]]]:
            for doc_id, text in items:
                parts = pieces(text, limit)
                for number, (offset, part) in enumerate(parts, start=1):
                    yield part, (doc_id, offset, number == len(parts))

        found: list[SkillMention] = []
        unknown: list[UnknownTerm] = []
        for doc, (doc_id, offset, last) in self.nlp.pipe(
            split(), as_tuples=True, batch_size=batch_size
        ):
            found += (_shifted(m, offset) for m in self.mentions(doc_id, doc))
            unknown += (_shifted(u, offset) for u in self.unknown_terms(doc_id, doc))
            if last:
                yield doc_id, found, unknown
                found, unknown = [], []

    def unknown_terms(self, doc_id: str, doc: Doc) -> list[UnknownTerm]:
        """The doc's unknown terms, counted under a case-folded, space-collapsed form."""
        return [
            UnknownTerm(
                posting_id=doc_id,
                term=" ".join(span.text.casefold().split()),
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                taxonomy_version=self.taxonomy.version,
                extractor_version=EXTRACTOR_VERSION,
            )
            for span in doc.spans[UNKNOWN_KEY]
        ]


def pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """``text`` cut into pieces of at most ``limit`` characters, each with its offset.

    Cuts fall at the last paragraph break in the second half of a piece, else the last line
    break, sentence end or space there, so that skills and the cues around them stay whole.

    >>> pieces("aa bb. cc\n\ndd ee", 12)
    [(0, 'aa bb. cc\n\n'), (11, 'dd ee')]
    """
    parts = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = len(window)
        for boundary in ("\n\n", "\n", ". ", " "):
            found = window.rfind(boundary, limit // 2)
            if found > 0:
                cut = found + len(boundary)
                break
        parts.append((start, window[:cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


_Found = TypeVar("_Found", SkillMention, UnknownTerm)


def _shifted(item: _Found, offset: int) -> _Found:
    return replace(item, start=item.start + offset, end=item.end + offset) if offset else item


def describe(extractor: Extractor) -> dict[str, Any]:
    """Versions and size of an extractor, for run ledgers and reports."""
    return {
        "taxonomy_version": extractor.taxonomy.version,
        "extractor_version": EXTRACTOR_VERSION,
        "skills": len(extractor.taxonomy),
    }
