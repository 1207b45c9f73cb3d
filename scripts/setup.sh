#!/usr/bin/env bash
# Installs everything mote needs on Debian 12 (bookworm). Idempotent: packages
# already present are left alone, so running it twice costs a few seconds.
# Usage: scripts/setup.sh            (as root, or with sudo available)
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # host libraries
  libyaml-cpp-dev libcli11-dev nlohmann-json3-dev libsqlite3-dev sqlite3
  libsndfile1-dev libsamplerate0-dev libstb-dev libsodium-dev zlib1g-dev
  libfmt-dev libgtest-dev libgmock-dev
  # models: the .tflite schema compiler and runtime, training's linear algebra
  flatbuffers-compiler libflatbuffers-dev libopenblas-pthread-dev
  # test oracles and independent runtimes: KissFFT for the FFTs, Arm NN's
  # reference backend for exported .tflite files; clang's libFuzzer
  libkissfft-dev libarmnntfliteparser-dev libarmnn-cpuref-backend22
  clang libclang-rt-14-dev
  # benchmarks (bench/, built with -DMOTE_BUILD_BENCH=ON)
  libbenchmark-dev
  # data: Fashion-MNIST, speech synthesis and noise mixing
  dataset-fashion-mnist espeak-ng flite sox
  # festival's voices that are not flite's speakers (speech_synth.cc)
  festival festvox-kdlpc16k festvox-italp16k festvox-itapc16k festvox-suopuhe-lj
  festvox-suopuhe-mv festvox-czech-dita festvox-czech-machac festvox-ca-ona-hts
  # RHVoice's statistical (HMM) voices, the kind flite's awb, rms and slt
  # are (speech_synth.cc); in Debian's non-free component, enabled below
  rhvoice rhvoice-english
  # data: a real ECG (scipy/misc/ecg.dat) for the unsupervised anomaly bench
  python3-scipy
  # device: cross compiler, C/C++ runtime for bare metal, emulated boards
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib
  qemu-system-arm
  # instruction counting on the host
  valgrind
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # rhvoice-english is in bookworm's non-free component (its voices are
  # LGPL, but Debian lacks the scripts that trained them). A machine that
  # lists only main gets a source of its own for non-free.
  if [[ " ${missing[*]} " == *" rhvoice"* ]] &&
    ! grep -rqsE '^[^#]*non-free([^-]|$)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "setup: enabling bookworm's non-free component in /etc/apt/sources.list.d/mote-non-free.sources"
    printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm' 'Components: non-free' \
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' |
      "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/mote-non-free.sources > /dev/null
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all ${#packages[@]} Debian packages present"
fi

# LiteRT.js, the second independent runtime for exported .tflite files
# (tests/litert/). Node.js comes from Debian when the machine has none.
if ! command -v npm > /dev/null; then
  echo "setup: installing Debian's nodejs and npm"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nodejs npm
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ ! -d "$root/tests/litert/node_modules/@litertjs/core" ]]; then
  echo "setup: npm install in tests/litert (LiteRT.js)"
  (cd "$root/tests/litert" && npm install --no-audit --no-fund --silent)
fi
