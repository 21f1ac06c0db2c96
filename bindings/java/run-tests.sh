#!/usr/bin/env bash
# Builds the Java binding (build-jar.sh) and its tests, and runs the tests against a fresh
# dev server with the proxies and the witness of tests/net (--net-tools), twice: plainly,
# then under -Xcheck:jni (the JVM checks every JNI call JNA makes, and that no Java
# exception leaks into native code).
#
# Environment (paths relative to the repository root):
#   AIROPS_LIBRARY     the libairops.so to test (default build/lib/libairops.so)
#   AIROPS_DEV_SERVER  the dev server (default .build/debug/airops-dev-server)
#   JNA_JAR, JUNIT_JAR Debian's jars (default /usr/share/java/jna.jar and
#                      /usr/share/java/junit-platform-console-standalone.jar)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
library="$(realpath -m "${AIROPS_LIBRARY:-build/lib/libairops.so}")"
server="$(realpath -m "${AIROPS_DEV_SERVER:-.build/debug/airops-dev-server}")"
jna="${JNA_JAR:-/usr/share/java/jna.jar}"
junit="${JUNIT_JAR:-/usr/share/java/junit-platform-console-standalone.jar}"
for file in "$library" "$server" "$jna" "$junit"; do
    [ -e "$file" ] || { echo "run-tests.sh: $file is missing (scripts/install-test-deps.sh installs the jars)" >&2; exit 1; }
done

build="$here/build"
JNA_JAR="$jna" "$here/build-jar.sh"
rm -rf "$build/test-classes"
javac --release 17 -Xlint:all -encoding UTF-8 -d "$build/test-classes" -cp "$build/airops.jar:$jna:$junit" \
    $(find "$here/src/test/java" -name '*.java')

classpath="$build/airops.jar:$jna:$build/test-classes:$junit"
run() {
    AIROPS_LIBRARY="$library" timeout 900 python3 tests/with_dev_server.py --server "$server" --net-tools -- \
        java "$@" -Dairops.header="$root/include/airops.h" -Dairops.example="$root/examples/java/Demo.java" \
        -cp "$classpath" com.airops.test.TestMain
}
status=0
echo "== java binding: tests"
run || status=1
echo "== java binding: tests under -Xcheck:jni"
run -Xcheck:jni || status=1
exit $status
