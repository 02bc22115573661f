"""Skill tagging: the taxonomy, the spaCy pipeline and the posting decision.

The modules run on every posting import from ``nlp/_compiled/`` when ``make`` has compiled
them there and none has changed since (see :mod:`nlp.compiled`); otherwise from source.
"""

from pathlib import Path

from nlp.compiled import COMPILED_DIR, compiled_build

if (_build := compiled_build(Path(__file__).parent, COMPILED_DIR)) is not None:
    __path__.insert(0, str(_build))
