#!/bin/sh
# Flash and RAM of the shared models as cpp-lib libraries for Cortex-M4
# (-Os, --gc-sections), generated code (aot) beside the interpreter:
#   bench/cpp_lib_footprint.sh BUILD_DIR [MODEL...]
# BUILD_DIR holds the built `mote` (src/mote); MODEL defaults to
# micro_speech_quantized and person_detect from ../shared/models.
# Prints per model and runtime: text+data of the linked image, the model's
# constants in it, what remains (runtime code), the arena, and the image's
# whole static RAM (data+bss: the arena, the interpreter object, the C
# library's state).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
shift
models=${*:-micro_speech_quantized person_detect}
shared=${MOTE_SHARED_MODELS:-$here/../../shared/models}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-24s %-12s %10s %10s %10s %8s %8s\n' model runtime flash constants code arena ram
for m in $models; do
  for runtime in aot interpreter; do
    out="$work/$m-$runtime"
    "$build/src/mote" export --model "$shared/$m.tflite" --format cpp-lib --runtime "$runtime" --name model \
      -o "$out/lib" --json > "$out.json"
    cmake -S "$here/cpp_lib_footprint" -B "$out/build" -G Ninja -DLIB_DIR="$out/lib" \
      -DCMAKE_BUILD_TYPE=MinSizeRel --toolchain "$here/../firmware/cmake/arm-none-eabi.cmake" \
      -DMOTE_CPU=cortex-m4 > "$out.cmake.log" 2>&1 || { cat "$out.cmake.log"; exit 1; }
    ninja -C "$out/build" app > "$out.build.log" 2>&1 || { cat "$out.build.log"; exit 1; }
    set -- $(arm-none-eabi-size "$out/build/app" | tail -1)
    flash=$(($1 + $2))
    constants=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["constant_bytes"])' "$out.json")
    arena=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["arena_bytes"])' "$out.json")
    ram=$(($2 + $3))
    printf '%-24s %-12s %10d %10d %10d %8d %8d\n' "$m" "$runtime" "$flash" "$constants" $((flash - constants)) \
      "$arena" "$ram"
  done
done
