from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from extract.errors import (
    FetchError,
    HttpStatusError,
    RateLimited,
    RedirectError,
    ResponseTooLarge,
    RobotsDisallowed,
    SourceError,
)
from extract.http import HttpSettings, PoliteClient
from extract.rawstore import FileRawStore
from tests.extract.conftest import FakeTime, LocalServer, Reply, make_client


def test_identifying_user_agent(server: LocalServer, client: PoliteClient) -> None:
    server.route("/a", Reply({"ok": True}))
    assert client.get_json(f"{server.url}/a") == {"ok": True}
    assert server.requests[-1].headers["user-agent"] == "skillgap/0.1.0 (+ops@example.org)"


def test_robots_disallow_is_never_fetched(server: LocalServer, client: PoliteClient) -> None:
    robots = "User-agent: *\nDisallow: /private\n"
    server.route("/robots.txt", Reply(robots, content_type="text/plain"))
    server.route("/private/jobs", Reply({"secret": 1}))
    server.route("/public", Reply({"ok": 1}))
    with pytest.raises(RobotsDisallowed, match=r"robots\.txt"):
        client.get(f"{server.url}/private/jobs")
    client.get(f"{server.url}/public")
    assert server.paths() == ["/robots.txt", "/public"]  # robots.txt read once per host


def test_robots_rules_for_our_agent(server: LocalServer, client: PoliteClient) -> None:
    robots = "User-agent: skillgap\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    server.route("/robots.txt", Reply(robots, content_type="text/plain"))
    with pytest.raises(RobotsDisallowed):
        client.get(f"{server.url}/anything")


@pytest.mark.parametrize("status", [401, 403], ids=["401", "403"])
def test_forbidden_robots_means_disallow_all(
    server: LocalServer, client: PoliteClient, status: int
) -> None:
    server.route("/robots.txt", Reply("", status=status, content_type="text/plain"))
    server.route("/a", Reply({"ok": 1}))
    with pytest.raises(RobotsDisallowed):
        client.get(f"{server.url}/a")
    assert "/a" not in server.paths()


