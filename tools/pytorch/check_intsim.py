"""Compares the PyTorch integer forward pass (spikescr/intsim.py) with golden vectors of the Java simulator.

    python3 tools/pytorch/check_intsim.py --model student-q.h5 --golden DIR

``DIR`` is a ``spikescr golden`` directory (docs/golden-vectors.md) written from the same quantized model.
Every tensor of every utterance is compared element by element: the input, every LIF layer's spikes, input
``X`` and membranes, the attention scores, the head logits, the readout scores and the class. Prints one
line per tensor kind and a summary; exits 0 only when every element of every tensor is equal, 1 otherwise.
"""

import argparse
import json
import os
import sys

import torch

from spikescr import intsim

GOLDEN_FORMAT = "spikescr-golden"


def read_hex(directory, entry):
    """One golden tensor as an int64 tensor of its shape (``words`` or ``packed_rows`` encoding)."""
    path = os.path.join(directory, entry["file"])
    with open(path, encoding="ascii") as f:
        lines = [line.strip() for line in f if line.strip()]
    shape = entry["shape"]
    bits = entry["bits"]
    if entry["encoding"] == "words":
        values = [int(line, 16) for line in lines]
        if entry["signed"]:
            values = [v - (1 << bits) if v >> (bits - 1) else v for v in values]
    elif entry["encoding"] == "packed_rows":
        lanes = shape[-1]
        values = [(int(line, 16) >> lane) & 1 for line in lines for lane in range(lanes)]
    else:
        raise ValueError(f"{path}: unknown encoding '{entry['encoding']}'")
    expected = 1
    for n in shape:
        expected *= n
    if len(values) != expected:
        raise ValueError(f"{path}: {len(values)} values, expected {expected} for shape {shape}")
    return torch.tensor(values, dtype=torch.int64).reshape(shape)


def computed_tensors(result, frames):
    """The integer forward pass's tensors under their golden names."""
    out = {"input": frames}
    for name, trace in result.lifs.items():
        out[f"{name}.spikes"] = trace.spikes
        out[f"{name}.input"] = trace.inputs
        out[f"{name}.membrane"] = trace.membranes
    out.update(result.attention_scores)
    out["head.logits"] = result.logits
    out["readout.scores"] = result.scores
    out["readout.class"] = torch.tensor([result.prediction], dtype=torch.int64)
    return out


def count_mismatches(what, got, want, log, reference="golden"):
    """Mismatching elements of ``got`` against ``want`` (every element when the shapes differ); logs the first."""
    if tuple(got.shape) != tuple(want.shape):
        log(f"{what}: shape {tuple(got.shape)}, {reference} {tuple(want.shape)}")
        return want.numel()
    diff = got != want
    bad = int(diff.sum())
    if bad:
        first = diff.nonzero()[0].tolist()
        log(
            f"{what}: {bad} of {want.numel()} differ, first at {first}: "
            f"computed {int(got[tuple(first)])}, {reference} {int(want[tuple(first)])}"
        )
    return bad


def read_index(golden_dir):
    """The golden directory's index.json, checked for its format."""
    with open(os.path.join(golden_dir, "index.json"), encoding="utf-8") as f:
        index = json.load(f)
    if index.get("format") != GOLDEN_FORMAT:
        raise ValueError(f"{golden_dir}/index.json: format is {index.get('format')!r}, expected {GOLDEN_FORMAT!r}")
    return index


def compare_sample(golden_dir, sample, entries, mine, log=print):
    """Every golden tensor of one sample against ``mine`` (name -> tensor): (tensors, elements, mismatches)."""
    missing = sorted(set(entries) - set(mine))
    extra = sorted(set(mine) - set(entries))
    if missing or extra:
        raise ValueError(f"sample {sample['index']}: golden-only tensors {missing}, computed-only {extra}")
    elements = mismatches = 0
    for name, entry in entries.items():
        want = read_hex(golden_dir, entry)
        elements += want.numel()
        mismatches += count_mismatches(f"sample {sample['index']} {name}", mine[name], want, log)
    return len(entries), elements, mismatches


def compare(model, golden_dir, log=print):
    """Compares every golden tensor.

    Returns (tensors compared, elements compared, mismatching elements, names of the LIF layers that never
    fired in any utterance).
    """
    index = read_index(golden_dir)
    if index["qk_layout"] != model.qk_layout or index["membrane_frac_bits"] != model.membrane_frac_bits:
        raise ValueError(f"{golden_dir}/index.json: written for another model (qk_layout, membrane_frac_bits)")
    tensors = elements = mismatches = 0
    fired = {}
    for sample in index["samples"]:
        entries = {e["name"]: e for e in sample["tensors"]}
        frames = read_hex(golden_dir, entries["input"])
        result = intsim.forward(model, frames)
        mine = computed_tensors(result, frames)
        n, e, bad = compare_sample(golden_dir, sample, entries, mine, log)
        tensors += n
        elements += e
        mismatches += bad
        if result.prediction != sample["prediction"]:
            log(f"sample {sample['index']}: class {result.prediction}, index.json says {sample['prediction']}")
            mismatches += 1
        for name, trace in result.lifs.items():
            fired[name] = fired.get(name, 0) + int(trace.spikes.sum())
        spikes = sum(int(t.spikes.sum()) for t in result.lifs.values())
        log(
            f"sample {sample['index']}: {len(entries)} tensors, class {result.prediction}, {spikes} spikes, "
            f"saturation events {sum(result.saturation_events.values())}"
        )
    return tensors, elements, mismatches, [name for name, n in fired.items() if n == 0]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", required=True, help="quantized model file (kind = quantized)")
    ap.add_argument("--golden", required=True, help="golden vector directory written from that model")
    ap.add_argument(
        "--require-spikes",
        action="store_true",
        help="fail when a LIF layer never fires in any utterance (its comparison would prove little)",
    )
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    model = intsim.load(args.model)
    tensors, elements, mismatches, silent = compare(model, args.golden)
    print(f"compared {tensors} tensors, {elements} elements: {mismatches} mismatches")
    if args.require_spikes and silent:
        print(f"LIF layers that never fire: {silent}")
        return 1
    return 0 if mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
