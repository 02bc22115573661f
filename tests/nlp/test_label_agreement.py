"""scripts/label_agreement.py: the agreement figures the labelled sets' READMEs report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "label_agreement.py"


def _write(path: Path, labels: dict[str, bool]) -> Path:
    lines = [json.dumps({"id": k, "ai_ml_technician": v}) for k, v in labels.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args: Path | str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPT), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_agreement_and_kappa_of_two_passes(tmp_path: Path) -> None:
    # 10 items: both passes say true for 3, false for 5, and differ on 2 (one each way).
    # observed 0.8; expected (4*4 + 6*6) / 100 = 0.52; kappa = 0.28 / 0.48 = 0.583
    first = {f"i{n}": n < 4 for n in range(10)}
    second = {f"i{n}": n < 3 or n == 9 for n in range(10)}
    done = _run(_write(tmp_path / "a.jsonl", first), _write(tmp_path / "b.jsonl", second))
    assert done.returncode == 0, done.stderr
    assert "agreement: 8 of 10 (80.0%)" in done.stdout
    assert "Cohen's kappa: 0.583" in done.stdout
    assert done.stdout.strip().endswith("disagreements: i3 i9")


def test_passes_over_different_items_are_refused(tmp_path: Path) -> None:
    done = _run(
        _write(tmp_path / "a.jsonl", {"i1": True, "i2": False}),
        _write(tmp_path / "b.jsonl", {"i1": True}),
    )
    assert done.returncode != 0
    assert "different items" in done.stderr and "i2" in done.stderr


def test_agreement_within_a_part_of_the_items(tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    items.write_text(
        "\n".join(
            json.dumps({"id": f"i{n}", "split": "test" if n < 2 else "dev"}) for n in range(4)
        ),
        encoding="utf-8",
    )
    first = _write(tmp_path / "a.jsonl", {"i0": True, "i1": False, "i2": True, "i3": True})
    second = _write(tmp_path / "b.jsonl", {"i0": True, "i1": False, "i2": False, "i3": False})
    done = _run(first, second, "--within", items, "--where", "split=test")
    assert done.returncode == 0, done.stderr
    assert "agreement: 2 of 2 (100.0%)" in done.stdout
