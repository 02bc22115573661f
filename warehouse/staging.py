"""Staging that lets a whole source be checked before any of it is stored.

An import first streams every batch of a source into staging files, Arrow IPC files in a
directory beside the warehouse (``<warehouse>.staging/``; the system's temporary directory
for an in-memory warehouse). Memory stays bounded by the batch size, and the disk, not
DuckDB's write-ahead log, takes the copy. Only when the source has been read to its end
without a fatal error are the staged rows stored through the usual idempotent loads, batch
by batch, in the order they were read; a source that fails half-way (bad encoding at line
900,000, a dropped connection on page 40) leaves the warehouse untouched. One writer at a
time (the run lock) makes the fixed directory name safe; a crash leaves it behind and the
next import replaces it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from extract.records import JobPosting, QuarantinedRow

_SCHEMAS = {"postings": JobPosting.ARROW_SCHEMA, "quarantine": QuarantinedRow.ARROW_SCHEMA}
# Fast compression: staged text shrinks about threefold for little CPU.
_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4")


def staging_dir(con: duckdb.DuckDBPyConnection) -> Path | None:
    """``<warehouse file>.staging`` for a file warehouse, None for an in-memory one."""
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    path = rows[0][0] if rows else None
    return Path(f"{path}.staging") if path else None


class Stage:
    """The staging area of one import; use as a context manager, which removes it after."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.rows = dict.fromkeys(_SCHEMAS, 0)
        self._dir: Path | None = None
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        self._writers: dict[str, pa.ipc.RecordBatchFileWriter] = {}

    def __enter__(self) -> Stage:
        beside = staging_dir(self.con)
        if beside is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="skillgap-staging-")
            self._dir = Path(self._temporary.name)
        else:
            shutil.rmtree(beside, ignore_errors=True)
            beside.mkdir(parents=True)
            self._dir = beside
        return self

    def __exit__(self, *exc: object) -> None:
        self._close_writers()
        if self._temporary is not None:
            self._temporary.cleanup()
        elif self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)

    def _path(self, what: str) -> Path:
        assert self._dir is not None, "use Stage as a context manager"
        return self._dir / f"{what}.arrow"

    def _close_writers(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()

    def add(self, what: str, batch: pa.Table) -> None:
        """Stage a batch of ``postings`` or ``quarantine`` rows."""
        if batch.num_rows == 0:
            return
        schema = _SCHEMAS[what]
        writer = self._writers.get(what)
        if writer is None:
            writer = pa.ipc.new_file(str(self._path(what)), schema, options=_OPTIONS)
            self._writers[what] = writer
        writer.write_table(batch.cast(schema))
        self.rows[what] += batch.num_rows

    def batches(self, what: str, size: int) -> Iterator[pa.Table]:
        """The staged rows in the order they were staged, ``size`` at a time, in their schema.

        Reading ends staging: nothing more may be added afterwards.
        """
        self._close_writers()
        path = self._path(what)
        if not path.exists():
            return
        # Plain reads, not a memory map: mapped pages count as the process's resident memory
        # for as long as it runs, which for a big import would be the whole staged file.
        with pa.OSFile(str(path)) as source:
            reader = pa.ipc.open_file(source)
            pending: list[pa.RecordBatch] = []
            held = 0
            for index in range(reader.num_record_batches):
                batch = reader.get_batch(index)
                while batch.num_rows:
                    take = batch.slice(0, size - held)
                    pending.append(take)
                    held += take.num_rows
                    batch = batch.slice(take.num_rows)
                    if held == size:
                        yield pa.Table.from_batches(pending, _SCHEMAS[what])
                        pending, held = [], 0
            if pending:
                yield pa.Table.from_batches(pending, _SCHEMAS[what])
