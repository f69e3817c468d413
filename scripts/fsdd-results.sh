#!/usr/bin/env bash
# Measures the bundled FSDD models on the test split with `spikescr simulate` and prints the results
# table of README.md and docs/results.md (accuracy, firing rates, synaptic operations, energy).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${DATA:-build/fsdd/fsdd-cochlea-test.h5}"
out="${OUT:-build/fsdd-results}"
mkdir -p "$out"
for m in fsdd-teacher-t100 fsdd-student-t40 fsdd-student-t20 fsdd-scratch-t40; do
  ./spikescr simulate --model "models/$m.h5" --data "$data" --json --quiet > "$out/$m.json"
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
names = [("fsdd-teacher-t100", "teacher, 10 ms, T=100"),
         ("fsdd-student-t40", "KDCL student, 25 ms, T=40"),
         ("fsdd-student-t20", "KDCL student, 50 ms, T=20"),
         ("fsdd-scratch-t40", "from scratch, 25 ms, T=40")]
r = {n: json.load(open(os.path.join(out, n + ".json"))) for n, _ in names}
t = r["fsdd-teacher-t100"]
print("| model | test accuracy | synaptic ACs per inference | energy per inference | vs teacher |")
print("|---|---|---|---|---|")
for n, label in names:
    j = r[n]
    print(f"| {label} (`models/{n}.h5`) | {100*j['accuracy']:.2f} % ({round(j['accuracy']*j['samples'])}/{j['samples']}) "
          f"| {j['sops']:,.0f} | {j['energy_uj']:.3f} uJ | {j['energy_uj']/t['energy_uj']:.3f} x |")
print()
print("| LIF layer | " + " | ".join(l for _, l in names) + " |")
print("|---|" + "---|" * len(names))
for layer in t["firing_rates"]:
    print(f"| {layer} | " + " | ".join(f"{r[n]['firing_rates'][layer]:.4f}" for n, _ in names) + " |")
PY
