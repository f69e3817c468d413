#!/usr/bin/env bash
# Hardware figures of the bundled default model for docs/results.md: for every lane count,
# generates the design, verifies it in Verilator on the first test utterances (cycles per inference, mismatches,
# simulation speed) and synthesizes it with Yosys for the xc7z020 (LUT, FF, BRAM, DSP, logic depth);
# at the default lane count it also measures Icarus Verilog's speed. Prints a Markdown table.
#
# Usage: scripts/hw-results.sh [LANES...]   (default: 16 32 64 128)
# Environment: MODEL (models/fsdd-student-qat-t20.h5, the default model), ARCH (the generator's
# default, pipelined; or sequential), DATA (build/fsdd/fsdd-cochlea-test.h5; scripts/main-job.sh
# builds it), SAMPLES (10),
# ICARUS_SAMPLES (2), OUT (build/hw-results), SYNTH (1; 0 skips synthesis).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
model="${MODEL:-models/fsdd-student-qat-t20.h5}"
arch=()
[ -n "${ARCH:-}" ] && arch=(--arch "$ARCH")
data="${DATA:-build/fsdd/fsdd-cochlea-test.h5}"
samples="${SAMPLES:-10}"
icarus_samples="${ICARUS_SAMPLES:-2}"
out="${OUT:-build/hw-results}"
synth="${SYNTH:-1}"
lanes=("$@")
[ ${#lanes[@]} -eq 0 ] && lanes=(16 32 64 128)
if [ ! -f "$data" ]; then
  echo "hw-results.sh: no $data (run scripts/main-job.sh first, or set DATA)" >&2
  exit 2
fi
mkdir -p "$out"
value() { tr -d ' \n' <"$1" | grep -o "\"$2\":[-0-9.eE+a-z]*" | head -n1 | cut -d: -f2; }

echo "| lanes | cycles per inference (mean of $samples) | latency at 200 MHz | mismatches | LUT | FF | BRAM36 | DSP | logic depth | fits xc7z020 | Verilator utt/s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for p in "${lanes[@]}"; do
  d="$out/lanes-$p"
  ./spikescr generate --model "$model" --out "$d" --lanes "$p" ${arch[@]+"${arch[@]}"} >/dev/null
  ./spikescr verify --design "$d" --data "$data" --samples "$samples" --sim verilator \
    --json >"$out/verify-$p.json" || true
  if [ "$synth" = 1 ]; then
    ./spikescr synth --design "$d" --json >"$out/synth-$p.json" 2>"$out/synth-$p.err" || true
  else
    echo '{}' >"$out/synth-$p.json"
  fi
  c="$(value "$out/verify-$p.json" cycles_mean)"
  s="$(value "$out/verify-$p.json" sim_seconds)"
  awk -v p="$p" -v c="$c" -v m="$(value "$out/verify-$p.json" mismatches)" -v s="$s" -v n="$samples" \
    -v l="$(value "$out/synth-$p.json" lut)" -v f="$(value "$out/synth-$p.json" ff)" \
    -v b="$(value "$out/synth-$p.json" bram36)" -v dsp="$(value "$out/synth-$p.json" dsp)" \
    -v z="$(value "$out/synth-$p.json" logic_depth)" -v fits="$(value "$out/synth-$p.json" fits)" \
    'BEGIN { printf "| %d | %.0f | %.1f us | %d | %s | %s | %s | %s | %s | %s | %.2f |\n", p, c, c / 200, m, l, f, b, dsp, z, fits, n / s }'
done
d="$out/lanes-${lanes[0]}"
for p in "${lanes[@]}"; do [ "$p" = 32 ] && d="$out/lanes-32"; done
./spikescr verify --design "$d" --data "$data" --samples "$icarus_samples" --sim icarus \
  --json >"$out/verify-icarus.json" || true
awk -v s="$(value "$out/verify-icarus.json" sim_seconds)" -v n="$icarus_samples" -v m="$(value "$out/verify-icarus.json" mismatches)" \
  -v d="$d" 'BEGIN { printf "\nIcarus Verilog on %s: %d utterances, %d mismatches, %.3f utterances per second\n", d, n, m, n / s }'
