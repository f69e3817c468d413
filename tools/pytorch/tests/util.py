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
