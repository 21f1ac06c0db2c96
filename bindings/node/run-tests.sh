#!/bin/sh
# Builds the addon with warnings as errors and runs the Node binding's tests against a fresh
# dev server, twice: as they are, then with --expose-gc, which collects garbage after every
# test and runs the FinalizationRegistry test (unreachable clients and executions are freed,
# and the addon's native counts of relays, listeners and pending calls go back to zero).
# AIROPS_LIBRARY and AIROPS_DEV_SERVER default to the Makefile's build outputs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export AIROPS_LIBRARY="${AIROPS_LIBRARY:-$root/build/lib/libairops.so}"
server="${AIROPS_DEV_SERVER:-$root/.build/debug/airops-dev-server}"
node=${NODE:-node}
# node --test with --test-concurrency and --test-timeout needs Node.js 20.11 or later.
"$node" -e 'const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit(major > 20 || (major === 20 && minor >= 11) ? 0 : 1)' ||
    { echo "run-tests.sh: Node.js 20.11 or later is needed, found $("$node" --version)" >&2; exit 1; }

CFLAGS="-Wall -Wextra -Werror ${CFLAGS:-}" "$here/build-addon.sh"

run() {
    # One file at a time: S11 counts the dev server's realtime connections. --net-tools: the
    # test proxies and the witness server of test/network.test.js.
    python3 "$root/tests/with_dev_server.py" --server "$server" --net-tools -- \
        "$node" "$@" --test --test-reporter=tap --test-concurrency=1 --test-timeout=120000 "$here"/test/*.test.js
}

echo "== node --test"
run
echo "== node --expose-gc --test (garbage collection after every test, FinalizationRegistry test)"
run --expose-gc
