#!/usr/bin/env bash
# Runs the Go binding's checks: go vet (binding and example), the tests against a fresh dev
# server, the tests once more under the race detector (go test -race), and the example.
#
# Environment (paths relative to the repository root):
#   AIROPS_LIBRARY     libairops.so, or its directory (default build/lib/libairops.so)
#   AIROPS_DEV_SERVER  the dev server (default .build/debug/airops-dev-server)
# cgo links with -L<library dir> (CGO_LDFLAGS) and the tests load it through
# LD_LIBRARY_PATH; offline: GOPROXY=off, GOTOOLCHAIN=local, caches under build/go.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
library=${AIROPS_LIBRARY:-build/lib/libairops.so}
server=${AIROPS_DEV_SERVER:-.build/debug/airops-dev-server}
if [ -d "$library" ]; then library=$library/libairops.so; fi
if [ ! -f "$library" ] || [ ! -x "$server" ]; then
    echo "go binding: need the library ($library) and the dev server ($server); run make first" >&2
    exit 1
fi
if ! command -v go >/dev/null; then
    echo "go binding: go is missing (apt-get install golang-go, or scripts/install-test-deps.sh)" >&2
    exit 1
fi
library=$(cd "$(dirname "$library")" && pwd)/$(basename "$library")
server=$(cd "$(dirname "$server")" && pwd)/$(basename "$server")
libdir=$(dirname "$library")
export AIROPS_LIBRARY=$library
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS= CGO_ENABLED=1
export GOCACHE=$root/build/go/cache GOPATH=$root/build/go/path
export CGO_LDFLAGS="-L$libdir ${CGO_LDFLAGS:-}"
export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
logs=$root/build/go/logs
mkdir -p "$logs"
status=0
passed=0 failed=0 skipped=0

step() {  # step NAME COMMAND...: runs a command, reports a failure
    if ! "${@:2}"; then
        echo "go binding: $1 failed" >&2
        status=1
    fi
}

# suite NAME FLAGS...: go test -v under a fresh dev server; counts the top-level tests.
suite() {
    local name=$1 log=$logs/$1.log
    shift
    (cd bindings/go && python3 "$root/tests/with_dev_server.py" --server "$server" -- \
        go test -count=1 -v -timeout 10m "$@" ./...) 2>&1 | tee "$log"
    local code=${PIPESTATUS[0]} p f s
    p=$(grep -c '^--- PASS' "$log") f=$(grep -c '^--- FAIL' "$log") s=$(grep -c '^--- SKIP' "$log")
    if [ "$code" -ne 0 ]; then
        status=1
        # A build failure, panic or timeout fails the run without a --- FAIL line.
        [ "$f" -gt 0 ] || f=1
    fi
    echo "$name: $p passed, $f failed, $s skipped"
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

start=$(date +%s)
step "go vet" sh -c 'cd bindings/go && go vet ./...'
step "go vet (example)" sh -c 'cd examples/go && go vet ./...'
suite "go test"
suite "go test -race" -race
step "example" sh -c "cd examples/go && go build -o '$root/build/go/demo' . && \
    python3 '$root/tests/with_dev_server.py' --server '$server' -- '$root/build/go/demo' > '$logs/example.log'"
echo "go binding: $passed passed, $failed failed, $skipped skipped ($(( $(date +%s) - start )) s)"
[ "$failed" -eq 0 ] || status=1
exit $status
