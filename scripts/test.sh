#!/usr/bin/env bash
# The README's test command: installs what mote needs (Debian packages), builds
# with warnings as errors and runs the whole GoogleTest suite through CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
export BUILD_DIR=${BUILD_DIR:-$root/build-test}
"$root/scripts/build.sh" -DMOTE_WERROR=ON -DMOTE_BUILD_TESTS=ON
cd "$BUILD_DIR"
ctest --output-on-failure -j "${MOTE_JOBS:-$(nproc)}" --timeout 900
