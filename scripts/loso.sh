#!/usr/bin/env bash
# Leave-one-speaker-out evaluation on the five FSDD speakers in ../shared/data/fsdd: for every
# speaker, builds the fold that holds that speaker out (./spikescr fsdd --split loso), trains the
# teacher, the KDCL student curriculum (down to the 20-step student of the default model), its
# quantization-aware fine-tuning (8 and 4 bits at 25 ms, 8 bits at 50 ms) and the from-scratch
# ablation on the other four (scripts/train-fsdd.sh; checkpoints are selected on the training
# speakers' takes 0-4 only), then measures each model on the held-out speaker with `spikescr
# fidelity` (float and integer accuracy, float/integer label agreement) and prints per-speaker and
# mean accuracy.
#
# Every step is skipped when its output exists, and an interrupted stage resumes from its last
# checkpoint, so the script can be run again after any interruption. Each fold logs to
# RUNS/<speaker>/train.log; the results table is written to RUNS/results.md.
#
# Usage: scripts/loso.sh [--help] [--dry-run] [SPEAKER...]   (default: every speaker of labels.csv)
#
# Environment (defaults in brackets): SHARED (../shared), FOLDS (build/fsdd-loso, or
# build/fsdd-loso-speeds-<SPEEDS> with SPEEDS), RUNS (runs/loso), SPEEDS (1: the speed factors of
# the training recordings, e.g. 0.9,1,1.1 for speed perturbation through the cochlea, `spikescr
# fsdd --train-speeds`), WEIGHT_BITS (8,4: the integer widths measured), AUG_ARGS (the spike-event
# augmentation given to every stage, default below; empty string for none), LIMIT (empty: every
# utterance; N: train, validate and test on the first N utterances of each file, for a smoke run),
# and everything scripts/train-fsdd.sh reads (SEED, THREADS, BATCH, EPOCHS_TEACHER, EPOCHS_STAGE,
# EPOCHS_SCRATCH, LR, KD_LR, AUG_TIME).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; }
dry=0
speakers=()
for a in "$@"; do
  case "$a" in
    -h|--help) usage; exit 0 ;;
    --dry-run) dry=1 ;;
    -*) echo "loso.sh: unknown option $a (see --help)" >&2; exit 2 ;;
    *) speakers+=("$a") ;;
  esac
done

shared="${SHARED:-../shared}"
speeds="${SPEEDS:-1}"
if [ "$speeds" = 1 ]; then
  folds="${FOLDS:-build/fsdd-loso}"
else
  folds="${FOLDS:-build/fsdd-loso-speeds-$speeds}"
fi
runs="${RUNS:-runs/loso}"
bits="${WEIGHT_BITS:-8,4}"
limit="${LIMIT:-}"
default_aug="--aug-channel-shift 15 --aug-channel-stretch 0.05 --aug-time-stretch 0.1 --aug-time-shift-s 0.1"
default_aug+=" --aug-gain-db 12 --aug-gain-rate-per-db 0.25 --aug-noise-snr-db 10,30 --aug-events-p 0.8"
aug="${AUG_ARGS-$default_aug}"
labels="$shared/data/fsdd/labels.csv"
if [ ! -f "$labels" ]; then
  echo "loso.sh: no $labels (set SHARED to the folder holding data/fsdd)" >&2
  exit 2
