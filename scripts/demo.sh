#!/usr/bin/env bash
# The README's demo command: installs what mote needs, builds it, and runs the
# lifecycle on data it ships or generates, in a fresh project (default
# ./mote-demo; set MOTE_DEMO_DIR to put it elsewhere).
#
# It imports the 70,000 Fashion-MNIST images from Debian and a generated
# motion set, cleans the data, snapshots it, shows the statistics and the
# pipeline cache, computes features with the device's own DSP code, trains a
# gesture classifier, evaluates it with the device's runtime, exports it as
# a C++ library and runs it on an emulated Cortex-M4.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
export BUILD_DIR=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh" -DMOTE_BUILD_TESTS=OFF
mote=$BUILD_DIR/src/mote
demo=${MOTE_DEMO_DIR:-$PWD/mote-demo}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "A fresh image project in $demo"
rm -rf "$demo/images" "$demo/motion"
mkdir -p "$demo"
"$mote" init "$demo/images" --template image
cd "$demo/images"

step "Import Fashion-MNIST (Debian dataset-fashion-mnist): 60,000 train + 10,000 test images"
"$mote" data import /usr/share/datasets/fashion-mnist/*.gz \
  --class-names tshirt,trouser,pullover,dress,coat,sandal,shirt,sneaker,bag,boot
step "Importing the same files again stores nothing new"
"$mote" data import /usr/share/datasets/fashion-mnist/*.gz \
  --class-names tshirt,trouser,pullover,dress,coat,sandal,shirt,sneaker,bag,boot
"$mote" data snapshot v1 -m "Fashion-MNIST as Debian ships it"
"$mote" data stats

step "A motion project: generated accelerometer gestures (seeded, reproducible)"
"$mote" init "$demo/motion" --template motion
cd "$demo/motion"
"$mote" data synth motion --count 40 --seed 7 --no-import
step "mote run imports data.sources of mote.yaml; a second run skips what did not change"
"$mote" run
"$mote" run
"$mote" data check
"$mote" data snapshot v1
step "Review: one 'shake' recording is really a wave, and an idle one is bad; fix both and compare with v1"
"$mote" data relabel --query "label=shake source~*/0003.csv" --to wave
"$mote" data exclude --query "label=idle source~*/0000.csv" --reason "sensor fell off the wrist"
"$mote" data diff v1 @ --verbose
"$mote" data snapshot v2 -m "reviewed"
"$mote" data stats
step "The dataset changed, so mote run redoes the dataset stage (import is unchanged)"
"$mote" run
step "Features: the dsp: block of mote.yaml (spectral analysis) over every window, with train-split normalization"
"$mote" features
step "Change one DSP parameter: only the features stage runs again"
sed -i 's/^  num_peaks: .*/  num_peaks: 2/' mote.yaml
"$mote" run
step "Train: a small MLP from the zoo (model: and train: in mote.yaml); the run is recorded with a report"
cat >> mote.yaml <<'YAML'

model:
  zoo: mlp
  width: 0.5
  depth: 2
train:
  epochs: 30
  batch_size: 16
  validation: 0.2
YAML
"$mote" train
model=.mote/runs/1/model.tflite
step "Evaluate the exported model on the test split, through the device's runtime (micro/nn)"
"$mote" eval
step "Inspect it: ops, MACs, weights, the exact RAM the runtime needs, its metadata"
"$mote" model inspect "$model" | grep -v '^mote metadata'
step "Deploy: a C++ library (generated code, constants in flash) with the feature normalization"
"$mote" export --model "$model" --format cpp-lib -o gesture_lib
step "On an emulated Cortex-M4 (QEMU mps2-an386): instructions per inference, RAM, flash"
"$mote" bench "$model" --target qemu-mps2-an386
step "Done: projects in $demo (feature pictures in $demo/motion/reports/features/index.html, the training report in $demo/motion/reports/runs/1/index.html)"
