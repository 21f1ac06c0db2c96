#!/usr/bin/env bash
# Builds the Java binding: javac, then build/airops.jar (the classes of src/main/java).
#
# Environment:
#   JNA_JAR  Debian's JNA jar (default /usr/share/java/jna.jar)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jna="${JNA_JAR:-/usr/share/java/jna.jar}"
[ -e "$jna" ] || { echo "build-jar.sh: $jna is missing (scripts/install-test-deps.sh installs it)" >&2; exit 1; }

build="$here/build"
rm -rf "$build/classes"
javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d "$build/classes" -cp "$jna" \
    $(find "$here/src/main/java" -name '*.java')
jar cf "$build/airops.jar" -C "$build/classes" .
