"""For the network tests of the bindings and the CLI: reading the proxies and the witness
that ``tests/with_dev_server.py --net-tools`` runs, and setting the dev server's fault rules.

Nothing here goes through the SDK: the tools are read directly, the dev server over urllib
(trusting ``AIROPS_CA_FILE`` when the server runs TLS), never through a proxy.
"""

from __future__ import annotations

import json
import os
import ssl
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

TIMEOUT_S = 10
# What the library reads from the environment for proxies; tests clear them all first.
PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY",
                   "https_proxy", "http_proxy", "all_proxy", "no_proxy")


def _context() -> ssl.SSLContext | None:
    ca_file = os.environ.get("AIROPS_CA_FILE")
    return ssl.create_default_context(cafile=ca_file) if ca_file else None


def fetch_json(url: str, method: str = "GET", body: Any = None,
               headers: dict[str, str] | None = None) -> Any:
    """One request, directly (never through a proxy); the JSON answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                         urllib.request.HTTPSHandler(context=_context()))
    with opener.open(request, timeout=TIMEOUT_S) as response:
        return json.loads(response.read() or b"null")


def authority(url: str) -> str:
    """``host:port`` of a URL, without credentials."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}"


def without_credentials(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{authority(url)}"


def tunnelled(seen: dict[str, Any], host: str) -> bool:
    """Whether a proxy carried requests to `host` (in `seen`, from :meth:`ProxyLog.since`)
    the way the library sends them: through CONNECT tunnels only, never a request it reads."""
    return seen["forwards"] == [] and {"target": authority(host), "status": 200} in seen["connects"]


@dataclass(frozen=True)
class ProxyLog:
    """What one proxy did from the moment this was made (see :meth:`NetTools.log`)."""

    url: str
    connects_before: int
    forwards_before: int
    auth_failures_before: int

    def since(self) -> dict[str, Any]:
        stats = fetch_json(without_credentials(self.url) + "/__stats")
        return {"connects": stats["connects"][self.connects_before:],
                "forwards": stats["forwards"][self.forwards_before:],
                "auth_failures": stats["auth_failures"] - self.auth_failures_before}


TOOL_VARIABLES = ("AIROPS_TEST_PROXY", "AIROPS_TEST_PROXY_AUTH", "AIROPS_TEST_PROXY_REFUSING",
                  "AIROPS_TEST_WITNESS")


@dataclass(frozen=True)
class NetTools:
    """The URLs that ``with_dev_server.py --net-tools`` exports."""

    proxy: str
    proxy_auth: str
    proxy_refusing: str
    witness: str

    @classmethod
    def from_environment(cls) -> NetTools:
        """The tools that the harness started; fails clearly when it started none."""
        if not all(os.environ.get(name) for name in TOOL_VARIABLES):
            raise RuntimeError("the network test tools are not running: run the suite through "
                               "`tests/with_dev_server.py --net-tools`")
        return cls(*(os.environ[name] for name in TOOL_VARIABLES))

    @staticmethod
    def log(proxy_url: str) -> ProxyLog:
        stats = fetch_json(without_credentials(proxy_url) + "/__stats")
        return ProxyLog(proxy_url, len(stats["connects"]), len(stats["forwards"]),
                        stats["auth_failures"])

    def witness_path(self) -> str:
        """A fresh path on the witness, so that a test finds its own requests."""
        return f"/redirected-{uuid.uuid4().hex}"

    def witnessed(self, path: str | None = None) -> list[dict[str, Any]]:
        """The requests the witness received (those to `path`, when given)."""
        records: list[dict[str, Any]] = fetch_json(self.witness + "/__witness")
        return [record for record in records if path is None or record["path"] == path]


class Faults:
    """The dev server's fault rules (``PUT /dev/faults``), cleared by the fixture after a test."""

    def __init__(self, host: str, admin_token: str) -> None:
        self._url = host + "/dev/faults"
        self._headers = {"Authorization": f"Bearer {admin_token}",
                         "Content-Type": "application/json"}

    def redirect(self, endpoint: str, status: int, location: str, count: int | None = None) -> None:
        """Answers `endpoint` with `status` and `location` (the next `count` times, or always)."""
        rule: dict[str, Any] = {"endpoint": endpoint, "status": status, "location": location}
        if count is not None:
            rule["count"] = count
        fetch_json(self._url, "PUT", {"rules": [rule]}, self._headers)

    def clear(self) -> None:
        fetch_json(self._url, "DELETE", headers=self._headers)


def dev_stat(host: str, name: str) -> int:
    """One counter of the dev server's ``/dev/stats``, with the admin token the harness
    exports (``AIROPS_DEV_ADMIN_TOKEN``)."""
    headers = {"Authorization": f"Bearer {os.environ['AIROPS_DEV_ADMIN_TOKEN']}"}
    value: int = fetch_json(host + "/dev/stats", headers=headers)[name]
    return value
