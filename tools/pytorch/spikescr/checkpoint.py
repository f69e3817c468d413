"""Checkpoint validation and the model file writer (docs/model-format.md, float model, format version 1)."""
import math
import os
import tempfile
from collections import OrderedDict
from typing import Dict, Mapping, Optional

import numpy as np
import torch

from .model import ModelConfig, SpikeSCR

FORMAT = "spikescr-model"
FORMAT_VERSION = 1
WRAPPER_KEYS = ("state_dict", "model_state_dict", "model", "net", "module")


class CheckpointError(Exception):
    """A checkpoint that cannot be turned into a model file; the message names the offending key."""


def unwrap_state_dict(obj) -> "OrderedDict[str, torch.Tensor]":
    """Accepts a bare state_dict, a dict wrapping one ({'model': sd}, {'state_dict': sd}, ...), or a module,
    and strips a DataParallel 'module.' prefix."""
    if isinstance(obj, torch.nn.Module):
        obj = obj.state_dict()
    for _ in range(3):  # nested wrappers such as {'checkpoint': {'state_dict': ...}} are not expected deeper
        if not isinstance(obj, Mapping):
            raise CheckpointError(f"checkpoint is a {type(obj).__name__}, not a state_dict")
        if obj and all(isinstance(v, torch.Tensor) for v in obj.values()):
            break
        inner = next(
            (obj[k] for k in WRAPPER_KEYS if k in obj and isinstance(obj[k], (Mapping, torch.nn.Module))), None
        )
        if inner is None:
            bad = next((k for k, v in obj.items() if not isinstance(v, torch.Tensor)), None)
            raise CheckpointError(
                f"checkpoint entry {bad!r} is not a tensor and no state_dict wrapper "
                f"({', '.join(WRAPPER_KEYS)}) was found"
            )
        obj = inner.state_dict() if isinstance(inner, torch.nn.Module) else inner
    sd = OrderedDict()
    for k, v in obj.items():
        sd[k[len("module.") :] if k.startswith("module.") else k] = v
    return sd


def expected_shapes(cfg: ModelConfig) -> "OrderedDict[str, tuple]":
    """Every stored parameter of the configuration with its shape (num_batches_tracked excluded)."""
    model = SpikeSCR(cfg)
    return OrderedDict(
        (k, tuple(v.shape)) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")
    )


def validate_state_dict(sd: Mapping[str, torch.Tensor], cfg: ModelConfig) -> "OrderedDict[str, np.ndarray]":
    """Checks keys, shapes and finiteness; returns float32 arrays in canonical order."""
    expected = expected_shapes(cfg)
    for k in sd:
        if k.endswith("num_batches_tracked"):
            if k[: -len("num_batches_tracked")] + "running_mean" not in expected:
                raise CheckpointError(f"unknown key {k!r} (no such BatchNorm in this configuration)")
            continue
        if k not in expected:
            raise CheckpointError(
                f"unknown key {k!r} (not a parameter of this configuration: D={cfg.d_model}, "
                f"heads={cfg.heads}, depth={cfg.depth})"
            )
    out = OrderedDict()
    for k, shape in expected.items():
        if k not in sd:
            raise CheckpointError(f"missing key {k!r} (expected shape {list(shape)})")
        t = sd[k]
        if not isinstance(t, torch.Tensor):
            raise CheckpointError(f"key {k!r} is a {type(t).__name__}, not a tensor")
        if tuple(t.shape) != shape:
            raise CheckpointError(f"key {k!r} has shape {list(t.shape)}, expected {list(shape)}")
        if not t.is_floating_point():
            raise CheckpointError(f"key {k!r} has dtype {t.dtype}, expected a floating point tensor")
        a = t.detach().to("cpu", torch.float32).numpy()
        if not np.isfinite(a).all():
            n = int((~np.isfinite(a)).sum())
            raise CheckpointError(f"key {k!r} has {n} non-finite value(s) (NaN or Inf)")
        out[k] = np.ascontiguousarray(a)
    return out


