"""Re-run a conformance directory (official-shd-random layout) with this package and compare layer by layer."""
import json
import os
import sys
from typing import Optional

import numpy as np
import torch

from .hooks import LifRecorder
from .model import ModelConfig, SpikeSCR, scores_from_logits


def config_from_index(index: dict) -> ModelConfig:
    c = index["config"]
    return ModelConfig(
        d_model=int(c["n_hidden_neurons"]),
        heads=int(c["num_heads"]),
        depth=int(c["depths"]),
        mlp_hidden=int(c["hidden_dims"]),
        kernel_size=int(c["kernel_size"]),
        classes=int(c["n_outputs"]),
        input_channels=int(c["n_inputs"]),
        qk_layout=c.get("qk_layout", "official"),
    )


def check_dir(case_dir: str, samples: Optional[int] = None, device: str = "cpu") -> dict:
    """Loads model.pt strictly, runs every input alone (B=1, eval) and returns a report: labels_match,
    per-layer spike agreement, bit-exact currents, max logit difference."""
    with open(os.path.join(case_dir, "index.json")) as f:
        index = json.load(f)
    cfg = config_from_index(index)
    model = SpikeSCR(cfg)
    model.load_state_dict(torch.load(os.path.join(case_dir, "model.pt"), map_location="cpu"), strict=True)
    model.eval().to(device)
    inputs = np.load(os.path.join(case_dir, "inputs.npy"))
    n = inputs.shape[0] if samples is None else min(samples, inputs.shape[0])
    rec = LifRecorder(model)
    got_spk = {k: [] for k in rec.names}
    got_cur = {k: [] for k in rec.names}
    logits, labels = [], []
    with torch.no_grad():
        for s in range(n):
            x = torch.from_numpy(inputs[s][None]).to(device)
            z = model(x, torch.ones(1, x.shape[1], dtype=torch.bool, device=device))
            logits.append(z[:, 0].cpu().numpy())
            labels.append(int(scores_from_logits(z)[0].argmax()))
            for k, (cur, spk) in rec.take().items():
                got_cur[k].append(cur)
                got_spk[k].append(spk)
    rec.remove()
    ref_labels = np.load(os.path.join(case_dir, "labels.npy"))[:n]
    ref_logits = np.load(os.path.join(case_dir, "logits.npy"))[:n]
    layers = {}
    for k in rec.names:
        rs = np.load(os.path.join(case_dir, "spikes", k + ".npy"))[:n]
        rc = np.load(os.path.join(case_dir, "currents", k + ".npy"))[:n]
        gs, gc = np.stack(got_spk[k]), np.stack(got_cur[k])
        if gs.shape != rs.shape:
            raise AssertionError(f"{k}: shape {gs.shape} vs reference {rs.shape}")
        layers[k] = {
            "agreement": float((gs == rs).mean()),
            "mismatches": int((gs != rs).sum()),
            "currents_bitexact": bool((gc == rc).all()),
            "currents_max_abs_diff": float(np.abs(gc - rc).max()),
        }
    return {
        "samples": n,
        "predictions": labels,
        "expected": ref_labels.tolist(),
        "labels_match": bool((np.array(labels) == ref_labels).all()),
        "min_spike_agreement": min(v["agreement"] for v in layers.values()),
        "max_logit_diff": float(np.abs(np.stack(logits) - ref_logits).max()),
        "layers": layers,
    }


def main(argv=None):
    import argparse

    p = argparse.ArgumentParser(description="Check tools/pytorch against a conformance directory")
    p.add_argument("dir")
    p.add_argument("--samples", type=int)
    p.add_argument("--device", default="cpu")
    a = p.parse_args(argv)
    torch.set_num_threads(2)
    r = check_dir(a.dir, a.samples, a.device)
    print(json.dumps(r, indent=1))
    return 0 if r["labels_match"] and r["min_spike_agreement"] == 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
