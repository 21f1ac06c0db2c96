#!/usr/bin/env bash
# Checks the wheel that make wheel leaves in WHEEL_DIR: auditwheel accepts it under a manylinux
# policy (printing the tag), and installed into a fresh venv, away from the source tree and
# without Swift on PATH, it works beside Python's ssl module against the dev server over TLS.
#   test_wheel.sh WHEEL_DIR DEV_SERVER
set -eu
wheel_dir=$(realpath "${1:?usage: test_wheel.sh WHEEL_DIR DEV_SERVER}")
server=$(realpath "${2:?dev server}")
here=$(realpath "$(dirname "$0")")
wheels=("$wheel_dir"/*.whl)
[ ${#wheels[@]} -eq 1 ] && [ -f "${wheels[0]}" ] || { echo "expected one wheel in $wheel_dir" >&2; exit 2; }
wheel=${wheels[0]}
echo "wheel: $(basename "$wheel")"
verdict=$(auditwheel show "$wheel")
echo "$verdict"
tr -s ' \n' '  ' <<<"$verdict" | grep -q 'is consistent with the following platform tag: "manylinux_2_' \
    || { echo "auditwheel does not give $wheel a manylinux tag" >&2; exit 1; }
case $(basename "$wheel") in
*-manylinux_2_*_x86_64*.whl) ;;
*) echo "the wheel's file name has no manylinux tag" >&2; exit 1 ;;
esac
python3 -m zipfile -l "$wheel" | grep -q 'airops/THIRD_PARTY_NOTICES.txt' \
    || { echo "the wheel carries no third-party notices" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv --system-site-packages "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-index --no-deps "$wheel"
cp "$here/test_tls_coexistence.py" "$work/"
cd "$work"
# Nothing of the toolchain or the source tree: no Swift on PATH, no library paths.
env -u PYTHONPATH -u AIROPS_LIBRARY -u LD_LIBRARY_PATH PATH=/usr/bin:/bin \
    "$work/venv/bin/python" "$here/../with_dev_server.py" --server "$server" --tls -- \
    "$work/venv/bin/python" -m pytest -q -p no:cacheprovider test_tls_coexistence.py
