"""What the Python benchmarks share: the dev server's banner variables, an identified client
of the binding, and the SDK's headers for the baselines that speak HTTP themselves."""
from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit

import airops


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        sys.exit(f"bench: {name} is not set: run through bench/run.py")
    return value


def client() -> airops.AirOps:
    # A firehose outruns any Python callback: the benchmark measures throughput, so events
    # wait in the library instead of overflowing its default bound (10,000 per stream).
    return airops.AirOps.identify(user_id=env("AIROPS_USER_ID"), workspace_id=env("AIROPS_WORKSPACE_ID"),
                                  hashed_user_id=env("AIROPS_HASHED_USER_ID"), max_buffered_events=1_000_000)


def identity_headers() -> dict[str, str]:
    """The headers the SDK sends with every request."""
    return {"content-type": "application/json", "accept": "application/json", "user-agent": "airops-bench",
            "user_id": env("AIROPS_USER_ID"), "workspace_id": env("AIROPS_WORKSPACE_ID"),
            "user_id_hashed": env("AIROPS_HASHED_USER_ID")}


def host_port() -> tuple[str, int]:
    url = urlsplit(env("AIROPS_HOST"))
    return url.hostname or "127.0.0.1", url.port or 80
