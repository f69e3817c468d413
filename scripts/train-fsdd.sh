#!/usr/bin/env bash
# Trains the bundled FSDD models: a teacher at 10 ms frames (T=100), a KDCL curriculum
# 10 ms -> 20 ms (T=50) -> 25 ms (T=40) -> 50 ms (T=20), quantization-aware fine-tuning of the T=40
# student through its integer model at 8 and at 4 bits (distilled from the float student) and of
# the T=20 student at 8 bits, and the ablation (the T=40 student from scratch, no distillation).
# Every stage resumes from its last checkpoint when run again; a finished stage is skipped.
# Needs the FSDD datasets:
# ./spikescr fsdd --shared ../shared --out build/fsdd
#
# Environment (defaults in brackets): RUNS (runs/fsdd), DATA (build/fsdd), SEED (1), THREADS (2),
# BATCH (32), EPOCHS_TEACHER (30), EPOCHS_STAGE (8, each KDCL stage but the last), EPOCHS_T20 (24,
# the 50 ms stage, which halves the time steps at once), T20_LR (0.003), EPOCHS_SCRATCH (16, as many as
# the two KDCL stages together), EPOCHS_QAT (4, each quantization-aware stage), LR (0.005, teacher
# and ablation), KD_LR (0.005, the KDCL stages, which start from trained weights and fine-tune
# them), QAT_LR (0.0005), AUG_TIME (0.08: the time mask covers 8 % of the 1 s window, about a fifth
# of an FSDD word; the authors' 0.2 would hide half of it), PREFIX (fsdd-cochlea: the data files are
# DATA/PREFIX-{train,val,test}.h5), TRAIN_ARGS (empty: further train.py options given to every
# stage, for example the --aug-* options), DRY_RUN (0; 1 prints the commands instead of running
# them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${RUNS:-runs/fsdd}"
data="${DATA:-build/fsdd}"
seed="${SEED:-1}"
threads="${THREADS:-2}"
batch="${BATCH:-32}"
lr="${LR:-0.005}"
kd_lr="${KD_LR:-0.005}"
aug_time="${AUG_TIME:-0.08}"
et="${EPOCHS_TEACHER:-30}"
es="${EPOCHS_STAGE:-8}"
eq="${EPOCHS_QAT:-4}"
qat_lr="${QAT_LR:-0.0005}"
esc="${EPOCHS_SCRATCH:-16}"
e20="${EPOCHS_T20:-24}"
lr20="${T20_LR:-0.003}"
prefix="${PREFIX:-fsdd-cochlea}"
dry="${DRY_RUN:-0}"
read -r -a extra <<< "${TRAIN_ARGS:-}"
common=(--train "$data/$prefix-train.h5" --val "$data/$prefix-val.h5"
        --test "$data/$prefix-test.h5" --config shd --classes 10 --qk-layout time
        --batch-size "$batch" --warmup-epochs 1 --aug-time-prop "$aug_time" --seed "$seed" --threads "$threads")

stage() { # name, extra args...
  local name="$1"; shift
  local out="$runs/$name"
  if [ -f "$out/summary.json" ]; then
    echo "stage $name: done ($out/summary.json)" >&2
    return 0
  fi
  local resume=()
  [ -f "$out/last.pt" ] && resume=(--resume)
  local cmd=(/usr/bin/python3 tools/pytorch/train.py "${common[@]}" --out "$out" --stage "$name" "$@"
             ${extra[@]+"${extra[@]}"} ${resume[@]+"${resume[@]}"})
  if [ "$dry" = 1 ]; then
    echo "${cmd[*]}"
    return 0
  fi
  echo "stage $name: training" >&2
  "${cmd[@]}"
}

stage teacher-10ms --frame-ms 10 --epochs "$et" --lr "$lr"
stage kd-20ms --frame-ms 20 --epochs "$es" --lr "$kd_lr" --teacher "$runs/teacher-10ms/best.pt"
stage kd-25ms --frame-ms 25 --epochs "$es" --lr "$kd_lr" --teacher "$runs/kd-20ms/best.pt"
stage qat-25ms --frame-ms 25 --epochs "$eq" --lr "$qat_lr" --teacher "$runs/kd-25ms/best.pt" --qat
stage qat4-25ms --frame-ms 25 --epochs "$eq" --lr "$qat_lr" --teacher "$runs/kd-25ms/best.pt" --qat \
  --qat-weight-bits 4
stage kd-50ms --frame-ms 50 --epochs "$e20" --lr "$lr20" --teacher "$runs/kd-25ms/best.pt"
stage qat-50ms --frame-ms 50 --epochs "$eq" --lr "$qat_lr" --teacher "$runs/kd-50ms/best.pt" --qat
stage scratch-25ms --frame-ms 25 --epochs "$esc" --lr "$lr" --no-distill
