"""examples/python/execute.py runs against the dev server and prints the output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import airops
from conftest import Server

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "python" / "execute.py"


def test_execute_example(server: Server) -> None:
    environment = {**os.environ,
                   "PYTHONPATH": str(Path(airops.__file__).resolve().parents[1]),
                   "AIROPS_HOST": server.host, "AIROPS_USER_ID": server.user_id,
                   "AIROPS_WORKSPACE_ID": server.workspace_id,
                   "AIROPS_HASHED_USER_ID": server.hashed_user_id}
    result = subprocess.run([sys.executable, str(EXAMPLE)], env=environment,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Hello, Ada! Welcome to AirOps.\n"
