"""The compiled build of nlp's hot path is used only while it matches the sources."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import nlp
import nlp.technician_rules
from nlp.compiled import COMPILED_DIR, MANIFEST, compiled_build, is_compiled, source_digest


@pytest.fixture
def package(tmp_path: Path) -> Path:
    (tmp_path / "rules.py").write_text("X = 1\n")
    (tmp_path / "cues.py").write_text("Y = 2\n")
    return tmp_path


def write_build(package: Path, **overrides: object) -> Path:
    build = package / "_compiled"
    build.mkdir(exist_ok=True)
    manifest = {
        "built": True,
        "cache_tag": sys.implementation.cache_tag,
        "sources": {name: source_digest(package / f"{name}.py") for name in ("rules", "cues")},
        **overrides,
    }
    (build / MANIFEST).write_text(json.dumps(manifest))
    return build


def test_a_build_of_the_sources_as_they_are_is_used(package: Path) -> None:
    build = write_build(package)
    assert compiled_build(package, build) == build


def test_a_build_is_not_used_once_any_of_its_sources_changed(package: Path) -> None:
    build = write_build(package)
    (package / "cues.py").write_text("Y = 3\n")
    assert compiled_build(package, build) is None


def test_a_build_is_not_used_once_one_of_its_sources_is_gone(package: Path) -> None:
    build = write_build(package)
    (package / "rules.py").unlink()
    assert compiled_build(package, build) is None


@pytest.mark.parametrize(
    "overrides",
    [
        {"cache_tag": "cpython-27"},
        {"built": False, "reason": "CompileError: no compiler"},
        {"sources": {}},
    ],
    ids=["another Python", "a failed build", "no sources"],
)
def test_a_build_for_another_python_or_a_failed_one_is_not_used(
    package: Path, overrides: dict[str, object]
) -> None:
    assert compiled_build(package, write_build(package, **overrides)) is None


@pytest.mark.parametrize("manifest", [None, "{not json", "[1, 2]"])
def test_no_manifest_or_an_unreadable_one_means_pure_python(
    package: Path, manifest: str | None
) -> None:
    build = package / "_compiled"
    build.mkdir()
    if manifest is not None:
        (build / MANIFEST).write_text(manifest)
    assert compiled_build(package, build) is None


def test_this_process_runs_compiled_exactly_when_the_build_matches() -> None:
    usable = compiled_build(Path(nlp.__file__).parent, COMPILED_DIR) is not None
    assert is_compiled(nlp.technician_rules) == usable
    assert (str(COMPILED_DIR) in nlp.__path__) == usable
