"""Logging: the package's own messages on "airops", the library's on "airops.library"."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import airops
import airops.aio
from airops import _log
from conftest import Server


@pytest.fixture
def library_level() -> Iterator[None]:
    """Restores the level of the "airops.library" logger after the test."""
    saved = _log.library_logger.level
    yield
    _log.library_logger.setLevel(saved)


def test_logger_names() -> None:
    assert _log.logger is logging.getLogger("airops")
    assert _log.library_logger is logging.getLogger("airops.library")
    assert _log.library_logger.parent is _log.logger


def test_library_records_are_forwarded_with_mapped_levels(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(1, logger="airops"):
        for level in range(7):
            _log.forward_library_record(level, f"message {level}")
        _log.forward_library_record(42, "from a newer library")
    records = [(record.name, record.levelno, record.getMessage()) for record in caplog.records]
    assert records == [
        ("airops.library", 5, "message 0"),
        ("airops.library", logging.DEBUG, "message 1"),
        ("airops.library", logging.INFO, "message 2"),
        ("airops.library", logging.INFO, "message 3"),
        ("airops.library", logging.WARNING, "message 4"),
        ("airops.library", logging.ERROR, "message 5"),
        ("airops.library", logging.CRITICAL, "message 6"),
        ("airops.library", logging.WARNING, "from a newer library"),
    ]


def test_disabled_levels_are_not_logged(caplog: pytest.LogCaptureFixture,
                                        library_level: None) -> None:
    _log.library_logger.setLevel(logging.ERROR)
    with caplog.at_level(logging.ERROR, logger="airops.library"):
        _log.forward_library_record(4, "a warning")
    assert caplog.records == []


@pytest.mark.parametrize("python_level, expected", [
    (1, 0), (logging.DEBUG, 1), (logging.INFO, 2), (logging.WARNING, 4), (logging.ERROR, 5),
    (logging.CRITICAL, 6), (logging.CRITICAL + 1, None)])
def test_library_min_level_follows_the_logger(library_level: None, python_level: int,
                                              expected: int | None) -> None:
    _log.library_logger.setLevel(python_level)
    assert _log.library_min_level() == expected


def test_a_client_forwards_the_library_messages(server: Server,
                                                caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(1, logger="airops.library"):  # before the client is created
        with server.identify() as client:
            with client.apps.execute("hello-world", {"name": "Ada"}) as execution:
                assert execution.result(timeout=10).succeeded
    messages = [record.getMessage() for record in caplog.records
                if record.name == "airops.library"]
    assert messages, "the library logged nothing at trace level"
    text = "\n".join(messages)
    assert server.hashed_user_id not in text and server.api_key not in text


def test_a_client_made_with_logging_off_forwards_nothing(server: Server,
                                                         caplog: pytest.LogCaptureFixture,
                                                         library_level: None) -> None:
    _log.library_logger.setLevel(logging.CRITICAL + 1)
    with server.identify() as client:
        with client.apps.execute("hello-world", {"name": "Ada"}) as execution:
            _log.library_logger.setLevel(1)  # too late for this client: nothing is forwarded
            with caplog.at_level(1, logger="airops.library"):
                assert execution.result(timeout=10).succeeded
    assert [record for record in caplog.records if record.name == "airops.library"] == []


def test_package_logs_its_own_messages(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with server.identify_async():
            pass

    with caplog.at_level(logging.DEBUG, logger="airops"):
        asyncio.run(main())
    messages = [record.getMessage() for record in caplog.records if record.name == "airops"]
    assert "client opened (queued delivery)" in messages
    assert any(message.startswith("client bound to event loop") for message in messages)
    assert "client closed" in messages


def test_library_load_is_logged() -> None:
    code = ("import logging, airops\n"
            "logging.basicConfig(level=logging.DEBUG, format='%(name)s %(message)s')\n"
            "airops.library_version()\n")
    environment = {**os.environ, "PYTHONPATH": str(Path(airops.__file__).resolve().parents[1])}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env=environment)
    assert result.returncode == 0, result.stderr
    assert f"airops loaded libairops {airops.__version__} from " in result.stderr


class _LateRecords(logging.Handler):
    """Keeps the library records emitted while `closed` is set."""

    def __init__(self) -> None:
        super().__init__(level=1)
        self.closed = False
        self.late: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.closed:
            self.late.append(record.getMessage())


def test_no_library_record_after_the_client_is_closed(realtime: Server,
                                                      library_level: None) -> None:
    handler = _LateRecords()
    _log.library_logger.addHandler(handler)
    _log.library_logger.setLevel(1)
    try:
        for _ in range(10):
            client = realtime.identify()
            execution = client.apps.execute("slow-echo", {"text": "one two"}, stream=True)
            next(iter(execution))
            client.close()
            handler.closed = True
            time.sleep(0.3)
            handler.closed = False
            assert handler.late == [], handler.late
    finally:
        _log.library_logger.removeHandler(handler)