def write_model_file(
    path: str,
    arrays: Mapping[str, np.ndarray],
    cfg: ModelConfig,
    *,
    input_kind: str,
    frame_ms: Optional[float],
    hop_samples: Optional[int],
    time_steps: int,
    provenance: Optional[Dict[str, str]] = None,
) -> None:
    """Writes the HDF5 model file atomically (temp file in the target directory, then rename)."""
    import h5py

    if input_kind not in ("spikes", "mel"):
        raise CheckpointError(f"input_kind must be 'spikes' or 'mel', got {input_kind!r}")
    if input_kind == "spikes" and (frame_ms is None or not (frame_ms > 0) or math.isinf(frame_ms)):
        raise CheckpointError("frame_ms (a positive number) is required when input_kind is 'spikes'")
    if input_kind == "mel" and (hop_samples is None or hop_samples <= 0):
        raise CheckpointError("hop_samples (a positive integer) is required when input_kind is 'mel'")
    if time_steps is None or time_steps <= 0:
        raise CheckpointError("time_steps must be a positive integer")
    target_dir = os.path.dirname(os.path.abspath(path))
    os.makedirs(target_dir, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".h5", dir=target_dir)
    os.close(fd)
    try:
        with h5py.File(tmp, "w") as f:
            a = f.attrs
            a["format"] = FORMAT
            a["format_version"] = np.int64(FORMAT_VERSION)
            a["kind"] = "float"
            a["d_model"] = np.int64(cfg.d_model)
            a["heads"] = np.int64(cfg.heads)
            a["depth"] = np.int64(cfg.depth)
            a["mlp_hidden"] = np.int64(cfg.mlp_hidden)
            a["kernel_size"] = np.int64(cfg.kernel_size)
            a["classes"] = np.int64(cfg.classes)
            a["input_kind"] = input_kind
            a["input_channels"] = np.int64(cfg.input_channels)
            if input_kind == "spikes":
                a["frame_ms"] = np.float64(frame_ms)
            else:
                a["hop_samples"] = np.int64(hop_samples)
            a["time_steps"] = np.int64(time_steps)
            a["qk_layout"] = cfg.qk_layout
            for key, arr in arrays.items():
                f.create_dataset(key.replace(".", "/"), data=np.asarray(arr, dtype=np.float32))
            if provenance:
                g = f.create_group("provenance")
                for k, v in provenance.items():
                    g.attrs[str(k)] = str(v)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the file the usual permissions
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def read_model_file(path: str):
    """Reads a model file back: (ModelConfig, meta dict, provenance dict, state_dict without BN counters)."""
    import h5py

    with h5py.File(path, "r") as f:
        a = f.attrs

        def s(x):
            return x.decode() if isinstance(x, bytes) else str(x)

        if s(a["format"]) != FORMAT:
            raise CheckpointError(f"{path}: not a {FORMAT} file")
        cfg = ModelConfig(
            d_model=int(a["d_model"]),
            heads=int(a["heads"]),
            depth=int(a["depth"]),
            mlp_hidden=int(a["mlp_hidden"]),
            kernel_size=int(a["kernel_size"]),
            classes=int(a["classes"]),
            input_channels=int(a["input_channels"]),
            qk_layout=s(a["qk_layout"]),
        )
        meta = {
            "input_kind": s(a["input_kind"]),
            "time_steps": int(a["time_steps"]),
            "frame_ms": float(a["frame_ms"]) if "frame_ms" in a else None,
            "hop_samples": int(a["hop_samples"]) if "hop_samples" in a else None,
        }
        prov = {k: s(v) for k, v in f["provenance"].attrs.items()} if "provenance" in f else {}
        sd = OrderedDict()
        for k in expected_shapes(cfg):
            sd[k] = torch.from_numpy(f[k.replace(".", "/")][()])
    return cfg, meta, prov, sd


def load_model_file(path: str):
    """Builds a SpikeSCR in eval mode from a model file; returns (model, meta, provenance)."""
    cfg, meta, prov, sd = read_model_file(path)
    model = SpikeSCR(cfg)
    model.load_state_dict(sd, strict=False)
    model.eval()
    return model, meta, prov
