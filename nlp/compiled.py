"""Whether ``nlp`` imports its hot path compiled: the mypyc build, used only while it matches.

``scripts/compile_nlp.py`` (run by ``make``) compiles the modules tagging runs on every
posting into ``nlp/_compiled/``, with a manifest of the SHA-256 of every module of ``nlp/``
(the compiled ones were checked against the types of those they import).
``nlp/__init__.py`` puts that directory first on the package's search path when
:func:`compiled_build` finds the build usable: built for this Python, and every source
unchanged since. Otherwise nothing changes and every module runs as written. A module edited
after a build therefore never runs from a stale extension, and a build for this Python is
all or nothing: compiled modules call one another directly, so a compiled module must not
meet a changed pure-Python one.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from types import ModuleType

COMPILED_DIR = Path(__file__).parent / "_compiled"
MANIFEST = "manifest.json"


def source_digest(path: Path) -> str:
    """The SHA-256 of a source file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compiled_build(package: Path, build: Path) -> Path | None:
    """``build`` if its manifest says it was compiled for this Python from the sources now in
    ``package``; None if there is no build, it failed, it is for another Python, or any of
    its sources has changed or gone."""
    try:
        manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("built") is not True:
        return None
    sources = manifest.get("sources")
    if manifest.get("cache_tag") != sys.implementation.cache_tag or not sources:
        return None
    for name, digest in sources.items():
        try:
            if source_digest(package / f"{name}.py") != digest:
                return None
        except OSError:
            return None
    return build


def is_compiled(module: ModuleType) -> bool:
    """Whether ``module`` was imported from a compiled extension rather than its source."""
    return not str(getattr(module, "__file__", "")).endswith(".py")
