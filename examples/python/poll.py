#!/usr/bin/env python3
"""Starts an execution, then follows it by id, as another process would: fetches its
record until it has finished.

    PYTHONPATH=bindings/python python3 tests/with_dev_server.py -- python3 examples/python/poll.py
"""

from __future__ import annotations

import os
import sys
import time

import airops


def main() -> int:
    with airops.AirOps.identify(user_id=os.environ["AIROPS_USER_ID"],
                                workspace_id=os.environ["AIROPS_WORKSPACE_ID"],
                                hashed_user_id=os.environ["AIROPS_HASHED_USER_ID"]) as client:
        started = client.apps.execute("slow-echo", {"text": "polled by id"})
        print(f"following execution {started.id}")
        with client.apps.get_execution(started.id) as followed:
            for _ in range(60):
                record = followed.fetch()
                print(f"  status {record.status}")
                if record.state not in (airops.ExecutionState.PENDING, airops.ExecutionState.RUNNING,
                                        airops.ExecutionState.QUEUED):
                    print(f"output: {record.output}")
                    return 0 if record.succeeded else 1
                time.sleep(0.5)  # a fixed pace, for the demo; result() adapts its own
    return 1


if __name__ == "__main__":
    sys.exit(main())
