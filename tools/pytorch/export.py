#!/usr/bin/python3
"""Export a SpikeSCR PyTorch checkpoint (authors' state_dict key names) to the project's model file.

Example:
  /usr/bin/python3 tools/pytorch/export.py --config shd --frame-ms 25 --time-steps 40 \
      --provenance dataset=shd --provenance stage=kd-25ms  checkpoint.pth model.h5

Exit codes: 0 written; 2 bad input (unknown/missing/mis-shaped/non-finite key, bad options). On error nothing is
written at the output path.
"""
import argparse
import os
import sys

from spikescr.checkpoint import CheckpointError, unwrap_state_dict, validate_state_dict, write_model_file
from spikescr.model import ModelConfig, PRESETS


def build_parser():
    p = argparse.ArgumentParser(description="Convert a SpikeSCR state_dict to a spikescr model file (HDF5).")
    p.add_argument("checkpoint", help="file saved with torch.save: a state_dict or a dict wrapping one")
    p.add_argument("output", help="model file to write (.h5)")
    p.add_argument("--config", choices=sorted(PRESETS), default="shd", help="hyper-parameter preset (default shd)")
    p.add_argument("--d-model", type=int)
    p.add_argument("--heads", type=int)
    p.add_argument("--depth", type=int)
    p.add_argument("--mlp-hidden", type=int)
    p.add_argument("--kernel-size", type=int)
    p.add_argument("--classes", type=int)
    p.add_argument("--input-kind", choices=("spikes", "mel"))
    p.add_argument("--input-channels", type=int)
    p.add_argument("--frame-ms", type=float, help="frame length in ms (spikes input)")
    p.add_argument("--hop-samples", type=int, help="STFT hop at 8 kHz (mel input)")
    p.add_argument(
        "--time-steps",
        type=int,
        help="nominal frames per utterance the model was trained for "
        "(default: the preset's, or 1000/frame_ms, or 1 + 8000/hop)",
    )
    p.add_argument(
        "--qk-layout",
        choices=("official", "time"),
        default="official",
        help="axis of the second q/k LIF: 'official' for checkpoints trained with the authors' code "
        "(default), 'time' for models trained by tools/pytorch/train.py",
    )
    p.add_argument(
        "--provenance", action="append", default=[], metavar="KEY=VALUE", help="provenance attribute (repeatable)"
    )
    return p


def export(args) -> None:
    import torch

    preset = dict(PRESETS[args.config])
    for name in (
        "d_model",
        "heads",
        "depth",
        "mlp_hidden",
        "kernel_size",
        "classes",
        "input_kind",
        "input_channels",
        "frame_ms",
        "hop_samples",
        "time_steps",
    ):
        v = getattr(args, name)
        if v is not None:
            preset[name] = v
    if args.time_steps is None:
        # nominal frames of a 1 s utterance at the chosen resolution (centred STFT for mel: 1 + 8000 // hop)
        if preset["input_kind"] == "spikes" and args.frame_ms is not None:
            preset["time_steps"] = max(1, int(round(1000.0 / args.frame_ms)))
        elif preset["input_kind"] == "mel" and args.hop_samples is not None:
            preset["time_steps"] = 1 + 8000 // args.hop_samples
    if preset["input_kind"] == "spikes" and preset["frame_ms"] is None:
        raise CheckpointError("--frame-ms is required for spikes input")
    if preset["input_kind"] == "mel" and preset["hop_samples"] is None:
        raise CheckpointError("--hop-samples is required for mel input")
    prov = {}
    for item in args.provenance:
        if "=" not in item:
            raise CheckpointError(f"--provenance expects KEY=VALUE, got {item!r}")
        k, v = item.split("=", 1)
        if not k:
            raise CheckpointError(f"--provenance key is empty in {item!r}")
        prov[k] = v
    prov.setdefault("source_checkpoint", os.path.basename(args.checkpoint))
    try:
        cfg = ModelConfig(
            d_model=preset["d_model"],
            heads=preset["heads"],
            depth=preset["depth"],
            mlp_hidden=preset["mlp_hidden"],
            kernel_size=preset["kernel_size"],
            classes=preset["classes"],
            input_channels=preset["input_channels"],
            qk_layout=args.qk_layout,
        )
    except ValueError as e:
        raise CheckpointError(str(e))
    try:
        obj = torch.load(args.checkpoint, map_location="cpu")
    except Exception as e:  # unreadable, not a torch file, ...
        raise CheckpointError(f"cannot read checkpoint {args.checkpoint}: {e}")
    arrays = validate_state_dict(unwrap_state_dict(obj), cfg)
    write_model_file(
        args.output,
        arrays,
        cfg,
        input_kind=preset["input_kind"],
        frame_ms=preset["frame_ms"],
        hop_samples=preset["hop_samples"],
        time_steps=preset["time_steps"],
        provenance=prov,
    )


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        export(args)
    except CheckpointError as e:
        print(f"export.py: {args.checkpoint}: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"export.py: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
