"""Draw the postings labelled for the AI/ML technician decision (docs/ai-ml-technician.md).

Stratified by year over the bundled Hacker News postings (2013-2018 month files and the 2026
sightings): per year, half drawn at random and half from the postings whose text names ML/AI
terms, so that the set holds enough positives to measure recall. Seeded; each posting gets a
``split`` (about 60% ``dev`` for tuning, 40% ``test`` never tuned on) from a hash of its id.

    python scripts/sample_role_postings.py MONTHS_DIR SIGHTINGS_JSONL OUT_JSONL
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

from extract.text import clean_html

PER_YEAR = 60
SEED = 20261205
CUE = re.compile(
    r"machine[\s-]learning|\bML\b|\bAI\b|artificial intelligence|deep learning|data scien"
    r"|\bNLP\b|computer vision|neural|tensorflow|pytorch|scikit|\bLLMs?\b|model",
    re.IGNORECASE,
)
ITEM_ID = re.compile(r"[?&]id=(\d+)")


def _split(posting_id: str) -> str:
    digest = hashlib.sha256(posting_id.encode()).digest()
    return "test" if digest[0] < 102 else "dev"  # 102/256 ≈ 40%


def _postings(months: Path, sightings: Path) -> dict[str, list[dict[str, str]]]:
    by_year: dict[str, list[dict[str, str]]] = {}
    for path in sorted(months.glob("*.json")):
        month = path.stem
        for item in json.loads(path.read_text(encoding="utf-8")):
            match = ITEM_ID.search(item.get("url") or "")
            text = clean_html(item.get("full_html") or "")
            if match and text:
                by_year.setdefault(month[:4], []).append(
                    {"id": f"hn:{match.group(1)}", "month": month, "text": text}
                )
    for line in sightings.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        text = clean_html(obj.get("text_html") or "")
        month = obj.get("thread_title", "")
        found = re.search(r"\((\w+) (\d{4})\)", month)
        names = (
            "January February March April May June July August September October November December"
        )
        month_no = names.split().index(found.group(1)) + 1 if found else 0
        if text and found:
            by_year.setdefault(found.group(2), []).append(
                {"id": f"hn:{obj['id']}", "month": f"{found.group(2)}-{month_no:02d}", "text": text}
            )
    return by_year


def main(months: str, sightings: str, out: str) -> None:
    rng = random.Random(SEED)
    chosen: list[dict[str, str]] = []
    for year, items in sorted(_postings(Path(months), Path(sightings)).items()):
        seen: dict[str, dict[str, str]] = {}
        for item in items:  # one entry per id (a comment can be sighted twice)
            seen.setdefault(item["id"], item)
        pool = sorted(seen.values(), key=lambda i: i["id"])
        cued = [i for i in pool if CUE.search(i["text"])]
        picked = rng.sample(cued, min(PER_YEAR // 2, len(cued)))
        ids = {i["id"] for i in picked}
        rest = [i for i in pool if i["id"] not in ids]
        picked += rng.sample(rest, PER_YEAR - len(picked))
        for index, item in enumerate(picked):
            stratum = "cued" if index < PER_YEAR // 2 and CUE.search(item["text"]) else "random"
            chosen.append({**item, "year": year, "stratum": stratum, "split": _split(item["id"])})
        print(f"{year}: {len(pool)} postings, {len(cued)} cued; drew {len(picked)}")
    with open(out, "w", encoding="utf-8") as handle:
        for item in chosen:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} postings -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
