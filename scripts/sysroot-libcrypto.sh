#!/usr/bin/env bash
# Points SwiftPM's pkg-config lookup of libcrypto (Sources/COpenSSL) at the sysroot's static
# libcrypto, for make release: OUT/libcrypto.pc names the sysroot's headers and OUT/static,
# which holds only libcrypto.a, so -lcrypto links it in. The release library then needs no
# libcrypto at run time (bullseye's is OpenSSL 1.1, newer systems ship only OpenSSL 3), and
# its copy cannot meet another OpenSSL in the process: the link hides every symbol but airops_*.
#   sysroot-libcrypto.sh SYSROOT OUT
set -eu
sysroot=$(realpath "${1:?usage: sysroot-libcrypto.sh SYSROOT OUT}")
out=${2:?out}
archive="$sysroot/usr/lib/x86_64-linux-gnu/libcrypto.a"
[ -f "$archive" ] || { echo "no $archive: is libssl-dev in the sysroot?" >&2; exit 1; }
version=$(sed -n 's/^Version: *//p' "$sysroot/usr/lib/x86_64-linux-gnu/pkgconfig/libcrypto.pc")
mkdir -p "$out/static"
ln -sf "$archive" "$out/static/libcrypto.a"
out=$(realpath "$out")
cat >"$out/libcrypto.pc" <<PC
Name: libcrypto
Description: OpenSSL libcrypto $version of the release sysroot, linked statically
Version: $version
Cflags: -I$sysroot/usr/include
Libs: -L$out/static -lcrypto
PC
