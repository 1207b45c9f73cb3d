#!/bin/sh
# Host instructions of one inference through a cpp-lib library, generated
# code (aot) beside the interpreter, counted by callgrind from the C API's
# NAME_invoke (g++ -O2, x86-64, the golden input):
#   bench/cpp_lib_instructions.sh BUILD_DIR [MODEL...]
# BUILD_DIR holds the built `mote` (src/mote); micro/nn (with micro/dsp/micro_speech, which
# its signal ops call, and micro/dsp/log2_exp2, which its float LOGISTIC calls) is compiled
# from this tree. MODEL defaults to the golden models micro/nn runs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "$1" && pwd)
shift
models=${*:-hello_world_float hello_world_int8 micro_speech_quantized person_detect simple_add_model}
shared=${MOTE_SHARED_MODELS:-$root/../shared/models}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags="-std=c++17 -O2 -ffp-contract=off -fno-exceptions -fno-rtti -I$root"
for f in "$root"/micro/nn/*.cc "$root"/micro/nn/kernels/*.cc "$root"/micro/dsp/micro_speech/*.cc \
         "$root"/micro/dsp/log2_exp2.cc; do
  g++ $flags -c "$f" -o "$work/$(basename "$(dirname "$f")")_$(basename "$f" .cc).o"
done
ar rcs "$work/libnn.a" "$work"/*.o
printf '%-24s %14s %14s %7s\n' model aot interpreter ratio
for m in $models; do
  set --
  for runtime in aot interpreter; do
    out="$work/$m-$runtime"
    "$build/src/mote" export --model "$shared/$m.tflite" --format cpp-lib --runtime "$runtime" --name model \
      -o "$out" > /dev/null
    gcc -std=c11 -O2 -I"$out" -I"$root" -x c -c "$root/tests/deploy/cpp_lib_harness.c.in" -o "$out/harness.o"
    g++ $flags -I"$out" -c "$out/model.cc" -o "$out/model.o"
    g++ "$out/harness.o" "$out/model.o" "$work/libnn.a" -o "$out/run"
    inputs=$(ls "$shared/golden/$m"/input_*.bin)
    valgrind --tool=callgrind --toggle-collect=model_invoke --callgrind-out-file="$out/cg" "$out/run" "$out" $inputs \
      > "$out.log" 2>&1
    set -- "$@" "$(sed -n 's/^totals: *//p' "$out/cg")"
  done
  printf '%-24s %14s %14s %7s\n' "$m" "$1" "$2" "$(python3 -c "print(f'{$1 / $2:.3f}')")"
done
