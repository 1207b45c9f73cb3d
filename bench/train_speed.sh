#!/usr/bin/env bash
# Training speed against PyTorch, as docs/training.md measures it: one epoch
# of the Fashion-MNIST `cnn` (3,200 images) and of the DS-CNN (a kws
# features output), mote then PyTorch (Debian python3-torch 1.13) with the
# same batch 64 and thread count, alternated three times; prints each
# pair's samples/s, their ratio and the load average, then the median ratio
# per model. On a shared machine a single pair can be off by 2x: read the
# median.
#
#   bench/train_speed.sh BUILD_DIR THREADS KWS_FEATURES_DIR
#
# KWS_FEATURES_DIR is a features stage output of a kws project (as
# bench/keywords.sh makes); its examples are exported as .npy for PyTorch.
set -euo pipefail
build=$(realpath "$1")
threads=$2
features=$3
here=$(dirname "$0")
npy=$(mktemp -d)
trap 'rm -rf "$npy"' EXIT
"$build/bench/train_keywords_bench" --features "$features" --epochs 1 --export "$npy" >/dev/null

rate() { tail -n 1 | grep -o '[0-9]* samples/s' | cut -d' ' -f1; }
for model in fashion keywords; do
  ratios=()
  for _ in 1 2 3; do
    if [ "$model" = fashion ]; then
      m=$("$build/bench/train_fashion_mnist_bench" --epochs 1 --limit 3200 --threads "$threads" | rate)
      p=$(/usr/bin/python3 "$here/torch_fashion_mnist.py" --epochs 1 --limit 3200 --threads "$threads" | rate)
    else
      m=$("$build/bench/train_keywords_bench" --features "$features" --epochs 1 --batch 64 --threads "$threads" | rate)
      p=$(/usr/bin/python3 "$here/torch_keywords.py" "$npy" --epochs 1 --batch 64 --threads "$threads" | rate)
    fi
    r=$(python3 -c "print(round($m / $p, 3))")
    ratios+=("$r")
    echo "$model threads $threads: mote $m, torch $p samples/s, ratio $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
  echo "$model threads $threads: median ratio $(printf '%s\n' "${ratios[@]}" | sort -g | sed -n 2p)"
done
