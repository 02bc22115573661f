"""Agreement between two labelling passes over the same items, as the labelled sets report it.

    python scripts/label_agreement.py A.jsonl B.jsonl [--field ai_ml_technician] [--key id]
        [--within postings.jsonl --where split=test]

Each file holds one JSON object per line; items are matched by ``--key`` (``id`` for the role
labels, ``mention_id`` for the requirement levels). Prints the number of items, the share on
which ``--field`` agrees, Cohen's kappa for it, how often each value was given in each pass,
and the keys of the disagreements (to settle by re-reading). Every key must be in both files
once: a pass that skipped or doubled an item is an error, not a disagreement. ``--within``
and ``--where`` keep only the items of another file whose field has a value (one draw's test
part, say).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def _load(path: Path, key: str) -> dict[str, dict[str, object]]:
    items: dict[str, dict[str, object]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        obj = json.loads(line)
        name = str(obj[key])
        if name in items:
            sys.exit(f"{path}:{number}: {key} {name} is labelled twice")
        items[name] = obj
    return items


def kappa(first: list[object], second: list[object]) -> float:
    """Cohen's kappa of two equally long label sequences (1.0 when both are constant alike)."""
    total = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / total
    count_a, count_b = Counter(map(str, first)), Counter(map(str, second))
    expected = sum(count_a[v] * count_b[v] for v in count_a) / (total * total)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--field", default="ai_ml_technician")
    parser.add_argument("--key", default="id")
    parser.add_argument("--within", type=Path, help="keep only the items of this file ...")
    parser.add_argument("--where", default="", help="... whose FIELD=VALUE (a string match)")
    args = parser.parse_args()
    first, second = _load(args.first, args.key), _load(args.second, args.key)
    if args.within:
        field, _, value = args.where.partition("=")
        kept = {k for k, o in _load(args.within, args.key).items() if str(o.get(field)) == value}
        first = {k: v for k, v in first.items() if k in kept}
        second = {k: v for k, v in second.items() if k in kept}
    if first.keys() != second.keys():
        only = sorted(first.keys() ^ second.keys())
        sys.exit(f"the passes label different items ({len(only)} in one only): {only[:10]}")
    keys = sorted(first)
    a = [first[k][args.field] for k in keys]
    b = [second[k][args.field] for k in keys]
    agreed = sum(x == y for x, y in zip(a, b, strict=True))
    print(f"items: {len(keys)}")
    print(f"{args.field} agreement: {agreed} of {len(keys)} ({agreed / len(keys):.1%})")
    print(f"Cohen's kappa: {kappa(a, b):.3f}")
    print(f"values, first pass: {dict(Counter(map(str, a)))}")
    print(f"values, second pass: {dict(Counter(map(str, b)))}")
    print("disagreements: " + " ".join(k for k, x, y in zip(keys, a, b, strict=True) if x != y))


if __name__ == "__main__":
    main()
