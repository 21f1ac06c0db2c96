#!/usr/bin/env python3
"""Starts a long streamed run, cancels it after its first chunk, and shows its final status.

    PYTHONPATH=bindings/python python3 tests/with_dev_server.py -- python3 examples/python/cancel.py
"""

from __future__ import annotations

import os
import sys

import airops


def main() -> int:
    with airops.AirOps.identify(user_id=os.environ["AIROPS_USER_ID"],
                                workspace_id=os.environ["AIROPS_WORKSPACE_ID"],
                                hashed_user_id=os.environ["AIROPS_HASHED_USER_ID"]) as client:
        with client.apps.execute("slow-echo", {"text": "a long answer that will not be finished"},
                                 stream=True) as execution:
            for event in execution:
                print(f"chunk: {event.content!r}", flush=True)
                break
            execution.cancel()  # no event is delivered after this returns
            record = execution.result(timeout=10)
            print(f"final status: {record.status}")
            return 0 if record.state is airops.ExecutionState.CANCELLED else 1


if __name__ == "__main__":
    sys.exit(main())
