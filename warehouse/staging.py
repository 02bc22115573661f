"""Staging that lets a whole source be checked before any of it is stored.

An import first streams every batch of a source into staging files, Arrow IPC files in a
directory beside the warehouse (``<warehouse>.staging/``; the system's temporary directory
for an in-memory warehouse). Memory stays bounded by the batch size, and the disk, not
DuckDB's write-ahead log, takes the copy. Only when the source has been read to its end
without a fatal error are the staged rows stored through the usual idempotent loads, batch
by batch, in the order they were read; a source that fails half-way (bad encoding at line
900,000, a dropped connection on page 40) leaves the warehouse untouched. One writer at a
time (the run lock) makes the fixed directory name safe. Staging files are removed however
the import ends, a full disk included (a failed write is a :class:`WarehouseError` naming the
directory); a killed process leaves them behind, and the next writer to take the run lock
removes them (:func:`remove_stale_staging`) before it needs the space.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa

from extract.errors import WarehouseError
from extract.records import JobPosting, QuarantinedRow

_SCHEMAS = {"postings": JobPosting.ARROW_SCHEMA, "quarantine": QuarantinedRow.ARROW_SCHEMA}
# Fast compression: staged text shrinks about threefold for little CPU.
_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4")


def staging_path(database: Path) -> Path:
    """Where the staging files of the warehouse file ``database`` go."""
    return Path(f"{database}.staging")


def remove_stale_staging(database: Path) -> bool:
    """Remove staging a killed import left beside ``database``; return whether there was any.

    Only for a holder of the run lock, which knows no other import is staging.
    """
    stale = staging_path(database)
    if not stale.exists():
        return False
    shutil.rmtree(stale, ignore_errors=True)
    return True


def staging_dir(con: duckdb.DuckDBPyConnection) -> Path | None:
    """``<warehouse file>.staging`` for a file warehouse, None for an in-memory one."""
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    path = rows[0][0] if rows else None
    return staging_path(Path(path)) if path else None


class Stage:
    """The staging area of one import; use as a context manager, which removes it after."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.rows = dict.fromkeys(_SCHEMAS, 0)
        self._dir: Path | None = None
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        self._writers: dict[str, tuple[pa.ipc.RecordBatchFileWriter, BinaryIO]] = {}

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
        try:
            self._close_writers()
        except OSError:
            # Closing writes a file's footer, which a full disk refuses too; the files are
            # removed below either way, and the error that got us here is the one to report.
            if exc[0] is None:
                raise
        finally:
            if self._temporary is not None:
                self._temporary.cleanup()
            elif self._dir is not None:
                shutil.rmtree(self._dir, ignore_errors=True)

    def _path(self, what: str) -> Path:
        assert self._dir is not None, "use Stage as a context manager"
        return self._dir / f"{what}.arrow"

    def _close_writers(self) -> None:
        writers = list(self._writers.values())
        self._writers.clear()
        failure: OSError | None = None
        for writer, sink in writers:
            try:
                writer.close()
            except OSError as exc:
                failure = failure or exc
            finally:
                # A writer that failed to close keeps its file open, and an open file keeps
                # its space after it is removed: close the file itself, always.
                sink.close()
        if failure is not None:
            raise self._write_error(failure) from None

    def _write_error(self, exc: OSError) -> WarehouseError:
        return WarehouseError(
            f"{self._dir}: cannot write the staging files of this import ({exc}); they were "
            "removed and nothing of the input was stored. Free some space (or fix the "
            "directory's permissions) and run again."
        )

    def add(self, what: str, batch: pa.Table) -> None:
        """Stage a batch of ``postings`` or ``quarantine`` rows."""
        if batch.num_rows == 0:
            return
        schema = _SCHEMAS[what]
        try:
            if what not in self._writers:
                sink = open(self._path(what), "wb", buffering=0)  # noqa: SIM115 - closed above
                try:
                    writer = pa.ipc.new_file(sink, schema, options=_OPTIONS)
                except BaseException:
                    sink.close()
                    raise
                self._writers[what] = (writer, sink)
            self._writers[what][0].write_table(batch.cast(schema))
        except OSError as exc:
            raise self._write_error(exc) from None
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
