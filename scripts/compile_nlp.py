"""Compile the tagging hot path with mypyc: the pure-Python modules run on every posting.

    .venv/bin/python scripts/compile_nlp.py            # build nlp/_compiled/
    .venv/bin/python scripts/compile_nlp.py --remove   # back to pure Python

``make demo`` and ``make test`` run it whenever a module of ``nlp/`` has changed since the
last build. mypyc turns the typed modules below into C extensions, which cut tagging's CPU
time by about 15% with the same output (``bench/tagging_identity.py``). The extensions
go to ``nlp/_compiled/``, never beside the sources, with a manifest of the SHA-256 of every
module of ``nlp/`` at the build; ``nlp/__init__.py`` imports from there only while every one
of them is unchanged (:mod:`nlp.compiled`), so an edited module runs as written, in
pure Python, until the next build. Where the build cannot run (no C compiler, no Python
headers), the manifest says why and skillgap runs in pure Python: the same output, slower.

Each module gets its own extension (``separate=True``), so each compiled module's
``__file__`` is its own file in ``nlp/_compiled/``, where a link to ``nlp/models`` lets the
modules find the model files they read.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.compiled import COMPILED_DIR, MANIFEST, source_digest  # noqa: E402

# The posting decision, then the pipeline components and what they call: the modules
# ``bench/tagging_phases.py`` shows spending pure-Python time on every posting.
MODULES = (
    "technician_cues",
    "lowered",
    "role_items",
    "posting_roles",
    "technician_rules",
    "technician_features",
    "technician_text",
    "technician_model",
    "technician_lexicon",
    "technician",
    "requirement_cues",
    "requirement_model",
    "requirement",
    "context",
    "relevance",
    "extent",
    "boundary",
    "spans",
    "extractor",
    "profile",
)
BUILD = ROOT / "build" / "mypyc"
PACKAGE = ROOT / "nlp"


def compile_modules() -> None:
    """Build every module's extension under :data:`BUILD` and move them to ``nlp/_compiled``."""
    # Imported here so that --remove works without mypyc and setuptools.
    from mypyc.build import mypycify
    from setuptools import setup
    from setuptools.warnings import SetuptoolsDeprecationWarning

    # setup() reads the project's own pyproject.toml, whose metadata is not what is built here
    warnings.simplefilter("ignore", SetuptoolsDeprecationWarning)

    os.chdir(ROOT)  # mypy reads its settings from pyproject.toml and the paths are relative
    sources = [f"nlp/{name}.py" for name in MODULES]
    extensions = mypycify(sources, separate=True, target_dir=str(BUILD / "c"))
    lib = BUILD / "lib"
    shutil.rmtree(lib, ignore_errors=True)
    setup(
        name="skillgap-nlp-compiled",
        ext_modules=extensions,
        script_args=[
            "--quiet",
            "build_ext",
            "--build-lib",
            str(lib),
            "--build-temp",
            str(BUILD / "o"),
        ],
    )
    COMPILED_DIR.mkdir()
    for built in lib.rglob("*.so"):
        shutil.move(built, COMPILED_DIR / built.name)
    (COMPILED_DIR / "models").symlink_to(Path("..") / "models")


def write_manifest(**fields: object) -> None:
    (COMPILED_DIR / MANIFEST).write_text(json.dumps(fields, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--remove", action="store_true", help="delete the compiled modules")
    args = parser.parse_args()
    shutil.rmtree(COMPILED_DIR, ignore_errors=True)
    if args.remove:
        return
    # Every module of nlp/, not only the compiled ones: mypyc compiled them against the types
    # of what they import. Taken before the build, so a source edited meanwhile reads as stale.
    digests = {path.stem: source_digest(path) for path in sorted(PACKAGE.glob("*.py"))}
    try:
        compile_modules()
    except (Exception, SystemExit) as exc:  # setuptools reports a failed compiler by SystemExit
        shutil.rmtree(COMPILED_DIR, ignore_errors=True)
        COMPILED_DIR.mkdir()
        write_manifest(built=False, reason=f"{type(exc).__name__}: {exc}")
        print(
            f"compile_nlp: not compiled ({type(exc).__name__}), so skillgap runs in pure Python;"
            f" the error is in {COMPILED_DIR / MANIFEST}",
            file=sys.stderr,
        )
        return
    write_manifest(built=True, cache_tag=sys.implementation.cache_tag, sources=digests)
    print(f"compile_nlp: compiled {len(MODULES)} modules of nlp/ with mypyc", file=sys.stderr)


if __name__ == "__main__":
    main()
