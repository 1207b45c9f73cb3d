#!/usr/bin/env bash
# Vibration anomaly smoke benchmark: `mote data synth vibration` (a motor
# with bearing faults and imbalance; docs/data-synth.md) at two
# difficulties, the anomaly template's spectral-analysis features, then
# `mote train` with task: anomaly, K-means and the autoencoder, both fitted
# on the `normal` class of the train split only. Prints the test split's
# ROC AUC of normal against the four fault classes. A smoke test of the
# pipeline, not a quality claim.
#
#   bench/vibration_anomaly.sh [MOTE_BINARY] [COUNT_PER_LABEL]
set -euo pipefail
mote=$(realpath "${1:-build/src/mote}")
count=${2:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# difficulty name, then `mote data synth vibration` flags
difficulties=(
  "default|--noise 0.05 --severity 1"
  "hard|--noise 0.5 --severity 0.1 --rpm-min 600 --rpm-max 3000"
)
methods=(
  "kmeans|train:\n  task: anomaly\n  method: kmeans\n  clusters: 8\n  validation: 0\n  seed: 1\n"
  "autoencoder|model:\n  zoo: autoencoder\n  width: 0.5\n  depth: 2\ntrain:\n  task: anomaly\n  method: autoencoder\n  epochs: 60\n  batch_size: 16\n  lr: 0.002\n  validation: 0.2\n  seed: 1\n"
)

printf '%-8s %-60s %-12s %-8s %s\n' difficulty synth method "ROC AUC" "test normal/anomalous"
for d in "${difficulties[@]}"; do
  name=${d%%|*}
  flags=${d#*|}
  project="$work/$name"
  (cd "$work" && "$mote" init "$name" --template anomaly -q >/dev/null)
  # shellcheck disable=SC2086
  (cd "$project" && "$mote" data synth vibration --count "$count" $flags -q >/dev/null)
  cp "$project/mote.yaml" "$project/mote.yaml.base"
  for m in "${methods[@]}"; do
    method=${m%%|*}
    { cat "$project/mote.yaml.base"; printf '%b' "${m#*|}"; } >"$project/mote.yaml"
    out=$(cd "$project" && "$mote" train --json -q)
    python3 - "$name" "$flags" "$method" "$out" <<'PY'
import json, sys
name, flags, method, out = sys.argv[1:]
a = json.loads(out)["anomaly"]
auc = "n/a" if a["roc_auc"] is None else f'{a["roc_auc"]:.4f}'
print(f'{name:<8} {flags:<60} {method:<12} {auc:<8} {a["test_normal"]}/{a["test_anomalous"]}')
PY
  done
done
