"""Fixtures for the end-to-end tests of the `airops` command against the dev server.

Run through the harness, which starts the server and exports its coordinates:
    AIROPS_CLI=.build/debug/airops-cli python3 tests/with_dev_server.py -- python3 -m pytest -q tests/cli
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The network test tools' client side, shared with the Python binding's tests.
sys.path.insert(0, str(REPO / "tests" / "net"))
from net_client import Faults, NetTools  # noqa: E402
# Every command in these tests finishes within seconds; this only stops a hang.
TIMEOUT_S = 30
IDENTITY_VARIABLES = ("AIROPS_USER_ID", "AIROPS_WORKSPACE_ID", "AIROPS_HASHED_USER_ID", "AIROPS_API_KEY")


@dataclass(frozen=True)
class Cli:
    """The built `airops` binary, run with the dev server's environment."""

    path: str

    def env(self, unset: Iterable[str] = (), **extra: str) -> dict[str, str]:
        env = {name: value for name, value in os.environ.items() if name not in set(unset)}
        return {**env, **extra}

    def run(self, *args: str, stdin: str | None = None, unset: Iterable[str] = (),
            timeout: float = TIMEOUT_S, **extra_env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([self.path, *args], input=stdin, capture_output=True, text=True,
                              timeout=timeout, env=self.env(unset, **extra_env),
                              stdin=None if stdin is not None else subprocess.DEVNULL)


@pytest.fixture(scope="session")
def cli() -> Cli:
    if not os.environ.get("AIROPS_HOST"):
        pytest.fail("AIROPS_HOST is not set: run the suite through tests/with_dev_server.py", pytrace=False)
    path = Path(os.environ.get("AIROPS_CLI", REPO / ".build/debug/airops-cli"))
    if not path.is_file():
        pytest.fail(f"{path} does not exist: build it with `swift build --product airops-cli`", pytrace=False)
    return Cli(str(path.resolve()))


@pytest.fixture(scope="session")
def net() -> NetTools:
    """The test proxies and the witness; fails clearly without `with_dev_server.py --net-tools`."""
    tools = NetTools.from_environment()
    if tools is None:
        pytest.fail("the network test tools are not running: run the suite through "
                    "`tests/with_dev_server.py --net-tools`", pytrace=False)
    return tools


@pytest.fixture
def faults() -> Iterator[Faults]:
    """The dev server's fault rules, cleared after the test."""
    rules = Faults(os.environ["AIROPS_HOST"], os.environ["AIROPS_DEV_ADMIN_TOKEN"])
    yield rules
    rules.clear()
