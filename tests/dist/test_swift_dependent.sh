#!/usr/bin/env bash
# Builds tests/dist/swift-dependent, a package that depends on this repository's committed HEAD
# through a file:// git URL and a version tag: one program imports AirOps and runs an app on
# the dev server, another links the airops product (the C library) and calls it. Run it under
# tests/with_dev_server.py. WORK keeps the build between runs; each commit gets its own clone
# (tag VERSION), so a pin never outlives the commit it names.
#   test_swift_dependent.sh VERSION WORK
set -eu
version=${1:?usage: test_swift_dependent.sh VERSION WORK}
work=$(mkdir -p "${2:?work}" && realpath "$2")
: "${AIROPS_HOST:?run under tests/with_dev_server.py}"
swift=${SWIFT:-swift}
commit=$(git rev-parse HEAD)
clone="$work/clones/$commit/libairops"
if [ ! -d "$clone" ]; then
    rm -rf "$work/clones"
    git clone --quiet --no-local "$(git rev-parse --show-toplevel)" "$clone"
    git -C "$clone" tag "$version"
fi
rm -rf "$work/package"
cp -R tests/dist/swift-dependent "$work/package"
rm -f "$work/package/Package.resolved"
if ! AIROPS_PACKAGE_URL="file://$clone" AIROPS_PACKAGE_VERSION="$version" \
    "$swift" build --package-path "$work/package" --scratch-path "$work/build" >"$work/build.log" 2>&1; then
    grep -v '^\[' "$work/build.log" | tail -30 >&2
    echo "FAILED: the dependent package did not build" >&2
    exit 1
fi
out=$("$work/build/debug/airops-dependent") || { echo "FAILED: airops-dependent exited with $?" >&2; exit 1; }
echo "airops-dependent: $out"
grep -q 'Hello, Ada!' <<<"$out" || { echo "FAILED: unexpected output" >&2; exit 1; }
out=$("$work/build/debug/airops-dependent-c") || { echo "FAILED: airops-dependent-c exited with $?" >&2; exit 1; }
echo "airops-dependent-c: $out"
echo "2 passed, 0 failed"
