#!/usr/bin/env python3
"""Compares the ABI of a built libairops (scripts/abi_dump.py) with the committed baseline.

A fact of the baseline that the build no longer has (a function removed or its prototype
changed, an enumerator's value, a struct's size or a field's offset or type) breaks callers
built against the baseline: that fails, unless the SONAME changed too (a new ABI major), which
tells the loader the two are incompatible. Facts only the build has are additions: reported,
and `make abi-baseline` records them.

Usage: abi_compare.py BASELINE CURRENT
"""

import sys


def facts(path: str) -> tuple[str, set[str]]:
    with open(path) as dump:
        lines = [line.rstrip("\n") for line in dump if line.strip()]
    if not lines or not lines[0].startswith("soname "):
        sys.exit(f"{path}: not an ABI dump (its first line is not the SONAME)")
    return lines[0].removeprefix("soname "), set(lines[1:])


def main() -> int:
    if len(sys.argv) != 3:
        sys.exit("usage: abi_compare.py BASELINE CURRENT")
    baseline_soname, baseline = facts(sys.argv[1])
    current_soname, current = facts(sys.argv[2])
    removed, added = sorted(baseline - current), sorted(current - baseline)
    for line in added:
        print(f"added: {line}")
    for line in removed:
        print(f"incompatible: no longer {line}")
    if removed and baseline_soname != current_soname:
        print(f"{len(removed)} incompatible changes, allowed: {baseline_soname} became {current_soname}")
    elif removed:
        print(f"{len(removed)} incompatible changes to the ABI of {current_soname}: restore them, "
              "or raise the SONAME major (abiMajor in Package.swift, AIROPS_VERSION in the header)")
        return 1
    if added or removed:
        print("record this ABI as the baseline with: make abi-baseline")
    print(f"ABI of {current_soname}: {len(baseline & current)} facts as in the baseline, "
          f"{len(added)} added, {len(removed)} incompatible")
    return 0


if __name__ == "__main__":
    sys.exit(main())
