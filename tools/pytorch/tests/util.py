"""Helpers shared by the tests."""
import contextlib
import io
import os
import subprocess
import sys

import torch

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tools/pytorch
REPO = os.path.dirname(os.path.dirname(TOOLS))  # repository root

torch.set_num_threads(1)  # tiny tensors: extra threads only add contention


def shared_dir() -> str:
    """The shared/ directory: $SPIKESCR_SHARED, else the directory `shared` beside the repository root."""
    return os.environ.get("SPIKESCR_SHARED") or os.path.join(os.path.dirname(REPO), "shared")


def official_case() -> str:
    d = os.path.join(shared_dir(), "conformance", "official-shd-random")
    if not os.path.isfile(os.path.join(d, "model.pt")):
        raise AssertionError(f"conformance case not found at {d} (set SPIKESCR_SHARED to the shared/ directory)")
    return d


def reference_kernels() -> bool:
    """Whether this machine is known to run the CPU kernels that recorded the conformance reference.

    The order in which a float32 matrix product or convolution sums its terms depends on the vector
    kernels ATen dispatches to, and CPUs with the same instruction-set flags (AVX-512 among them) have
    been seen to differ in the last bits while every spike and label stays the same. No flag tells
    them apart, so the bit-exact comparison runs only where SPIKESCR_REFERENCE_KERNELS=1 says so."""
    return os.environ.get("SPIKESCR_REFERENCE_KERNELS") == "1"


# Largest difference of a float32 current or logit from the reference that a different summation
# order of the same float32 terms gives on the conformance case (a few hundred terms of up to a few
# units each; measured on AVX2: 2.9e-6).
REORDER_TOLERANCE = 1e-5


def run_tool(script: str, *args: str):
    """Runs tools/pytorch/<script> with the interpreter running the tests; returns CompletedProcess."""
    env = dict(os.environ, OMP_NUM_THREADS="1")
    return subprocess.run(
        [sys.executable, os.path.join(TOOLS, script), *args], capture_output=True, text=True, env=env, timeout=300
    )


def quiet(fn, *args, **kwargs):
    """Calls fn with stdout and stderr captured (progress lines of the tools), returns its result."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return fn(*args, **kwargs)
