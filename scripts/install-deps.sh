#!/usr/bin/env bash
# Installs the Debian packages the tests and tools need: PyTorch, h5py and numpy for Debian's
# Python (/usr/bin/python3), black and flake8 (the formatter and linter of tools/pytorch), OpenBLAS,
# Maven, and the RTL tools (Icarus Verilog, Verilator, Yosys) the hardware unit tests run. As root it
# installs them with apt-get; as another user it checks and prints the exact command to run.
set -euo pipefail
packages=(maven python3-torch python3-h5py python3-numpy libopenblas0-pthread black python3-flake8
  iverilog verilator yosys fontconfig fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
else
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
