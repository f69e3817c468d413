#!/usr/bin/python3
"""Build a random SpikeSCR, run it at batch size 1 and dump a conformance directory.

The directory is laid out like /work/shared/conformance/official-shd-random (model.pt, weights/, inputs.npy,
logits.npy, scores.npy, labels.npy, spikes/, currents/, rope_cos.npy, rope_sin.npy, index.json), with the
extra config key "qk_layout". `spikescr conformance --dir DIR` checks the Java simulator against it.

Several directories in one run (torch is imported once): `--cases FILE`, where FILE is a JSON list of argument
lists, each holding the options of one directory, e.g. [["--out", "/tmp/a", "--depth", "1", "--qk-layout", "time"],
["--out", "/tmp/b", "--depth", "2", "--qk-layout", "official"]]. Each case gives the same directory as its own run.

Example:
  /usr/bin/python3 tools/pytorch/make_crosscheck.py --out /tmp/xc-time --depth 2 --qk-layout time --seed 7
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np

import torch

from spikescr.hooks import LifRecorder
from spikescr.model import ModelConfig, SpikeSCR, SeqBN, scores_from_logits


class _Stop(Exception):
    pass


def charged_membranes(currents: np.ndarray) -> np.ndarray:
    """H of the LIF (float32, H = (V - V/2) + X, hard reset to 0 on H >= 1) along axis 1 of (S, T, ...)."""
    v = np.zeros_like(currents[:, 0])
    out = np.empty_like(currents)
    for t in range(currents.shape[1]):
        h = (v - v / np.float32(2)) + currents[:, t]
        out[:, t] = h
        v = np.where(h >= np.float32(1), np.float32(0), h)
    return out


def make_inputs(rng: np.random.RandomState, samples: int, steps: int, channels: int = 140) -> np.ndarray:
    """Poisson counts with a time-varying, band-limited rate: 2-4 Gaussian (time x channel) bumps of peak rate
    1-4 on a 0.05 background; about 15 % of the channels silent."""
    out = np.zeros((samples, steps, channels), dtype=np.float32)
    t = np.arange(steps)[:, None]
    c = np.arange(channels)[None, :]
    for s in range(samples):
        rate = np.full((steps, channels), 0.05)
        for _ in range(rng.randint(2, 5)):
            t0, c0 = rng.uniform(0, steps), rng.uniform(0, channels)
            st, sc = rng.uniform(0.08, 0.3) * steps, rng.uniform(5, 25)
            rate += rng.uniform(1, 4) * np.exp(-0.5 * (((t - t0) / st) ** 2 + ((c - c0) / sc) ** 2))
        rate[:, rng.rand(channels) < 0.15] = 0.0
        out[s] = rng.poisson(rate).astype(np.float32)
    return out


def randomize_bn(model: torch.nn.Module, gen: torch.Generator) -> None:
    """running_mean ~ N(0, 0.5^2), running_var ~ U(0.5, 2), gamma ~ U(0.5, 1.5), beta ~ N(0, 0.3^2)."""
    with torch.no_grad():
        for _, m in model.named_modules():
            if isinstance(m, SeqBN):
                n = m.num_features
                m.running_mean.copy_(torch.randn(n, generator=gen) * 0.5)
                m.running_var.copy_(torch.rand(n, generator=gen) * 1.5 + 0.5)
                m.weight.copy_(torch.rand(n, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(n, generator=gen) * 0.3)


def calibration_plan(depth: int, d: int):
    """(weight tensor, row slice or None, target LIF, target rate), in forward order."""
    plan = [("spike_embed.conv.weight", None, "spike_embed.lif", 0.15)]
    for i in range(depth):
        b = f"blocks.{i}"
        plan += [
            (f"{b}.attn.q_conv.weight", None, f"{b}.attn.q_lif2", 0.07),
            (f"{b}.attn.k_conv.weight", None, f"{b}.attn.k_lif2", 0.07),
            (f"{b}.attn.v_conv.weight", None, f"{b}.attn.attn_lif", 0.09),
            (f"{b}.attn.proj_conv.weight", None, f"{b}.attn.proj_lif", 0.15),
            (f"{b}.mlp1.fc1_conv.weight", None, f"{b}.mlp1.fc1_lif", 0.15),
            (f"{b}.mlp1.fc2_conv.weight", None, f"{b}.mlp1.fc2_lif", 0.15),
            (f"{b}.conformer_module.pw1.conv.weight", None, f"{b}.conformer_module.lif1", 0.15),
            (f"{b}.conformer_module.dw.conv.weight", None, f"{b}.conformer_module.lif2", 0.13),
            (f"{b}.conformer_module.pw2.conv.weight", (d, 2 * d), f"{b}.conformer_module.gsu.lif1", 0.15),
            (f"{b}.conformer_module.gsu.proj_conv.weight", None, f"{b}.conformer_module.gsu.lif2", 0.2),
            (f"{b}.conformer_module.pw2.conv.weight", (0, d), f"{b}.conformer_module.lif3", 0.07),
            (f"{b}.mlp2.fc1_conv.weight", None, f"{b}.mlp2.fc1_lif", 0.15),
            (f"{b}.mlp2.fc2_conv.weight", None, f"{b}.mlp2.fc2_lif", 0.15),
        ]
    return plan


def layer_rate(model, target: str, x: torch.Tensor) -> float:
    """Firing rate of one LIF layer; the forward stops right after that layer."""
    mod = dict(model.named_modules())[target]
    box = {}

    def hook(m, inp, out):
        box["rate"] = float(out.float().mean())
        raise _Stop()

    h = mod.register_forward_hook(hook)
    try:
        model(x, torch.ones(x.shape[0], x.shape[1], dtype=torch.bool))
    except _Stop:
        pass
    finally:
        h.remove()
    return box["rate"]


def calibrate(model: SpikeSCR, calib: np.ndarray, iters: int = 8):
    """Scales each planned weight tensor (bisection on log2 scale in [-4, 4]) so its LIF fires near its target.
    Calibration runs the calibration samples as one batch in the `time` layout (batching does not couple
    samples there), so the q_lif2/k_lif2 rates of the `official` layout are approximate."""
    layout = model.cfg.qk_layout
    for blk in model.blocks:
        blk.attn.qk_layout = "time"
    params = dict(model.named_parameters())
    x = torch.from_numpy(calib)
    scales = []
    with torch.no_grad():
        for name, rows, target, rate in calibration_plan(model.cfg.depth, model.cfg.d_model):
            w = params[name]
            sl = slice(None) if rows is None else slice(rows[0], rows[1])
            base = w[sl].clone()
            lo, hi = -4.0, 4.0
            for _ in range(iters):
                mid = 0.5 * (lo + hi)
                w[sl] = base * (2.0**mid)
                if layer_rate(model, target, x) < rate:
                    lo = mid
                else:
                    hi = mid
            s = 2.0 ** (0.5 * (lo + hi))
            w[sl] = base * s
            scales.append(
                {
                    "tensor": name,
                    "rows": rows,
                    "scale": s,
                    "target_lif": target,
                    "target_rate": rate,
                    "calib_rate": layer_rate(model, target, x),
                }
            )
        # Project the mean head input out of the head rows so labels depend on the input.
        box = {}
        h = model.head.register_forward_hook(lambda m, i, o: box.__setitem__("x", i[0].detach()))
        model(x, torch.ones(x.shape[0], x.shape[1], dtype=torch.bool))
        h.remove()
        m = box["x"].reshape(-1, box["x"].shape[-1]).double().mean(0)
        w = model.head.weight.double()
        model.head.weight.copy_((w - (w @ m)[:, None] * m[None, :] / (m @ m)).float())
    for blk in model.blocks:
        blk.attn.qk_layout = layout
    return scales


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build(args):
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    cfg = ModelConfig(
        d_model=args.d_model,
        heads=args.heads,
        depth=args.depth,
        mlp_hidden=args.mlp_hidden,
        kernel_size=args.kernel_size,
        classes=args.classes,
        qk_layout=args.qk_layout,
    )
    model = SpikeSCR(cfg)
    randomize_bn(model, torch.Generator().manual_seed(args.seed + 1))
    model.eval()
    calib = make_inputs(np.random.RandomState(args.seed + 3), args.calib_samples, args.T)
    scales = calibrate(model, calib)
    return cfg, model, scales


def run(args, argv):
    """Writes the directory args.out; argv (the case's options) is recorded in index.json."""
    torch.set_num_threads(args.threads)
    cfg, model, scales = build(args)
    inputs = make_inputs(np.random.RandomState(args.seed + 2), args.samples, args.T)
    rec = LifRecorder(model)
    logits, scores, spikes, currents = [], [], {n: [] for n in rec.names}, {n: [] for n in rec.names}
    with torch.no_grad():
        for s in range(args.samples):
            x = torch.from_numpy(inputs[s][None])
            z = model(x, torch.ones(1, args.T, dtype=torch.bool))
            logits.append(z[:, 0].numpy())
            scores.append(scores_from_logits(z)[0].numpy())
            for n, (cur, spk) in rec.take().items():
                currents[n].append(cur)
                spikes[n].append(spk)
    rec.remove()
    logits = np.stack(logits).astype(np.float32)
    scores = np.stack(scores).astype(np.float32)
    labels = scores.argmax(1).astype(np.int64)

    out = args.out
    for sub in ("weights", "spikes", "currents"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    sd = model.state_dict()
    torch.save(sd, os.path.join(out, "model.pt"))
    tensors = {}
    for k, v in sd.items():
        a = v.numpy() if v.dtype != torch.float32 else v.numpy().astype(np.float32)
        np.save(os.path.join(out, "weights", k + ".npy"), a)
        tensors[k] = {"shape": list(a.shape), "dtype": str(a.dtype)}
    np.save(os.path.join(out, "inputs.npy"), inputs)
    np.save(os.path.join(out, "logits.npy"), logits)
    np.save(os.path.join(out, "scores.npy"), scores)
    np.save(os.path.join(out, "labels.npy"), labels)
    cos, sin = model.blocks[0].attn.rotary_emb.tables(args.T, "cpu")
    np.save(os.path.join(out, "rope_cos.npy"), cos.numpy())
    np.save(os.path.join(out, "rope_sin.npy"), sin.numpy())
    lif_layers = {}
    for n in spikes:
        sp = np.stack(spikes[n])
        cu = np.stack(currents[n])
        np.save(os.path.join(out, "spikes", n + ".npy"), sp)
        np.save(os.path.join(out, "currents", n + ".npy"), cu)
        gap = np.abs(charged_membranes(cu).astype(np.float64) - 1.0)
        lif_layers[n] = {
            "shape": list(sp.shape),
            "dtype": "uint8",
            "rate": float(sp.mean()),
            "rate_min_sample": float(sp.reshape(sp.shape[0], -1).mean(1).min()),
            "rate_max_sample": float(sp.reshape(sp.shape[0], -1).mean(1).max()),
            "n_H_exactly_equal_threshold": int((gap == 0).sum()),
            "min_abs_H_minus_th_nonzero": float(gap[gap > 0].min()) if (gap > 0).any() else None,
            "n_within_1e_6": int(((gap > 0) & (gap <= 1e-6)).sum()),
            "n_within_1e_4": int(((gap > 0) & (gap <= 1e-4)).sum()),
            "n_within_1e_2": int(((gap > 0) & (gap <= 1e-2)).sum()),
        }
    top2 = np.sort(scores, axis=1)[:, -2:]
    dh = cfg.d_model // cfg.heads
    index = {
        "case": os.path.basename(os.path.abspath(out)),
        "description": "Reference outputs of tools/pytorch (spikescr package) with random weights and randomized "
        "BatchNorm statistics, eval mode, each sample run alone (B=1), all-true mask.",
        "generator": {
            "tool": "tools/pytorch/make_crosscheck.py",
            "argv": list(argv),
            "seed": args.seed,
            "torch": torch.__version__,
            "numpy": np.__version__,
            "torch_num_threads": args.threads,
        },
        "config": {
            # the keys and values of the official case's config (the authors' SHD config), with this model's sizes
            "dataset": "random",
            "n_inputs": cfg.input_channels,
            "n_hidden_neurons": cfg.d_model,
            "hidden_dims": cfg.mlp_hidden,
            "num_heads": cfg.heads,
            "depths": cfg.depth,
            "mlp_ratio": (
                cfg.mlp_hidden // cfg.d_model if cfg.mlp_hidden % cfg.d_model == 0 else cfg.mlp_hidden / cfg.d_model
            ),
            "kernel_size": cfg.kernel_size,
            "n_outputs": cfg.classes,
            "attn_mode": "v2",
            "spike_mode": "lif",
            "use_ln": False,
            "use_norm": False,
            "use_bn": True,
            "use_dp": True,
            "use_dw_bias": False,
            "bias": True,
            "init_tau": 2.0,
            "v_threshold": 1.0,
            "v_reset": 0.5,
            "detach_reset": True,
            "dropout_l": 0.1,
            "dropout_p": 0.1,
            "backend": "torch",
            "loss": "sum",
            "time_step": int(args.frame_ms) if float(args.frame_ms).is_integer() else args.frame_ms,
            "n_bins": 5,
            "qk_layout": cfg.qk_layout,
        },
        "config_notes": "v_reset is the authors' declared but unused value; the LIF resets to 0 (SPIKESCR.md 3). "
        "qk_layout says which second q/k LIF axis the run used (SPIKESCR.md 1.5.1 and 8).",
        "weight_setup": {
            "seed": args.seed,
            "steps": [
                f"torch.manual_seed({args.seed}); xavier_uniform on every >1-D parameter, PyTorch default biases",
                f"every BatchNorm in named_modules order with torch.Generator().manual_seed({args.seed + 1}): "
                "running_mean ~ N(0, 0.5^2), running_var ~ U(0.5, 2), weight ~ U(0.5, 1.5), bias ~ N(0, 0.3^2)",
                f"weight tensors (pw2: U and gate row halves separately) scaled by bisection so the target LIF fires "
                f"near its target rate on {args.calib_samples} calibration inputs "
                f"(RandomState({args.seed + 3})), run as one batch in the time layout",
                "head rows W_n replaced by W_n - (W_n . m) m / (m . m), m = mean head input on the calibration set",
            ],
            "scales": scales,
        },
        "inputs": {
            "file": "inputs.npy",
            "shape": list(inputs.shape),
            "dtype": "float32",
            "generator": f"numpy RandomState({args.seed + 2}); 2-4 Gaussian (time x channel) bumps of rate "
            "1-4 on a 0.05 background, ~15% of channels silent, Poisson counts",
        },
        "run": {"batch_size": 1, "mask": "all True, shape (1,T)", "mode": "model.eval(), no_grad"},
        "arrays": {
            "spikes": {
                "pattern": "spikes/<lif module name>.npy",
                "shape": "[S, T, C]",
                "dtype": "uint8",
                "meaning": "LIF output with B squeezed; attn_lif is [S, T, H, Dh]. q_lif2/k_lif2: "
                + (
                    "the raw (T,B,D) buffer of the authors' reshape (axis 1 is the LIF step "
                    "axis, spikes[s].reshape(H, T, Dh) is (head, time, d))"
                    if cfg.qk_layout == "official"
                    else f"(T, D) at true time t with channel h*{dh}+d"
                ),
            },
            "currents": {
                "pattern": "currents/<lif module name>.npy",
                "dtype": "float32",
                "meaning": "input of that LIF, same layout as spikes",
            },
            "logits": {"file": "logits.npy", "shape": list(logits.shape), "dtype": "float32"},
            "scores": {
                "file": "scores.npy",
                "shape": list(scores.shape),
                "dtype": "float32",
                "meaning": "sum over t of softmax over classes of logits",
            },
            "labels": {"file": "labels.npy", "shape": list(labels.shape), "dtype": "int64"},
            "weights": {"pattern": "weights/<state_dict key>.npy", "tensors": tensors},
        },
        "lif_layers": lif_layers,
        "labels": labels.tolist(),
        "score_margins_top1_top2": (top2[:, 1] - top2[:, 0]).tolist(),
    }
    files = {}
    for root, _, names in os.walk(out):
        for nm in sorted(names):
            p = os.path.join(root, nm)
            rel = os.path.relpath(p, out)
            if rel != "index.json":
                files[rel] = {"bytes": os.path.getsize(p), "sha256": sha256(p)}
    index["files"] = dict(sorted(files.items()))
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
    return index


def case_parser(prog=None):
    p = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True)
    p.add_argument("--depth", type=int, required=True)
    p.add_argument("--qk-layout", choices=("official", "time"), required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--samples", type=int, default=16)
    p.add_argument("--T", type=int, default=40)
    p.add_argument("--d-model", type=int, default=128)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--mlp-hidden", type=int, default=None, help="default: d_model")
    p.add_argument("--kernel-size", type=int, default=31)
    p.add_argument("--classes", type=int, default=20)
    p.add_argument("--frame-ms", type=float, default=25.0, help="nominal frame length recorded as time_step")
    p.add_argument("--calib-samples", type=int, default=8)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument(
        "--cases", metavar="FILE", help="JSON list of argument lists, one per directory (replaces all other options)"
    )
    return p


def names_cases(argv):
    return any(a == "--cases" or a.startswith("--cases=") for a in argv)


def read_cases(path):
    """The argument lists of a --cases file; SystemExit naming the file and entry on anything else."""
    try:
        with open(path) as f:
            cases = json.load(f)
    except (OSError, ValueError) as e:
        raise SystemExit(f"--cases {path}: cannot read a JSON file: {e}")
    if not isinstance(cases, list) or not cases:
        raise SystemExit(f"--cases {path}: expected a non-empty JSON list of argument lists")
    for i, c in enumerate(cases):
        if not isinstance(c, list) or not all(isinstance(a, str) for a in c):
            raise SystemExit(f'--cases {path}: entry {i} is {c!r}, expected a list of strings like ["--out", "DIR"]')
        if names_cases(c):
            raise SystemExit(f"--cases {path}: entry {i} holds --cases itself")
    return cases


def run_case(argv, prog=None):
    args = case_parser(prog).parse_args(argv)
    if args.mlp_hidden is None:
        args.mlp_hidden = args.d_model
    index = run(args, argv)
    rates = {k: round(v["rate"], 3) for k, v in index["lif_layers"].items()}
    print(json.dumps({"out": args.out, "labels": index["labels"], "rates": rates}), flush=True)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if names_cases(argv):
        p = argparse.ArgumentParser(prog="make_crosscheck.py", description="several directories in one run")
        p.add_argument("--cases", metavar="FILE", required=True, help="JSON list of argument lists")
        path = p.parse_args(argv).cases  # any other option is an error: they belong in the cases file
        for i, c in enumerate(read_cases(path)):
            run_case(c, prog=f"make_crosscheck.py (case {i} of {path})")
        return 0
    run_case(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
