#!/usr/bin/env bash
# Motion smoke benchmark: `mote data synth motion` (5 gestures, 2 s at
# 62.5 Hz; docs/data-synth.md) at three difficulties, the motion template's
# spectral features (dB), then the demo's network (the zoo's mlp, width 0.5,
# depth 2, 30 epochs) through `mote train`. Prints each difficulty's
# generator flags and the test split's accuracy and macro F1 (`mote eval
# --json`: the .tflite run by mote's device interpreter). A smoke test of
# the pipeline, not a quality claim: the generator's knobs set how hard it
# is. ROC AUC is vibration_anomaly.sh's figure (anomaly detection).
#
#   bench/motion.sh [MOTE_BINARY] [COUNT_PER_LABEL]
set -euo pipefail
mote=$(realpath "${1:-build/src/mote}")
count=${2:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# difficulty name, then `mote data synth motion` flags
difficulties=(
  "clean|--noise 0 --orientation-spread-deg 0 --variation 0"
  "default|--noise 0.1 --orientation-spread-deg 20 --variation 0.25"
  "hard|--noise 1 --orientation-spread-deg 60 --variation 0.5"
)

printf '%-8s %-58s %-9s %-9s %s\n' difficulty synth accuracy "macro F1" "test windows"
for d in "${difficulties[@]}"; do
  name=${d%%|*}
  flags=${d#*|}
  project="$work/$name"
  (cd "$work" && "$mote" init "$name" --template motion -q >/dev/null)
  # shellcheck disable=SC2086
  (cd "$project" && "$mote" data synth motion --count "$count" $flags -q >/dev/null)
  printf 'model:\n  zoo: mlp\n  width: 0.5\n  depth: 2\ntrain:\n  epochs: 30\n  batch_size: 16\n  validation: 0.2\n' \
    >>"$project/mote.yaml"
  (cd "$project" && "$mote" train -q >/dev/null)
  out=$(cd "$project" && "$mote" eval --json -q)
  python3 - "$name" "$flags" "$out" <<'PY'
import json, sys
name, flags, out = sys.argv[1:]
e = json.loads(out)
print(f'{name:<8} {flags:<58} {e["accuracy"]:<9.4f} {e["macro_f1"]:<9.4f} {e["examples"]}')
PY
done
