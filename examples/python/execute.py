#!/usr/bin/env python3
"""Executes the dev server's "hello-world" app and prints its output.

Run it against a dev server (the harness exports AIROPS_HOST and the demo identity):

    PYTHONPATH=bindings/python python3 tests/with_dev_server.py -- \
        python3 examples/python/execute.py
"""

from __future__ import annotations

import os
import sys

import airops


def main() -> int:
    try:
        host = os.environ["AIROPS_HOST"]
        client = airops.AirOps.identify(
            user_id=os.environ["AIROPS_USER_ID"],
            workspace_id=os.environ["AIROPS_WORKSPACE_ID"],
            hashed_user_id=os.environ["AIROPS_HASHED_USER_ID"],
            host=host,
        )
    except KeyError as missing:
        print(f"execute.py: set {missing.args[0]} (see tests/with_dev_server.py)", file=sys.stderr)
        return 2

    with client, client.apps.execute("hello-world", {"name": "Ada"}) as execution:
        result = execution.result(timeout=60)
    if not result.succeeded:
        print(f"execution {result.execution_id} ended {result.status}: "
              f"{result.error_code}: {result.error_message}", file=sys.stderr)
        return 1
    print(result.output)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except airops.AirOpsError as error:
        print(f"execute.py: {error}", file=sys.stderr)
        sys.exit(1)
