#!/usr/bin/env bash
# Keyword-spotting benchmark: a kws project (`mote init --template kws`),
# `mote data synth keywords` with espeak-ng (train split) and with flite
# (test split: other engine, other voices, never seen in training), MFCC
# features through mote's features stage (the template's: window mean
# subtracted, then standardised), then the zoo's DS-CNN trained by
# mote (train_keywords_bench) and the same network trained by PyTorch
# (torch_keywords.py) on the same exported features with the same budget.
# Prints both flite accuracies and training samples/s.
#
#   bench/keywords.sh [BUILD_DIR] [COUNT_PER_LABEL] [EPOCHS] [THREADS] [TIME_MASK] [FREQ_MASK]
#
# TIME_MASK and FREQ_MASK (default 0, off) turn on feature masking in both
# trainers (train.augment time_mask / freq_mask, train/feature_masks.h).
#
# Needs a build with -DMOTE_BUILD_BENCH=ON, espeak-ng, flite and sox, and
# Debian's python3-torch and python3-numpy for the anchor.
set -euo pipefail
build=$(realpath "${1:-build}")
count=${2:-200}
epochs=${3:-15}
threads=${4:-1}
masks=(--time-mask "${5:-0}" --freq-mask "${6:-0}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mote="$build/src/mote"
(cd "$work" && "$mote" init kws --template kws -q >/dev/null)
project="$work/kws"
(cd "$project" && "$mote" data synth keywords --count "$count" -q >/dev/null)
(cd "$project" && "$mote" data synth keywords --engine flite --count "$count" -q >/dev/null)
features=$(cd "$project" && "$mote" features --json --no-pictures -q |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["output"])')

"$build/bench/train_keywords_bench" --features "$project/$features" --epochs "$epochs" --batch 32 \
  --threads "$threads" "${masks[@]}" --export "$work/npy" | tail -n 1
/usr/bin/python3 "$(dirname "$0")/torch_keywords.py" "$work/npy" --epochs "$epochs" --batch 32 \
  --threads "$threads" "${masks[@]}" | tail -n 1
