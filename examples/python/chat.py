#!/usr/bin/env python3
"""A two-turn chat with the dev server's "demo-agent": prints the agent's tool actions and
its reply token by token, as they stream in. The second turn continues the first one's
session, so the agent remembers it.

Run it against a dev server (the harness exports AIROPS_HOST, the demo identity and the
realtime endpoint AIROPS_REALTIME_URL / AIROPS_PUSHER_KEY, which the client reads itself):

    PYTHONPATH=bindings/python python3 tests/with_dev_server.py -- \
        python3 examples/python/chat.py
"""

from __future__ import annotations

import json
import os
import sys

import airops

MESSAGES = ["What is the weather like?", "Thanks!"]


def show(event: airops.Event) -> None:
    """The on_event callback: runs on the client's delivery thread as events arrive."""
    if event.kind is airops.EventKind.AGENT_ACTION:
        print(f"  [{event.action}] {event.tool} {json.dumps(event.tool_input)}", flush=True)
    elif event.kind is airops.EventKind.AGENT_ACTION_ERROR:
        print(f"  [{event.action}] {event.tool}: {event.tool_error}", flush=True)
    elif event.kind is airops.EventKind.AGENT_RESPONSE:
        print(event.token, end="\n" if event.stream_finished else "", flush=True)


def main() -> int:
    try:
        client = airops.AirOps.identify(
            user_id=os.environ["AIROPS_USER_ID"],
            workspace_id=os.environ["AIROPS_WORKSPACE_ID"],
            hashed_user_id=os.environ["AIROPS_HASHED_USER_ID"],
        )
    except KeyError as missing:
        print(f"chat.py: set {missing.args[0]} (see tests/with_dev_server.py)", file=sys.stderr)
        return 2

    session_id: str | None = None
    with client:
        for message in MESSAGES:
            print(f"> {message}")
            with client.apps.chat_stream("demo-agent", message, session_id=session_id,
                                         on_event=show) as execution:
                result = execution.result(timeout=60)  # also waits for the last callbacks
                session_id = execution.session_id
            if not result.succeeded:
                print(f"chat turn ended {result.status}: {result.error_message}",
                      file=sys.stderr)
                return 1
    print(f"session: {session_id}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except airops.AirOpsError as error:
        print(f"chat.py: {error}", file=sys.stderr)
        sys.exit(1)
