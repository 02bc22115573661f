"""A job board on 127.0.0.1 that misbehaves on demand, and a minimal source that reads it.

Written for the fault tests only: the real connectors live in ``extract/``. The source is
registered as the kind ``loopback`` with :func:`flows.sources.online_kind`, exactly as a
connector would be, so the tests go through the registry, the polite HTTP client, the
flow's retries and the ledger.

Each scenario is a path prefix (``/error500/jobs?page=1``) serving two pages of three jobs.
While ``board.faulty`` is set, a scenario misbehaves as its name says; the transient ones
(``timeout``, ``reset``, ``ratelimit``) only on their first request.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from extract.http import PoliteClient
from extract.records import JobPosting, QuarantinedRow
from extract.source import SourceBase
from flows.sources import SourceKind, online_kind

HEALTHY = ("healthy", "healthy2")
TRANSIENT = ("timeout", "reset", "ratelimit")
BROKEN = ("error500", "truncated", "wrongtype", "oversized", "redirect", "badutf8")
SCENARIOS = HEALTHY + TRANSIENT + BROKEN
PAGES, PER_PAGE = 2, 3
MAX_BYTES = 64 * 1024
SLOW_SECONDS = 1.0


def jobs(scenario: str, page: int) -> list[dict[str, Any]]:
    if page > PAGES:
        return []
    return [
        {
            "id": f"{scenario}-{page}-{i}",
            "title": "ML technician",
            "text": f"Python and SQL required for {scenario} job {page}.{i}; Docker a plus.",
            "seen": 1767225600 + page * 10 + i,
        }
        for i in range(PER_PAGE)
    ]


class Board(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, api_key: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api_key = api_key
        self.faulty = True
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up on a slow answer is the point of the test


class _Handler(BaseHTTPRequestHandler):
    server: Board

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/robots.txt":
            return self._send(404, b"", "text/plain")
        scenario = url.path.strip("/").split("/")[0]
        query = parse_qs(url.query)
        if query.get("api_key") != [self.server.api_key]:
            return self._send(401, b'{"error": "bad key"}', "application/json")
        page = int(query["page"][0])
        with self.server.lock:
            self.server.hits[scenario] += 1
            first = self.server.hits[scenario] == 1
        body = json.dumps({"jobs": jobs(scenario, page)}).encode()
        if self.server.faulty and self._misbehave(scenario, page, first, body):
            return
        self._send(200, body, "application/json")

    def _misbehave(self, scenario: str, page: int, first: bool, body: bytes) -> bool:
        if scenario == "timeout" and first:
            time.sleep(SLOW_SECONDS)
        elif scenario == "reset" and first:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return True
        elif scenario == "ratelimit" and first:
            self.send_response(429)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        elif scenario == "error500":
            self._send(500, b"internal error", "text/plain")
            return True
        elif scenario == "truncated" and page == 2:
            self._send(200, body[: len(body) // 2], "application/json")
            return True
        elif scenario == "wrongtype":
            self._send(200, b"<html><body>Down for maintenance</body></html>", "text/html")
            return True
        elif scenario == "oversized":
            self._send(200, b"[" + b" " * MAX_BYTES + b"]", "application/json")
            return True
        elif scenario == "redirect":
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        elif scenario == "badutf8":
            self._send(200, body.replace(b"Docker", b"Dock\xff\xfe"), "application/json")
            return True
        return False

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass(frozen=True, slots=True)
class LoopbackSettings:
    base_url: str
    api_key: str


class LoopbackJobs(SourceBase):
    """Pages ``/jobs?page=N`` until an empty page; one bad job is quarantined, not fatal."""

    def __init__(self, settings: LoopbackSettings, client: PoliteClient) -> None:
        self.settings = settings
        self.client = client
        self.name = f"loopback:{settings.base_url.rstrip('/').rsplit('/', 1)[-1]}"

    def close(self) -> None:
        self.client.close()

    def fetch(self, since: datetime | None = None) -> Iterator[JobPosting | QuarantinedRow]:
        for page in range(1, 100):
            data = self.client.get_json(
                f"{self.settings.base_url}/jobs",
                params={"page": page},
                secret_params={"api_key": self.settings.api_key},
            )
            if not data["jobs"]:
                return
            for obj in data["jobs"]:
                raw = json.dumps(obj, sort_keys=True)
                try:
                    yield _parse(obj, self.name, raw)
                except (KeyError, TypeError, ValueError) as exc:
                    yield QuarantinedRow(self.name, f"page {page}", None, str(exc), raw)


def _parse(obj: dict[str, Any], source: str, raw: str) -> JobPosting:
    return JobPosting(
        source=source,
        source_id=str(obj["id"]),
        description=str(obj["text"]),
        seen_at=datetime.fromtimestamp(int(obj["seen"]), UTC),
        origin=source,
        raw=raw,
        title=obj.get("title"),
    )


def loopback_kind() -> SourceKind:
    return online_kind("loopback", LoopbackSettings, LoopbackJobs, secrets=("api_key",))
