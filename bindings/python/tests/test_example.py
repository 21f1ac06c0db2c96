"""examples/python/*.py run against the dev server and print what they promise."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import airops
from conftest import Server

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "python"


def run_example(server: Server, name: str, *args: str) -> str:
    """Runs an example with the harness's environment (host, identity, realtime endpoint)."""
    environment = {**os.environ,
                   "PYTHONPATH": str(Path(airops.__file__).resolve().parents[1]),
                   "AIROPS_HOST": server.host, "AIROPS_USER_ID": server.user_id,
                   "AIROPS_WORKSPACE_ID": server.workspace_id,
                   "AIROPS_HASHED_USER_ID": server.hashed_user_id}
    result = subprocess.run([sys.executable, str(EXAMPLES / name), *args], env=environment,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_execute_example(server: Server) -> None:
    assert run_example(server, "execute.py") == "Hello, Ada! Welcome to AirOps.\n"


def test_stream_example(realtime: Server) -> None:
    assert run_example(realtime, "stream.py", "Bo") == (
        "chunk: 'Hello, '\nchunk: 'Bo! '\nchunk: 'Welcome '\nchunk: 'to '\nchunk: 'AirOps.'\n"
        "result: Hello, Bo! Welcome to AirOps.\n")


def test_chat_example(realtime: Server) -> None:
    output = run_example(realtime, "chat.py")
    session = re.search(r"^session: ([0-9a-f-]{36})$", output, re.MULTILINE)
    assert session, output
    assert output == (
        "> What is the weather like?\n"
        '  [agent-action] recall_session {"turns_so_far": 0}\n'
        '  [agent-action] get_weather {"city": "Paris"}\n'
        "Turn 1. You said: What is the weather like?. This is a new session.\n"
        "> Thanks!\n"
        '  [agent-action] recall_session {"turns_so_far": 1}\n'
        "Turn 2. You said: Thanks!. Before that you said: What is the weather like?.\n"
        f"session: {session.group(1)}\n")


def test_asyncio_streams_example(realtime: Server) -> None:
    output = run_example(realtime, "asyncio_streams.py", "Ada", "Bo").splitlines()
    for name in ("Ada", "Bo"):
        expected = f"Hello, {name}! Welcome to AirOps."
        chunks = [line.split(" chunk ", 1)[1] for line in output
                  if line.startswith(f"{name}: chunk ")]
        assert "".join(ast.literal_eval(chunk) for chunk in chunks) == expected
    assert output[-2:] == ["Ada: result Hello, Ada! Welcome to AirOps.",
                           "Bo: result Hello, Bo! Welcome to AirOps."]


def test_poll_example(server: Server) -> None:
    output = run_example(server, "poll.py")
    assert output.startswith("following execution ")
    assert output.endswith("  status success\noutput: polled by id\n")


def test_cancel_example(realtime: Server) -> None:
    output = run_example(realtime, "cancel.py")
    assert output == "chunk: 'a '\nfinal status: cancelled\n"


def test_queued_example(realtime: Server) -> None:
    lines = run_example(realtime, "queued.py").splitlines()
    completed = sorted(line.split(None, 1)[1] for line in lines if line.startswith("COMPLETED"))
    assert completed == [f"Hello, {name}! Welcome to AirOps." for name in ("Ada", "Grace", "Linus")]
