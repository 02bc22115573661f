"""Realistic benchmark corpora made from the bundled postings.

Each synthetic posting takes the header line of one real posting and three to six body
paragraphs drawn from other real postings, so vocabulary, length and markup stay realistic
while no two texts repeat. A fixed seed makes every corpus the same on every machine.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from extract.bundled import HN_2026_SIGHTINGS
from extract.hn import HNSightingsFile
from extract.records import JobPosting


@dataclass(frozen=True, slots=True)
class Sample:
    posting_id: str
    title: str | None
    text: str


def _real_postings() -> list[JobPosting]:
    unique: dict[str, JobPosting] = {}
    for record in HNSightingsFile(HN_2026_SIGHTINGS).fetch():
        if isinstance(record, JobPosting):
            unique[record.source_id] = record
    return list(unique.values())


def corpus(size: int, seed: int = 2026) -> Iterator[Sample]:
    """``size`` recombined postings, streamed."""
    real = _real_postings()
    paragraphs = [p for post in real for p in post.description.split("\n")[1:] if len(p) > 40]
    rng = random.Random(seed)
    for number in range(size):
        base = rng.choice(real)
        header = base.description.split("\n", 1)[0]
        body = rng.sample(paragraphs, rng.randint(3, 6))
        yield Sample(f"bench:{number}", base.title, "\n".join([header, *body]))
