"""Speed of the AI/ML technician decision: ``decide_roles`` per posting on the labelled set.

    .venv/bin/python bench/technician.py [--before REV] [--repeats 5]

Times :func:`nlp.technician.decide_roles` over the labelled postings' texts
(``nlp/evaluation/roles/postings.jsonl``), best of ``--repeats`` passes with its caches
emptied before each. With ``--before REV`` the ``decide_roles`` of ``nlp/technician.py`` at
git revision REV is timed the same way (run against today's cue and role modules, which only
grew) and the ratio printed; the passes alternate between the two. CPU time of this process
(``time.process_time``), as the machine is shared: expect noise of 5-10% all the same.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp import posting_roles, role_items, technician_rules  # noqa: E402
from nlp.technician import decide_roles  # noqa: E402
from nlp.technician_eval import DATA_DIR  # noqa: E402

Decide = Callable[[str | None, str], object]


def _texts() -> list[str]:
    lines = (DATA_DIR / "postings.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def _clear_caches(*modules: types.ModuleType) -> None:
    for module in modules:
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def _time(decide: Decide, texts: list[str], *modules: types.ModuleType) -> float:
    """Seconds per posting of one pass."""
    _clear_caches(*modules)
    start = time.process_time()
    for text in texts:
        decide(None, text)
    return (time.process_time() - start) / len(texts)


def _decide_at(revision: str) -> tuple[Decide, types.ModuleType]:
    source = subprocess.run(
        ["git", "show", f"{revision}:nlp/technician.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("technician_before")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{revision}:nlp/technician.py", "exec"), module.__dict__)
    decide: Decide = module.decide_roles
    return decide, module


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--before", help="a git revision whose decide_roles to compare")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    texts = _texts()
    previous = _decide_at(args.before) if args.before else None
    now = before = float("inf")
    # passes alternate, so both versions see the same load of a shared machine
    for _ in range(args.repeats):
        now = min(now, _time(decide_roles, texts, technician_rules, posting_roles, role_items))
        if previous is not None:
            before = min(before, _time(previous[0], texts, previous[1]))
    print(f"{len(texts)} postings, best of {args.repeats} passes")
    print(f"decide_roles now: {now * 1000:.2f} ms a posting")
    if args.before:
        print(f"decide_roles at {args.before}: {before * 1000:.2f} ms a posting")
        print(f"ratio now/before: {now / before:.2f}")


if __name__ == "__main__":
    main()
