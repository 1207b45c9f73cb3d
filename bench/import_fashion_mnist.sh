#!/usr/bin/env bash
# Times `mote data import` of all 70,000 Fashion-MNIST images (Debian package
# dataset-fashion-mnist) into a fresh project, and checks the result: 70,000
# samples, 10,000 of them in the test split (the t10k files). The goal is
# under 10 s.
# Usage: bench/import_fashion_mnist.sh [path/to/mote]   (default: build/src/mote)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
mote=${1:-$here/build/src/mote}
data=/usr/share/datasets/fashion-mnist
[[ -x $mote ]] || { echo "bench: no mote binary at $mote; build first" >&2; exit 1; }
[[ -f $data/train-images-idx3-ubyte.gz ]] || { echo "bench: $data missing; apt-get install dataset-fashion-mnist" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$mote" -q init "$work/proj" --template image >/dev/null

start=$(date +%s%N)
summary=$("$mote" -q --json -C "$work/proj" data import "$data"/*.gz \
  --class-names tshirt,trouser,pullover,dress,coat,sandal,shirt,sneaker,bag,boot)
end=$(date +%s%N)

added=$(grep -o '"added": [0-9]*' <<<"$summary" | grep -o '[0-9]*$')
test_count=$(sqlite3 "$work/proj/.mote/store.db" "SELECT count(*) FROM samples WHERE split = 'test'")
ms=$(((end - start) / 1000000))
printf 'import_fashion_mnist: %s samples (%s test) in %d.%02d s (goal: < 10 s)\n' "$added" "$test_count" \
  $((ms / 1000)) $((ms % 1000 / 10))
[[ $added == 70000 && $test_count == 10000 ]] || { echo "bench: unexpected counts" >&2; exit 1; }
