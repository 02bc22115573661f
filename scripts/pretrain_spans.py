"""Pretrain the span model's token encoder on the bundled postings (an experiment).

    python scripts/pretrain_spans.py --database skillgap.duckdb [--epochs 4] [--out build/pretrain]

SkillSpan's train split holds 140 postings, too few for the span model of
:mod:`nlp.spans` to learn what words look like. This script gives its encoder a start
from unlabelled text: every posting in the warehouse (``make demo`` fills it with the
29,761 bundled Hacker News postings) is run through the extractor to the relevance filter,
its candidates marked as the span model reads them, and cut into lines of five tokens or
more; spaCy's character objective (``spacy.PretrainCharacters.v1``: predict the first and
last four characters of each word from its context) then trains an encoder of exactly the
span model's shape. ``model<N>.bin`` after each epoch holds the encoder's weights, which
``scripts/train_spans.py --init-tok2vec`` loads before training on SkillSpan. No
SkillSpan text is read. Seeded; the corpus (220,070 lines, 5.85 million tokens) takes
about 2 minutes of CPU and each epoch about 6, at some 17,000 words a second on one core.

Result (taxonomy 2.0+e10bb306): in ``train_spans.py``'s three-fold cross-validation the
pretrained encoder lifts the span model's best combination with the taxonomy by about 1.5
points (strict 0.624 to 0.638, overlap 0.775 to 0.792, after one epoch; no further gain
after two or three), still below the extractor without the model (0.660 / 0.831). The
model stays off.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.training.pretrain import pretrain
from thinc.api import Config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_spans import candidates, line_ranges, warehouse_texts  # noqa: E402

from nlp.extractor import SPANS_KEY, Extractor  # noqa: E402
from nlp.skills import load_taxonomy  # noqa: E402
from nlp.spans import SpanModelConfig, mark_candidates, ner_config  # noqa: E402

MIN_TOKENS = 5
HIDDEN = 200
CHARACTERS = 4


def write_corpus(database: Path, path: Path) -> int:
    """Every posting's lines as Docs with the candidate feature; the number of lines."""
    extractor = Extractor(load_taxonomy())
    lines = DocBin(attrs=["ORTH", "TAG", "SPACY", "NORM"], store_user_data=False)
    for text in warehouse_texts(database):
        doc = candidates(extractor, text)
        mark_candidates(doc, list(doc.spans[SPANS_KEY]))
        for start, end in line_ranges(doc):
            if end - start >= MIN_TOKENS:
                lines.add(doc[start:end].as_doc())
    path.parent.mkdir(parents=True, exist_ok=True)
    lines.to_disk(path)
    return len(lines)


def pretraining_config(corpus: Path, epochs: int) -> Config:
    """A one-component pipeline whose encoder has the span model's shape, with spaCy's
    default pretraining settings but the character objective's hidden layer narrowed."""
    shape = SpanModelConfig()
    nlp = spacy.blank("en")
    encoder = ner_config(shape.width, shape.depth, shape.rows)["model"]["tok2vec"]
    nlp.add_pipe("tok2vec", config={"model": encoder})
    config = nlp.config.copy()
    defaults = Config().from_disk(Path(spacy.__file__).parent / "default_config_pretraining.cfg")
    config["pretraining"] = defaults["pretraining"]
    config["pretraining"].update(
        {"max_epochs": epochs, "component": "tok2vec", "layer": "", "n_save_epoch": 1}
    )
    config["pretraining"]["objective"].update({"hidden_size": HIDDEN, "n_characters": CHARACTERS})
    config["corpora"]["pretrain"] = {
        "@readers": "spacy.Corpus.v1",
        "path": str(corpus),
        "max_length": 0,
        "gold_preproc": False,
        "limit": 0,
        "augmenter": None,
    }
    return config.interpolate()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=ROOT / "skillgap.duckdb")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pretrain")
    args = parser.parse_args()
    if not args.database.is_file():
        parser.error(f"--database {args.database}: no such file (`make demo` builds one)")
    corpus = args.out / "lines.spacy"
    if not corpus.exists():
        print(f"wrote {write_corpus(args.database, corpus)} lines to {corpus}", flush=True)
    config = pretraining_config(corpus, args.epochs)
    config.to_disk(args.out / "config.cfg")
    pretrain(config, args.out, silent=False)


if __name__ == "__main__":
    main()
