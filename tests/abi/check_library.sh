#!/usr/bin/env bash
# Checks the built library as a user's loader and compiler see it: it loads without Swift
# installed, needs only system libraries and no OpenSSL, exports exactly the header's
# functions, carries a SONAME, and the header compiles cleanly as C11 and C++.
set -u
lib=${1:?usage: check_library.sh path/to/libairops.so}
header=include/airops.h
passed=0
failed=0
check() {  # check NAME COMMAND...
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $name" >&2
    fi
}

loads_without_swift() { env -i /usr/bin/python3 -c "import ctypes; ctypes.CDLL('$(realpath "$lib")')"; }
needs_only_system_libraries() {
    local bad
    bad=$(ldd "$lib" | grep -v -E '^\s*(linux-vdso\.so|/lib64/ld-linux)' | grep -v -E '=> /(usr/)?lib/' || true)
    [ -z "$bad" ] || { echo "unexpected dependencies:"; echo "$bad"; return 1; }
    ! ldd "$lib" | grep -q -i swift
}
needs_no_openssl() {  # its cryptography is BoringSSL, linked in
    ! readelf -d "$lib" | grep -E 'NEEDED.*\[lib(ssl|crypto)\.'
}
exports_only_airops() {
    local other
    other=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^airops_' || true)
    [ -z "$other" ] || { echo "non-airops exports:"; echo "$other" | head; return 1; }
}
exports_match_header() {
    diff <(nm -D --defined-only "$lib" | awk '{print $3}' | sort) \
         <(grep -oE '\bairops_[a-z0-9_]+\(' "$header" | tr -d '(' | sort -u)
}
has_soname() { readelf -d "$lib" | grep -q 'SONAME.*\[libairops\.so\.0\]'; }
header_compiles_as_c11() {
    echo '#include <airops.h>
int main(void) { return airops_version_number() == AIROPS_VERSION_NUMBER ? 0 : 1; }' |
        cc -std=c11 -Wall -Wextra -Werror -pedantic -Iinclude -x c - -o /dev/null -L"$(dirname "$lib")" -lairops
}
header_compiles_as_cxx() {
    echo '#include <airops.h>
int main() { return airops_version_number() == AIROPS_VERSION_NUMBER ? 0 : 1; }' |
        c++ -std=c++11 -Wall -Wextra -Werror -pedantic -Iinclude -x c++ - -o /dev/null -L"$(dirname "$lib")" -lairops
}

check "the library loads with an empty environment" loads_without_swift
check "ldd lists only system libraries" needs_only_system_libraries
check "the library needs no OpenSSL" needs_no_openssl
check "nm -D lists only airops_* symbols" exports_only_airops
check "the exports are exactly the header's functions" exports_match_header
check "SONAME is libairops.so.0" has_soname
check "the header compiles as C11 with -Wall -Wextra -Werror -pedantic" header_compiles_as_c11
check "the header compiles as C++11" header_compiles_as_cxx
echo "check_library: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
