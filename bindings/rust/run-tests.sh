#!/usr/bin/env bash
# Runs the Rust binding's tests and its example against a fresh dev server, then a subset of
# the tests once more under valgrind memcheck: definite leaks and invalid reads, writes or
# frees fail the run. Valgrind is chosen because Debian packages it and it works offline with
# the stable toolchain; Rust's sanitizers need a nightly one. Uninitialised-value tracking is
# off: the optimised Swift inside the library (SwiftNIO's buffers, runtime metadata) trips it
# with reports that are not about the binding, and it would make the run slower.
#
# AIROPS_LIBRARY    the library (default build/lib/libairops.so)
# AIROPS_DEV_SERVER the dev server (default .build/debug/airops-dev-server)
# Both are relative to the repository root unless absolute.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$root/$1" ;; esac; }
export AIROPS_LIBRARY="$(absolute "${AIROPS_LIBRARY:-build/lib/libairops.so}")"
server="$(absolute "${AIROPS_DEV_SERVER:-.build/debug/airops-dev-server}")"
# --net-tools: the forward proxies and the witness server of tests/network.rs.
with_server=(python3 "$root/tests/with_dev_server.py" --server "$server" --net-tools --)
cd "$root/bindings/rust"

echo "== cargo test ($AIROPS_LIBRARY)"
"${with_server[@]}" cargo test --offline

echo "== example: cargo run --example demo"
"${with_server[@]}" cargo run --offline --quiet --example demo

# valgrind cannot read the library's DWARF 5 debug info: it runs a copy without it under
# its SONAME, found before the RUNPATH through LD_LIBRARY_PATH.
echo "== cargo test under valgrind memcheck (a subset)"
library="$([ -d "$AIROPS_LIBRARY" ] && echo "$AIROPS_LIBRARY/libairops.so" || echo "$AIROPS_LIBRARY")"
soname="$(objdump -p "$library" | awk '$1 == "SONAME" { print $2 }')"
stripped="$(mktemp -d)"
trap 'rm -rf "$stripped"' EXIT
strip --strip-debug -o "$stripped/$soname" "$library"
host="$(rustc -vV | sed -n 's/^host: //p')"
runner="CARGO_TARGET_$(echo "$host" | tr 'a-z-' 'A-Z_')_RUNNER"
env LD_LIBRARY_PATH="$stripped" "$runner=valgrind --quiet --error-exitcode=3 --undef-value-errors=no \
--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite" \
    "${with_server[@]}" cargo test --offline --test identity --test execute --test streaming --test non_blocking \
    --test queued --test errors --test network -- --test-threads=1 s01 s02 s09 s10 s14 s15 s16 s17 s18 network_
