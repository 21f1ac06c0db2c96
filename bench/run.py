#!/usr/bin/env python3
"""The benchmark driver of `make bench` (and, reduced, `make test-bench`): measures every
figure of issue 6's table against its baselines, prints the table, writes
bench/results.json and bench/results.png.

Usage: run.py [--quick] [--server PATH] [--programs DIR] [--library PATH]
--quick: a few seconds of the same code paths, for make test; its figures mean nothing, but
it fails like the full run when a contender errs or reports wrong results (exit code 1).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from figures import Setup, measure
from report import Results, table, write_chart, write_json

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--server", type=Path, default=ROOT / ".build-release/release/airops-dev-server")
    parser.add_argument("--programs", type=Path, default=ROOT / "build/bench")
    parser.add_argument("--library", type=Path, default=ROOT / "build/lib/libairops.so")
    options = parser.parse_args()
    results = Results(quick=options.quick)
    start = time.monotonic()
    measure(Setup(options.server, options.programs, options.library, options.quick), results)
    results.wall_s = time.monotonic() - start
    print(table(results))
    write_json(results, BENCH / "results.json")
    write_chart(results, BENCH / "results.png")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
