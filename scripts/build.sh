#!/usr/bin/env bash
# Configures and builds mote into BUILD_DIR (default: build). Extra arguments
# go to CMake. Used by demo.sh and test.sh; fine to run by hand.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
jobs=${MOTE_JOBS:-$(nproc)}
cmake -S "$root" -B "$build" -G Ninja "$@" >/dev/null
ninja -C "$build" -j "$jobs"