fi
known=$(tail -n +2 "$labels" | cut -d, -f3 | sort -u)
if [ ${#speakers[@]} -eq 0 ]; then
  read -r -a speakers <<< "$(echo $known)"
fi
# The stages measured on every fold, each with the label of its results table.
stages=(
  "teacher-10ms|teacher, 10 ms"
  "kd-25ms|KDCL student, 25 ms"
  "qat-25ms|KDCL student after quantization-aware training at 8 bits (int8 = the trained model)"
  "qat4-25ms|KDCL student after quantization-aware training at 4 bits (int4 = the trained model)"
  "kd-50ms|KDCL student, 50 ms (T=20)"
  "qat-50ms|KDCL student, 50 ms, after quantization-aware training at 8 bits (int8 = the trained model; the default model's recipe)"
  "scratch-25ms|from scratch, 25 ms"
)
for s in "${speakers[@]}"; do
  if ! grep -qx "$s" <<< "$known"; then
    echo "loso.sh: no speaker '$s' in $labels; expected one of: $(echo $known)" >&2
    exit 2
  fi
done

run() { # prints the command in a dry run, runs it otherwise
  if [ "$dry" = 1 ]; then
    echo "$*"
  else
    "$@"
  fi
}

# A smoke run trains on a prefix of each file: the cut files go beside the fold as <prefix>-N.
cut_files() { # dir, prefix, n
  /usr/bin/python3 - "$@" <<'PY'
import sys
sys.path.insert(0, "tools/pytorch")
from spikescr.data import DatasetFile, write_flat_spikes
d, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for split in ("train", "val", "test"):
    src = DatasetFile(f"{d}/{prefix}-{split}.h5")
    k = min(n, len(src))
    write_flat_spikes(f"{d}/{prefix}-{n}-{split}.h5", src.times[:k], src.units[:k], src.labels[:k],
                      channels=src.channels, window_s=src.window_s)
PY
}

for s in "${speakers[@]}"; do
  prefix="fsdd-cochlea-loso-$s"
  if [ -f "$folds/$prefix-test.h5" ]; then
    echo "fold $s: data ready ($folds/$prefix-*.h5)" >&2
  else
    echo "fold $s: building" >&2
    run mkdir -p "$folds"
    run ./spikescr fsdd --shared "$shared" --out "$folds" --split loso --test-speaker "$s" \
      --train-speeds "$speeds" --threads "${THREADS:-2}"
  fi
  if [ -n "$limit" ]; then
    if [ ! -f "$folds/$prefix-$limit-test.h5" ]; then
      run cut_files "$folds" "$prefix" "$limit"
    fi
    prefix="$prefix-$limit"
  fi
  fold_runs="$runs/$s"
  run mkdir -p "$fold_runs"
  echo "fold $s: training (log $fold_runs/train.log)" >&2
  if [ "$dry" = 1 ]; then
    DRY_RUN=1 RUNS="$fold_runs" DATA="$folds" PREFIX="$prefix" TRAIN_ARGS="$aug" scripts/train-fsdd.sh
  else
    RUNS="$fold_runs" DATA="$folds" PREFIX="$prefix" TRAIN_ARGS="$aug" scripts/train-fsdd.sh \
      >> "$fold_runs/train.log" 2>&1
  fi
  for entry in "${stages[@]}"; do
    stage="${entry%%|*}"
    res="$fold_runs/$stage/fidelity.json"
    [ -f "$res" ] && continue
    stage_bits="$bits"
    [ "$stage" = qat4-25ms ] && stage_bits=4  # trained for 4-bit weights
    if [ "$dry" = 1 ]; then
      echo "./spikescr fidelity --model $fold_runs/$stage/model.h5 --data $folds/$prefix-test.h5" \
           "--weight-bits $stage_bits --json --quiet > $res"
    else
      ./spikescr fidelity --model "$fold_runs/$stage/model.h5" --data "$folds/$prefix-test.h5" \
        --weight-bits "$stage_bits" --json --quiet > "$res.part"
      mv "$res.part" "$res"
    fi
  done
done
[ "$dry" = 1 ] && exit 0

/usr/bin/python3 - "$runs" "${#speakers[@]}" "${speakers[@]}" "${stages[@]}" <<'PY' | tee "$runs/results.md"
import json, os, sys
runs, n = sys.argv[1], int(sys.argv[2])
speakers = sys.argv[3:3 + n]
stages = [entry.split("|", 1) for entry in sys.argv[3 + n:]]
for stage, label in stages:
    rows = {s: json.load(open(os.path.join(runs, s, stage, "fidelity.json"))) for s in speakers}
    widths = [w["weight_bits"] for w in rows[speakers[0]]["widths"]]
    print(f"\n{label}: accuracy on the held-out speaker (checkpoint chosen on the other speakers)\n")
    head = ["held-out speaker", "float"] + [f"int{b}" for b in widths] + [f"int{b} agreement" for b in widths]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    sums = [0.0] * (len(head) - 1)
    for s in speakers:
        w = rows[s]["widths"]
        vals = [w[0]["float_accuracy"]] + [x["fixed_accuracy"] for x in w] + [x["label_agreement"] for x in w]
        sums = [a + b for a, b in zip(sums, vals)]
        print(f"| {s} | " + " | ".join(f"{100 * v:.2f} %" for v in vals) + " |")
    print("| **mean** | " + " | ".join(f"**{100 * v / len(speakers):.2f} %**" for v in sums) + " |")
PY
