#!/usr/bin/env python3
"""asyncio: three streamed runs at once in one event loop, with no thread of their own.

AsyncAirOps registers the client's event descriptor with the loop, so the events and the
completions of its calls are dispatched by the loop itself; on_event runs on the loop's thread.

    PYTHONPATH=bindings/python python3 tests/with_dev_server.py -- \
        python3 examples/python/asyncio_streams.py [NAME...]
"""

from __future__ import annotations

import asyncio
import os
import sys

import airops
from airops.aio import AsyncAirOps


async def run(client: AsyncAirOps, name: str) -> str | None:
    """Streams one run of hello-world: its chunks as they arrive, then its result."""
    async with await client.apps.execute("hello-world", {"name": name}, stream=True) as execution:
        async for event in execution:  # ends after the COMPLETED event
            if event.kind is airops.EventKind.CHUNK:
                print(f"{name}: chunk {event.content!r}", flush=True)
        result = await execution.result(timeout=60)
    return result.output


async def main(names: list[str]) -> int:
    try:
        # AIROPS_HOST and the realtime endpoint come from the environment (load_environment).
        client = AsyncAirOps.identify(
            user_id=os.environ["AIROPS_USER_ID"],
            workspace_id=os.environ["AIROPS_WORKSPACE_ID"],
            hashed_user_id=os.environ["AIROPS_HASHED_USER_ID"],
        )
    except KeyError as missing:
        print(f"asyncio_streams.py: set {missing.args[0]} (see tests/with_dev_server.py)",
              file=sys.stderr)
        return 2
    async with client:
        outputs = await asyncio.gather(*(run(client, name) for name in names))
    for name, output in zip(names, outputs):
        print(f"{name}: result {output}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(asyncio.run(main(sys.argv[1:] or ["Ada", "Grace", "Linus"])))
    except airops.AirOpsError as error:
        print(f"asyncio_streams.py: {error}", file=sys.stderr)
        sys.exit(1)
