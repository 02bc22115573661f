"""The one polite HTTP layer every online source fetches through.

:class:`PoliteClient` sends GET requests over an httpx transport (injectable, so tests run
against a loopback server or ``httpx.MockTransport``) and adds what a well-behaved
collector owes the sites it reads:

- robots.txt is read once per host and obeyed; a disallowed URL is never requested, and
  while robots.txt cannot be read nothing is (a transient failure, not a block);
- an identifying User-Agent, ``skillgap/<version> (+<contact>)``;
- at most one request per ``min_interval`` seconds per host (or the site's Crawl-delay);
- timeouts, and a bounded number of retries with exponential backoff and jitter on
  connection errors, timeouts and HTTP 429/502/503/504, honouring ``Retry-After``;
- a cap on the response size, enforced while streaming;
- conditional requests (ETag / Last-Modified) against a :class:`~extract.rawstore.RawStore`,
  which also keeps every body for re-parsing.

Secrets (API keys) are passed as ``secret_params`` / ``secret_headers``. They are sent, but
never logged, never part of a raw-store key and never in an error message.

Failures raise :class:`~extract.errors.FetchError` or one of its subclasses (the tree is
drawn in :mod:`extract.errors`).
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote, urljoin
from urllib.robotparser import RobotFileParser

import httpx

from extract.errors import (
    FetchError,
    HttpStatusError,
    RateLimited,
    RedirectError,
    ResponseTooLarge,
    RobotsDisallowed,
)
from extract.rawstore import RawStore, StoredResponse

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRYABLE = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
_ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """How politely and how patiently to fetch.

    ``contact`` (an e-mail address or URL) goes into the User-Agent so site owners can
    reach whoever runs the collector. Times are in seconds.
    """

    contact: str = "https://github.com/skillgap"
    version: str = "0.1.0"
    min_interval: float = 1.0
    timeout: float = 30.0
    total_timeout: float = 120.0
    max_retries: int = 3
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    retry_after_max: float = 300.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    obey_robots: bool = True

    @property
    def user_agent(self) -> str:
        return f"skillgap/{self.version} (+{self.contact})"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response; ``not_modified`` when the body came from the raw store."""

    url: str
    status: int
    body: bytes
    content_type: str | None = None
    not_modified: bool = False

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body as JSON; a :class:`FetchError` naming the content type when it is not."""
        try:
            return json.loads(self.body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            kind = self.content_type or "no content type"
            raise FetchError(
                f"GET {self.url}: expected JSON, got {kind} that does not parse", self.url
            ) from None


@dataclass(frozen=True, slots=True)
class _Raw:
    status: int
    headers: httpx.Headers
    body: bytes


class PoliteClient:
    """GET with robots.txt, pacing, retries, size cap and conditional requests.

    ``clock`` and ``sleep`` drive pacing and backoff, ``now`` reads HTTP dates, ``rng``
    gives the jitter: tests pass fakes so nothing really waits. Use as a context manager
    or call :meth:`close`.
    """

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        store: RawStore | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings or HttpSettings()
        self._transport = transport or httpx.HTTPTransport()
        self.store = store
        self._clock = clock
        self._sleep = sleep
        self._now = now
        self._rng = rng or random.Random()
        self._last_request: dict[str, float] = {}
        # Per site: parsed rules, or True (allow all) / False (disallow all).
        self._robots: dict[str, RobotFileParser | bool] = {}
        self.requests_sent = 0

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._transport.close()

    def get_json(self, url: str, **kwargs: Any) -> Any:
        """:meth:`get`, then the body as JSON."""
        return self.get(url, **kwargs).json()

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        secret_params: Mapping[str, str] | None = None,
        secret_headers: Mapping[str, str] | None = None,
        conditional: bool = True,
    ) -> Fetched:
        """Fetch ``url`` with ``params``; raises a :class:`FetchError` subclass on failure.

        With a raw store and ``conditional``, a URL fetched before is asked for with its
        validators; a 304 answer returns the stored body with ``not_modified=True``.
        """
        secrets = [*(secret_params or {}).values(), *(secret_headers or {}).values()]
        public = httpx.URL(url, params=dict(params or {})) if params else httpx.URL(url)
        public_url = str(public)
        full = public.copy_merge_params(dict(secret_params)) if secret_params else public
        base_headers = {
            "User-Agent": self.settings.user_agent,
            "Accept-Encoding": "gzip, deflate",
            **(headers or {}),
        }
        cached = self.store.get(public_url) if self.store is not None and conditional else None
        if cached is not None:
            if cached.etag:
                base_headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                base_headers["If-Modified-Since"] = cached.last_modified
        try:
            raw, final_url = self._follow(full, public_url, base_headers, secret_headers or {})
        except FetchError as exc:
            exc.args = (_redact(str(exc), secrets),)
            exc.url = _redact(exc.url, secrets)
            raise
        final_public = _redact(final_url, secrets)
        content_type = raw.headers.get("content-type")
        if raw.status == 304 and cached is not None:
            logger.debug("GET %s: not modified", public_url)
            return Fetched(public_url, 200, cached.body, cached.content_type, not_modified=True)
        if raw.status >= 300:
            message = f"GET {final_public}: HTTP {raw.status}"
            raise HttpStatusError(message, final_public, raw.status)
        if self.store is not None:
            self.store.put(
                public_url,
                StoredResponse(
                    url=public_url,
                    body=raw.body,
                    etag=raw.headers.get("etag"),
                    last_modified=raw.headers.get("last-modified"),
                    content_type=content_type,
                    fetched_at=self._now().isoformat(),
                ),
            )
        return Fetched(final_public, raw.status, raw.body, content_type)

    def _follow(
        self,
        url: httpx.URL,
        public_url: str,
        headers: dict[str, str],
        secret_headers: Mapping[str, str],
    ) -> tuple[_Raw, str]:
        origin = (url.scheme, url.host, url.port)
        seen = {str(url)}
        shown = public_url
        for _ in range(self.settings.max_redirects + 1):
            self._check_robots(url, shown)
            same_origin = (url.scheme, url.host, url.port) == origin
            send = {**headers, **secret_headers} if same_origin else headers
            raw = self._send_with_retries(url, send, shown)
            location = raw.headers.get("location")
            if raw.status not in _REDIRECTS or not location:
                return raw, str(url)
            url = httpx.URL(urljoin(str(url), location))
            shown = str(url)
            if shown in seen:
                raise RedirectError(f"GET {public_url}: redirect loop at {shown}", public_url)
            seen.add(shown)
        raise RedirectError(
            f"GET {public_url}: more than {self.settings.max_redirects} redirects", public_url
        )

    def _send_with_retries(self, url: httpx.URL, headers: Mapping[str, str], shown: str) -> _Raw:
        settings = self.settings
        for attempt in range(settings.max_retries + 1):
            self._pace(url)
            try:
                raw = self._send_once(url, headers, shown)
            except _RETRYABLE as exc:
                problem, delay, status = type(exc).__name__, self._backoff(attempt), None
            else:
                if raw.status not in RETRY_STATUSES:
                    return raw
                status = raw.status
                problem = f"HTTP {raw.status}"
                wait = self._retry_after(raw.headers.get("retry-after"))
                if wait is not None and wait > settings.retry_after_max:
                    raise RateLimited(
                        f"GET {shown}: {problem}, server asks to retry after {wait:.0f} s "
                        f"(more than {settings.retry_after_max:.0f} s)",
                        shown,
                        raw.status,
                    )
                delay = max(self._backoff(attempt), wait or 0.0)
            if attempt == settings.max_retries:
                message = f"GET {shown}: {problem} after {attempt + 1} attempts"
                if status is None:
                    raise FetchError(message, shown)
                raise HttpStatusError(message, shown, status)
            logger.info("GET %s: %s; retrying in %.1f s", shown, problem, delay)
            self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _send_once(self, url: httpx.URL, headers: Mapping[str, str], shown: str) -> _Raw:
        limit = self.settings.max_bytes
        request = httpx.Request(
            "GET",
            url,
            headers=headers,
            extensions={"timeout": httpx.Timeout(self.settings.timeout).as_dict()},
        )
        self.requests_sent += 1
        started = self._clock()
        response = self._transport.handle_request(request)
        try:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise ResponseTooLarge(
                    f"GET {shown}: response of {declared} bytes exceeds the {limit}-byte cap",
                    shown,
                    response.status_code,
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise ResponseTooLarge(
                        f"GET {shown}: response exceeds the {limit}-byte cap", shown
                    )
                if self._clock() - started > self.settings.total_timeout:
                    raise httpx.ReadTimeout("total time for the response exceeded")
                chunks.append(chunk)
        finally:
            response.close()
        logger.debug("GET %s -> %d (%d bytes)", shown, response.status_code, size)
        return _Raw(response.status_code, response.headers, b"".join(chunks))

    def _pace(self, url: httpx.URL) -> None:
        host = url.netloc.decode("ascii", errors="replace")
        interval = self.settings.min_interval
        robots = self._robots.get(_site(url))
        if isinstance(robots, RobotFileParser):
            delay = robots.crawl_delay("skillgap")
            if delay is not None:
                interval = max(interval, float(delay))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.settings.backoff_max, self.settings.backoff_base * 2**attempt)
        return ceiling * self._rng.uniform(0.5, 1.0)

    def _retry_after(self, value: str | None) -> float | None:
        if value is None:
            return None
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return max(0.0, (moment - self._now()).total_seconds())

    def _check_robots(self, url: httpx.URL, shown: str) -> None:
        if not self.settings.obey_robots:
            return
        site = _site(url)
        robots = self._robots.get(site)
        if robots is None:
            robots = self._robots[site] = self._read_robots(site)
        allowed = robots if isinstance(robots, bool) else robots.can_fetch("skillgap", str(url))
        if not allowed:
            raise RobotsDisallowed(f"GET {shown}: disallowed by {site}/robots.txt", shown)

    def _read_robots(self, site: str) -> RobotFileParser | bool:
        """The rules of ``site``, or True (allow all) / False (disallow all).

        A robots.txt that cannot be read (no connection, a timeout, a 5xx after the retries)
        says nothing about what the site allows: it is a transient :class:`FetchError`, so
        nothing is fetched from the site now, nothing is remembered, and a later attempt (a
        retry of the source) reads robots.txt again. Only rules that disallow a URL block it.
        """
        headers = {"User-Agent": self.settings.user_agent}
        url = f"{site}/robots.txt"
        try:
            raw = self._send_with_retries(httpx.URL(url), headers, url)
        except FetchError as exc:
            raise type(exc)(
                f"{exc}; robots.txt could not be read, so nothing was fetched from {site}",
                url,
                exc.status,
            ) from None
        if raw.status >= 500:
            raise HttpStatusError(
                f"GET {url}: HTTP {raw.status}; robots.txt could not be read, so nothing was "
                f"fetched from {site}",
                url,
                raw.status,
            )
        if raw.status in (401, 403):
            return False
        if raw.status >= 400 or raw.status in _REDIRECTS:
            return True
        robots = RobotFileParser(f"{site}/robots.txt")
        text = raw.body[:_ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        robots.parse(text.splitlines())
        return robots


def _site(url: httpx.URL) -> str:
    return f"{url.scheme}://{url.netloc.decode('ascii', errors='replace')}"


def _redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            for form in {secret, quote(secret, safe=""), quote(secret)}:
                text = text.replace(form, "***")
    return text
