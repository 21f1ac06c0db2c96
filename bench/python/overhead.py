"""Per-call overhead from Python: the binding's fetch of a finished execution against the
same GET (same URL, same headers) with http.client and with requests.Session, each keeping
its connection alive. Every side ends with the record parsed: the binding's fetch parses it
in the library and copies its fields into an ExecutionResult; the baselines check the status
and parse the body with json.loads (requests through Response.json). Rounds alternate the
contenders (A B C A B C).
Usage: overhead.py ROUNDS CALLS. Prints {"binding_us": [...], "requests_us": [...],
"http_client_us": [...]}: the mean time of one call in each round."""
from __future__ import annotations

import http.client
import json
import sys
import time
from collections.abc import Callable

import requests

from contenders import client, env, host_port, identity_headers


def per_call_us(call: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - start) / calls * 1e6


def main() -> None:
    rounds, calls = int(sys.argv[1]), int(sys.argv[2])
    with client() as sdk:
        execution = sdk.apps.execute("instant", inputs={"text": "hi"})
        if not execution.result(timeout=10).succeeded:
            sys.exit("bench: the execution to fetch failed")
        path = f"/sdk_api/airops_apps/executions/{execution.id}"
        headers = identity_headers()
        session = requests.Session()
        connection = http.client.HTTPConnection(*host_port())

        def with_requests() -> dict[str, object]:
            answer = session.get(env("AIROPS_HOST") + path, headers=headers)
            answer.raise_for_status()
            return answer.json()

        def with_http_client() -> dict[str, object]:
            connection.request("GET", path, headers=headers)
            answer = connection.getresponse()
            body = answer.read()
            if answer.status != 200:
                raise RuntimeError(f"HTTP {answer.status}")
            return json.loads(body)

        contenders: dict[str, Callable[[], object]] = {
            "binding_us": lambda: execution.fetch().status, "requests_us": lambda: with_requests()["status"],
            "http_client_us": lambda: with_http_client()["status"]}
        for name, contender in contenders.items():  # also the warm-up: connections open, caches hot
            if contender() != "success":
                sys.exit(f"bench: {name} read a wrong record")
            per_call_us(contender, max(calls // 5, 1))
        series: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(rounds):
            for name, contender in contenders.items():
                series[name].append(per_call_us(contender, calls))
        print(json.dumps(series))


if __name__ == "__main__":
    main()
