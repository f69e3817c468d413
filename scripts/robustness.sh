#!/usr/bin/env bash
# Robustness of a model to the level and noise of its input: encodes the FSDD test split (takes 0-4
# of every speaker and digit, 250 recordings, 1 s cochlea window as `spikescr fsdd`) at input gains
# of -12, 0 and +12 dB and with white noise at 20 dB SNR (`spikescr encode --gain-db/--noise-snr-db`,
# applied to the audio before the front-end), runs the float and the fixed-point model on each with
# `spikescr simulate`, and prints the accuracy table of docs/results.md.
#
# Usage: scripts/robustness.sh [--help]
# Environment (defaults in brackets): MODEL (models/fsdd-student-qat-t20.h5, the default model),
# SHARED (../shared), OUT (build/robustness), THREADS (2).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
model="${MODEL:-models/fsdd-student-qat-t20.h5}"
shared="${SHARED:-../shared}"
out="${OUT:-build/robustness}"
threads="${THREADS:-2}"
rec="$shared/data/fsdd/recordings"
if [ ! -d "$rec" ]; then
  echo "robustness.sh: no $rec (set SHARED to the folder holding data/fsdd)" >&2
  exit 2
fi
mkdir -p "$out"
files=()
for f in "$rec"/*_[0-4].wav; do files+=("$f"); done
conditions=("gain-12:--gain-db -12" "gain+0:" "gain+12:--gain-db 12" "noise-20db:--noise-snr-db 20")
for c in "${conditions[@]}"; do
  name="${c%%:*}"
  args="${c#*:}"
  data="$out/$name.h5"
  if [ ! -f "$data" ]; then
    # shellcheck disable=SC2086 # the condition's options are words
    ./spikescr encode --frontend cochlea --window-s 1 --labels "$shared/data/fsdd/labels.csv" \
      --threads "$threads" $args --out "$data" "${files[@]}" > /dev/null
  fi
  ./spikescr simulate --model "$model" --data "$data" --quiet --json > "$out/$name-float.json"
  ./spikescr simulate --model "$model" --data "$data" --mode fixed --quiet --json \
    > "$out/$name-fixed.json"
done
/usr/bin/python3 - "$out" "$model" <<'PY'
import json, os, sys
out, model = sys.argv[1], sys.argv[2]
rows = [("gain-12", "-12 dB input gain"), ("gain+0", "0 dB (as recorded)"),
        ("gain+12", "+12 dB input gain"), ("noise-20db", "white noise, 20 dB SNR")]
base = {k: json.load(open(os.path.join(out, f"gain+0-{k}.json")))["accuracy"] for k in ("float", "fixed")}
print(f"`{model}` on the FSDD test split (250 recordings):")
print()
print("| input | float accuracy | change | fixed-point accuracy | change |")
print("|---|---|---|---|---|")
for n, label in rows:
    f = json.load(open(os.path.join(out, f"{n}-float.json")))["accuracy"]
    q = json.load(open(os.path.join(out, f"{n}-fixed.json")))["accuracy"]
    print(f"| {label} | {100*f:.2f} % | {100*(f-base['float']):+.2f} | {100*q:.2f} % | {100*(q-base['fixed']):+.2f} |")
PY