@pytest.mark.parametrize(
    "failure",
    [Reply(reset=True), Reply("", status=500, content_type="text/plain"), Reply(status=503)],
    ids=["connection-reset", "500", "503"],
)
def test_unreachable_robots_is_a_transient_failure_not_a_block(
    server: LocalServer, client: PoliteClient, failure: Reply
) -> None:
    from flows.sources import is_transient

    server.route("/robots.txt", failure)
    server.route("/a", Reply({"ok": 1}))
    with pytest.raises(FetchError) as caught:
        client.get(f"{server.url}/a")
    assert not isinstance(caught.value, RobotsDisallowed)
    assert is_transient(caught.value)
    assert "robots.txt" in str(caught.value)
    assert "/a" not in server.paths()
    # Once robots.txt answers again, the same client reads it and fetches: nothing was
    # remembered as "disallowed".
    server.route("/robots.txt", Reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    assert client.get_json(f"{server.url}/a") == {"ok": 1}


def test_robots_can_be_switched_off(
    tmp_path: Path, fake_time: FakeTime, server: LocalServer
) -> None:
    server.route("/robots.txt", Reply("User-agent: *\nDisallow: /\n", content_type="text/plain"))
    server.route("/a", Reply({"ok": 1}))
    with make_client(tmp_path, fake_time, obey_robots=False) as polite:
        assert polite.get_json(f"{server.url}/a") == {"ok": 1}
    assert server.paths() == ["/a"]


def test_retries_on_503_honouring_retry_after(
    server: LocalServer, client: PoliteClient, fake_time: FakeTime
) -> None:
    server.route("/a", Reply(status=503, headers={"Retry-After": "3"}), Reply({"ok": 1}))
    assert client.get_json(f"{server.url}/a") == {"ok": 1}
    assert server.paths().count("/a") == 2
    assert fake_time.sleeps == [3.0]


def test_retry_after_as_http_date(tmp_path: Path, server: LocalServer) -> None:
    fake = FakeTime()
    moment = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    later = format_datetime(moment + timedelta(seconds=7), usegmt=True)
    server.route("/a", Reply(status=429, headers={"Retry-After": later}), Reply({"ok": 1}))
    polite = PoliteClient(
        HttpSettings(min_interval=0, backoff_base=0.01),
        clock=fake.clock,
        sleep=fake.sleep,
        now=lambda: moment,
    )
    with polite:
        polite.get(f"{server.url}/a")
    assert fake.sleeps == [7.0]


def test_retry_after_beyond_the_cap_stops(server: LocalServer, client: PoliteClient) -> None:
    server.route("/a", Reply(status=429, headers={"Retry-After": "86400"}))
    with pytest.raises(RateLimited, match="86400") as caught:
        client.get(f"{server.url}/a")
    assert caught.value.status == 429
    assert server.paths().count("/a") == 1


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retries_are_bounded(
    server: LocalServer, client: PoliteClient, fake_time: FakeTime, status: int
) -> None:
    server.route("/a", Reply(status=status))
    with pytest.raises(HttpStatusError, match=f"HTTP {status} after 3 attempts") as caught:
        client.get(f"{server.url}/a")
    assert caught.value.status == status
    assert server.paths().count("/a") == 3
    assert len(fake_time.sleeps) == 2
    assert all(0 < s <= 0.05 for s in fake_time.sleeps)  # backoff capped by backoff_max


def test_backoff_grows_exponentially_with_jitter(tmp_path: Path, server: LocalServer) -> None:
    fake = FakeTime()
    server.route("/a", Reply(status=502))
    settings = HttpSettings(min_interval=0, max_retries=4, backoff_base=1.0, backoff_max=100)
    polite = PoliteClient(settings, clock=fake.clock, sleep=fake.sleep)
    with polite, pytest.raises(HttpStatusError):
        polite.get(f"{server.url}/a")
    for attempt, slept in enumerate(fake.sleeps):
        assert 2**attempt * 0.5 <= slept <= 2**attempt


def test_client_errors_are_not_retried(server: LocalServer, client: PoliteClient) -> None:
    with pytest.raises(HttpStatusError, match="HTTP 404") as caught:
        client.get(f"{server.url}/missing")
    assert caught.value.status == 404
    assert server.paths().count("/missing") == 1


def test_connection_reset_is_retried(server: LocalServer, client: PoliteClient) -> None:
    server.route("/a", Reply(reset=True), Reply({"ok": 1}))
    assert client.get_json(f"{server.url}/a") == {"ok": 1}


def test_slow_response_times_out_after_retries(
    tmp_path: Path, fake_time: FakeTime, server: LocalServer
) -> None:
    server.route("/slow", Reply({"ok": 1}, delay=0.6))
    polite = make_client(tmp_path, fake_time, timeout=0.15, max_retries=1)
    with polite, pytest.raises(FetchError, match="ReadTimeout after 2 attempts"):
        polite.get(f"{server.url}/slow")


@pytest.mark.parametrize("no_length", [False, True], ids=["declared", "streamed"])
def test_response_size_cap(
    tmp_path: Path, fake_time: FakeTime, server: LocalServer, no_length: bool
) -> None:
    server.route("/big", Reply(b"x" * 200_000, no_length=no_length))
    with make_client(tmp_path, fake_time, max_bytes=50_000) as polite:
        with pytest.raises(ResponseTooLarge, match="50000-byte cap"):
            polite.get(f"{server.url}/big")
        assert not (tmp_path / "raw").exists()


def test_wrong_content_type_is_an_error(server: LocalServer, client: PoliteClient) -> None:
    server.route("/a", Reply("<html>maintenance</html>", content_type="text/html"))
    with pytest.raises(FetchError, match="expected JSON, got text/html"):
        client.get_json(f"{server.url}/a")


def test_redirects_are_followed_and_loops_stopped(
    server: LocalServer, client: PoliteClient
) -> None:
    server.route("/old", Reply(status=301, headers={"Location": "/new"}))
    server.route("/new", Reply({"ok": 1}))
    server.route("/x", Reply(status=302, headers={"Location": "/y"}))
    server.route("/y", Reply(status=302, headers={"Location": "/x"}))
    assert client.get_json(f"{server.url}/old") == {"ok": 1}
    with pytest.raises(RedirectError, match="redirect loop"):
        client.get(f"{server.url}/x")


def test_conditional_refetch_is_not_downloaded_again(
    tmp_path: Path, server: LocalServer, client: PoliteClient
) -> None:
    server.route("/jobs", Reply({"jobs": [1, 2]}, etag='"v1"'))
    first = client.get(f"{server.url}/jobs", params={"content": "true"})
    second = client.get(f"{server.url}/jobs", params={"content": "true"})
    assert not first.not_modified
    assert second.not_modified
    assert second.json() == {"jobs": [1, 2]}
    assert server.requests[-1].headers["if-none-match"] == '"v1"'
    assert len(list((tmp_path / "raw").glob("*.gz"))) == 1
    stored = FileRawStore(tmp_path / "raw").get(f"{server.url}/jobs?content=true")
    assert stored is not None and stored.etag == '"v1"'


def test_per_host_rate_limit(tmp_path: Path, fake_time: FakeTime, server: LocalServer) -> None:
    server.route("/a", Reply({"ok": 1}))
    with make_client(tmp_path, fake_time, min_interval=2.0) as polite:
        polite.get(f"{server.url}/a")
        polite.get(f"{server.url}/a")
        polite.get(f"{server.url}/a")
    assert fake_time.sleeps == [2.0, 2.0, 2.0]  # robots.txt counts as a request too


def test_crawl_delay_is_honoured(tmp_path: Path, fake_time: FakeTime, server: LocalServer) -> None:
    robots = "User-agent: *\nCrawl-delay: 5\nAllow: /\n"
    server.route("/robots.txt", Reply(robots, content_type="text/plain"))
    server.route("/a", Reply({"ok": 1}))
    with make_client(tmp_path, fake_time, min_interval=1.0) as polite:
        polite.get(f"{server.url}/a")
        polite.get(f"{server.url}/a")
    assert fake_time.sleeps[-1] == 5.0


def test_secrets_never_logged_stored_or_shown(
    tmp_path: Path, server: LocalServer, client: PoliteClient, caplog: pytest.LogCaptureFixture
) -> None:
    # Fragments that no port number, time or byte count can hold: "456" once failed the
    # test because the server's port was 45655.
    key, token = "s3cr3t-KEY-123", "tok+en/QzX"
    server.route("/ok", Reply({"ok": 1}))
    server.route("/fail", Reply(status=503))
    caplog.set_level(logging.DEBUG)
    client.get(
        f"{server.url}/ok",
        params={"q": "ml"},
        secret_params={"app_key": key},
        secret_headers={"Authorization-Key": token},
    )
    with pytest.raises(SourceError) as caught:
        client.get(f"{server.url}/fail", secret_params={"app_key": key})
    assert "app_key=" in server.requests[1].path  # it was sent
    assert server.requests[1].headers["authorization-key"] == token
    shown = [str(caught.value), caught.value.url, caplog.text]  # type: ignore[attr-defined]
    shown += [p.read_bytes().decode("latin-1") for p in (tmp_path / "raw").iterdir()]
    for text in shown:
        assert key not in text and token not in text
        assert "s3cr3t" not in text and "QzX" not in text


def test_secret_headers_not_sent_to_another_host(server: LocalServer, client: PoliteClient) -> None:
    other = server.url.replace("127.0.0.1", "localhost")
    server.route("/a", Reply(status=302, headers={"Location": f"{other}/b"}))
    server.route("/b", Reply({"ok": 1}))
    client.get(f"{server.url}/a", secret_headers={"Authorization-Key": "k"})
    assert "authorization-key" not in server.requests[-1].headers


def test_mock_transport_works_offline() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, json={"path": request.url.path})

    with PoliteClient(transport=httpx.MockTransport(answer), sleep=lambda s: None) as polite:
        assert polite.get_json("https://api.example.test/x") == {"path": "/x"}
