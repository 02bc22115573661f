"""Where fetched responses are kept, so a re-run can ask "changed since?" and re-parse.

The store knows nothing of DuckDB: anything with ``get`` and ``put`` as in :class:`RawStore`
will do, and the warehouse can implement the same two methods later. :class:`FileRawStore`
keeps one gzip file per URL (named by a hash of the URL) and an append-only JSON Lines index
of what each file holds. URLs given to a store have had every secret parameter removed by
the HTTP layer already; the store never sees an API key.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from extract.errors import SourceError

INDEX_NAME = "index.jsonl"


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """A successful response as kept in a store: validators, body and when it was fetched."""

    url: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    fetched_at: str | None = None


class RawStore(Protocol):
    """Raw responses keyed by (secret-free) URL."""

    def get(self, url: str) -> StoredResponse | None:
        """The last response stored for ``url``, or None."""
        ...

    def put(self, url: str, response: StoredResponse) -> None:
        """Keep ``response`` as the latest for ``url``."""
        ...


def url_key(url: str) -> str:
    """The file-name-safe key of a URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]


class FileRawStore:
    """A directory of gzip-compressed bodies plus ``index.jsonl`` describing them.

    >>> import tempfile
    >>> store = FileRawStore(tempfile.mkdtemp())
    >>> store.put("https://x.test/a", StoredResponse("https://x.test/a", b"{}", etag='"1"'))
    >>> store.get("https://x.test/a").etag
    '"1"'
    """

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self._index: dict[str, dict[str, str | None]] | None = None

    def get(self, url: str) -> StoredResponse | None:
        meta = self._entries().get(url_key(url))
        if meta is None:
            return None
        path = self.directory / f"{url_key(url)}.gz"
        try:
            body = gzip.decompress(path.read_bytes())
        except (OSError, EOFError):
            return None  # a lost or torn body file just means "download again"
        return StoredResponse(
            url=url,
            body=body,
            etag=meta.get("etag"),
            last_modified=meta.get("last_modified"),
            content_type=meta.get("content_type"),
            fetched_at=meta.get("fetched_at"),
        )

    def put(self, url: str, response: StoredResponse) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        key = url_key(url)
        _write_atomic(self.directory / f"{key}.gz", gzip.compress(response.body, mtime=0))
        meta = {k: v for k, v in asdict(response).items() if k != "body"}
        meta["url"] = url
        entry = {"key": key, **meta, "size": str(len(response.body))}
        try:
            with (self.directory / INDEX_NAME).open("a", encoding="utf-8") as index:
                index.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError as exc:
            message = f"cannot write raw-response index in {self.directory}: {exc}"
            raise SourceError(message) from None
        self._entries()[key] = {k: v for k, v in entry.items() if k != "key"}

    def urls(self) -> list[str]:
        """Every URL the store holds a response for, in first-stored order."""
        return [str(meta["url"]) for meta in self._entries().values()]

    def _entries(self) -> dict[str, dict[str, str | None]]:
        if self._index is None:
            self._index = {}
            path = self.directory / INDEX_NAME
            if path.is_file():
                with path.open(encoding="utf-8") as index:
                    for line in index:
                        try:
                            entry = json.loads(line)
                        except json.JSONDecodeError:
                            continue  # a torn last line from an interrupted run
                        if isinstance(entry, dict) and "key" in entry:
                            self._index[str(entry.pop("key"))] = entry
        return self._index


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise SourceError(f"cannot write raw response {path}: {exc}") from None
