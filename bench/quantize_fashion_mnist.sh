#!/usr/bin/env bash
# int8 post-training quantization on the full Fashion-MNIST test split:
# imports all 70,000 images (Debian package dataset-fashion-mnist; the 10,000
# t10k images are the test split) into a fresh project with 28x28 grayscale
# features, trains the zoo's `cnn` for EPOCHS epochs with `mote train`, then
# `mote quantize` (calibrated on CALIBRATION train images) runs the float and
# the int8 model through micro/nn on the 10,000 test images and prints both
# accuracies and their top-1 agreement, measured in the same run. Finally
# `mote eval --int8` must report the same int8 accuracy.
# Usage: bench/quantize_fashion_mnist.sh [path/to/mote] [EPOCHS] [CALIBRATION]
#        (defaults: build/src/mote, 3, 200)
set -euo pipefail

# shellcheck source=fashion_mnist_project.sh
source "$(dirname "$0")/fashion_mnist_project.sh"
epochs=${2:-3}
calibration=${3:-200}
"$mote" -q -C "$work/proj" data import "$data"/*.gz \
  --class-names tshirt,trouser,pullover,dress,coat,sandal,shirt,sneaker,bag,boot >/dev/null
# The images come from `data import`, not from the template's data.sources.
sed -i -e '/^  sources:/d' -e '/^    - files: data\/images/d' -e '/^      label_from: folder/d' \
  -e 's/^  output_width: 96/  output_width: 28/' -e 's/^  output_height: 96/  output_height: 28/' \
  -e 's/^  grayscale: false/  grayscale: true/' -e 's/^  crop: center /  crop: none   /' "$work/proj/mote.yaml"
cat >>"$work/proj/mote.yaml" <<YAML
model:
  zoo: cnn
train:
  epochs: $epochs
  validation: 0
YAML

start=$(date +%s)
"$mote" -q -C "$work/proj" train >/dev/null
trained=$(date +%s)
summary=$("$mote" -q --json -C "$work/proj" quantize --calibration "$calibration")
quantized=$(date +%s)
int8_eval=$("$mote" -q --json -C "$work/proj" eval --int8)

field() { grep -o "\"$1\": [0-9.e-]*" <<<"$2" | head -1 | grep -o '[0-9.e-]*$'; }
examples=$(field examples "$summary")
float_acc=$(field float_accuracy "$summary")
int8_acc=$(field int8_accuracy "$summary")
agreement=$(field agreement "$summary")
eval_acc=$(field accuracy "$int8_eval")
printf 'quantize_fashion_mnist: cnn, %s epochs (%d s), calibrated on %s train images; %s test images (%d s for quantize + both evaluations)\n' \
  "$epochs" $((trained - start)) "$calibration" "$examples" $((quantized - trained))
awk -v f="$float_acc" -v q="$int8_acc" -v a="$agreement" \
  'BEGIN { printf "  float accuracy %.2f %%, int8 accuracy %.2f %% (%+.2f points), top-1 agreement %.2f %%\n", 100 * f, 100 * q, 100 * (q - f), 100 * a }'
[[ $examples == 10000 ]] || { echo "bench: expected the 10,000 test images, got $examples" >&2; exit 1; }
[[ $eval_acc == "$int8_acc" ]] || { echo "bench: mote eval --int8 says $eval_acc, quantize said $int8_acc" >&2; exit 1; }
