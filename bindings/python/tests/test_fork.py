"""fork(): a child makes clients of its own and uses every feature; the parent's clients fail
at once in the child with ForkedError and keep working in the parent. Every child is
bounded: a wait that passes its limit kills it and fails the test."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
import traceback
from concurrent.futures import ProcessPoolExecutor

import pytest

import airops
from conftest import Server

HELLO = "Hello, Ada! Welcome to AirOps."
CHILD_SECONDS = 25

# Python 3.12 warns about fork() in a process with threads, as every process that has used
# the library has; that is what these tests are about.
pytestmark = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")


def use_every_feature(server: Server) -> str:
    """What a fresh process can do, on a new client: blocking, streamed, chat, queued."""
    with server.identify() as client:
        assert client.apps.execute("hello-world", {"name": "Ada"}).result(timeout=10).output == HELLO
        with client.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
            chunks = [event.content for event in execution.events(timeout=10)
                      if event.kind is airops.EventKind.CHUNK]
        assert "".join(chunks) == HELLO
        with client.apps.chat_stream("demo-agent", "hello after fork") as chat:
            kinds = [event.kind for event in chat.events(timeout=10)]
            assert kinds.count(airops.EventKind.COMPLETED) == 1
            assert chat.result(timeout=10).succeeded
    with server.identify(delivery="queued") as queued:
        with queued.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
            assert "".join(event.content or "" for event in execution.events(timeout=10)
                           if event.kind is airops.EventKind.CHUNK) == HELLO
    return f"ok in {os.getpid()}"


def wait_for(pid: int) -> int:
    """The child's exit status; kills it if it is still running after CHILD_SECONDS."""
    deadline = time.monotonic() + CHILD_SECONDS
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail(f"the forked child {pid} did not finish within {CHILD_SECONDS} s")


def test_os_fork(realtime: Server) -> None:
    with realtime.identify() as parent:
        with parent.apps.execute("hello-world", {"name": "Ada"}, stream=True) as streamed:
            assert streamed.result(timeout=10).succeeded
        running = parent.apps.execute("hello-world", {"name": "Ada"})
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                for call in (lambda: parent.apps.execute("hello-world", {"name": "Ada"}),
                             lambda: parent.apps.get("hello-world"),
                             lambda: running.result(timeout=5),
                             running.cancel):
                    with pytest.raises(airops.ForkedError, match="fork"):
                        call()
                use_every_feature(realtime)
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        # The parent goes on meanwhile, with the clients the child cannot use.
        assert running.result(timeout=10).output == HELLO
        use_every_feature(realtime)
        assert wait_for(pid) == 0
        assert parent.apps.execute("hello-world", {"name": "Ada"}).result(timeout=10).succeeded


def test_multiprocessing_fork_pool(realtime: Server) -> None:
    with realtime.identify() as parent:
        assert parent.apps.execute("hello-world", {"name": "Ada"}).result(timeout=10).succeeded
        with multiprocessing.get_context("fork").Pool(2) as pool:
            answers = pool.map_async(use_every_feature, [realtime] * 4).get(timeout=CHILD_SECONDS)
        assert all(answer.startswith("ok in ") for answer in answers)
        assert parent.apps.execute("hello-world", {"name": "Ada"}).result(timeout=10).succeeded


def test_process_pool_executor(realtime: Server) -> None:
    with realtime.identify() as parent:
        with parent.apps.execute("hello-world", {"name": "Ada"}, stream=True) as streamed:
            assert streamed.result(timeout=10).succeeded
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as executor:
            futures = [executor.submit(use_every_feature, realtime) for _ in range(3)]
            assert all(future.result(timeout=CHILD_SECONDS).startswith("ok in ") for future in futures)
