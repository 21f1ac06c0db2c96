#!/usr/bin/env python3
"""Queued delivery: the events of three streamed runs wait until this thread dispatches
them, driven by select() on the client's descriptor, as an event loop would be.

    PYTHONPATH=bindings/python python3 tests/with_dev_server.py -- python3 examples/python/queued.py
"""

from __future__ import annotations

import os
import select
import sys

import airops


def main() -> int:
    completed: list[str] = []

    def on_event(event: airops.Event) -> None:
        # Runs here, inside client.dispatch(), never on another thread.
        print(f"{event.kind.name:<10} {event.content}")
        if event.kind is airops.EventKind.COMPLETED:
            completed.append(event.execution_id)

    with airops.AirOps.identify(user_id=os.environ["AIROPS_USER_ID"],
                                workspace_id=os.environ["AIROPS_WORKSPACE_ID"],
                                hashed_user_id=os.environ["AIROPS_HASHED_USER_ID"],
                                delivery="queued") as client:
        executions = [client.apps.execute("hello-world", {"name": name}, stream=True, on_event=on_event)
                      for name in ("Ada", "Grace", "Linus")]
        for _ in range(300):
            if len(completed) == len(executions):
                break
            readable, _, _ = select.select([client.event_fd], [], [], 0.1)
            if readable:
                client.dispatch()
        for execution in executions:
            execution.close()
    return 0 if len(completed) == 3 else 1


if __name__ == "__main__":
    sys.exit(main())
