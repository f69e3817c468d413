#!/usr/bin/python3
"""Train SpikeSCR: a teacher at a fine frame length, then KDCL stages (SPIKESCR.md section 4).

Teacher (stage 0):
  /usr/bin/python3 tools/pytorch/train.py --train shd_train.h5 --test shd_test.h5 --frame-ms 10 \
      --epochs 150 --out runs/t10 --stage teacher-10ms
KDCL stage (student warm-started from the teacher, teacher frozen):
  /usr/bin/python3 tools/pytorch/train.py --train shd_train.h5 --test shd_test.h5 --frame-ms 25 \
      --teacher runs/t10/best.pt --epochs 100 --out runs/s25 --stage kd-25ms
Ablation (same student framing, from scratch, CE only): add --no-distill and leave out --teacher.
Quantization-aware fine-tuning (after the curriculum; the float student is the teacher and the starting point):
  /usr/bin/python3 tools/pytorch/train.py --train shd_train.h5 --frame-ms 25 --teacher runs/s25/best.pt \
      --qat --epochs 4 --lr 0.0005 --out runs/s25-qat --stage qat-25ms

Outputs in --out: last.pt (every epoch, for --resume), best.pt (best validation accuracy), log.jsonl (one line per
epoch), summary.json and model.h5 (docs/model-format.md, with provenance).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np

import torch

from spikescr.checkpoint import read_model_file, unwrap_state_dict, validate_state_dict, write_model_file
from spikescr.augment import SpikeAugment, parse_snr_range
from spikescr.data import Augment, DatasetFile, FramedDataset, collate, split_indices, window_frames
from spikescr.losses import ce_loss, kdcl_loss
from spikescr.model import PRESETS, ModelConfig, SpikeSCR, scores_from_logits
from spikescr.qat import FakeQuantized, QatSettings

AUG_PRESETS = {"shd": (0.5, 0.2, 20), "ssc": (0.5, 0.1, 10), "gsc": (0.5, 0.1, 10)}


def build_parser():
    p = argparse.ArgumentParser(description="Train a SpikeSCR teacher or a KDCL student stage.")
    p.add_argument("--train", required=True, help="training dataset file (docs/dataset-format.md)")
    p.add_argument(
        "--val",
        help="validation dataset file; default: the file's /extra/split, else a held-out "
        "fraction of --train (see --val-fraction)",
    )
    p.add_argument("--test", help="test dataset file (reported, never used for selection)")
    p.add_argument("--val-fraction", type=float, default=0.1)
    p.add_argument("--out", required=True, help="run directory")
    p.add_argument("--stage", default=None, help="name of this stage for the provenance (default: teacher/kd/scratch)")
    p.add_argument("--config", choices=sorted(PRESETS), default="shd")
    for name in ("d-model", "heads", "depth", "mlp-hidden", "kernel-size", "classes"):
        p.add_argument("--" + name, type=int)
    p.add_argument(
        "--qk-layout",
        choices=("time", "official"),
        default="time",
        help="second q/k LIF axis; 'official' couples the samples of a batch (SPIKESCR.md 1.5.1)",
    )
    p.add_argument("--frame-ms", type=float, default=10.0, help="student frame length (spike input)")
    p.add_argument(
        "--window-s",
        type=float,
        help="fixed-window framing of this many seconds (default: the "
        "file's window_s attribute, else the authors' framing)",
    )
    p.add_argument(
        "--teacher", help="checkpoint of the previous stage (best.pt of train.py, a state_dict, or a model file .h5)"
    )
    p.add_argument("--teacher-frame-ms", type=float, help="default: from the teacher checkpoint")
    p.add_argument(
        "--teacher-data",
        help="the training utterances as the teacher sees them, in the same order "
        "(needed for mel files, whose frames are fixed by the file; default: "
        "--train framed at the teacher's frame length)",
    )
    p.add_argument("--no-distill", action="store_true", help="ablation: student from scratch, CE loss only")
    p.add_argument("--kd-weight", type=float, default=0.5)
    p.add_argument("--kd-temperature", type=float, default=1.0)
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--warmup-epochs", type=int, default=0)
    p.add_argument("--no-aug", action="store_true", help="disable the time/neuron mask augmentation")
    p.add_argument("--seed", type=int, default=312)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default=None, help="cpu or cuda (default: cuda if available)")
    p.add_argument(
        "--aug-time-prop",
        type=float,
        help="time mask length as a fraction of the frames (default: the preset's, 0.2 for shd)",
    )
    p.add_argument(
        "--aug-neuron-mask", type=int, help="largest masked band of input features (default: the preset's, 20 for shd)"
    )
    g = p.add_argument_group(
        "spike-event augmentation (docs/training.md; every default is off, and off is the identity)"
    )
    g.add_argument(
        "--aug-channel-shift", type=float, default=0.0, help="largest shift of the cochlear unit axis, units"
    )
    g.add_argument(
        "--aug-channel-stretch", type=float, default=0.0, help="largest relative stretch of the unit axis (< 1)"
    )
    g.add_argument("--aug-time-stretch", type=float, default=0.0, help="largest relative speed change (< 1)")
    g.add_argument("--aug-time-shift-s", type=float, default=0.0, help="largest time shift in the window, s")
    g.add_argument("--aug-gain-db", type=float, default=0.0, help="largest gain as spike-rate scaling, dB")
    g.add_argument(
        "--aug-gain-rate-per-db",
        type=float,
        default=1.0,
        help="spike-rate slope of the gain proxy: rate x 10^(dB * slope / 20) (default 1.0)",
    )
    g.add_argument(
        "--aug-eq-db", type=float, default=0.0, help="largest equalizer node gain, dB of spike rate (colouring)"
    )
    g.add_argument("--aug-eq-bands", type=int, default=4, help="equalizer segments across the unit axis (default 4)")
    g.add_argument("--aug-noise-snr-db", default=None, help="LOW,HIGH: noise spikes at an SNR in this range, dB")
    g.add_argument("--aug-events-p", type=float, default=1.0, help="probability an utterance is perturbed")
    g = p.add_argument_group(
        "quantization-aware training (spikescr/qat.py): the forward pass is the integer model of "
        "docs/fixed-point.md, gradients pass the rounding straight through"
    )
    g.add_argument("--qat", action="store_true", help="train and select checkpoints through the integer model")
    g.add_argument("--qat-weight-bits", type=int, default=8, help="N, signed weight width (default 8)")
    g.add_argument("--qat-membrane-frac-bits", type=int, default=4, help="G, membrane fraction bits (default 4)")
    g.add_argument("--qat-scale-span-bits", type=int, default=4, help="S, the scale span floor (default 4)")
    g.add_argument("--qat-rope-frac-bits", type=int, default=24, help="F_R, RoPE table fraction bits (default 24)")
    p.add_argument("--resume", action="store_true", help="continue from OUT/last.pt")
    p.add_argument("--export", help="model file to write at the end (default OUT/model.h5)")
    return p


def model_config(args, teacher_cfg=None):
    preset = dict(PRESETS[args.config])
    base = dict(
        d_model=preset["d_model"],
        heads=preset["heads"],
        depth=preset["depth"],
        mlp_hidden=preset["mlp_hidden"],
        kernel_size=preset["kernel_size"],
        classes=preset["classes"],
        input_channels=preset["input_channels"],
    )
    if teacher_cfg is not None:  # the student has the teacher's architecture (SPIKESCR.md 2.2)
        base.update({k: teacher_cfg[k] for k in base})
    for k in ("d_model", "heads", "depth", "mlp_hidden", "kernel_size", "classes"):
        v = getattr(args, k)
        if v is not None:
            base[k] = v
    return ModelConfig(qk_layout=args.qk_layout, **base)


def describe_augmentation(aug, ev_aug):
    """One line for the provenance: the frame masks and the spike-event augmentation in force."""
    parts = []
    if ev_aug is not None:
        e = ev_aug
        parts.append(
            f"events p={e.p}: channel shift {e.channel_shift} units, stretch {e.channel_stretch}, "
            f"time stretch {e.time_stretch}, shift {e.time_shift_s} s, gain {e.rate_db} dB "
            f"(rate slope {e.rate_per_db}), "
            + (f"equalizer {e.eq_db} dB over {e.eq_bands} bands, " if e.eq_db > 0 else "")
            + f"noise SNR {e.noise_snr_db} dB "
            f"(spike fraction 10^(({e.noise_offset_db} - snr) / {e.noise_db_per_decade}), "
            f"unit scale {e.noise_unit_scale})"
        )
    if aug is not None:
        parts.append(f"masks p={aug.p}: time {aug.time_prop}, features up to {aug.neuron_mask}")
    return "; ".join(parts) if parts else "none"


def lr_factor(epoch, epochs, warmup):
    """Linear warm-up over `warmup` epochs, then cosine from 1 to ~0 over the remaining epochs."""
    if epoch < warmup:
        return (epoch + 1) / (warmup + 1)
    span = max(1, epochs - warmup)
    return 1e-6 + (1 - 1e-6) * 0.5 * (1 + math.cos(math.pi * (epoch - warmup) / span))


def batches(n, batch_size, rng=None):
    order = np.arange(n) if rng is None else rng.permutation(n)
    return [order[i : i + batch_size] for i in range(0, n, batch_size)]


@torch.no_grad()
def evaluate(model, ds, device, batch_size):
    """Accuracy and CE loss over a framed dataset (padding masked; the `official` layout runs B=1)."""
    if ds is None or len(ds) == 0:
        return None, None
    model.eval()
    if model.cfg.qk_layout == "official":
        batch_size = 1
    correct, loss_sum = 0, 0.0
    for idx in batches(len(ds), batch_size):
        x, y, _, mask = collate([ds[i] for i in idx])
        x, y, mask = x.to(device), y.to(device), mask.to(device)
        p = scores_from_logits(model(x, mask), mask)
        loss_sum += float(ce_loss(p, y)) * len(idx)
        correct += int((p.argmax(1) == y).sum())
    return correct / len(ds), loss_sum / len(ds)


def load_teacher(path, args, device):
    if path.endswith(".h5"):  # a model file (docs/model-format.md)
        cfg_m, meta, _, sd = read_model_file(path)
        ck = {"model_config": cfg_m.to_dict(), "framing": {"frame_ms": meta["frame_ms"]}, "model": sd}
    else:
        ck = torch.load(path, map_location="cpu")
    if isinstance(ck, dict) and "model_config" in ck:
        cfg_d = ck["model_config"]
        framing = ck.get("framing", {})
        sd = ck["model"]
    else:
        cfg_d, framing, sd = None, {}, unwrap_state_dict(ck)
    cfg = model_config(args, cfg_d)
    teacher = SpikeSCR(cfg)
    validate_state_dict(sd, cfg)
    teacher.load_state_dict(sd, strict=False)
    teacher.to(device).eval()
    for p in teacher.parameters():
        p.requires_grad_(False)
    frame_ms = args.teacher_frame_ms or framing.get("frame_ms")
    return teacher, cfg_d, frame_ms, sd


def log_line(path, rec):
    with open(path, "a") as f:
        f.write(json.dumps(rec) + "\n")


def main(argv=None):
    args = build_parser().parse_args(argv)
    torch.set_num_threads(args.threads)
    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    os.makedirs(args.out, exist_ok=True)
    distill = args.teacher is not None and not args.no_distill
    stage = args.stage or ("kd" if distill else ("scratch" if args.no_distill else "teacher"))

    # ---- data ----
    src = DatasetFile(args.train)
    if args.val:
        train_idx = np.nonzero(src.split == "train")[0] if src.split is not None else np.arange(len(src))
        val_idx, test_idx = None, None
        val_src = DatasetFile(args.val)
        split_rule = f"validation file {os.path.basename(args.val)}"
    else:
        train_idx, val_idx, test_idx = split_indices(src, args.val_fraction, args.seed)
        val_src = src
        split_rule = (
            "the file's /extra/split"
            if src.split is not None
            else f"{args.val_fraction:.0%} of each class of {os.path.basename(args.train)} held out "
            f"(numpy default_rng({args.seed}))"
        )
    test_src = DatasetFile(args.test) if args.test else (src if test_idx is not None and len(test_idx) else None)

    def view(s, idx, frame_ms):
        return FramedDataset(s, frame_ms=frame_ms, window_s=args.window_s, indices=idx)

    train_ds = view(src, train_idx, args.frame_ms)
    val_ds = view(val_src, val_idx, args.frame_ms)
    test_ds = view(test_src, test_idx if test_src is src else None, args.frame_ms) if test_src else None
    prob, time_prop, neuron = AUG_PRESETS[args.config]
    if args.aug_time_prop is not None:
        time_prop = args.aug_time_prop
    if args.aug_neuron_mask is not None:
        neuron = args.aug_neuron_mask
    aug = None if args.no_aug else Augment(prob, time_prop, neuron)
    try:
        ev_aug = SpikeAugment(
            channel_shift=args.aug_channel_shift,
            channel_stretch=args.aug_channel_stretch,
            time_stretch=args.aug_time_stretch,
            time_shift_s=args.aug_time_shift_s,
            rate_db=args.aug_gain_db,
            rate_per_db=args.aug_gain_rate_per_db,
            eq_db=args.aug_eq_db,
            eq_bands=args.aug_eq_bands,
            noise_snr_db=parse_snr_range(args.aug_noise_snr_db),
            p=args.aug_events_p,
        )
    except ValueError as e:
        raise SystemExit(f"train.py: {e}")
    if not ev_aug.active or args.no_aug:
        ev_aug = None
    elif train_ds.framing == "mel":
        raise SystemExit("train.py: the --aug-channel/time/gain/noise options need a spike dataset, not mel frames")
    elif args.teacher_data:
        raise SystemExit("train.py: spike-event augmentation needs the teacher to read --train (no --teacher-data)")

    # ---- model(s) ----
    torch.manual_seed(args.seed)
    teacher, teacher_cfg, teacher_sd, teacher_ds = None, None, None, None
    if distill:
        teacher, teacher_cfg, t_frame, teacher_sd = load_teacher(args.teacher, args, device)
        t_src = src
        if args.teacher_data:
            t_src = DatasetFile(args.teacher_data)
            if len(t_src) != len(src) or not np.array_equal(t_src.labels, src.labels):
                raise SystemExit("train.py: --teacher-data must hold the utterances of --train in the same order")
        if t_src.input_kind == "spikes" and t_frame is None:
            raise SystemExit("train.py: --teacher-frame-ms is required (the teacher checkpoint does not record it)")
        teacher_ds = view(t_src, train_idx, t_frame)
    cfg = model_config(args, teacher_cfg)
    model = SpikeSCR(cfg)
    if distill:  # warm start: "load the weights, then distil again"
        model.load_state_dict(teacher_sd, strict=False)
    model.to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    qat_settings = None
    net = model  # what the batches go through: the float model, or its integer model for --qat
    if args.qat:
        try:
            qat_settings = QatSettings.for_input(
                src.input_kind,
                weight_bits=args.qat_weight_bits,
                membrane_frac_bits=args.qat_membrane_frac_bits,
                scale_span_bits=args.qat_scale_span_bits,
                rope_frac_bits=args.qat_rope_frac_bits,
            )
        except ValueError as e:
            raise SystemExit(f"train.py: --qat: {e}")
        if train_ds.framing == "shd":
            raise SystemExit("train.py: --qat needs utterances of equal length (--window-s framing, no padding)")
        net = FakeQuantized(model, qat_settings)

    framing = {
        "kind": train_ds.framing,
        "frame_ms": args.frame_ms,
        "window_s": train_ds.window_s,
        "hop_samples": src.hop_samples,
        "describe": train_ds.describe(),
    }
    log_path = os.path.join(args.out, "log.jsonl")
    last_path, best_path = os.path.join(args.out, "last.pt"), os.path.join(args.out, "best.pt")
    start_epoch, best = 0, {"val_acc": -1.0, "epoch": -1}
    if args.resume and os.path.exists(last_path):
        ck = torch.load(last_path, map_location="cpu")
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        start_epoch, best = ck["epoch"] + 1, ck["best"]
        print(f"resumed from {last_path} at epoch {start_epoch}", file=sys.stderr)
    elif os.path.exists(log_path):
        os.unlink(log_path)

    def checkpoint(epoch, extra=None):
        d = {
            "model": model.state_dict(),
            "model_config": cfg.to_dict(),
            "framing": framing,
            "epoch": epoch,
            "args": vars(args),
            "stage": stage,
            "best": best,
        }
        if extra:
            d.update(extra)
        return d

    for epoch in range(start_epoch, args.epochs):
        t0 = time.time()
        model.train()
        rng = np.random.default_rng([args.seed, epoch])  # shuffling and augmentation of this epoch
        torch.manual_seed(args.seed * 100003 + epoch)  # dropout masks of this epoch
        lr_used = args.lr * lr_factor(epoch, args.epochs, args.warmup_epochs)  # set per epoch, so resume is exact
        for g in opt.param_groups:
            g["lr"] = lr_used
        tot = {"loss": 0.0, "ce": 0.0, "kd": 0.0, "correct": 0, "n": 0}
        for idx in batches(len(train_ds), args.batch_size, rng):
            t_items = None
            if ev_aug is not None:  # one perturbed utterance, framed for the student and for the teacher
                evs = [ev_aug(*train_ds.events(i), src.channels, rng) for i in idx]
                items = [(train_ds.frame_events(t, u), train_ds.label(i)) for (t, u), i in zip(evs, idx)]
                if teacher_ds is not None:
                    t_items = [(teacher_ds.frame_events(t, u), teacher_ds.label(i)) for (t, u), i in zip(evs, idx)]
            else:
                items = [train_ds[i] for i in idx]
            if aug is not None:
                items = [(aug(f, rng), y) for f, y in items]
            x, y, _, mask = collate(items)
            x, y, mask = x.to(device), y.to(device), mask.to(device)
            p_s = scores_from_logits(net(x, mask), mask)
            if teacher is not None:
                xt, _, _, mt = collate(t_items if t_items is not None else [teacher_ds[i] for i in idx])
                with torch.no_grad():
                    xt, mt = xt.to(device), mt.to(device)
                    p_t = scores_from_logits(teacher(xt, mt), mt)
                loss, ce, kd = kdcl_loss(p_s, p_t, y, args.kd_weight, args.kd_temperature)
            else:
                loss = ce = ce_loss(p_s, y)
                kd = torch.zeros(())
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            b = len(idx)
            tot["loss"] += float(loss) * b
            tot["ce"] += float(ce) * b
            tot["kd"] += float(kd) * b
            tot["correct"] += int((p_s.argmax(1) == y).sum())
            tot["n"] += b
        val_acc, val_loss = evaluate(net, val_ds, device, args.batch_size)
        test_acc, _ = evaluate(net, test_ds, device, args.batch_size)
        n = max(1, tot["n"])
        rec = {
            "epoch": epoch,
            "lr": lr_used,
            "train_loss": tot["loss"] / n,
            "train_ce": tot["ce"] / n,
            "train_kd": tot["kd"] / n,
            "train_acc": tot["correct"] / n,
            "val_loss": val_loss,
            "val_acc": val_acc,
            "test_acc": test_acc,
            "seconds": round(time.time() - t0, 2),
        }
        if val_acc is not None and val_acc > best["val_acc"]:
            best = {"val_acc": val_acc, "test_acc": test_acc, "epoch": epoch}
            torch.save(checkpoint(epoch), best_path + ".tmp")
            os.replace(best_path + ".tmp", best_path)
        log_line(log_path, rec)
        torch.save(checkpoint(epoch, {"optimizer": opt.state_dict()}), last_path + ".tmp")
        os.replace(last_path + ".tmp", last_path)
        print(json.dumps(rec), file=sys.stderr)

    # ---- export the best checkpoint ----
    ck = torch.load(best_path if os.path.exists(best_path) else last_path, map_location="cpu")
    arrays = validate_state_dict(ck["model"], cfg)
    lengths = [train_ds.frames(i).shape[0] for i in range(len(train_ds))]
    time_steps = int(np.median(lengths)) if lengths else 1
    if train_ds.framing == "window":
        time_steps = window_frames(train_ds.window_s, args.frame_ms)
    prov = {
        "dataset": os.path.basename(args.train),
        "split": split_rule,
        "frames": framing["describe"],
        "frame_ms": args.frame_ms,
        "time_steps": time_steps,
        "epochs": args.epochs,
        "best_epoch": best["epoch"],
        "seed": args.seed,
        "stage": stage,
        "teacher": args.teacher if distill else "none",
        "distill": distill,
        "qk_layout": cfg.qk_layout,
        "val_accuracy": best.get("val_acc"),
        "test_accuracy": best.get("test_acc"),
        "trainer": "tools/pytorch/train.py",
        "augmentation": describe_augmentation(aug, ev_aug),
        "qat": qat_settings.describe() if qat_settings is not None else "none",
    }
    if teacher is not None:
        prov["teacher_frames"] = teacher_ds.describe()
        if teacher_ds.framing != "mel":
            prov["teacher_frame_ms"] = teacher_ds.frame_ms
    if src.input_kind == "mel":
        del prov["frame_ms"]
        prov["hop_samples"] = src.hop_samples
    prov = {k: v for k, v in prov.items() if v is not None}
    out_file = args.export or os.path.join(args.out, "model.h5")
    kind = "mel" if src.input_kind == "mel" else "spikes"
    write_model_file(
        out_file,
        arrays,
        cfg,
        input_kind=kind,
        frame_ms=args.frame_ms if kind == "spikes" else None,
        hop_samples=src.hop_samples,
        time_steps=time_steps,
        provenance=prov,
    )
    summary = dict(prov, model_file=out_file, best=best)
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
