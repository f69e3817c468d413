#!/usr/bin/python3
"""Time one training epoch of the SHD-config SpikeSCR (D=128, H=8, depth 1, F=128) on synthetic utterances.

  /usr/bin/python3 tools/pytorch/bench_epoch.py --samples 2000 --threads 2

Utterances are random class-dependent spike trains placed in a 1 s window and framed with the fixed-window
framing, so every utterance has exactly T = 1000 / frame_ms frames (T=100 at 10 ms, T=40 at 25 ms). One epoch =
shuffle, augmentation, collate, forward, CE loss, backward and AdamW step for every batch (the work train.py does
per epoch, without validation). The KD epoch adds the frozen teacher's forward at T=100 for a student at T=40.
"""
import argparse
import json
import os
import platform
import sys
import time

import numpy as np

import torch

from spikescr.data import Augment, FramedDataset, collate, synthetic_spikes, write_flat_spikes, DatasetFile
from spikescr.losses import ce_loss, kdcl_loss
from spikescr.model import ModelConfig, SpikeSCR, scores_from_logits


def epoch(model, ds, batch_size, device, seed, teacher=None, teacher_ds=None):
    model.train()
    rng = np.random.default_rng(seed)
    aug = Augment(0.5, 0.2, 20)
    opt = epoch.opt
    order = rng.permutation(len(ds))
    for i in range(0, len(order), batch_size):
        idx = order[i : i + batch_size]
        x, y, _, mask = collate([(aug(ds[j][0], rng), ds[j][1]) for j in idx])
        x, y, mask = x.to(device), y.to(device), mask.to(device)
        p = scores_from_logits(model(x, mask), mask)
        if teacher is not None:
            xt, _, _, mt = collate([teacher_ds[j] for j in idx])
            with torch.no_grad():
                pt = scores_from_logits(teacher(xt.to(device), mt.to(device)), mt.to(device))
            loss = kdcl_loss(p, pt, y)[0]
        else:
            loss = ce_loss(p, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    if device.type == "cuda":
        torch.cuda.synchronize()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--frame-ms", default="10,25", help="comma-separated frame lengths (T = 1000 / frame_ms)")
    p.add_argument("--no-kd", action="store_true", help="skip the KD epoch (teacher T=100, student T=40)")
    p.add_argument("--device", default="cpu")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workdir", default="/tmp")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    load_before = os.getloadavg()
    device = torch.device(args.device)
    path = os.path.join(args.workdir, f"bench-shd-{args.samples}.h5")
    times, units, labels = synthetic_spikes(args.samples, 20, seed=args.seed, duration_s=0.95)
    write_flat_spikes(path, times, units, labels, window_s=1.0)
    src = DatasetFile(path)
    views = {}
    for fm in [float(v) for v in args.frame_ms.split(",")]:
        ds = FramedDataset(src, frame_ms=fm)
        t0 = time.time()
        for i in range(len(ds)):
            ds.frames(i)
        views[fm] = (ds, time.time() - t0)
    torch.manual_seed(args.seed)
    cfg = ModelConfig(qk_layout="time")
    results = []
    for fm, (ds, t_frame) in views.items():
        model = SpikeSCR(cfg).to(device)
        epoch.opt = torch.optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.01)
        t0, c0 = time.time(), time.process_time()
        epoch(model, ds, args.batch_size, device, args.seed)
        results.append(
            {
                "run": "train",
                "frame_ms": fm,
                "T": int(ds[0][0].shape[0]),
                "samples": len(ds),
                "epoch_s": round(time.time() - t0, 1),
                "cpu_s": round(time.process_time() - c0, 1),
                "framing_s": round(t_frame, 1),
            }
        )
        print(json.dumps(results[-1]), file=sys.stderr)
    if not args.no_kd and 10.0 in views and 25.0 in views:
        teacher = SpikeSCR(cfg).to(device).eval()
        model = SpikeSCR(cfg).to(device)
        epoch.opt = torch.optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.01)
        t0, c0 = time.time(), time.process_time()
        epoch(model, views[25.0][0], args.batch_size, device, args.seed, teacher, views[10.0][0])
        results.append(
            {
                "run": "kd",
                "frame_ms": 25.0,
                "T": 40,
                "teacher_T": 100,
                "samples": args.samples,
                "epoch_s": round(time.time() - t0, 1),
                "cpu_s": round(time.process_time() - c0, 1),
            }
        )
        print(json.dumps(results[-1]), file=sys.stderr)
    info = {
        "threads": args.threads,
        "batch_size": args.batch_size,
        "device": str(device),
        "torch": torch.__version__,
        "cpu": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "load_avg_before": load_before,
        "load_avg_after": os.getloadavg(),
        "results": results,
    }
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
