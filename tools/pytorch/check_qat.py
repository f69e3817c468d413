"""Compares the fake-quantized training forward pass (spikescr/qat.py) with the Java quantizer and simulator.

    python3 tools/pytorch/check_qat.py --model student.h5 --quantized student-q.h5 --golden DIR

``student.h5`` is a float model file; ``student-q.h5`` is what ``spikescr quantize`` wrote from it, and ``DIR`` a
``spikescr golden`` directory (docs/golden-vectors.md) written from that quantized model. Two checks:

1. the integers: every weight, bias and threshold of every synaptic layer, the RoPE tables, the head's weights and
   the readout's exp table and index shift, as qat.py derives them from the float parameters, against the
   quantized file;
2. the forward pass: the golden inputs go through qat.forward in batches (utterances of equal length together),
   and every golden tensor is compared element by element: every LIF layer's input ``X``, spikes and membranes,
   the attention scores, the head logits, the readout scores (qat.py's exp table) and the class.

Prints one line per mismatching tensor and a summary; exits 0 only when nothing differs, 1 otherwise.
"""

import argparse
import sys

import torch

from check_intsim import compare_sample, count_mismatches, read_hex, read_index
from spikescr import intsim, qat
from spikescr.checkpoint import load_model_file


def _as_int(t):
    return t.detach().round().to(torch.int64)


def integer_pairs(fq, model, qm, settings):
    """(name, computed, from the quantized file) for every integer parameter."""
    pairs = []

    def layer(name, mine, theirs):
        pairs.append((name + ".weight", _as_int(mine.weight).reshape(theirs.weight.shape), theirs.weight))
        pairs.append((name + ".bias", _as_int(mine.bias), theirs.bias))
        pairs.append((name + ".threshold", _as_int(mine.threshold), theirs.threshold))

    layer("spike_embed", fq.embed, qm.embed)
    for i, (mine, theirs, blk) in enumerate(zip(fq.blocks, qm.blocks, model.blocks)):
        for field in (
            "q", "k", "v", "proj", "mlp1_fc1", "mlp1_fc2", "pw1", "dw", "value", "gate", "gsu_proj", "mlp2_fc1",
            "mlp2_fc2",
        ):  # fmt: skip
            layer(f"blocks.{i}.{field}", getattr(mine, field), getattr(theirs, field))
        cos, sin = qat.rope_table(blk.attn.rotary_emb.freqs, qm.max_time_steps, settings.rope_frac_bits)
        pairs.append((f"blocks.{i}.rope.cos", cos, theirs.rope_cos))
        pairs.append((f"blocks.{i}.rope.sin", sin, theirs.rope_sin))
    pairs.append(("head.weight", _as_int(fq.head_weight), qm.head_weight))
    table, shift = qat.readout_table(fq.head_scale, settings)
    pairs.append(("readout.exp_table", table, qm.exp_table))
    pairs.append(("readout.index_shift", torch.tensor([shift]), torch.tensor([qm.index_shift])))
    return pairs, table, shift


def compare_integers(pairs, log=print):
    """Returns (tensors, elements, mismatching elements)."""
    elements = bad = 0
    for name, mine, theirs in pairs:
        elements += theirs.numel()
        bad += count_mismatches(name, mine, theirs, log, reference="quantized file")
    return len(pairs), elements, bad


def forward_tensors(model, fq, settings, frames, table, shift):
    """qat.forward on a batch of raw frames [B][T, C]: per utterance, its tensors under their golden names."""
    x = torch.stack(frames).double() * (2.0**-settings.input_frac_bits)  # real input values
    trace = qat.Trace({}, {})
    with torch.no_grad():
        qat.forward(model, x, settings, trace=trace, fq=fq)
    out = []
    for b, f in enumerate(frames):
        mine = {"input": qat.input_raw(x[b], settings).to(torch.int64)}
        for name, (xs, spikes, membranes) in trace.lifs.items():
            mine[f"{name}.input"] = _as_int(xs[:, b])
            mine[f"{name}.spikes"] = _as_int(spikes[:, b])
            mine[f"{name}.membrane"] = _as_int(membranes[:, b])
        for name, s in trace.scores.items():
            mine[name] = _as_int(s[b])
        logits = _as_int(trace.logits[:, b])
        mine["head.logits"] = logits
        scores = intsim.readout_probabilities(logits, table, shift, settings.prob_frac_bits).sum(dim=0)
        mine["readout.scores"] = scores
        mine["readout.class"] = torch.tensor([intsim.predicted_class(scores)], dtype=torch.int64)
        out.append(mine)
    return out


def compare_golden(model, fq, settings, golden_dir, table, shift, log=print):
    """Returns (tensors, elements, mismatching elements, LIF layers that never fired)."""
    index = read_index(golden_dir)
    samples = []
    for sample in index["samples"]:
        entries = {e["name"]: e for e in sample["tensors"]}
        samples.append((sample, entries, read_hex(golden_dir, entries["input"])))
    by_length = {}
    for item in samples:
        by_length.setdefault(item[2].shape[0], []).append(item)
    tensors = elements = mismatches = 0
    fired = {}
    for _, group in sorted(by_length.items()):
        computed = forward_tensors(model, fq, settings, [g[2] for g in group], table, shift)
        for (sample, entries, _), mine in zip(group, computed):
            n, e, bad = compare_sample(golden_dir, sample, entries, mine, log)
            tensors += n
            elements += e
            mismatches += bad
            for name, got in mine.items():
                if name.endswith(".spikes"):
                    fired[name] = fired.get(name, 0) + int(got.sum())
    return tensors, elements, mismatches, sorted(n[: -len(".spikes")] for n, k in fired.items() if k == 0)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", required=True, help="float model file")
    ap.add_argument("--quantized", required=True, help="the quantized model file spikescr quantize wrote from it")
    ap.add_argument("--golden", required=True, help="golden vector directory written from the quantized model")
    ap.add_argument(
        "--require-spikes",
        action="store_true",
        help="fail when a LIF layer never fires in any utterance (its comparison would prove little)",
    )
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    model, _, _ = load_model_file(args.model)
    settings = qat.QatSettings.from_quantized_file(args.quantized)
    qm = intsim.load(args.quantized)
    with torch.no_grad():
        fq = qat.quantize_model(model, settings)
    pairs, table, shift = integer_pairs(fq, model, qm, settings)
    n, elements, bad = compare_integers(pairs)
    print(f"integers: compared {n} tensors, {elements} elements: {bad} mismatches")
    tensors, g_elements, g_bad, silent = compare_golden(model, fq, settings, args.golden, table, shift)
    print(f"forward: compared {tensors} tensors, {g_elements} elements: {g_bad} mismatches")
    if args.require_spikes and silent:
        print(f"LIF layers that never fire: {silent}")
        return 1
    return 0 if bad == 0 and g_bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
