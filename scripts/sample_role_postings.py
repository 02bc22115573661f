"""Draw the postings labelled for the AI/ML technician decision (docs/ai-ml-technician.md).

Stratified by year over the bundled Hacker News postings (2013-2018 month files and the 2026
sightings): per year, half drawn at random among the postings whose text names ML/AI terms and
half among the rest, so that the set holds enough positives to measure recall. Ten seeded draws:

- the first (seed 20261205, 60 a year) was split by a hash of the id into ``dev`` (tuned on)
  and ``test``; that test part was scored eight times while the rules were tuned, so it is
  tuning data now: ``split`` ``dev`` with ``was_test: true``;
- the second (seed 20261206, 30 a year) was the ``test`` part, drawn before the rules were
  changed again. It holds none of the first draw's postings, by id nor by text (a repost
  under a new id is the same posting, as the warehouse folds it). Once scored, it was
  retired into tuning data too (``was_test: true``) when the decision became a learned
  model measured by cross-validation;
- the third (seed 20261207, 30 a year) was the ``test`` part of extractor 0.9.2: drawn and
  labelled before the learned model was trained on more data, scored once, then retired
  into tuning data (``was_test: true``);
- the fourth (seed 20261208, 60 a year) is more tuning data for the learned model
  (``split`` ``dev``), drawn after the third so that it holds none of its postings;
- the fifth (seed 20261209, 60 a year) was the ``test`` part of extractor 0.10.0: drawn and
  labelled before that decision was made, kept outside the repository until it was scored
  once, then retired into tuning data (``was_test: true``);
- the sixth (seed 20261210, 60 a year) is tuning data (``split`` ``dev``), drawn after the
  fifth;
- the seventh (seed 20261211, 60 a year) was the ``test`` part of extractor 0.10.1: drawn and
  labelled before that decision was made, kept outside the repository until it was scored
  once, then retired into tuning data (``was_test: true``);
- the eighth (seed 20261212, 60 a year) was the ``test`` part of extractor 0.10.2: drawn and
  labelled before that decision was made, kept outside the repository until it was scored
  once, then retired into tuning data (``was_test: true``);
- the ninth (seed 20261213, 120 a year, twice the others so that each figure's interval is
  narrower) was the ``test`` part of extractor 0.10.3: drawn and labelled before that decision
  was made, kept outside the repository until it was scored once, then retired into tuning
  data (``was_test: true``). By then the earlier draws had taken every 2013 posting that
  names a cue, so its 2013 postings are all drawn among the rest (``stratum`` ``random``);
- the tenth (seed 20261214, 120 a year, its 2013 postings drawn as the ninth's) is the
  ``test`` part: drawn and labelled before the decision of extractor 0.10.4 was made, kept
  outside the repository until it was scored once.

Every row carries ``draw`` (1 to 10).

The month files may be ``.json`` or ``.json.xz`` (as bundled).

    python scripts/sample_role_postings.py MONTHS_DIR SIGHTINGS_JSONL OUT_JSONL
"""

from __future__ import annotations

import hashlib
import json
import lzma
import random
import re
import sys
from pathlib import Path

from extract.text import clean_html

# (seed, a year), in the order drawn
DRAWS = (
    (20261205, 60),
    (20261206, 30),
    (20261207, 30),
    (20261208, 60),
    (20261209, 60),
    (20261210, 60),
    (20261211, 60),
    (20261212, 60),
    (20261213, 120),
    (20261214, 120),
)
TEST_DRAW = 10
CUE = re.compile(
    r"machine[\s-]learning|\bML\b|\bAI\b|artificial intelligence|deep learning|data scien"
    r"|\bNLP\b|computer vision|neural|tensorflow|pytorch|scikit|\bLLMs?\b|model",
    re.IGNORECASE,
)
ITEM_ID = re.compile(r"[?&]id=(\d+)")
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

Posting = dict[str, str]


def _first_split(posting_id: str) -> dict[str, object]:
    digest = hashlib.sha256(posting_id.encode()).digest()
    if digest[0] < 102:  # 102/256 ≈ 40%: the first draw's test part, retired into tuning data
        return {"draw": 1, "split": "dev", "was_test": True}
    return {"draw": 1, "split": "dev"}


def _split(draw: int, posting_id: str) -> dict[str, object]:
    if draw == 1:
        return _first_split(posting_id)
    if draw in (2, 3, 5, 7, 8, 9):  # earlier test parts, retired once scored
        return {"draw": draw, "split": "dev", "was_test": True}
    return {"draw": draw, "split": "test" if draw == TEST_DRAW else "dev"}


def _month_items(path: Path) -> list[dict[str, str]]:
    raw = lzma.decompress(path.read_bytes()) if path.suffix == ".xz" else path.read_bytes()
    items: list[dict[str, str]] = json.loads(raw.decode("utf-8"))
    return items


def _postings(months: Path, sightings: Path) -> dict[str, list[Posting]]:
    by_year: dict[str, list[Posting]] = {}
    for path in sorted([*months.glob("*.json"), *months.glob("*.json.xz")]):
        month = path.name.split(".", 1)[0]
        for item in _month_items(path):
            match = ITEM_ID.search(item.get("url") or "")
            text = clean_html(item.get("full_html") or "")
            if match and text:
                by_year.setdefault(month[:4], []).append(
                    {"id": f"hn:{match.group(1)}", "month": month, "text": text}
                )
    for line in sightings.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        text = clean_html(obj.get("text_html") or "")
        found = re.search(r"\((\w+) (\d{4})\)", obj.get("thread_title", ""))
        if text and found:
            month_no = MONTH_NAMES.index(found.group(1)) + 1
            by_year.setdefault(found.group(2), []).append(
                {"id": f"hn:{obj['id']}", "month": f"{found.group(2)}-{month_no:02d}", "text": text}
            )
    return by_year


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _draw(
    by_year: dict[str, list[Posting]], seed: int, per_year: int, taken: set[str]
) -> list[dict[str, object]]:
    """Per year, ``per_year // 2`` cued postings at random, the rest among the others."""
    rng = random.Random(seed)
    chosen: list[dict[str, object]] = []
    for year, items in sorted(by_year.items()):
        seen: dict[str, Posting] = {}
        for item in items:  # one entry per id (a comment can be sighted twice)
            seen.setdefault(item["id"], item)
        fresh = (i for i in seen.values() if not {i["id"], _key(i["text"])} & taken)
        pool = sorted(fresh, key=lambda i: i["id"])
        cued = [i for i in pool if CUE.search(i["text"])]
        picked = rng.sample(cued, min(per_year // 2, len(cued)))
        ids = {i["id"] for i in picked}
        rest = [i for i in pool if i["id"] not in ids]
        picked += rng.sample(rest, per_year - len(picked))
        for index, item in enumerate(picked):
            stratum = "cued" if index < per_year // 2 and CUE.search(item["text"]) else "random"
            chosen.append({**item, "year": year, "stratum": stratum})
        print(f"seed {seed}, {year}: {len(pool)} postings, {len(cued)} cued; drew {len(picked)}")
    return chosen


def main(months: str, sightings: str, out: str) -> None:
    by_year = _postings(Path(months), Path(sightings))
    taken: set[str] = set()
    rows: list[dict[str, object]] = []
    for number, (seed, per_year) in enumerate(DRAWS):
        drawn = _draw(by_year, seed, per_year, taken)
        taken |= {str(item["id"]) for item in drawn} | {_key(str(i["text"])) for i in drawn}
        for item in drawn:
            rows.append({**item, **_split(number + 1, str(item["id"]))})
    with open(out, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} postings -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
