#!/usr/bin/env bash
# Times `mote data import` of all 70,000 Fashion-MNIST images (Debian package
# dataset-fashion-mnist) into a fresh project, and checks the result: 70,000
# samples, 10,000 of them in the test split (the t10k files). The goal is
# under 10 s.
# Usage: bench/import_fashion_mnist.sh [path/to/mote]   (default: build/src/mote)
set -euo pipefail

# shellcheck source=fashion_mnist_project.sh
source "$(dirname "$0")/fashion_mnist_project.sh"

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
