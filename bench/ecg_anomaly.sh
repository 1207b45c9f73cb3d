#!/usr/bin/env bash
# A real sensor signal through the unsupervised anomaly path: SciPy's
# electrocardiogram (Debian python3-scipy, scipy/misc/ecg.dat: MIT-BIH
# record 208, 5 minutes at 360 Hz, 11-bit ADC counts, 200 per mV; no beat
# labels) imported as one recording with `mote data import` (NumPy .npz),
# cut into 2 s windows every 0.5 s, spectral-analysis features (a 0.5 Hz
# high-pass removes the baseline), K-means fitted on every window
# (bench/ecg_anomaly.yaml). Prints
# the ten highest-scoring windows and copies the report (the signal with
# the top windows marked, the score over time, the top windows close up)
# to OUT. There are no labels, so no ROC AUC: the ranking is for a person
# to look at (SciPy's documentation points at premature ventricular
# contractions from 16 s on and large artifacts around 207-215 s).
#
#   bench/ecg_anomaly.sh [MOTE_BINARY] [OUT] [ECG_FILE]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mote=$(realpath "${1:-build/src/mote}")
out=$(realpath -m "${2:-ecg_anomaly_report}")
ecg=${3:-/usr/lib/python3/dist-packages/scipy/misc/ecg.dat}
if [[ ! -f $ecg ]]; then
  echo "ecg_anomaly: $ecg not found: apt-get install python3-scipy (scripts/setup.sh)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && "$mote" init ecg -q >/dev/null)
cp "$here/ecg_anomaly.yaml" "$work/ecg/mote.yaml"
cd "$work/ecg"
"$mote" data import "$ecg" --frequency 360 --label ecg --split train -q >/dev/null
start=$(date +%s.%N)
"$mote" train --json -q >"$work/train.json"
end=$(date +%s.%N)
report=reports/runs/1/windows  # the project's first run
windows=$(($(wc -l <$report/scores.csv) - 1))
printf 'ecg: %d windows of 2 s scored by k-means (6 clusters) in %.2f s (features and fit)\n' "$windows" \
  "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
echo "top windows (rank, start s, end s, score):"
tail -n +2 $report/scores.csv | sort -t, -k9 -g -r | head -10 |
  awk -F, '{printf "  %2d  %7.1f  %7.1f  %.4g\n", NR, $7, $8, $9}'
rm -rf "$out"
cp -r $report "$out"
echo "report: $out/index.html"
