#!/usr/bin/python3
"""Where an unseen voice differs: spike profiles per speaker, a test set thinned to another set's profile, and
the confusion matrix of an evaluation.

  /usr/bin/python3 tools/pytorch/voice_profile.py profile --data A.h5 [B.h5 ...] [--bands 20]
  /usr/bin/python3 tools/pytorch/voice_profile.py match --data TEST.h5 --to TRAIN.h5 --out MATCHED.h5 [--seed 0]
  /usr/bin/python3 tools/pytorch/voice_profile.py confusion --result EVAL.json   (the JSON of evaluate.py)

`profile` prints, for every speaker of the files (named from `extra/source`, e.g. 3_theo_12.wav), the mean number
of spikes per recording in each of BANDS equal bands of cochlear units. `match` writes a copy of a spike dataset
in which every spike on unit u is kept with probability min(1, P_to(u) / P_data(u)), P the mean spikes per
recording on each unit smoothed over 21 units: the same words with the unit profile of the other set wherever
they had more spikes (spikes are only removed, never added). Evaluating a model trained on the other set on both
files shows how much of its error on an unseen voice is that voice's spectral colouring.
"""
import argparse
import json
import sys
from collections import OrderedDict

import numpy as np

from spikescr.data import DatasetFile, write_flat_spikes


def speaker_names(src):
    """Speaker name of every sample of a DatasetFile from extra/source (digit_name_take.wav), or its speaker id."""
    if src.source is not None:
        names = []
        for s in src.source:
            parts = s.rsplit("/", 1)[-1].split("_")
            names.append(parts[1] if len(parts) == 3 else s)
        return names
    if src.speaker is not None:
        return [str(int(v)) for v in src.speaker]
    return ["all"] * len(src)


def spike_file(path):
    src = DatasetFile(path)
    if src.input_kind != "spikes":
        raise SystemExit(f"voice_profile.py: {path} holds {src.input_kind} input, expected spike events")
    return src


def unit_profile(src):
    """Mean spikes per recording on every unit, float64 of length channels."""
    total = np.zeros(src.channels)
    for u in src.units:
        total += np.bincount(u, minlength=src.channels)[: src.channels]
    return total / max(len(src), 1)


def profiles(paths, bands):
    per = OrderedDict()
    channels = None
    for path in paths:
        src = spike_file(path)
        channels = src.channels if channels is None else channels
        if src.channels != channels:
            raise SystemExit(f"voice_profile.py: {path} has {src.channels} units, the first file {channels}")
        for name, u in zip(speaker_names(src), src.units):
            acc = per.setdefault(name, [np.zeros(channels), 0])
            acc[0] += np.bincount(u, minlength=channels)[:channels]
            acc[1] += 1
    edges = np.linspace(0, channels, bands + 1).round().astype(int)
    out = OrderedDict()
    for name in sorted(per):
        mean = per[name][0] / per[name][1]
        out[name] = {
            "recordings": per[name][1],
            "spikes": float(mean.sum()),
            "bands": [float(mean[a:b].sum()) for a, b in zip(edges[:-1], edges[1:])],
        }
    return {"band_edges": edges.tolist(), "speakers": out}


def keep_probability(data_profile, to_profile, smooth=21):
    k = np.ones(smooth) / smooth
    a = np.convolve(data_profile, k, mode="same") + 1e-3
    b = np.convolve(to_profile, k, mode="same") + 1e-3
    return np.minimum(1.0, b / a)


def match(data_path, to_path, out_path, seed):
    src, ref = spike_file(data_path), spike_file(to_path)
    if src.channels != ref.channels:
        raise SystemExit(f"voice_profile.py: {data_path} has {src.channels} units, {to_path} {ref.channels}")
    p = keep_probability(unit_profile(src), unit_profile(ref))
    rng = np.random.default_rng(seed)
    times, units = [], []
    for t, u in zip(src.times, src.units):
        keep = rng.random(len(u)) < p[u]
        times.append(np.asarray(t, np.float64)[keep])
        units.append(u[keep])
    write_flat_spikes(out_path, times, units, src.labels, channels=src.channels, window_s=src.window_s)
    before = sum(len(u) for u in src.units)
    after = sum(len(u) for u in units)
    return {"recordings": len(src), "spikes_before": before, "spikes_after": after, "kept": after / max(before, 1)}


def confusion(result_path):
    with open(result_path) as f:
        r = json.load(f)
    labels, preds = np.asarray(r["labels"], int), np.asarray(r["predictions"], int)
    k = int(max(labels.max(), preds.max())) + 1
    m = np.zeros((k, k), dtype=int)
    np.add.at(m, (labels, preds), 1)
    return m


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("profile", help="mean spikes per recording per unit band, for every speaker")
    a.add_argument("--data", nargs="+", required=True)
    a.add_argument("--bands", type=int, default=20)
    a.add_argument("--json", action="store_true")
    b = sub.add_parser("match", help="thin a spike dataset to another's unit profile")
    b.add_argument("--data", required=True)
    b.add_argument("--to", required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--seed", type=int, default=0)
    c = sub.add_parser("confusion", help="confusion matrix (rows: label, columns: prediction) of evaluate.py JSON")
    c.add_argument("--result", required=True)
    args = p.parse_args(argv)
    if args.cmd == "profile":
        if args.bands < 1:
            raise SystemExit("voice_profile.py: --bands must be at least 1")
        r = profiles(args.data, args.bands)
        if args.json:
            print(json.dumps(r))
        else:
            for name, v in r["speakers"].items():
                print(
                    f"{name:>10} {v['recordings']:5d} {v['spikes']:7.0f} | " + " ".join(f"{x:4.0f}" for x in v["bands"])
                )
    elif args.cmd == "match":
        print(json.dumps(match(args.data, args.to, args.out, args.seed)))
    else:
        m = confusion(args.result)
        for i, row in enumerate(m):
            print(f"{i:2d} | " + " ".join(f"{x:3d}" for x in row) + f" | {row[i] / max(row.sum(), 1):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
