"""The features the learned technician decision reads, from the rules' evidence on a posting.

Each feature is a number from what :func:`nlp.technician_rules.read_evidence` read of the
roles (does a role qualify by the rules, or by its duties; is its title an AI/ML title (a data
scientist's whose text speaks only of dashboards is not), a data scientist's, one the
definition excludes; how many sentences about the role name the work, how many name it in
company talk or only as a plus) and how often the posting uses the work's vocabulary
(:data:`~nlp.technician_cues.ML_LEXICON`). Counts enter as ``log1p``, so no single long
posting outweighs the rest. No feature names the year. The last, ``text``, is the log-odds of
the text model (:mod:`nlp.technician_text`), which weighs the posting's own words.

>>> features(read_evidence(None, "Acme | Machine Learning Engineer"), "Acme | ...")["ml_title"]
1.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from nlp import technician_cues as cues
from nlp.posting_roles import ML_TITLE
from nlp.technician_lexicon import lexicon_count
from nlp.technician_rules import PostingEvidence, RoleEvidence, read_evidence
from nlp.technician_text import TextModel, out_of_fold, posting_tokens, shipped_text_model

# The order the model file lists its weights in; a model must name each of them.
FEATURES: tuple[str, ...] = (
    "rules_qualify",
    "rules_by_duties",
    "ml_title",
    "ml_title_main",
    "ml_title_header",
    "data_science_title",
    "data_science_only",
    "excluded_ml_title",
    "main_duties",
    "max_duties",
    "framed_duty",
    "listed_role_duties",
    "other_duties",
    "roles",
    "length",
    "lexicon",
    "work_without_role",
    "text",
)


def features(
    evidence: PostingEvidence, text: str, text_model: TextModel | None = None
) -> dict[str, float]:
    """The feature values of one posting (every name of :data:`FEATURES`); ``text`` by
    ``text_model`` (the shipped one unless given)."""
    values = rule_features(evidence, text)
    titles = (r.role.title for r in evidence.roles if r.role.title)
    values["text"] = (text_model or shipped_text_model()).posting_logit(titles, text)
    return values


def text_tokens(evidence: PostingEvidence, text: str) -> frozenset[str]:
    """The tokens the text model reads: the titles of the roles the rules found, the text."""
    return posting_tokens((r.role.title for r in evidence.roles if r.role.title), text)


def read_postings(texts: Sequence[str]) -> tuple[list[dict[str, float]], list[frozenset[str]]]:
    """Each posting read once: its rule features and the tokens the text model reads."""
    evidence = [read_evidence(None, text) for text in texts]
    rows = [rule_features(e, text) for e, text in zip(evidence, texts, strict=True)]
    tokens = [text_tokens(e, text) for e, text in zip(evidence, texts, strict=True)]
    return rows, tokens


def held_out_rows(
    texts: Sequence[str], labels: Sequence[bool], fold_of: Sequence[int], text_l2: float
) -> list[dict[str, float]]:
    """The features of labelled postings as cross-validation needs them: ``text`` from a text
    model fitted on the other folds (see :func:`nlp.technician_text.out_of_fold`)."""
    rows, tokens = read_postings(texts)
    return with_held_out_text(rows, tokens, labels, fold_of, text_l2)


def with_held_out_text(
    rows: Sequence[dict[str, float]],
    tokens: Sequence[frozenset[str]],
    labels: Sequence[bool],
    fold_of: Sequence[int],
    text_l2: float,
) -> list[dict[str, float]]:
    """``rows`` with ``text`` from a text model fitted without each posting's fold."""
    logits = out_of_fold(tokens, labels, fold_of, text_l2)
    return [{**row, "text": logit} for row, logit in zip(rows, logits, strict=True)]


def rule_features(evidence: PostingEvidence, text: str) -> dict[str, float]:
    """The features read from the rules' evidence (all of :data:`FEATURES` but ``text``)."""
    roles = evidence.roles
    main = roles[0]
    # a data scientist whose text speaks only of dashboards is an analyst by the definition,
    # so the title is not an AI/ML one: the rules' exclusion, not a weight of its own (1,050
    # labelled postings hold four such readings, too few to learn a weight from; a weight
    # fitted on them counted the definition's own example). A role counted by its title is
    # then exactly an AI/ML-titled role, so ``ml_title`` stands for both.
    ml = [r for r in roles if _ml_titled(r)]
    lexicon = math.log1p(lexicon_count(text))
    rules_qualify = any(r.qualifies for r in roles)
    max_duties = max(r.duties for r in roles)
    return {
        "rules_qualify": float(rules_qualify),
        "rules_by_duties": float(any(r.qualifies and not r.by_title for r in roles)),
        "ml_title": float(bool(ml)),
        "ml_title_main": float(_ml_titled(main)),
        "ml_title_header": float(any(r.role.where in ("title", "header") for r in ml)),
        "data_science_title": float(any(r.family == "data_science" for r in ml)),
        "data_science_only": float(bool(ml) and all(r.family == "data_science" for r in ml)),
        "excluded_ml_title": float(any(_excluded_ml_title(r) for r in roles)),
        "main_duties": math.log1p(main.duties),
        "max_duties": math.log1p(max_duties),
        "framed_duty": float(any(r.framed for r in roles)),
        "listed_role_duties": math.log1p(sum(r.duties for r in roles[1:])),
        # the work named where the company talks about itself, or asked for only as a plus
        "other_duties": math.log1p(sum(r.reading.other_duties for r in roles)),
        "roles": math.log1p(sum(1 for r in roles if r.role.title)),
        "length": math.log1p(len(text) / 1000),
        "lexicon": lexicon,
        # the vocabulary of the work with no role the rules give it to
        "work_without_role": float(not rules_qualify) * lexicon,
    }


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


def _ml_titled(role: RoleEvidence) -> bool:
    return role.family in cues.TECHNICIAN_FAMILIES and not role.analytics_only


def _excluded_ml_title(role: RoleEvidence) -> bool:
    return role.excluded and ML_TITLE.search(role.role.title)
