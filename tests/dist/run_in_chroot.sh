#!/usr/bin/env bash
# Runs the release inside a chroot of an older Debian (made by scripts/make-debian-root.sh):
# its loader resolves the library, python3 loads it with ctypes, examples/c/execute.c, compiled
# against the release sysroot, runs an app on the dev server outside (a chroot shares the
# network namespace, so loopback reaches it), and the wheel, unpacked as pip would install it,
# runs every Python example with the chroot's python3 (bullseye's is 3.9, the oldest the
# package supports). Run it under tests/with_dev_server.py, as root.
#   run_in_chroot.sh ROOT SYSROOT LIBDIR WHEEL
set -u
root=${1:?usage: run_in_chroot.sh ROOT SYSROOT LIBDIR WHEEL}
sysroot=${2:?sysroot}
libdir=${3:?libdir}
wheel=${4:?wheel}
cc=${CHROOT_CC:-clang}
: "${AIROPS_HOST:?run under tests/with_dev_server.py}"
[ -x "$root/usr/bin/python3" ] || { echo "no Debian root with python3 at $root" >&2; exit 2; }
stage=/opt/airops-test
rm -rf "$root$stage"
mkdir -p "$root$stage/lib" "$root$stage/bin" "$root$stage/site" "$root$stage/examples"
trap 'rm -rf "$root$stage"' EXIT
cp -P "$libdir"/libairops.so* "$root$stage/lib/"
python3 -m zipfile -e "$wheel" "$root$stage/site" || exit 2
cp examples/python/*.py "$root$stage/examples/"
"$cc" --sysroot="$sysroot" -std=c11 -Wall -Werror -Iinclude examples/c/execute.c -o "$root$stage/bin/execute" \
    -L"$libdir" -lairops -Wl,-rpath,$stage/lib || exit 2
passed=0
failed=0
check() {  # check NAME COMMAND...
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name" >&2; fi
}
# Runs a command in the root as on a booted system of that release, with /proc mounted: the
# Swift runtime's libdispatch reads /proc/PID/task/TID/stat when it checks on its worker
# threads, and traps without it. The mount lives in a mount namespace of the command's own,
# so it goes away with the command, however that ends.
unshare_bin=$(command -v unshare)
mount_bin=$(command -v mount)
chroot_bin=$(command -v chroot)
in_root() {
    "$unshare_bin" --mount --propagation private /bin/sh -c \
        '"$1" -t proc proc "$3/proc" && shift && exec "$@"' sh "$mount_bin" "$chroot_bin" "$root" "$@"
}
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
# Runs a command in the root with the dev server's AIROPS_* variables and nothing else of this
# machine's environment; they are inherited, not passed in argv, which would show the hashed
# user id in the process list.
in_root_with_server() {
    (
        for name in $(compgen -e); do
            case $name in AIROPS_LIBRARY) unset "$name" ;; AIROPS_*) ;; *) unset "$name" ;; esac
        done
        export PYTHONPATH=$stage/site
        in_root "$@"
    )
}
python_examples_run() {
    local example out
    for example in "$root$stage"/examples/*.py; do
        out=$(in_root_with_server /usr/bin/python3 "$stage/examples/${example##*/}" 2>&1) ||
            { echo "${example##*/} failed: $out"; return 1; }
        echo "python3 ${example##*/}: $(head -1 <<<"$out")"
    done
}
check "the chroot's glibc is older than 2.36" test "$(printf '%s\n2.35\n' "$glibc" | sort -V | head -1)" = "$glibc"
check "the chroot's loader resolves every dependency" loader_resolves_everything
check "python3 in the chroot loads the library" python_loads_it
check "examples/c/execute runs hello-world in the chroot" example_runs_an_app
check "the wheel's package runs every Python example in the chroot" python_examples_run
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
