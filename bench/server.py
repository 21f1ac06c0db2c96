"""One dev server per benchmark section, started and stopped by tests/with_dev_server.py's
own functions, and the programs of a section run against it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from with_dev_server import start_server, stop_server  # noqa: E402

CONFIG = Path(__file__).resolve().parent / "config.json"
PROGRAM_TIMEOUT_S = 180


class ContenderError(RuntimeError):
    """A benchmark program failed or reported a wrong result."""


class Server:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def run(self, *command: str | Path) -> dict[str, Any]:
        """Runs a benchmark program against this server; returns the JSON it printed."""
        python_path = os.pathsep.join([str(ROOT / "bindings" / "python"), str(ROOT / "bench" / "python")])
        env = {**os.environ, **self.env, "PYTHONPATH": python_path}
        args = [str(part) for part in command]
        try:
            done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=PROGRAM_TIMEOUT_S)
        except subprocess.TimeoutExpired as timeout:
            raise ContenderError(f"{' '.join(args)} ran over {PROGRAM_TIMEOUT_S} s") from timeout
        if done.returncode != 0:
            raise ContenderError(f"{' '.join(args)} exited {done.returncode}: {done.stderr.strip()[-500:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])


@contextmanager
def serving(binary: Path, log: IO[str] | None = None) -> Iterator[Server]:
    """A fresh dev server on the bench catalogue; `log`: its request log (one line each)."""
    process, env = start_server(str(binary), str(CONFIG), "info" if log else "warning", None, stderr=log)
    try:
        yield Server(env)
    finally:
        stop_server(process)
