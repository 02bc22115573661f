"""Staging files on a real full disk: a failure removes them, whatever failed."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from extract.errors import WarehouseError
from extract.records import JobPosting, postings_to_arrow
from warehouse.db import open_warehouse
from warehouse.staging import Stage

SEEN = datetime(2026, 3, 1, tzinfo=UTC)


def noisy_batch(start: int, rows: int, rng: random.Random) -> pa.Table:
    """Postings of random letters, which compress badly, so they fill a disk quickly."""
    letters = "abcdefghijklmnopqrstuvwxyz "
    return postings_to_arrow(
        [
            JobPosting(
                source="test",
                source_id=str(i),
                description="".join(rng.choices(letters, k=2000)),
                seen_at=SEEN,
                origin=f"test:{i}",
                raw="{}",
            )
            for i in range(start, start + rows)
        ]
    )


def test_a_full_disk_while_staging_removes_the_staging_files(
    small_disk: Callable[[str], Path],
) -> None:
    disk = small_disk("3m")
    db = disk / "w.duckdb"
    rng = random.Random(7)
    with closing(open_warehouse(db)) as con:
        con.execute("CHECKPOINT")  # the migrated file at its full size before measuring
        free_before = shutil.disk_usage(disk).free
        with pytest.raises(WarehouseError) as caught, Stage(con) as stage:
            for start in range(0, 100_000, 500):  # about 100 MB: far more than the disk
                stage.add("postings", noisy_batch(start, 500, rng))
    message = str(caught.value)
    assert "No space left on device" in message and "w.duckdb.staging" in message
    assert not Path(f"{db}.staging").exists()
    # Everything staging wrote is given back (a page of slack for the file system).
    assert shutil.disk_usage(disk).free >= free_before - 64 * 1024
