"""The learned technician decision: its features, its model file, its fitting and training."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from extract.errors import InputError
from nlp.technician import UNNAMED_ROLE, decide_roles
from nlp.technician_eval import DATA_DIR
from nlp.technician_features import FEATURES, posting_features
from nlp.technician_model import (
    MODEL_PATH,
    TechnicianModel,
    fit,
    folds,
    read_model,
    shipped_model,
)
from nlp.technician_text import read_text_model

ROOT = Path(__file__).resolve().parents[2]

ML_ENGINEER = (
    "Acme | Machine Learning Engineer | Berlin\n"
    "You'll train and evaluate ranking models, deploy them with our MLOps tooling and "
    "monitor them for drift."
)
FRONTEND = (
    "Acme | Frontend Engineer | Berlin\n"
    "Acme is an AI company: our product uses machine learning to price insurance.\n"
    "You'll build React components for our checkout pages."
)


def test_features_name_every_feature_and_read_the_rules() -> None:
    ml = posting_features(None, ML_ENGINEER)
    assert set(ml) == set(FEATURES)
    assert ml["rules_qualify"] == ml["ml_title"] == ml["ml_title_header"] == 1.0
    assert ml["lexicon"] > 0 and ml["main_duties"] > 0
    front = posting_features(None, FRONTEND)
    assert front["rules_qualify"] == front["ml_title"] == front["main_duties"] == 0.0
    # the company's AI is company talk: the vocabulary is there, with no role for it
    assert front["lexicon"] > 0 and front["work_without_role"] == front["lexicon"]


def test_a_data_scientist_of_dashboards_is_no_ml_title() -> None:
    analyst = posting_features(
        None,
        "Shopco | Data Scientist | Remote\nYou will build SQL dashboards and reporting for the "
        "marketing team and share insights.",
    )
    assert analyst["ml_title"] == analyst["data_science_title"] == 0.0
    assert analyst["rules_qualify"] == 0.0
    modeller = posting_features(
        None, "Shopco | Data Scientist | Remote\nYou will build churn models in scikit-learn."
    )
    assert modeller["ml_title"] == modeller["data_science_title"] == 1.0


def test_work_named_only_as_a_plus_or_as_the_company_is_counted_apart() -> None:
    plus = posting_features(
        None, "Acme | Backend Engineer\nExperience training ML models is a plus."
    )
    assert plus["other_duties"] > 0 and plus["main_duties"] == 0
    company = posting_features(
        None, "Acme | Backend Engineer\nAcme builds machine learning models for banks."
    )
    assert company["other_duties"] > 0 and company["main_duties"] == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(ML_ENGINEER, True, id="ml-engineer-doing-the-work"),
        pytest.param(FRONTEND, False, id="frontend-at-an-ai-company"),
        pytest.param(
            "Acme | Data Scientist | NYC\nYou'll build churn models and forecasting models "
            "in Python and scikit-learn.",
            True,
            id="data-scientist-modelling",
        ),
        pytest.param(
            "Acme | Account Executive | NYC\nSell our AI platform to enterprises.",
            False,
            id="sales-for-an-ai-platform",
        ),
    ],
)
def test_the_shipped_model_decides_clear_cases(text: str, expected: bool) -> None:
    assert decide_roles(None, text).ai_ml_technician is expected


def test_a_model_that_counts_a_posting_no_rule_qualifies_names_the_nearest_role() -> None:
    always = TechnicianModel({}, 10.0, 0.5)
    decision = decide_roles(None, "Acme | Backend Engineer | NYC\nGo and Postgres.", always)
    assert decision.ai_ml_technician
    assert decision.roles == ("Backend Engineer",)
    assert decision.role_family == "ml_engineering"
    unnamed = decide_roles(None, "We're a small team in Oslo.\nYou'll write Go.", always)
    assert unnamed.ai_ml_technician and unnamed.roles == (UNNAMED_ROLE,)
    named_in_text = decide_roles(None, "Oslo.\nOur data scientists ship weekly.", always)
    assert named_in_text.roles == ("data scientists",)
    never = TechnicianModel({}, -10.0, 0.5)
    assert decide_roles(None, ML_ENGINEER, never).ai_ml_technician is False
    assert decide_roles(None, ML_ENGINEER, never).role_family == "ml_engineering"


def test_the_shipped_model_file_loads_and_weighs_every_feature() -> None:
    model = read_model(MODEL_PATH)
    assert model == shipped_model()
    assert model.features == FEATURES
    assert 0 < model.threshold < 1 and model.strength > 0 and model.fresh_weight >= 1


def test_an_unusable_model_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "technician.json"
    bad.write_text(json.dumps({"weights": {"a": 1.0}}))
    with pytest.raises(InputError, match=r"technician\.json: not a technician model"):
        read_model(bad)


def test_fit_learns_the_direction_of_the_evidence() -> None:
    rows = [{"cue": float(n % 2), "noise": float(n % 3)} for n in range(60)]
    labels = [n % 2 == 1 for n in range(60)]
    model = fit(rows, labels, ["cue", "noise"], strength=1.0)
    assert model.weights["cue"] > 2 > abs(model.weights["noise"])
    assert model.decides({"cue": 1.0, "noise": 0.0})
    assert not model.decides({"cue": 0.0, "noise": 2.0})
    # counting the positives five times moves the boundary toward them
    heavier = fit(rows, labels, ["cue", "noise"], 1.0, weights=[5.0 if y else 1.0 for y in labels])
    assert heavier.bias > model.bias


def test_folds_are_fixed_by_the_ids_and_balanced_by_year() -> None:
    ids = [f"hn:{n}" for n in range(40)]
    years = ["2013"] * 20 + ["2026"] * 20
    fold_of = folds(ids, years, k=5)
    assert fold_of == folds(list(ids), list(years), k=5)
    for year in ("2013", "2026"):
        in_year = [f for f, y in zip(fold_of, years, strict=True) if y == year]
        assert sorted(in_year.count(k) for k in range(5)) == [4] * 5
    # the order the postings come in does not matter
    assert folds(ids[::-1], years[::-1], k=5) == fold_of[::-1]


def _training_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_technician", ROOT / "scripts" / "train_technician.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_technician", module)
    spec.loader.exec_module(module)
    return module


def _small_set(data: Path) -> None:
    """60 labelled tuning postings (the first draw's first and a fresh draw's last) in ``data``."""
    data.mkdir()
    postings = (DATA_DIR / "postings.jsonl").read_text(encoding="utf-8").splitlines()
    labels = (DATA_DIR / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    tuning = [line for line in postings if json.loads(line)["split"] == "dev"]
    picked = tuning[:40] + tuning[-20:]  # the first draw and a fresh one
    ids = {json.loads(line)["id"] for line in picked}
    (data / "postings.jsonl").write_text("\n".join(picked) + "\n", encoding="utf-8")
    (data / "labels.jsonl").write_text(
        "\n".join(line for line in labels if json.loads(line)["id"] in ids) + "\n",
        encoding="utf-8",
    )


def _example(data: Path, counts: bool) -> None:
    """One example in ``data``: an ML engineer training models, said to count or not."""
    row = {"id": "ml", "title": None, "text": ML_ENGINEER, "ai_ml_technician": counts}
    row["role_family"] = "ml_engineering"
    (data / "borderline.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")


def test_training_is_deterministic_on_a_small_set(tmp_path: Path) -> None:
    data = tmp_path / "roles"
    _small_set(data)
    # one example a model fitted on 60 postings decides: the shipped ones ask more of it
    _example(data, counts=True)
    script = _training_script()
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    words = [tmp_path / "a-text.json", tmp_path / "b-text.json"]
    for out, text_out in zip((first, second), words, strict=True):
        argv = ["--data", str(data), "--out", str(out), "--text-out", str(text_out)]
        assert script.main(argv) == 0
    assert first.read_bytes() == second.read_bytes()
    assert words[0].read_bytes() == words[1].read_bytes()
    assert read_text_model(words[0]).weights  # the text model is written beside it
    model = read_model(first)
    assert model.features == FEATURES
    assert json.loads(first.read_text())["postings"] == 60


def test_training_refuses_a_model_that_contradicts_the_definitions_examples(
    tmp_path: Path,
) -> None:
    data = tmp_path / "roles"
    _small_set(data)
    _example(data, counts=False)  # the definition would say an ML engineer does not count
    argv = ["--data", str(data), "--out", str(tmp_path / "m.json")]
    with pytest.raises(SystemExit, match="no setting decides every borderline example"):
        _training_script().main([*argv, "--text-out", str(tmp_path / "t.json")])
    assert not (tmp_path / "m.json").exists() and not (tmp_path / "t.json").exists()
