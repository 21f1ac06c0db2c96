#!/usr/bin/env python3
"""Compares the ABI of a built libairops (scripts/abi_dump.py) with the committed baseline.

A fact of the baseline that the build no longer has (a function removed or its prototype
changed, an enumerator's value, a struct's size or a field's offset or type) breaks callers
built against the baseline: that fails, unless the SONAME changed too (a new ABI major), which
tells the loader the two are incompatible. One change of size is not a break: a struct whose
first field is `size_t size` (airops_event) may grow at its end, as airops.h promises, since
callers read the fields after the old end only when `size` covers them. Facts only the build
has are additions: reported, and `make abi-baseline` records them.

Usage: abi_compare.py BASELINE CURRENT
"""

import sys


def facts(path: str) -> tuple[str, set[str]]:
    with open(path) as dump:
        lines = [line.rstrip("\n") for line in dump if line.strip()]
    if not lines or not lines[0].startswith("soname "):
        sys.exit(f"{path}: not an ABI dump (its first line is not the SONAME)")
    return lines[0].removeprefix("soname "), set(lines[1:])


def grown_versioned_structs(baseline: set[str], current: set[str]) -> set[str]:
    """The baseline's "struct X size N" facts of structs that carry their own size and grew."""
    def sizes(dump: set[str]) -> dict[str, int]:
        found = {}
        for line in dump:
            words = line.split()
            if len(words) == 4 and words[0] == "struct" and words[2] == "size":
                found[words[1]] = int(words[3])
        return found
    old, new = sizes(baseline), sizes(current)
    return {f"struct {name} size {size}" for name, size in old.items()
            if f"field struct {name}.size offset 0" in baseline and new.get(name, 0) > size}


def main() -> int:
    if len(sys.argv) != 3:
        sys.exit("usage: abi_compare.py BASELINE CURRENT")
    baseline_soname, baseline = facts(sys.argv[1])
    current_soname, current = facts(sys.argv[2])
    grown = grown_versioned_structs(baseline, current)
    removed, added = sorted(baseline - current - grown), sorted(current - baseline)
    for line in sorted(grown):
        print(f"grown (allowed, it carries its size): {line}")
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
