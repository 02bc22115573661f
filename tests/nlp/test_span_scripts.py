"""The span model's training scripts for real on a small warehouse: pretrain_spans.py (the
corpus it cuts, weights that load into the span model's encoder) and train_spans.py's
self-training lines."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import duckdb
import spacy
from spacy.tokens import DocBin, Span
from spacy.training import Example

from nlp.extractor import Extractor
from nlp.skills import load_taxonomy
from nlp.spans import CANDIDATE_TAG, LABEL, SpanModelConfig, make_recognizer

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
POSTINGS = [
    "Acme | ML Engineer | Remote\nYou will train models in PyTorch and deploy them with Docker.",
    "We need a data engineer.\nExperience with SQL, Python and Airflow is required.\nok",
    "Backend developer: Go, Kubernetes and PostgreSQL on AWS. Nice to have: Terraform.",
    "Good communication skills and teamwork are needed for this Python role.",
]


def train_spans() -> ModuleType:
    """scripts/train_spans.py as a module (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location("train_spans", SCRIPTS / "train_spans.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def warehouse(path: Path) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE postings (posting_id VARCHAR, description VARCHAR)")
        con.executemany(
            "INSERT INTO postings VALUES (?, ?)", [(f"p{i}", t) for i, t in enumerate(POSTINGS)]
        )
    return path


def test_pretrained_weights_load_into_the_span_models_encoder(tmp_path: Path) -> None:
    database = warehouse(tmp_path / "w.duckdb")
    out = tmp_path / "pretrain"
    subprocess.run(
        [
            sys.executable,
            str(SCRIPTS / "pretrain_spans.py"),
            "--database",
            str(database),
            "--epochs",
            "1",
            "--out",
            str(out),
        ],
        check=True,
        env={**os.environ, "DO_NOT_TRACK": "1"},
    )
    nlp = spacy.blank("en")
    lines = list(DocBin().from_disk(out / "lines.spacy").get_docs(nlp.vocab))
    # lines of five tokens or more, one Doc each; the skills carry the candidate feature
    assert [doc.text for doc in lines][:2] == [
        "Acme | ML Engineer | Remote",
        POSTINGS[0].split("\n")[1],
    ]
    assert "ok" not in [doc.text for doc in lines]
    assert any(t.tag_ == CANDIDATE_TAG and t.text == "PyTorch" for doc in lines for t in doc)

    module = train_spans()
    ner = make_recognizer(nlp, SpanModelConfig())
    ner.add_label(LABEL)
    doc = nlp.make_doc("We train models in PyTorch")
    gold = doc.copy()
    gold.ents = [Span(gold, 4, 5, label=LABEL)]
    ner.initialize(lambda: [Example(doc, gold)], nlp=nlp)
    weights = (out / "model0.bin").read_bytes()
    assert module.encoder(ner).to_bytes() != weights
    module.load_encoder(ner, out / "model0.bin")
    assert module.encoder(ner).to_bytes() == weights


def test_self_training_lines_carry_the_extractors_mentions(tmp_path: Path) -> None:
    module = train_spans()
    extractor = Extractor(load_taxonomy())
    examples = module.weak_examples(extractor, warehouse(tmp_path / "w.duckdb"), 10)
    lines = {e.reference.text: [ent.text for ent in e.reference.ents] for e in examples}
    # every line with a candidate, none without ("We need a data engineer." has none)
    assert "We need a data engineer." not in lines
    soft = {s.skill_id for s in extractor.taxonomy if s.category == "soft_skill"}
    tagged = dict(extractor.tag((str(i), t) for i, t in enumerate(POSTINGS)))
    wanted = {
        line: [
            m.text
            for m in tagged[str(i)]
            if text.find(line) <= m.start < m.end <= text.find(line) + len(line)
            and m.skill_id not in soft
        ]
        for i, text in enumerate(POSTINGS)
        for line in text.split("\n")
        if line in lines
    }
    assert lines == wanted
    assert lines["Experience with SQL, Python and Airflow is required."] == [
        "SQL",
        "Python",
        "Airflow",
    ]
    # soft skills are not KNOWLEDGE spans in SkillSpan: found by the extractor, not labelled
    assert {m.skill_id for m in tagged["3"]} >= {"communication", "python"}
    assert lines[POSTINGS[3]] == ["Python"]


def test_a_missing_warehouse_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPTS / "pretrain_spans.py"),
            "--database",
            str(missing),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert f"--database {missing}: no such file" in done.stderr
    assert not (tmp_path / "out").exists()
