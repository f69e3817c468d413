#!/usr/bin/env bash
# The main job on the bundled default model: builds the command line, builds the FSDD test data
# from the shared recordings when it is missing, shows the model, simulates it on the held-in test
# split (takes 0-4 of the five speakers), quantizes it and simulates the bit-accurate fixed-point
# model on the same split.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="${SPIKESCR_SHARED:-$(cd "$root/.." && pwd)/shared}"
model="${MODEL:-models/fsdd-student-t40.h5}"
data="build/fsdd/fsdd-cochlea-test.h5"

./spikescr info "$model"
if [ ! -f "$data" ]; then
  ./spikescr fsdd --shared "$shared" --out build/fsdd --threads 2
fi
./spikescr simulate --model "$model" --data "$data"
mkdir -p build
./spikescr quantize --model "$model" --out build/student-q.h5
./spikescr simulate --model build/student-q.h5 --data "$data" --mode fixed
