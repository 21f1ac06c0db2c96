#!/usr/bin/env bash
# Checks a release tarball as a C user meets it: unpacked and then moved elsewhere (everything
# in it is relative), it holds the library with its SONAME links, the header, a relocatable
# airops.pc, a CMake package and the CLI; a C consumer (examples/c/execute.c) built from it
# with pkg-config, with CMake's find_package and with plain -I/-L each runs an app on the dev
# server, as does bin/airops. Run it under tests/with_dev_server.py.
#   test_tarball.sh TARBALL VERSION
set -u
tarball=$(realpath "${1:?usage: test_tarball.sh TARBALL VERSION}")
version=${2:?version}
major=${version%%.*}
source_file=$(realpath examples/c/execute.c)
consumer_dir=$(realpath tests/dist/consumer)
: "${AIROPS_HOST:?run under tests/with_dev_server.py}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work" || exit 2
name=$(basename "$tarball" .tar.gz)
mv "$work/$name" "$work/moved"   # built from a folder other than the one it was unpacked to
prefix="$work/moved"
passed=0
failed=0
check() {  # check NAME COMMAND...
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name" >&2; fi
}
runs_an_app() {  # runs_an_app PROGRAM...: the consumer prints the app's output
    local out
    out=$(env -u LD_LIBRARY_PATH "$@" hello-world Ada) || return 1
    grep -q 'Hello, Ada!' <<<"$out" || { echo "unexpected output: $out"; return 1; }
}
uses_the_tarball_library() {  # the loader picks the release's copy, not one from the build tree
    env -u LD_LIBRARY_PATH ldd "$1" | grep -q "libairops.so.$major => $prefix/lib/"
}
has_layout() {
    local f
    for f in "lib/libairops.so.$version" include/airops.h lib/pkgconfig/airops.pc \
        lib/cmake/airops/airopsConfig.cmake lib/cmake/airops/airopsConfigVersion.cmake bin/airops README.md \
        THIRD_PARTY_NOTICES.txt; do
        [ -e "$prefix/$f" ] || { echo "missing $f"; return 1; }
    done
    [ "$(readlink "$prefix/lib/libairops.so.$major")" = "libairops.so.$version" ] &&
        [ "$(readlink "$prefix/lib/libairops.so")" = "libairops.so.$version" ]
}
pkg_config_build() {
    local flags
    flags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs airops) || return 1
    [[ $flags == *"$prefix/"* ]] || { echo "pkg-config flags do not point into the release: $flags"; return 1; }
    # shellcheck disable=SC2086  # the flags are words
    cc -std=c11 -Wall -Werror "$source_file" -o "$work/pkg-config-consumer" $flags \
        -Wl,-rpath,"$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --variable=libdir airops)"
}
notices_name_what_is_linked() {  # the runtime, the TLS and crypto stacks, and the CLI's parser
    local package
    for package in "The Swift standard library" swift-nio swift-nio-ssl async-http-client swift-argument-parser; do
        grep -q "^$package" "$prefix/THIRD_PARTY_NOTICES.txt" || { echo "no notice for $package"; return 1; }
    done
    ! grep -q "^hummingbird" "$prefix/THIRD_PARTY_NOTICES.txt" || { echo "a notice for the dev server's framework"; return 1; }
}
cmake_build() {
    cmake -S "$consumer_dir" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
        -DAIROPS_FIND_VERSION="$major" -DAIROPS_CONSUMER_SOURCE="$source_file" >"$work/cmake.log" 2>&1 &&
        cmake --build "$work/cmake-build" >>"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; return 1; }
}
cmake_refuses_another_major() {
    ! cmake -S "$consumer_dir" -B "$work/cmake-other-major" -DCMAKE_PREFIX_PATH="$prefix" \
        -DAIROPS_FIND_VERSION="$((major + 1))" -DAIROPS_CONSUMER_SOURCE="$source_file" >/dev/null 2>&1
}
plain_build() {
    cc -std=c11 -Wall -Werror -I"$prefix/include" "$source_file" -o "$work/plain-consumer" \
        -L"$prefix/lib" -lairops -Wl,-rpath,"$prefix/lib"
}
cli_runs_an_app() {
    local out
    out=$("$prefix/bin/airops" run hello-world --input name=Ada) || return 1
    grep -q 'Hello, Ada!' <<<"$out" || { echo "unexpected output: $out"; return 1; }
}

check "the tarball has lib/, include/, pkgconfig, CMake files, bin/airops, README, notices" has_layout
check "the notices name what the release links in, and only that" notices_name_what_is_linked
check "pkg-config consumer builds" pkg_config_build
check "pkg-config consumer runs an app" runs_an_app "$work/pkg-config-consumer"
check "pkg-config consumer loads the release's library" uses_the_tarball_library "$work/pkg-config-consumer"
check "CMake find_package consumer builds" cmake_build
check "CMake consumer runs an app" runs_an_app "$work/cmake-build/consumer"
check "CMake consumer loads the release's library" uses_the_tarball_library "$work/cmake-build/consumer"
check "CMake refuses a request for ABI major $((major + 1))" cmake_refuses_another_major
check "plain -I/-L consumer builds" plain_build
check "plain consumer runs an app" runs_an_app "$work/plain-consumer"
check "plain consumer loads the release's library" uses_the_tarball_library "$work/plain-consumer"
check "bin/airops runs an app" cli_runs_an_app
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
