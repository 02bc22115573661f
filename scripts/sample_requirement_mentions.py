"""Draw the skill mentions labelled for requirement levels (docs/requirement-levels.md).

Postings are drawn at random from the bundled Hacker News postings, stratified by year
(2013-2018 month files and the 2026 sightings), tagged with the current extractor, and one
mention per posting is taken at random, so the set has the natural mix of levels. Seeded;
``split`` (about 60% ``dev``, 40% ``test``) comes from a hash of the posting id.

    python scripts/sample_requirement_mentions.py MONTHS_DIR SIGHTINGS_JSONL OUT_JSONL

A second, later held-out set was drawn with another seed, leaving out the postings of the
first set, and labelled only after every rule change was made (``fresh_test``)::

    python scripts/sample_requirement_mentions.py MONTHS SIGHTINGS fresh.jsonl \
        --seed 5122026 --per-year 24 --exclude mentions.jsonl --split fresh_test

A third set, more tuning data for a learned level model, left out the postings of both::

    python scripts/sample_requirement_mentions.py MONTHS SIGHTINGS train.jsonl \
        --seed 6122026 --per-year 60 --exclude mentions.jsonl --exclude fresh_mentions.jsonl \
        --split train
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import random
import re
from pathlib import Path

from extract.text import clean_html
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy

PER_YEAR = 48
SEED = 17_2026
ITEM_ID = re.compile(r"[?&]id=(\d+)")
MONTHS = "January February March April May June July August September October November December"


def _split(posting_id: str) -> str:
    return "test" if hashlib.sha256(posting_id.encode()).digest()[0] < 102 else "dev"


def _by_year(months: Path, sightings: Path) -> dict[str, dict[str, tuple[str, str]]]:
    years: dict[str, dict[str, tuple[str, str]]] = {}
    for path in sorted([*months.glob("*.json"), *months.glob("*.json.xz")]):
        month = path.name.split(".", 1)[0]
        raw = lzma.decompress(path.read_bytes()) if path.suffix == ".xz" else path.read_bytes()
        for item in json.loads(raw.decode("utf-8")):
            found = ITEM_ID.search(item.get("url") or "")
            text = clean_html(item.get("full_html") or "")
            if found and text:
                years.setdefault(month[:4], {})[f"hn:{found.group(1)}"] = (month, text)
    for line in sightings.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        title = re.search(r"\((\w+) (\d{4})\)", obj.get("thread_title") or "")
        text = clean_html(obj.get("text_html") or "")
        if title and text:
            month = f"{title.group(2)}-{MONTHS.split().index(title.group(1)) + 1:02d}"
            years.setdefault(title.group(2), {})[f"hn:{obj['id']}"] = (month, text)
    return years


def main(
    months: str,
    sightings: str,
    out: str,
    seed: int = SEED,
    per_year: int = PER_YEAR,
    exclude: list[str] | None = None,
    split: str | None = None,
) -> None:
    rng = random.Random(seed)
    skip: set[str] = set()
    for path in exclude or []:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        skip |= {json.loads(line)["posting_id"] for line in lines}
    extractor = Extractor(load_taxonomy())
    rows = []
    for year, postings in sorted(_by_year(Path(months), Path(sightings)).items()):
        ids = sorted(set(postings) - skip)
        rng.shuffle(ids)
        taken = 0
        for posting_id, mentions in extractor.tag((i, postings[i][1]) for i in ids[:400]):
            if taken == per_year:
                break
            if not mentions:
                continue
            mention = rng.choice(mentions)
            month, text = postings[posting_id]
            rows.append(
                {
                    "mention_id": f"{posting_id}@{mention.start}",
                    "posting_id": posting_id,
                    "month": month,
                    "skill_id": mention.skill_id,
                    "start": mention.start,
                    "end": mention.end,
                    "mention": mention.text,
                    "split": split or _split(posting_id),
                    "text": text,
                }
            )
            taken += 1
        print(f"{year}: {taken} mentions")
    with open(out, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} mentions -> {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("months")
    parser.add_argument("sightings")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-year", type=int, default=PER_YEAR)
    parser.add_argument("--exclude", action="append", help="leave out these mentions' postings")
    parser.add_argument("--split")
    args = parser.parse_args()
    main(args.months, args.sightings, args.out, args.seed, args.per_year, args.exclude, args.split)
