#!/usr/bin/env bash
# Runs the Go binding's checks: go vet (binding and example), the tests against a fresh dev
# server with the net tools (proxies, witness), the tests once more under the race detector
# (go test -race), the TLS test against a dev server that serves TLS, and the example.
# AIROPS_LIBRARY and AIROPS_DEV_SERVER choose what it tests (see go-env.sh).
set -u
source "$(dirname "$0")/go-env.sh"
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

# suite NAME HARNESS-FLAGS -- GO-TEST-FLAGS...: go test -v under a fresh dev server;
# counts the top-level tests.
suite() {
    local name=$1 log=$logs/${1// /-}.log harness=()
    shift
    while [ "$1" != "--" ]; do harness+=("$1"); shift; done
    shift
    (cd bindings/go && python3 "$root/tests/with_dev_server.py" --server "$server" "${harness[@]}" -- \
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
suite "go test" --net-tools --
suite "go test -race" --net-tools -- -race
suite "go test (TLS)" --tls -- -run TLS
step "example" sh -c "examples/go/run-demo.sh > '$logs/example.log'"
echo "go binding: $passed passed, $failed failed, $skipped skipped ($(( $(date +%s) - start )) s)"
[ "$failed" -eq 0 ] || status=1
exit $status
