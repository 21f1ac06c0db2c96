"""Secrets never shown: the hashed user id, the API key and proxy credentials stay out of every
repr and str, every exception (the package's own and the library's, whose messages redact URLs
with ServiceURL.redacted), and every log record, down to the library's trace level."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest

import airops
import airops.aio
from airops._log import TRACE
from airops._options import Settings
from conftest import Server

HASHED = "hashed-0123456789-secret"
PASSWORD = "pr0xy-pa55word"
API_KEY = "api-key-secret-42"
SECRETS = (HASHED, PASSWORD, API_KEY)


def assert_hidden(*texts: str) -> None:
    shown = "\n".join(texts)
    for secret in SECRETS:
        assert secret not in shown


def shown(error: BaseException) -> tuple[str, ...]:
    """Everything an exception shows: str, repr, args and those of its cause and context."""
    texts = [str(error), repr(error), *map(str, error.args)]
    for linked in (error.__cause__, error.__context__):
        if linked is not None:
            texts += [str(linked), repr(linked)]
    return tuple(texts)


@pytest.fixture
def library_records(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every record of the package and of the library (its trace level included) while the
    test runs; set before the clients are made, which take their log level when created."""
    caplog.set_level(TRACE, logger="airops")
    caplog.set_level(TRACE, logger="airops.library")
    yield caplog


def proxied(port: int) -> str:
    return f"http://tester:{PASSWORD}@127.0.0.1:{port}"


def test_settings_repr_and_str_hide_the_identity_and_url_credentials() -> None:
    settings = Settings.convert((b"user-1", b"1", HASHED.encode()),
                                {"host": f"http://admin:{PASSWORD}@127.0.0.1:1",
                                 "realtime_url": f"ws://admin:{PASSWORD}@127.0.0.1:2",
                                 "pusher_key": "key", "load_environment": False,
                                 "proxy": proxied(3)})
    assert_hidden(repr(settings), str(settings))
    assert [name for name, _ in settings.setters][:3] == ["set_identity", "set_host",
                                                           "set_realtime_url"]


def test_client_execution_and_error_reprs_hide_the_identity(server: Server,
                                                            closed_port: int) -> None:
    with airops.AirOps.identify(user_id=server.user_id, workspace_id=server.workspace_id,
                                hashed_user_id=server.hashed_user_id, host=server.host,
                                proxy=proxied(closed_port), no_proxy="127.0.0.1",
                                request_timeout=10) as client:
        with client.apps.execute("hello-world", {"name": "Ada"}) as execution:
            execution.result(timeout=10)
            texts = [repr(client), str(client), repr(client.apps), repr(execution),
                     str(execution)]
    for text in texts:
        assert server.hashed_user_id not in text and PASSWORD not in text


def test_async_client_repr_hides_the_identity(server: Server, closed_port: int) -> None:
    async def check() -> None:
        async with airops.aio.AsyncAirOps.identify(
                user_id=server.user_id, workspace_id=server.workspace_id, hashed_user_id=HASHED,
                host=server.host, proxy=proxied(closed_port)) as client:
            assert_hidden(repr(client), str(client), repr(client.apps))

    asyncio.run(check())


@pytest.mark.parametrize("hashed", [HASHED + "\0", HASHED + "\n", HASHED + "\x7f"])
def test_a_malformed_hashed_id_is_refused_without_showing_it(server: Server, hashed: str) -> None:
    with pytest.raises(airops.InvalidArgumentError) as raised:
        airops.AirOps.identify(user_id="u", workspace_id=1, hashed_user_id=hashed,
                               host=server.host)
    assert_hidden(*shown(raised.value))


@pytest.mark.parametrize("api_key, user_id", [(API_KEY + "\0", "u"), (API_KEY, ""),
                                              (API_KEY.encode() + b"\0", b"u")])
def test_hashing_errors_never_show_the_api_key(api_key: str | bytes, user_id: str | bytes) -> None:
    with pytest.raises(airops.InvalidArgumentError) as raised:
        airops.hash_user_id(api_key, user_id)
    assert_hidden(*shown(raised.value))


@pytest.mark.parametrize("option, url", [
    ("proxy", f"socks5://tester:{PASSWORD}@127.0.0.1:1080"),
    ("proxy", f"http://tester:{PASSWORD}@127.0.0.1:99999"),
    ("proxy", f"http://tester:{PASSWORD}@127.0.0.1:1/path"),
    ("proxy", f"http://te@ster:{PASSWORD}@"),
    ("host", f"http://admin:{PASSWORD}@127.0.0.1:1"),
    ("host", f"https://admin:{PASSWORD}@example.com:99999"),
])
def test_library_messages_about_bad_urls_redact_the_credentials(server: Server, option: str,
                                                                url: str) -> None:
    with pytest.raises(airops.InvalidArgumentError) as raised:
        server.identify(**{option: url, "load_environment": False})
    assert_hidden(*shown(raised.value))
    assert "***" in raised.value.message


def test_a_bad_proxy_variable_is_refused_without_its_credentials(
        server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", f"http://tester:{PASSWORD}@127.0.0.1:99999")
    monkeypatch.setenv("HTTP_PROXY", f"http://tester:{PASSWORD}@127.0.0.1:99999")
    with pytest.raises(airops.InvalidArgumentError) as raised:
        airops.AirOps(host=server.host)
    assert_hidden(*shown(raised.value))


@pytest.mark.parametrize("stream", [False, True], ids=["request", "stream"])
def test_failing_calls_never_show_secrets_in_errors_or_logs(
        realtime: Server, closed_port: int, library_records: pytest.LogCaptureFixture,
        stream: bool) -> None:
    # An unreachable proxy with credentials, retried once (the retry is logged with its
    # error), and a hashed id the server refuses.
    with realtime.identify(proxy=proxied(closed_port), max_retries=1,
                           request_timeout=5) as client:
        with pytest.raises(airops.ConnectionError) as unreachable:
            client.apps.execute("hello-world", {"name": "Ada"}, stream=stream)
    assert f"127.0.0.1:{closed_port}" in unreachable.value.message
    with airops.AirOps.identify(user_id=realtime.user_id, workspace_id=realtime.workspace_id,
                                hashed_user_id=HASHED, host=realtime.host,
                                realtime_url=realtime.realtime_url,
                                pusher_key=realtime.pusher_key, max_retries=0) as client:
        with pytest.raises(airops.AuthenticationError) as refused:
            client.apps.execute("hello-world", {"name": "Ada"}, stream=stream)
    records = library_records.records
    assert any(record.name == "airops.library" for record in records)
    assert_hidden(*shown(unreachable.value), *shown(refused.value),
                  *(record.getMessage() for record in records))
    assert all(realtime.hashed_user_id not in record.getMessage() for record in records)


def test_logs_of_a_working_streamed_run_never_show_the_identity(
        realtime: Server, library_records: pytest.LogCaptureFixture) -> None:
    with realtime.identify() as client:
        with client.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
            events = list(execution.events(timeout=10))
    assert events[-1].kind is airops.EventKind.COMPLETED
    logged = [record.getMessage() for record in library_records.records]
    assert any(record.levelno <= logging.DEBUG for record in library_records.records)
    assert all(realtime.hashed_user_id not in message for message in logged)
