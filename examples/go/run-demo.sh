#!/usr/bin/env bash
# Runs the Go example against a fresh dev server (make demo). AIROPS_LIBRARY and
# AIROPS_DEV_SERVER choose the library and the server (see bindings/go/go-env.sh).
set -eu
source "$(dirname "$0")/../../bindings/go/go-env.sh"
(cd examples/go && go build -o "$root/build/go/demo" .)
exec python3 tests/with_dev_server.py --server "$server" -- "$root/build/go/demo"
