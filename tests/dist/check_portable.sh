#!/usr/bin/env bash
# Checks what a release library asks of the system that loads it: no packed relocations
# (DT_RELR needs glibc 2.36), no glibc, libstdc++ or libgcc symbol version above the floor,
# no libraries beyond glibc's own, libstdc++, libgcc_s and libz (all in the manylinux policies;
# the cryptography, BoringSSL, is linked in), and for the library only airops_* exports.
#   check_portable.sh LIB [GLIBC_MAX [GLIBCXX_MAX]]
set -u
lib=${1:?usage: check_portable.sh LIB [GLIBC_MAX [GLIBCXX_MAX]]}
[ -f "$lib" ] || { echo "no library at $lib" >&2; exit 2; }
glibc_max=${2:-2.31}
glibcxx_max=${3:-3.4.28}
passed=0
failed=0
check() {  # check NAME COMMAND...
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name" >&2; fi
}
# The versions the library requires, as "GLIBC_2.17" etc. (readelf -V: the .gnu.version_r part).
required() { readelf -V --wide "$lib" | sed -n 's/.*Name: \([A-Z_]*[0-9][0-9.]*\)  *Flags.*/\1/p' | sort -u; }
highest() {  # highest PREFIX: the highest required version with that prefix
    required | sed -n "s/^$1_\([0-9.]*\)$/\1/p" | sort -V | tail -1
}
at_most() {  # at_most PREFIX MAX
    local top
    top=$(highest "$1")
    echo "highest $1 required: ${top:-none} (limit $2)"
    [ -z "$top" ] || [ "$(printf '%s\n%s\n' "$top" "$2" | sort -V | tail -1)" = "$2" ]
}
no_relr() { ! readelf -d "$lib" | grep -q -E '\((RELR|RELRSZ|RELRENT)\)'; }
needs_only() {
    local extra
    extra=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
        grep -v -x -E 'libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|libutil\.so\.1|ld-linux-x86-64\.so\.2|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libz\.so\.1' || true)
    [ -z "$extra" ] || { echo "unexpected NEEDED: $extra"; return 1; }
}
# An undefined symbol without a version binds to whatever library has it, or to none at its
# first call: each must come with the version of the library that has it (weak ones may stay).
undefined_are_versioned() {
    local loose
    loose=$(nm -D --undefined-only "$lib" | awk '$1 == "U" && $2 !~ /@/ {print $2}')
    [ -z "$loose" ] || { echo "undefined without a version: $loose"; return 1; }
}
exports_only_airops() { [ -z "$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^airops_')" ]; }

check "no DT_RELR" no_relr
check "GLIBC versions up to $glibc_max" at_most GLIBC "$glibc_max"
check "GLIBCXX versions up to $glibcxx_max" at_most GLIBCXX "$glibcxx_max"
check "CXXABI versions up to 1.3.12 (GCC 10)" at_most CXXABI 1.3.12
check "GCC (libgcc_s) versions up to 7.0.0" at_most GCC 7.0.0
check "every undefined symbol has a version" undefined_are_versioned
check "needs only glibc, libstdc++, libgcc_s and libz" needs_only
if readelf -d "$lib" | grep -q '(SONAME)'; then
    check "exports only airops_*" exports_only_airops
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
