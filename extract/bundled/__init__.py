"""Data files shipped inside the package, addressed by path so callers can stream them."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent

#: HN "Who is hiring?" sightings, January to May 2026; see the README next to the file.
HN_2026_SIGHTINGS: Path = _HERE / "hn-who-is-hiring-2026" / "sightings.jsonl"

#: HN "Who is hiring?" month files, August 2013 to April 2018 (54 months; 2016-07, 2017-08
#: and 2017-09 missing), one ``YYYY-MM.json.xz`` per thread; see the README next to them.
HN_2013_2018_MONTHS: Path = _HERE / "hn-who-is-hiring-2013-2018" / "months"
#: The day the month files were published in the collector's repository (its commit of
#: 2018-04-02): when those sightings were last seen, as the files tell nothing more precise.
HN_2013_2018_PUBLISHED = "2018-04-02"
