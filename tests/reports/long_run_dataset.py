"""Postings over thirteen years, with the gaps of the bundled Hacker News data, written as a
JSON Lines file for the real import and tagging.

Two months a year from 2013 to 2018 and two in 2026, a dozen postings each, so every other
month, and the years 2019 to 2025, hold no postings. Which skills a posting names follows
simple rules by year, kept in :func:`skills_for`, so the tests know what the report must
show: TensorFlow leads the frameworks until 2018, PyTorch from 2026; large language models
and the unknown term "Zorblax" appear only in 2026.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

MONTHS = {
    2013: (10, 12),
    2014: (3, 9),
    2015: (3, 9),
    2016: (6, 8),
    2017: (7, 10),
    2018: (1, 4),
    2026: (1, 3),
}
PER_MONTH = 12
MIN_POSTINGS = 10
# skill id -> the name written in the text (the extractor's name for it)
NAMES = {
    "python": "Python",
    "sql": "SQL",
    "tensorflow": "TensorFlow",
    "pytorch": "PyTorch",
    "keras": "Keras",
    "scikit_learn": "scikit-learn",
    "aws": "AWS",
    "llms": "large language models",
}
TITLES = ("Data Engineer", "Backend Developer", "Data Scientist", "Platform Engineer")
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella")
UNKNOWN_TERM = "Zorblax"
# Filler words, none a skill, so that no two postings read alike: near-identical texts
# would be folded into one posting as repeats.
FILLER = (
    "garden river window yellow pencil harbor meadow violin candle orchard lantern pebble "
    "ribbon saddle thimble walnut blanket compass feather kettle ladder marble needle "
    "pumpkin quilt sparrow teapot tulip umbrella velvet wagon willow acorn basket cactus "
    "daisy easel fossil glacier hammock igloo jigsaw kayak lemon mitten nutmeg olive "
    "parrot quartz raisin scarf tractor urchin vase walrus turnip zebra anchor biscuit "
    "chimney dolphin envelope falcon goblet hazel ivy oyster kiwi lilac mango nectar"
)
WORDS = tuple(FILLER.split())


@dataclass(frozen=True)
class Posting:
    posting_id: str
    month: date
    skills: frozenset[str]
    unknown: bool

    @property
    def text(self) -> str:
        names = [NAMES[s] for s in sorted(self.skills)]
        if self.unknown:
            names.insert(1, UNKNOWN_TERM)
        listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
        k = int(self.posting_id.rsplit("-", 1)[1])
        digest = hashlib.sha256(self.posting_id.encode()).digest()
        filler = " ".join(WORDS[b % len(WORDS)] for b in digest)
        return (
            f"{COMPANIES[k % len(COMPANIES)]} is hiring a {TITLES[k % len(TITLES)]}. "
            f"You will work with {listed}. About us: {filler}."
        )


def skills_for(year: int, k: int) -> frozenset[str]:
    """The skills the ``k``-th posting of a month of ``year`` names."""
    found = {"python"} if k % 2 == 0 else {"sql"}
    tensorflow = {2016: 2, 2017: 4, 2018: 6, 2026: 1}.get(year, 0)
    pytorch = {2017: 1, 2018: 2, 2026: 8}.get(year, 0)
    if k < tensorflow:
        found.add("tensorflow")
    if PER_MONTH - pytorch <= k:
        found.add("pytorch")
    if k % 4 == 1:
        found.add("scikit_learn")
    if year in (2017, 2018) and k == 5:
        found.add("keras")
    if k < (year - 2012 if year < 2026 else 9):
        found.add("aws")
    if year == 2026 and k % 2 == 0:
        found.add("llms")
    return frozenset(found)


def build() -> list[Posting]:
    return [
        Posting(
            posting_id=f"{year}-{m:02d}-{k}",
            month=date(year, m, 1),
            skills=skills_for(year, k),
            unknown=year == 2026 and k % 3 == 0,
        )
        for year, months in MONTHS.items()
        for m in months
        for k in range(PER_MONTH)
    ]


def write_jsonl(path: Path, postings: list[Posting]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for p in postings:
            record = {
                "id": p.posting_id,
                "title": TITLES[int(p.posting_id.rsplit("-", 1)[1]) % len(TITLES)],
                "company": "Example",
                "description": p.text,
                "date": f"{p.month.isoformat()[:8]}0{1 + int(p.posting_id[-1]) % 9}",
            }
            out.write(json.dumps(record) + "\n")
    return path
