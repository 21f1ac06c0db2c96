#!/usr/bin/env bash
# Runs the release library inside a chroot of an older Debian (made by
# scripts/make-debian-root.sh): its loader resolves the library, python3 loads it with ctypes,
# and examples/c/execute.c, compiled against the release sysroot, runs an app on the dev server
# outside (a chroot shares the network namespace, so loopback reaches it). Run it under
# tests/with_dev_server.py, as root.
#   run_in_chroot.sh ROOT SYSROOT LIBDIR
set -u
root=${1:?usage: run_in_chroot.sh ROOT SYSROOT LIBDIR}
sysroot=${2:?sysroot}
libdir=${3:?libdir}
cc=${CHROOT_CC:-clang}
: "${AIROPS_HOST:?run under tests/with_dev_server.py}"
[ -x "$root/usr/bin/python3" ] || { echo "no Debian root with python3 at $root" >&2; exit 2; }
stage=/opt/airops-test
rm -rf "$root$stage"
mkdir -p "$root$stage/lib" "$root$stage/bin"
trap 'rm -rf "$root$stage"' EXIT
cp -P "$libdir"/libairops.so* "$root$stage/lib/"
"$cc" --sysroot="$sysroot" -std=c11 -Wall -Werror -Iinclude examples/c/execute.c -o "$root$stage/bin/execute" \
    -L"$libdir" -lairops -Wl,-rpath,$stage/lib || exit 2
passed=0
failed=0
check() {  # check NAME COMMAND...
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name" >&2; fi
}
in_root() { chroot "$root" "$@"; }
glibc=$(in_root ldd --version | sed -n '1s/.* //p')
echo "glibc in $root: $glibc (here: $(ldd --version | sed -n '1s/.* //p'))"
loader_resolves_everything() {
    local out
    out=$(in_root ldd "$stage/lib/libairops.so.0") || return 1
    ! grep -q 'not found' <<<"$out" || { echo "$out"; return 1; }
}
python_loads_it() {
    local version
    version=$(in_root env -i /usr/bin/python3 -c "import ctypes
lib = ctypes.CDLL('$stage/lib/libairops.so.0')
lib.airops_version.restype = ctypes.c_char_p
print(lib.airops_version().decode())") || return 1
    echo "python3 $(in_root python3 -c 'import platform; print(platform.python_version())') loaded libairops $version"
}
example_runs_an_app() {
    local out
    out=$(in_root "$stage/bin/execute" hello-world Ada) || return 1
    echo "execute: $out"
    grep -q 'Hello, Ada!' <<<"$out"
}
check "the chroot's glibc is older than 2.36" test "$(printf '%s\n2.35\n' "$glibc" | sort -V | head -1)" = "$glibc"
check "the chroot's loader resolves every dependency" loader_resolves_everything
check "python3 in the chroot loads the library" python_loads_it
check "examples/c/execute runs hello-world in the chroot" example_runs_an_app
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
