#!/usr/bin/env bash
# Makes a Debian root with debootstrap from Debian's mirror, once: make release links against
# one (the sysroot, an older glibc and libstdc++), and tests/dist runs the release inside
# another (a chroot with python3 and nothing of ours). A root is complete when its stamp file
# exists; a missing or half-made one is made again.
#   make-debian-root.sh DIR SUITE PACKAGE[,PACKAGE...]
set -eu
dir=${1:?usage: make-debian-root.sh DIR SUITE PACKAGES}
suite=${2:?suite}
packages=${3:?packages}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
stamp="$dir/.airops-root-complete"
[ -e "$stamp" ] && [ "$(cat "$stamp")" = "$suite $packages" ] && exit 0
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
debootstrap --variant=minbase --include="$packages" "$suite" "$dir" "$mirror" >"$dir.log" 2>&1 \
    || { tail -20 "$dir.log" >&2; exit 1; }
# debootstrap leaves its package cache behind; the root is only read from here on.
rm -rf "$dir"/var/cache/apt/archives/*.deb
# Absolute links (/lib64/ld-linux-x86-64.so.2 -> /lib/...) point out of the root when it is a
# linker's sysroot rather than a chroot; relative ones work in both.
find "$dir" -type l -lname '/*' -print0 | while IFS= read -r -d '' link; do
    ln -sfnr "$dir$(readlink "$link")" "$link"
done
echo "$suite $packages" >"$stamp"
