#!/usr/bin/env bash
# Trains the bundled FSDD models: a teacher at 10 ms frames (T=100), a KDCL curriculum
# 10 ms -> 20 ms (T=50) -> 25 ms (T=40), and the ablation (the T=40 student from scratch, no
# distillation, trained as long as the teacher). Every stage resumes from its last checkpoint when run again; a finished stage is
# skipped. Needs the FSDD datasets: ./spikescr fsdd --shared ../shared --out build/fsdd
#
# Environment: RUNS (default runs/fsdd), EPOCHS_TEACHER (14), EPOCHS_STAGE (8), SEED (1),
# THREADS (2), BATCH (32), LR (0.005).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${RUNS:-runs/fsdd}"
data="${DATA:-build/fsdd}"
seed="${SEED:-1}"
threads="${THREADS:-2}"
batch="${BATCH:-32}"
lr="${LR:-0.005}"
et="${EPOCHS_TEACHER:-14}"
es="${EPOCHS_STAGE:-8}"
common=(--train "$data/fsdd-cochlea-train.h5" --val "$data/fsdd-cochlea-val.h5"
        --test "$data/fsdd-cochlea-test.h5" --config shd --classes 10 --qk-layout time
        --batch-size "$batch" --lr "$lr" --warmup-epochs 1 --seed "$seed" --threads "$threads")

stage() { # name, extra args...
  local name="$1"; shift
  local out="$runs/$name"
  if [ -f "$out/summary.json" ]; then
    echo "stage $name: done ($out/summary.json)" >&2
    return 0
  fi
  local resume=()
  [ -f "$out/last.pt" ] && resume=(--resume)
  echo "stage $name: training" >&2
  /usr/bin/python3 tools/pytorch/train.py "${common[@]}" --out "$out" --stage "$name" "$@" "${resume[@]}"
}

stage teacher-10ms --frame-ms 10 --epochs "$et"
stage kd-20ms --frame-ms 20 --epochs "$es" --teacher "$runs/teacher-10ms/best.pt"
stage kd-25ms --frame-ms 25 --epochs "$es" --teacher "$runs/kd-20ms/best.pt"
stage scratch-25ms --frame-ms 25 --epochs "$et" --no-distill
