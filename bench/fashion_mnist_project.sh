# Sourced by the Fashion-MNIST benchmarks: checks the mote binary ($1, or
# build/src/mote) and the Debian dataset-fashion-mnist files, and makes a
# fresh image project in a temporary folder removed on exit. Sets here,
# mote, data, work and the project $work/proj.
here=$(cd "$(dirname "$0")/.." && pwd)
mote=${1:-$here/build/src/mote}
data=/usr/share/datasets/fashion-mnist
[[ -x $mote ]] || { echo "bench: no mote binary at $mote; build first" >&2; exit 1; }
[[ -f $data/train-images-idx3-ubyte.gz ]] || { echo "bench: $data missing; apt-get install dataset-fashion-mnist" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$mote" -q init "$work/proj" --template image >/dev/null
