# Sourced by run-tests.sh and examples/go/run-demo.sh: finds the library and the dev server
# and sets up an offline Go build that links and loads that library.
#
# Environment (paths relative to the repository root):
#   AIROPS_LIBRARY     libairops.so, or its directory (default build/lib/libairops.so)
#   AIROPS_DEV_SERVER  the dev server (default .build/debug/airops-dev-server)
# Sets root, server (absolute) and exports AIROPS_LIBRARY (absolute), CGO_LDFLAGS
# (-L<library dir>), LD_LIBRARY_PATH (that directory first), GOPROXY=off,
# GOTOOLCHAIN=local, and GOCACHE/GOPATH under build/go. Leaves the shell in the root.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 1
library=${AIROPS_LIBRARY:-build/lib/libairops.so}
server=${AIROPS_DEV_SERVER:-.build/debug/airops-dev-server}
if [ -d "$library" ]; then library=$library/libairops.so; fi
if [ ! -f "$library" ] || [ ! -x "$server" ]; then
    echo "go binding: need the library ($library) and the dev server ($server); run make first" >&2
    exit 1
fi
if ! command -v go >/dev/null; then
    echo "go binding: go is missing (apt-get install golang-go, or scripts/install-test-deps.sh)" >&2
    exit 1
fi
library=$(cd "$(dirname "$library")" && pwd)/$(basename "$library")
server=$(cd "$(dirname "$server")" && pwd)/$(basename "$server")
export AIROPS_LIBRARY=$library
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS= CGO_ENABLED=1
export GOCACHE=$root/build/go/cache GOPATH=$root/build/go/path
export CGO_LDFLAGS="-L$(dirname "$library") ${CGO_LDFLAGS:-}"
export LD_LIBRARY_PATH=$(dirname "$library")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
