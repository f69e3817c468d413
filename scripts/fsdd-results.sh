#!/usr/bin/env bash
# Measures the bundled FSDD models on the test split with `spikescr simulate`, in floating point and
# as their 8-bit integer models (`--mode fixed`, the hardware's arithmetic), and prints the results
# tables of README.md and docs/results.md (accuracy, synaptic operations, energy, firing rates).
# Environment (defaults in brackets): DATA (build/fsdd/fsdd-cochlea-test.h5), OUT (build/fsdd-results).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${DATA:-build/fsdd/fsdd-cochlea-test.h5}"
out="${OUT:-build/fsdd-results}"
models=(fsdd-teacher-t100 fsdd-student-t40 fsdd-student-qat-t40 fsdd-student-t20 fsdd-student-qat-t20
  fsdd-scratch-t40)
mkdir -p "$out"
for m in "${models[@]}"; do
  ./spikescr simulate --model "models/$m.h5" --data "$data" --json --quiet > "$out/$m.json"
  ./spikescr simulate --model "models/$m.h5" --data "$data" --mode fixed --json --quiet \
    > "$out/$m-fixed.json"
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
names = [("fsdd-teacher-t100", "teacher, 10 ms, T=100"),
         ("fsdd-student-t40", "KDCL student, 25 ms, T=40"),
         ("fsdd-student-qat-t40", "KDCL student, 25 ms, T=40, after QAT"),
         ("fsdd-student-t20", "KDCL student, 50 ms, T=20"),
         ("fsdd-student-qat-t20", "KDCL student, 50 ms, T=20, after QAT (the default model)"),
         ("fsdd-scratch-t40", "from scratch, 25 ms, T=40")]
r = {n: json.load(open(os.path.join(out, n + ".json"))) for n, _ in names}
q = {n: json.load(open(os.path.join(out, n + "-fixed.json"))) for n, _ in names}
t = r["fsdd-teacher-t100"]


def acc(j):
    return f"{100*j['accuracy']:.2f} % ({round(j['accuracy']*j['samples'])}/{j['samples']})"


print("| model | test accuracy (float) | 8-bit integer model | synaptic ACs per inference | energy per inference | vs teacher |")
print("|---|---|---|---|---|---|")
for n, label in names:
    j = r[n]
    print(f"| {label} (`models/{n}.h5`) | {acc(j)} | {acc(q[n])} "
          f"| {j['sops']:,.0f} | {j['energy_uj']:.3f} uJ | {j['energy_uj']/t['energy_uj']:.3f} x |")
print()
print("| LIF layer | " + " | ".join(l for _, l in names) + " |")
print("|---|" + "---|" * len(names))
for layer in t["firing_rates"]:
    print(f"| {layer} | " + " | ".join(f"{r[n]['firing_rates'][layer]:.4f}" for n, _ in names) + " |")
PY
