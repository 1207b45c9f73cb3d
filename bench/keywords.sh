#!/usr/bin/env bash
# Keyword-spotting benchmark: a kws project (`mote init --template kws`),
# `mote data synth keywords` with espeak-ng (train split: TRAIN_COUNT clips
# per label) and with flite (the fixed test split: 200 clips per label,
# seed 1; other engine, other voices, never seen in training), MFCC
# features through mote's features stage (the template's: window mean
# subtracted, then standardised), then the zoo's DS-CNN trained by
# mote (train_keywords_bench) and the same network trained by PyTorch
# (torch_keywords.py) on the same exported features with the same budget.
# Prints both flite accuracies and training samples/s, then whether the two
# engines take the same steps from the same weights on these features
# (torch_step_parity.py: exits 1 if not).
#
#   bench/keywords.sh [BUILD_DIR] [TRAIN_COUNT] [EPOCHS] [THREADS] [TIME_MASK] [FREQ_MASK] [SEED] [FESTIVAL_COUNT] [RHVOICE_COUNT]
#
# TIME_MASK and FREQ_MASK (default 0, off) turn on feature masking in both
# trainers (train.augment time_mask / freq_mask, train/feature_masks.h).
# SEED (default 1) seeds both trainers' weights and batch order; the clips
# do not change with it. FESTIVAL_COUNT (default 0) adds that many festival
# clips per label to the training split (`--engine festival`: recorded
# diphone voices, none a flite speaker), RHVOICE_COUNT (default 0) that
# many RHVoice clips (`--engine rhvoice`: statistical voices of speakers
# flite does not have). Synthesis takes about 0.45 s of CPU per festival
# clip (300 per label: about 15 minutes on two cores), about 0.1 s per
# RHVoice clip and 0.03-0.1 s per espeak-ng clip (TRAIN_COUNT 1000, 12,000 clips: 3 to 17
# minutes, depending on the machine and its load).
#
# Needs a build with -DMOTE_BUILD_BENCH=ON, espeak-ng, flite, festival,
# RHVoice and sox, and Debian's python3-torch and python3-numpy for the anchor.
set -euo pipefail
build=$(realpath "${1:-build}")
train_count=${2:-200}
test_count=200
epochs=${3:-15}
threads=${4:-1}
masks=(--time-mask "${5:-0}" --freq-mask "${6:-0}")
seed=${7:-1}
festival_count=${8:-0}
rhvoice_count=${9:-0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mote="$build/src/mote"
(cd "$work" && "$mote" init kws --template kws -q >/dev/null)
project="$work/kws"
(cd "$project" && "$mote" data synth keywords --count "$train_count" -q >/dev/null)
if ((festival_count > 0)); then
  (cd "$project" && "$mote" data synth keywords --engine festival --count "$festival_count" -q >/dev/null)
fi
if ((rhvoice_count > 0)); then
  (cd "$project" && "$mote" data synth keywords --engine rhvoice --count "$rhvoice_count" -q >/dev/null)
fi
(cd "$project" && "$mote" data synth keywords --engine flite --count "$test_count" -q >/dev/null)
features=$(cd "$project" && "$mote" features --json --no-pictures -q |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["output"])')

"$build/bench/train_keywords_bench" --features "$project/$features" --epochs "$epochs" --batch 32 \
  --threads "$threads" "${masks[@]}" --seed "$seed" --export "$work/npy" | tail -n 1
/usr/bin/python3 "$(dirname "$0")/torch_keywords.py" "$work/npy" --epochs "$epochs" --batch 32 \
  --threads "$threads" "${masks[@]}" --seed "$seed" | tail -n 1
/usr/bin/python3 "$(dirname "$0")/torch_step_parity.py" "$build" --model ds_cnn --features "$work/npy" --seed "$seed" |
  tail -n 1
