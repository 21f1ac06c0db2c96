"""Streaming throughput into a Python callback: STREAMS concurrent firehose executions
through the binding (one client, its events counted in ``on_event``) or through pysher (one
Pusher connection, private channels authorized at the SDK's endpoint, executions started
with requests). The clock runs from the first subscription to the last ``completed``.
Usage: throughput.py binding|pysher STREAMS CHUNKS. Prints {"events", "expected", "seconds"}."""
from __future__ import annotations

import json
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pysher  # type: ignore[import-untyped]
import requests

import airops
from contenders import client, env, host_port, identity_headers

FIREHOSE = "firehose"
TIMEOUT_S = 30


class Tally:
    """Counts events until `streams` completed; callbacks of one client never run at once."""

    def __init__(self, streams: int) -> None:
        self.streams, self.events, self.completed = streams, 0, 0
        self.finished = threading.Event()
        self.end = 0.0

    def count(self, completed: bool) -> None:
        self.events += 1
        if completed:
            self.completed += 1
            if self.completed == self.streams:
                self.end = time.perf_counter()
                self.finished.set()

    def wait(self) -> None:
        if not self.finished.wait(TIMEOUT_S):
            sys.exit(f"bench: {self.completed} of {self.streams} streams completed")


def run_binding(streams: int, text: str) -> tuple[Tally, float]:
    with client() as sdk:
        sdk.apps.execute(FIREHOSE, inputs={"text": "x"}, stream=True).result(timeout=30)  # connects
        tally = Tally(streams)

        def on_event(event: airops.Event) -> None:
            tally.count(event.kind is airops.EventKind.COMPLETED)

        def start(_: int) -> airops.Execution:
            return sdk.apps.execute(FIREHOSE, inputs={"text": text}, stream=True, on_event=on_event)

        begin = time.perf_counter()
        with ThreadPoolExecutor(max_workers=min(streams, 100)) as pool:
            executions = list(pool.map(start, range(streams)))
        tally.wait()
        for execution in executions:
            execution.close()
        return tally, begin


def run_pysher(streams: int, text: str) -> tuple[Tally, float]:
    host, port = host_port()
    connected, tally = threading.Event(), Tally(streams)
    socket = pysher.Pusher(key=env("AIROPS_PUSHER_KEY"), custom_host=host, port=port, secure=False,
                           auth_endpoint=env("AIROPS_HOST") + "/sdk_api/pusher/auth",
                           auth_endpoint_headers=identity_headers())
    socket.connection.bind("pusher:connection_established", lambda _data: connected.set())
    socket.connect()  # a daemon thread: the process ends without disconnect(), which can hang
    if not connected.wait(TIMEOUT_S):
        sys.exit("bench: pysher did not connect")
    session = requests.Session()
    channels = [str(uuid.uuid4()) for _ in range(streams)]
    subscribed = threading.Semaphore(0)
    begin = time.perf_counter()
    for channel_id in channels:
        # Pysher's subscribe() registers the channel after sending the request, so a quick
        # confirmation finds no channel and is lost: register and bind first, then send.
        name = f"private-{channel_id}"
        channel = pysher.channel.Channel(name, socket.connection)
        channel.bind("pusher_internal:subscription_succeeded", lambda _data: subscribed.release())
        channel.bind("chunk", lambda _data: tally.count(False))
        channel.bind("completed", lambda _data: tally.count(True))
        socket.channels[name] = channel
        socket.connection.send_event("pusher:subscribe", {"channel": name, "auth": socket._generate_auth_token(name)})
    for _ in channels:
        if not subscribed.acquire(timeout=TIMEOUT_S):
            sys.exit("bench: pysher's subscriptions were not confirmed")
    for channel_id in channels:
        session.post(f"{env('AIROPS_HOST')}/sdk_api/airops_apps/{FIREHOSE}/async_execute",
                     headers=identity_headers(),
                     data=json.dumps({"inputs": {"text": text}, "stream_channel_id": channel_id})
                     ).raise_for_status()
    tally.wait()
    return tally, begin


def main() -> None:
    contender, streams, chunks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    runners: dict[str, Any] = {"binding": run_binding, "pysher": run_pysher}
    tally, begin = runners[contender](streams, "x" * chunks)
    print(json.dumps({"events": tally.events, "expected": streams * (chunks + 1), "seconds": tally.end - begin}))


if __name__ == "__main__":
    main()
