#!/usr/bin/python3
"""Evaluate a model file on a dataset file with the PyTorch model, one utterance at a time (B=1, as the Java
simulator and the hardware run), and print JSON: samples, accuracy, predictions, labels, scores.

  /usr/bin/python3 tools/pytorch/evaluate.py --model model.h5 --data test.h5 [--frame-ms X] [--limit N]

Framing follows the model file (frame_ms) and the dataset file (fixed window when it has window_s), like
`spikescr simulate`, so the two outputs can be compared prediction by prediction.
"""
import argparse
import json
import sys

import numpy as np

import torch

from spikescr.checkpoint import CheckpointError, load_model_file
from spikescr.data import DatasetFile, FramedDataset
from spikescr.model import scores_from_logits


def evaluate(model_path, data_path, frame_ms=None, window_s=None, limit=None, device="cpu"):
    model, meta, _ = load_model_file(model_path)
    model.to(device)
    src = DatasetFile(data_path)
    if src.input_kind != meta["input_kind"]:
        raise CheckpointError(f"model expects {meta['input_kind']} input, {data_path} holds {src.input_kind}")
    ds = FramedDataset(src, frame_ms=frame_ms or meta["frame_ms"], window_s=window_s)
    n = len(ds) if limit is None else min(limit, len(ds))
    preds, scores = [], []
    with torch.no_grad():
        for i in range(n):
            x = torch.from_numpy(ds[i][0][None]).to(device)
            p = scores_from_logits(model(x, torch.ones(1, x.shape[1], dtype=torch.bool, device=device)))[0]
            scores.append([float(v) for v in p.cpu()])
            preds.append(int(p.argmax()))
    labels = [int(v) for v in src.labels[:n]]
    return {
        "model": model_path,
        "data": data_path,
        "framing": ds.describe(),
        "samples": n,
        "accuracy": float(np.mean(np.array(preds) == np.array(labels))) if n else None,
        "predictions": preds,
        "labels": labels,
        "scores": scores,
    }


def main(argv=None):
    p = argparse.ArgumentParser(description="Accuracy of a model file on a dataset file (PyTorch, B=1)")
    p.add_argument("--model", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--frame-ms", type=float)
    p.add_argument("--window-s", type=float)
    p.add_argument("--limit", type=int)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default="cpu")
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    try:
        r = evaluate(a.model, a.data, a.frame_ms, a.window_s, a.limit, a.device)
    except (CheckpointError, OSError, KeyError, ValueError) as e:
        print(f"evaluate.py: {e}", file=sys.stderr)
        return 2
    print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
