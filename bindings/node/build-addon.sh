#!/bin/sh
# Compiles the N-API addon (src/*.c) into build/airops.node with cc, against the headers that
# come with node (<node prefix>/include/node, else /usr/include/node) and the repository's
# include/airops.h (else AIROPS_INCLUDE, else pkg-config airops). The addon loads libairops at run time (dlopen), so it links nothing else.
# Only the module entry point is exported (-fvisibility=hidden).
# Extra compiler flags come from CFLAGS (run-tests.sh passes -Wall -Wextra -Werror).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
node=${NODE:-node}
node_include=$(dirname "$(dirname "$("$node" -p process.execPath)")")/include/node
[ -f "$node_include/node_api.h" ] || node_include=/usr/include/node
if [ ! -f "$node_include/node_api.h" ]; then
    echo "build-addon.sh: node_api.h not found (install Debian's libnode-dev or nodejs headers)" >&2
    exit 1
fi
airops_include=${AIROPS_INCLUDE:-$here/../../include}
# Outside the repository (an installed package): the header that `make install` put in place.
[ -f "$airops_include/airops.h" ] || airops_include=$(pkg-config --variable=includedir airops 2>/dev/null || true)
if [ ! -f "$airops_include/airops.h" ]; then
    echo "build-addon.sh: airops.h not found (set AIROPS_INCLUDE to its folder)" >&2
    exit 1
fi
mkdir -p "$here/build"
${CC:-cc} -shared -fPIC -fvisibility=hidden -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -DNODE_GYP_MODULE_NAME=airops \
    ${CFLAGS:-} -I"$node_include" -I"$airops_include" \
    "$here"/src/*.c -o "$here/build/airops.node.tmp" -ldl -lpthread -lm
mv "$here/build/airops.node.tmp" "$here/build/airops.node"
