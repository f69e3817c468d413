#!/usr/bin/env bash
# The main job on the bundled default model: builds the command line, builds the FSDD test data
# from the shared recordings when it is missing, shows the model, simulates it on the held-in test
# split (takes 0-4 of the five speakers), quantizes it and simulates the bit-accurate fixed-point
# model on the same split, then prints a summary of both runs and of the files written.
#
# Environment: SPIKESCR_SHARED (the shared data folder, default ../shared beside the repository),
# MODEL (the float model, default models/fsdd-student-t40.h5).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="${SPIKESCR_SHARED:-$(cd "$root/.." && pwd)/shared}"
model="${MODEL:-models/fsdd-student-t40.h5}"
data="build/fsdd/fsdd-cochlea-test.h5"
out="build/main-job"
quantized="build/student-q.h5"

step() { printf '\n== %s ==\n' "$1"; }

# A number or an array of numbers from a --json result (key given without quotes).
json_value() { tr -d ' \n' <"$1" | grep -o "\"$2\":[-0-9.eE+]*" | head -n1 | cut -d: -f2; }
json_list() { tr -d ' \n' <"$1" | grep -o "\"$2\":\[[-0-9,]*\]" | head -n1 | sed 's/.*\[//; s/\]//'; }

step "1/5 the model ($model)"
./spikescr info "$model" | sed -n '1,/^  parameters/p'
echo "(the full layer table: ./spikescr info $model)"

step "2/5 the test data ($data)"
if [ ! -f "$data" ]; then
  echo "building the FSDD splits from $shared/data/fsdd (about three minutes) ..."
  ./spikescr fsdd --shared "$shared" --out build/fsdd --threads 2
else
  echo "already built"
fi

mkdir -p "$out"
step "3/5 float simulation"
./spikescr simulate --model "$model" --data "$data" --json >"$out/float.json"
echo "accuracy $(json_value "$out/float.json" accuracy)"

step "4/5 quantization to 8-bit weights ($quantized)"
./spikescr quantize --model "$model" --out "$quantized"

step "5/5 bit-accurate fixed-point simulation"
./spikescr simulate --model "$quantized" --data "$data" --mode fixed --json >"$out/fixed.json"
echo "accuracy $(json_value "$out/fixed.json" accuracy)"

step "summary"
agreement="$(paste -d' ' <(json_list "$out/float.json" predictions | tr , '\n') \
  <(json_list "$out/fixed.json" predictions | tr , '\n') |
  awk '{ n++; if ($1 == $2) same++ } END { if (n) printf "%.2f %% (%d of %d)", 100 * same / n, same, n }')"
awk -v f="$(json_value "$out/float.json" accuracy)" -v q="$(json_value "$out/fixed.json" accuracy)" \
  'BEGIN { printf "accuracy            float %.2f %%, fixed-point %.2f %%\n", 100 * f, 100 * q }'
echo "label agreement     $agreement"
awk -v e="$(json_value "$out/float.json" energy_uj)" \
  'BEGIN { printf "energy              %.4f uJ per inference (float model, see the assumptions in the JSON)\n", e }'
echo "files written       $data (and the other FSDD splits beside it)"
echo "                    $quantized (quantized model)"
echo "                    $out/float.json, $out/fixed.json (full reports: confusion, firing rates, ...)"
