"""Data files shipped inside the package, addressed by path so callers can stream them."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent

#: HN "Who is hiring?" sightings, January to May 2026; see the README next to the file.
HN_2026_SIGHTINGS: Path = _HERE / "hn-who-is-hiring-2026" / "sightings.jsonl"
