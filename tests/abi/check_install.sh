#!/usr/bin/env bash
# Installs into a temporary prefix and builds and runs an example the way a user would:
# with the flags pkg-config gives, against the installed library. Needs the dev server's
# environment (run through tests/with_dev_server.py).
set -u
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
passed=0
failed=0
check() {  # check NAME COMMAND...
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name" >&2; fi
}
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
version=$(sed -n 's/^#define AIROPS_VERSION_STRING "\(.*\)"/\1/p' include/airops.h)

installs() { make --no-print-directory -s install PREFIX="$prefix" >/dev/null; }
has_links() {
    [ -f "$prefix/lib/libairops.so.$version" ] && [ "$(readlink "$prefix/lib/libairops.so.0")" = "libairops.so.$version" ] &&
        [ "$(readlink "$prefix/lib/libairops.so")" = "libairops.so.$version" ] && [ -f "$prefix/include/airops.h" ]
}
has_soname() { readelf -d "$prefix/lib/libairops.so.$version" | grep -q 'SONAME.*\[libairops\.so\.0\]'; }
pkg_config_knows_it() { [ "$(pkg-config --modversion airops)" = "$version" ]; }
example_builds() {
    # shellcheck disable=SC2046 # pkg-config's output is meant to be split into flags
    cc -std=c11 -Wall -Wextra -Werror examples/c/execute.c -o "$prefix/execute" $(pkg-config --cflags --libs airops) \
        -Wl,-rpath,"$prefix/lib"
}
example_runs_on_the_installed_library() {
    env -u LD_LIBRARY_PATH "$prefix/execute" hello-world Installed | grep -q 'Hello, Installed!' &&
        ldd "$prefix/execute" | grep -q "$prefix/lib/libairops.so.0"
}

cli_is_installed() { "$prefix/bin/airops" --help | grep -q 'hash-user-id'; }

check "make install PREFIX=..." installs
check "the airops command is installed" cli_is_installed
check "the library, its SONAME links and the header are installed" has_links
check "readelf -d shows SONAME libairops.so.0" has_soname
check "pkg-config --modversion airops is $version" pkg_config_knows_it
check "an example builds with pkg-config's flags" example_builds
check "the example runs against the installed library" example_runs_on_the_installed_library
echo "check_install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
