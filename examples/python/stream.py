#!/usr/bin/env python3
"""Runs the dev server's "hello-world" app with streaming: prints the output's chunks as they
arrive, then the final result.

Run it against a dev server (the harness exports AIROPS_HOST, the demo identity and the
realtime endpoint AIROPS_REALTIME_URL / AIROPS_PUSHER_KEY, which the client reads itself):

    PYTHONPATH=bindings/python python3 tests/with_dev_server.py -- \
        python3 examples/python/stream.py [NAME]
"""

from __future__ import annotations

import os
import sys

import airops


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else "Ada"
    try:
        # AIROPS_HOST and the realtime endpoint come from the environment (load_environment).
        client = airops.AirOps.identify(
            user_id=os.environ["AIROPS_USER_ID"],
            workspace_id=os.environ["AIROPS_WORKSPACE_ID"],
            hashed_user_id=os.environ["AIROPS_HASHED_USER_ID"],
        )
    except KeyError as missing:
        print(f"stream.py: set {missing.args[0]} (see tests/with_dev_server.py)", file=sys.stderr)
        return 2

    with client, client.apps.execute("hello-world", {"name": name}, stream=True) as execution:
        for event in execution:  # ends after the COMPLETED event
            if event.kind is airops.EventKind.CHUNK:
                print(f"chunk: {event.content!r}", flush=True)
        result = execution.result(timeout=60)
    if not result.succeeded:
        print(f"execution {result.execution_id} ended {result.status}: "
              f"{result.error_code}: {result.error_message}", file=sys.stderr)
        return 1
    print(f"result: {result.output}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except airops.AirOpsError as error:
        print(f"stream.py: {error}", file=sys.stderr)
        sys.exit(1)
