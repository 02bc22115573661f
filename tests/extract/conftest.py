"""A real HTTP server on 127.0.0.1 that serves recorded responses, for the source tests.

Routes map a path (with or without its query string) to a :class:`Reply`, a list of replies
served in turn (the last one repeats), or a function of the request. The server records
every request it gets, so tests can check headers, paging and that nothing was fetched.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from extract.http import HttpSettings, PoliteClient
from extract.rawstore import FileRawStore

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_json(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@dataclass
class Reply:
    """One canned response. ``body`` may be bytes, text or a JSON-able value."""

    body: Any = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    delay: float = 0.0
    reset: bool = False
    etag: str | None = None
    no_length: bool = False

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]


Route = Reply | list[Reply] | Callable[[Seen], Reply]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {
            "/robots.txt": Reply(status=404, content_type="text/plain")
        }
        self.requests: list[Seen] = []
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        handler = _handler_for(self)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = replies[0] if len(replies) == 1 else list(replies)

    def json(self, path: str, fixture: str, **kwargs: Any) -> None:
        self.route(path, Reply(fixture_json(fixture), **kwargs))

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def reply_for(self, seen: Seen) -> Reply:
        route = self.routes.get(seen.path) or self.routes.get(seen.path.split("?", 1)[0])
        if route is None:
            return Reply({"error": "not found"}, status=404)
        if callable(route) and not isinstance(route, Reply):
            return route(seen)
        if isinstance(route, list):
            with self._lock:
                index = self._served.get(seen.path, 0)
                self._served[seen.path] = index + 1
            return route[min(index, len(route) - 1)]
        return route

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
            with server._lock:
                server.requests.append(seen)
            reply = server.reply_for(seen)
            if reply.delay:
                time.sleep(reply.delay)
            if reply.reset:
                linger = struct.pack("ii", 1, 0)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                self.close_connection = True
                return
            if reply.etag is not None and seen.headers.get("if-none-match") == reply.etag:
                self.send_response(304)
                self.send_header("ETag", reply.etag)
                self.end_headers()
                return
            body = reply.payload()
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if not reply.no_length:
                self.send_header("Content-Length", str(len(body)))
            if reply.etag is not None:
                self.send_header("ETag", reply.etag)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[LocalServer]:
    running = LocalServer()
    running.start()
    yield running
    running.stop()


class FakeTime:
    """A clock that only moves when something sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def make_client(tmp_path: Path, fake: FakeTime, **changes: Any) -> PoliteClient:
    options: dict[str, Any] = {
        "contact": "ops@example.org",
        "min_interval": 0.0,
        "timeout": 2.0,
        "max_retries": 2,
        "backoff_base": 0.01,
        "backoff_max": 0.05,
    }
    options.update(changes)
    return PoliteClient(
        HttpSettings(**options),
        store=FileRawStore(tmp_path / "raw"),
        clock=fake.clock,
        sleep=fake.sleep,
    )


@pytest.fixture
def client(tmp_path: Path, fake_time: FakeTime) -> Iterator[PoliteClient]:
    with make_client(tmp_path, fake_time) as polite:
        yield polite
