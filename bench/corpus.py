"""Realistic benchmark corpora made from the bundled postings.

Each synthetic posting takes the header line of one real posting and three to six body
paragraphs drawn from other real postings, so vocabulary, length and markup stay realistic
while no two texts repeat. A fixed seed makes every corpus the same on every machine.

:func:`corpus` yields plain texts for tagging benchmarks; :func:`write_corpus_file` writes
the same kind of postings, still as the HTML Hacker News serves, to a JSON Lines file that
the file importer reads like any user's export.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from extract.bundled import HN_2026_SIGHTINGS
from extract.files.hn_sightings import HNSightingsFile
from extract.records import JobPosting

CACHE = Path(__file__).resolve().parent / ".cache"
# Postings are spread over 29 months so that reports and partitions see a realistic span.
_FIRST_DAY = datetime(2024, 1, 1, tzinfo=UTC)
_SPAN_DAYS = 880


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


def _html_parts() -> tuple[list[JobPosting], list[str], list[str]]:
    """Real postings, with the HTML header and the HTML body paragraphs of each."""
    real = _real_postings()
    headers: list[str] = []
    paragraphs: list[str] = []
    for post in real:
        html = json.loads(post.raw)["text_html"]
        header, *body = html.split("<p>")
        headers.append(header)
        paragraphs.extend(p for p in body if len(p) > 40)
    return real, headers, paragraphs


def corpus_records(size: int, seed: int = 2026, first_id: int = 0) -> Iterator[dict[str, str]]:
    """``size`` recombined postings as file records (HTML ``description``), streamed.

    ``first_id`` numbers them, so a later slice (the "new postings" of a nightly run) can be
    made with another seed without clashing with an earlier corpus.
    """
    real, headers, paragraphs = _html_parts()
    rng = random.Random(seed)
    for number in range(first_id, first_id + size):
        pick = rng.randrange(len(real))
        base = real[pick]
        body = rng.sample(paragraphs, rng.randint(3, 6))
        posted = _FIRST_DAY + timedelta(days=rng.randrange(_SPAN_DAYS))
        yield {
            "id": f"b{number}",
            "title": base.title or "",
            "company": base.company or "",
            "location": base.location or "",
            "date": posted.date().isoformat(),
            "url": f"https://example.org/jobs/{number}",
            "description": "<p>".join([headers[pick], *body]),
        }


def write_corpus_file(
    size: int, path: Path | None = None, *, seed: int = 2026, first_id: int = 0
) -> Path:
    """Write ``size`` postings to a JSON Lines file once; later calls reuse the file."""
    path = path or CACHE / f"postings-{size}-{seed}-{first_id}.jsonl"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for record in corpus_records(size, seed, first_id):
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
    partial.replace(path)
    return path
