"""Writing the report's files so that readers only ever see a whole report.

Every file of a report (the page, each chart's CSV and PNG) is first written under a
temporary name beside its final one (``.report.html.<random>.part``) and flushed to disk.
Only when all of them are written are they renamed into place, the chart data first and the
page last; a failure on the way (a full disk, a folder that cannot be written, a killed
process) leaves the previous report as it was. A temporary file a killed writer left behind
is removed the next time that report is written.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from extract.errors import ReportError

_PART = ".part"


class Outputs:
    """The files of one report, written under temporary names until :meth:`commit`."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []  # (temporary, final), in writing order
        self.current: Path | None = None  # the final file being written, for error messages

    def temporary(self, final: Path) -> Path:
        """A temporary path to write ``final``'s content to; its folder is created."""
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            exc.filename = str(final)  # named in the error as the file it was for
            raise
        for stale in final.parent.glob(f".{final.name}.*{_PART}"):
            stale.unlink(missing_ok=True)  # left by a writer that was killed
        temporary = final.with_name(f".{final.name}.{secrets.token_hex(4)}{_PART}")
        self._pending.append((temporary, final))
        self.current = final
        return temporary

    def write_text(self, final: Path, text: str) -> None:
        """Write ``text`` as UTF-8 to the temporary file of ``final``."""
        with self.temporary(final).open("w", encoding="utf-8") as f:
            f.write(text)

    def commit(self) -> None:
        """Flush every file to disk, then rename each into place in the order written."""
        for temporary, _ in self._pending:
            fd = os.open(temporary, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        for temporary, final in self._pending:
            os.replace(temporary, final)
        self._pending.clear()

    def discard(self) -> None:
        """Remove every temporary file written so far."""
        for temporary, _ in self._pending:
            with suppress(OSError):  # a read-only folder refuses even that, and has nothing
                temporary.unlink(missing_ok=True)
        self._pending.clear()

    def final_name(self, path: str | None) -> Path | None:
        """The final file a temporary ``path`` stands for, else the one being written."""
        if path is None:
            return self.current
        finals = {temporary: final for temporary, final in self._pending}
        return finals.get(Path(path), Path(path))


@contextmanager
def report_outputs(page: Path) -> Iterator[Outputs]:
    """Collect the files of the report ``page`` and put them in place together at the end.

    An ``OSError`` on the way becomes a :class:`ReportError` naming the file and saying the
    previous report was kept; nothing of this report is left behind.
    """
    outputs = Outputs()
    try:
        yield outputs
        outputs.commit()
    except OSError as exc:
        target = outputs.final_name(exc.filename) or page
        outputs.discard()
        raise _cannot_write(page, exc, target) from None
    except BaseException:
        outputs.discard()
        raise


def _cannot_write(page: Path, exc: OSError, path: Path | None = None) -> ReportError:
    reason = exc.strerror or str(exc)
    where = f" ({path}: {reason})" if path is not None and path != page else f": {reason}"
    return ReportError(
        f"{page}: cannot write the report{where}. The previous report, if any, was left as "
        "it was; free some space or choose a folder you can write to (--out, or [report] path "
        "in the settings), then run again."
    )
