"""Technician skills on the page: the core items first, the rest of the stack apart; the
decision and its measured precision and recall in the method notes."""

from __future__ import annotations

import html
import json
import shutil
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from report_dataset import MIN_POSTINGS, SKILLS, Posting

from nlp.core_skills import load_core_skills
from nlp.technician_eval import read_results
from reports.page import write_report
from reports.technician import _measured
from warehouse.db import open_warehouse


def _figures(path: Path) -> dict[str, Any]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return {
        str(node["data-figure"]): json.loads(node.string or "")
        for node in soup.find_all("script", attrs={"type": "application/json"})
    }


@pytest.fixture(scope="module")
def page(loaded_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the report dataset, written once for the tests below that read it."""
    folder = tmp_path_factory.mktemp("technician")
    shutil.copyfile(loaded_warehouse, folder / "w.duckdb")
    with closing(open_warehouse(folder / "w.duckdb")) as con:
        write_report(con, folder / "r.html", top_n=3, min_postings=MIN_POSTINGS)
    return folder / "r.html"


def test_core_chart_lists_every_item_with_its_share_of_technician_postings(
    page: Path, postings: list[Posting]
) -> None:
    bars = _figures(page)["chart-top-skills-ai-ml-core"]["data"][0]
    technicians = [p for p in postings if p.is_ai_ml_role]
    items = load_core_skills()
    assert sorted(bars["y"]) == sorted(item.name for item in items)
    expected = {
        item.name: 100 * sum(bool(p.skills & set(item.skill_ids)) for p in technicians)
        for item in items
    }
    drawn = dict(zip(bars["y"], bars["x"], strict=True))
    for name, share in expected.items():
        assert drawn[name] == pytest.approx(share / len(technicians)), name
    assert drawn["Python"] > 0 and drawn["calculus"] == 0


def test_rest_of_the_stack_leaves_the_core_out(page: Path, postings: list[Posting]) -> None:
    bars = _figures(page)["chart-top-skills-ai-ml-stack"]["data"][0]
    core = {s for item in load_core_skills() for s in item.skill_ids}
    counts = Counter(s for p in postings if p.is_ai_ml_role for s in p.skills if s not in core)
    top = sorted(counts, key=lambda s: (-counts[s], SKILLS[s][0]))[:3]
    # bars are drawn largest on top, i.e. last in the trace
    assert bars["y"][::-1] == [html.escape(SKILLS[s][0]) for s in top]


def test_pairs_chart_puts_the_core_first(page: Path) -> None:
    heatmap = _figures(page)["chart-cooccurrence"]
    names = heatmap["data"][0]["x"]
    core_names = {"Python", "SQL", "PyTorch"}
    first_rest = next(i for i, n in enumerate(names) if n not in core_names)
    assert all(n not in core_names for n in names[first_rest:])
    rules = heatmap["layout"]["shapes"]
    assert {shape["x0"] for shape in rules if shape["type"] == "line"} >= {first_rest - 0.5}


def test_method_notes_state_the_definition_and_the_measured_figures(page: Path) -> None:
    results = read_results()
    assert results is not None
    test = results["scores"]["test"]
    held_out = results["cross_validated"]["model"]
    words = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert "docs/ai-ml-technician.md" in words
    quoted = [held_out["dev"], held_out["fresh"]]
    if test["tp"] + test["fp"] + test["fn"] + test["tn"]:
        quoted.append(test)
    for figures in quoted:
        assert f"precision {figures['precision']:.2f}, recall {figures['recall']:.2f}" in words
    assert "skillgap eval --roles" in words


def _scores(tp: int, fp: int, fn: int, tn: int) -> dict[str, float]:
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def test_method_notes_say_how_often_the_set_aside_decision_errs() -> None:
    cv = {"folds": 10, "model": {"dev": _scores(90, 10, 10, 890)}}
    erring = _measured({"scores": {"test": _scores(40, 10, 20, 140)}, "cross_validated": cv})
    assert "precision 0.80, recall 0.67" in erring
    assert "about one in five postings counted is not a technician posting" in erring
    assert "about one in three technician postings is missed" in erring
    assert "tuning figures; the postings set aside are the measurement" in erring
    rare = _measured({"scores": {"test": _scores(90, 10, 10, 290)}, "cross_validated": cv})
    assert "about one in ten postings counted" in rare  # said in words, as a reader says it
    perfect = _measured({"scores": {"test": _scores(50, 0, 0, 160)}, "cross_validated": cv})
    assert "precision 1.00, recall 1.00" in perfect and "missed" not in perfect
    untested = _measured({"scores": {"test": _scores(0, 0, 0, 0)}, "cross_validated": cv})
    assert "set aside" not in untested and "precision 0.90, recall 0.90" in untested
