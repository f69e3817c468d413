#!/usr/bin/env bash
# The main job on the bundled default model: builds the command line, builds the FSDD test data
# from the shared recordings when it is missing, shows the model, simulates it on the held-in test
# split (takes 0-4 of the five speakers), quantizes it and simulates the bit-accurate fixed-point
# model on the same split, generates the hardware design, verifies it in Verilator against the
# fixed-point simulator on the first utterances of the split, synthesizes it with Yosys, writes its
# performance report (cycle model over the whole split, resources, energy, plots), then prints a
# summary of everything and of the files written.
#
# Environment: SPIKESCR_SHARED (the shared data folder, default ../shared beside the repository),
# MODEL (the model, default models/fsdd-student-qat-t20.h5, the QAT student at 20 time steps), VERIFY_SAMPLES (utterances run
# through the RTL, default 20), CLOCK_MHZ (the clock for the latency figure, default 200).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="${SPIKESCR_SHARED:-$(cd "$root/.." && pwd)/shared}"
model="${MODEL:-models/fsdd-student-qat-t20.h5}"
data="build/fsdd/fsdd-cochlea-test.h5"
out="build/main-job"
quantized="build/student-q.h5"
design="build/main-job/design"
samples="${VERIFY_SAMPLES:-20}"
clock="${CLOCK_MHZ:-200}"

step() { printf '\n== %s ==\n' "$1"; }

# A number or an array of numbers from a --json result (key given without quotes).
json_value() { tr -d ' \n' <"$1" | grep -o "\"$2\":[-0-9.eE+]*" | head -n1 | cut -d: -f2; }
json_list() { tr -d ' \n' <"$1" | grep -o "\"$2\":\[[-0-9,]*\]" | head -n1 | sed 's/.*\[//; s/\]//'; }

step "1/9 the model ($model)"
./spikescr info "$model" | sed -n '1,/^  parameters/p'
echo "(the full layer table: ./spikescr info $model)"

step "2/9 the test data ($data)"
if [ ! -f "$data" ]; then
  echo "building the FSDD splits from $shared/data/fsdd (about a minute on two cores) ..."
  ./spikescr fsdd --shared "$shared" --out build/fsdd --threads 2
else
  echo "already built"
fi

mkdir -p "$out"
step "3/9 float simulation"
./spikescr simulate --model "$model" --data "$data" --json >"$out/float.json"
echo "accuracy $(json_value "$out/float.json" accuracy)"

step "4/9 quantization to 8-bit weights ($quantized)"
./spikescr quantize --model "$model" --out "$quantized"

step "5/9 bit-accurate fixed-point simulation"
./spikescr simulate --model "$quantized" --data "$data" --mode fixed --json >"$out/fixed.json"
echo "accuracy $(json_value "$out/fixed.json" accuracy)"

step "6/9 hardware design ($design)"
./spikescr generate --model "$quantized" --out "$design" --json >"$out/generate.json"
echo "$(json_value "$out/generate.json" modules) Verilog modules, $(json_value "$out/generate.json" memories) memory images"

step "7/9 RTL verification in Verilator ($samples utterances, every spike and membrane of every layer)"
set +e
./spikescr verify --design "$design" --data "$data" --samples "$samples" --sim verilator \
  --json >"$out/verify.json"
verify_rc=$?
set -e
echo "mismatches $(json_value "$out/verify.json" mismatches), cycles per inference (mean) $(json_value "$out/verify.json" cycles_mean)"

step "8/9 synthesis (Yosys synth_xilinx, xc7z020)"
set +e
./spikescr synth --design "$design" --part xc7z020 --json >"$out/synth.json"
synth_rc=$?
set -e

step "9/9 performance report ($out/report.html)"
synth_arg=()
if [ "$synth_rc" -eq 0 ]; then synth_arg=(--synth "$out/synth.json"); fi
./spikescr report --design "$design" --data "$data" "${synth_arg[@]}" \
  --teacher models/fsdd-teacher-t100.h5 --clock-mhz "$clock" --out "$out/report.html" --quiet \
  --json >"$out/report.json"
echo "written; open it in a browser (it needs no network)"

step "summary"
agreement="$(paste -d' ' <(json_list "$out/float.json" predictions | tr , '\n') \
  <(json_list "$out/fixed.json" predictions | tr , '\n') |
  awk '{ n++; if ($1 == $2) same++ } END { if (n) printf "%.2f %% (%d of %d)", 100 * same / n, same, n }')"
awk -v f="$(json_value "$out/float.json" accuracy)" -v q="$(json_value "$out/fixed.json" accuracy)" \
  'BEGIN { printf "accuracy            float %.2f %%, fixed-point %.2f %%\n", 100 * f, 100 * q }'
echo "label agreement     $agreement"
awk -v e="$(json_value "$out/float.json" energy_uj)" \
  'BEGIN { printf "energy              %.4f uJ per inference (float model, see the assumptions in the JSON)\n", e }'
awk -v m="$(json_value "$out/verify.json" mismatches)" -v s="$(json_value "$out/verify.json" samples)" \
  -v c="$(json_value "$out/verify.json" cycles_mean)" -v f="$clock" \
  'BEGIN { printf "RTL (Verilator)     %d utterances, %d mismatches; %.0f cycles per inference, %.1f us at %d MHz\n", s, m, c, c / f, f }'
awk -v c="$(json_value "$out/report.json" cycles)" -v n="$(json_value "$out/report.json" samples)" \
  -v u="$(json_value "$out/report.json" utilization)" -v e="$(json_value "$out/report.json" energy_uj)" -v f="$clock" \
  'BEGIN { printf "cycle model         %d utterances: %.0f cycles per inference, %.1f us at %d MHz, lanes %.1f %% busy, %.3f uJ (hardware estimate)\n", n, c, c / f, f, 100 * u, e }'
tr -d ' \n' <"$out/synth.json" | grep -o '"fits":[a-z]*' | head -n1 | cut -d: -f2 >"$out/fits.txt" || true
awk -v l="$(json_value "$out/synth.json" lut)" -v ff="$(json_value "$out/synth.json" ff)" \
  -v b="$(json_value "$out/synth.json" bram36)" -v d="$(json_value "$out/synth.json" dsp)" \
  -v z="$(json_value "$out/synth.json" logic_depth)" -v fits="$(cat "$out/fits.txt")" \
  'BEGIN { printf "resources (xc7z020) %d LUT, %d FF, %.1f BRAM36, %d DSP, logic depth %d; fits: %s\n", l, ff, b, d, z, fits }'
echo "files written       $data (and the other FSDD splits beside it)"
echo "                    $quantized (quantized model)"
echo "                    $out/float.json, $out/fixed.json (full reports: confusion, firing rates, ...)"
echo "                    $design (the design: rtl/, mem/, sim/, manifest.json)"
echo "                    $out/verify.json, $out/synth.json"
echo "                    $out/report.html, $out/report.json (cycles per pass, utilization, energy, plots)"
if [ "$verify_rc" != 0 ] || [ "$synth_rc" != 0 ]; then
  echo "main job: verify exit $verify_rc, synth exit $synth_rc" >&2
  exit 1
fi
