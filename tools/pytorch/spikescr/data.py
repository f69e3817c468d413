"""Dataset files (docs/dataset-format.md), framing (SPIKESCR.md 6.2 and fixed window), augmentation, batching.

Two spike framings:
* `shd`: the authors' pipeline. Time is measured from the first spike of the utterance, in the file's own float
  dtype (1000 * times, then minus the first); n_frames = ceil(t_last / dt) (at least 1); spike k = floor(t / dt)
  goes to frame k, and the last frame takes every spike with k >= n_frames - 1. Then 5 adjacent units are summed
  (700 -> 140 features).
* `window`: times from 0 = recording start (float64 ms), T = round(window_s * 1000 / frame_ms), frame i gets the
  spikes with floor(t_ms / dt) == i, spikes at or beyond the window are dropped. Used when the file has the root
  attribute `window_s` or when a window is asked for.
Mel datasets carry their frames already.
"""
from typing import List, Optional, Sequence

import numpy as np
import torch

POOL = 5  # units summed per input feature


def _s(x):
    return x.decode() if isinstance(x, bytes) else str(x)


class DatasetFile:
    """Raw contents of a dataset file (both layouts). Spike times keep their stored dtype."""

    def __init__(self, path: str):
        import h5py

        self.path = path
        with h5py.File(path, "r") as f:
            attrs = dict(f.attrs)
            self.labels = np.asarray(f["labels"][()], dtype=np.int64)
            n = len(self.labels)
            self.flat = _s(attrs.get("format", "")) == "spikescr-dataset"
            self.input_kind = _s(attrs.get("input_kind", "spikes"))
            self.window_s = float(attrs["window_s"]) if "window_s" in attrs else None
            self.hop_samples = int(attrs["hop_samples"]) if "hop_samples" in attrs else None
            self.times: List[np.ndarray] = []
            self.units: List[np.ndarray] = []
            self.frames: List[np.ndarray] = []
            if self.input_kind == "mel":
                data = f["frames/data"][()].astype(np.float32)
                off = f["frames/offsets"][()].astype(np.int64)
                self.frames = [data[off[i] : off[i + 1]] for i in range(n)]
                self.channels = int(attrs.get("channels", data.shape[1]))
            elif self.flat:
                t = f["spikes/times"][()]
                u = f["spikes/units"][()].astype(np.int64)
                off = f["spikes/offsets"][()].astype(np.int64)
                if len(off) != n + 1:
                    raise ValueError(f"{path}: /spikes/offsets has {len(off)} entries, expected {n + 1}")
                self.times = [t[off[i] : off[i + 1]] for i in range(n)]
                self.units = [u[off[i] : off[i + 1]] for i in range(n)]
                self.channels = int(attrs.get("channels", 700))
            else:  # official SHD/SSC layout: variable-length arrays
                self.times = [np.asarray(a) for a in f["spikes/times"][()]]
                self.units = [np.asarray(a).astype(np.int64) for a in f["spikes/units"][()]]
                self.channels = 700
            self.split = None
            if "extra/split" in f:
                self.split = np.array([_s(v).lower() for v in f["extra/split"][()]])
            self.speaker = np.asarray(f["extra/speaker"][()], dtype=np.int64) if "extra/speaker" in f else None
            self.source = [_s(v) for v in f["extra/source"][()]] if "extra/source" in f else None
        if len(self.times) not in (0, n) or len(self.frames) not in (0, n):
            raise ValueError(f"{path}: spike/frame arrays and labels differ in length")

    def __len__(self):
        return len(self.labels)


def pool_units(counts: np.ndarray) -> np.ndarray:
    """(n_frames, W) -> (n_frames, W // 5): feature g = sum of units 5g .. 5g+4."""
    n, w = counts.shape
    return counts[:, : (w // POOL) * POOL].reshape(n, w // POOL, POOL).sum(-1)


def frame_shd(times: np.ndarray, units: np.ndarray, frame_ms: float, channels: int = 700) -> np.ndarray:
    """The authors' framing (SPIKESCR.md 6.2). Returns float32 (n_frames, channels // 5) counts.
    Degenerate cases (no spike, or all spikes at the first spike's time) give one frame."""
    if len(times) == 0:
        return np.zeros((1, channels // POOL), dtype=np.float32)
    tms = 1000 * times  # in the stored dtype, as numpy does in the reference pipeline
    tms = tms - tms[0]
    n_frames = max(1, int(np.ceil(tms[-1:] / frame_ms)[0]))  # division in the stored dtype
    k = (tms // frame_ms).astype(np.int64)
    k = np.minimum(k, n_frames - 1)  # the last frame takes the rest (including a spike on its end)
    counts = np.zeros((n_frames, channels), dtype=np.float64)
    np.add.at(counts, (k, units), 1.0)
    return pool_units(counts).astype(np.float32)


def window_frames(window_s: float, frame_ms: float) -> int:
    return int(round(window_s * 1000.0 / frame_ms))


def frame_window(
    times: np.ndarray, units: np.ndarray, frame_ms: float, window_s: float, channels: int = 700
) -> np.ndarray:
    """Fixed-window framing: t from the recording start; T = round(window_s*1000/frame_ms) frames; frame i gets
    floor(t_ms / dt) == i; spikes at or beyond frame T are dropped."""
    n_frames = window_frames(window_s, frame_ms)
    tms = np.asarray(times, dtype=np.float64) * 1000.0
    k = np.floor(tms / frame_ms).astype(np.int64)
    keep = (k >= 0) & (k < n_frames)
    counts = np.zeros((n_frames, channels), dtype=np.float64)
    np.add.at(counts, (k[keep], np.asarray(units)[keep]), 1.0)
    return pool_units(counts).astype(np.float32)


class FramedDataset(torch.utils.data.Dataset):
    """A view of a DatasetFile at one framing, optionally restricted to some indices. Frames are computed once."""

    def __init__(
        self,
        src: DatasetFile,
        frame_ms: Optional[float] = None,
        window_s: Optional[float] = None,
        indices: Optional[Sequence[int]] = None,
        framing: Optional[str] = None,
    ):
        self.src = src
        self.indices = np.arange(len(src)) if indices is None else np.asarray(indices, dtype=np.int64)
        if src.input_kind == "mel":
            self.framing = "mel"
        else:
            if frame_ms is None or frame_ms <= 0:
                raise ValueError("frame_ms must be positive for spike datasets")
            if framing is None:
                framing = "window" if (window_s is not None or src.window_s is not None) else "shd"
            self.framing = framing
            if framing == "window":
                window_s = window_s if window_s is not None else src.window_s
                if window_s is None:
                    raise ValueError("window framing needs window_s (option or file attribute)")
        self.frame_ms = frame_ms
        self.window_s = window_s
        self._cache = {}

    def __len__(self):
        return len(self.indices)

    def frames(self, i: int) -> np.ndarray:
        j = int(self.indices[i])
        x = self._cache.get(j)
        if x is None:
            s = self.src
            if self.framing == "mel":
                x = s.frames[j]
            elif self.framing == "window":
                x = frame_window(s.times[j], s.units[j], self.frame_ms, self.window_s, s.channels)
            else:
                x = frame_shd(s.times[j], s.units[j], self.frame_ms, s.channels)
            self._cache[j] = x
        return x

    def __getitem__(self, i: int):
        return self.frames(i), int(self.src.labels[self.indices[i]])

    def events(self, i: int):
        """The raw (times, units) of item i (spike datasets only)."""
        if self.framing == "mel":
            raise ValueError("mel datasets have no spike events")
        j = int(self.indices[i])
        return self.src.times[j], self.src.units[j]

    def label(self, i: int) -> int:
        return int(self.src.labels[self.indices[i]])

    def frame_events(self, times: np.ndarray, units: np.ndarray) -> np.ndarray:
        """Frames events (for example augmented ones) as this view frames its own; nothing is cached."""
        if self.framing == "window":
            return frame_window(times, units, self.frame_ms, self.window_s, self.src.channels)
        if self.framing == "shd":
            return frame_shd(times, units, self.frame_ms, self.src.channels)
        raise ValueError("mel datasets have no spike events")

    def describe(self) -> str:
        if self.framing == "mel":
            return f"mel frames (hop {self.src.hop_samples})"
        if self.framing == "window":
            return (
                f"window {self.window_s} s at {self.frame_ms} ms ({window_frames(self.window_s, self.frame_ms)} frames)"
            )
        return f"authors' SHD framing at {self.frame_ms} ms from the first spike"


class Augment:
    """The authors' training augmentation (`Augs`): time mask then neuron (feature) mask.
    With probability p zero int(prop * n_frames) consecutive frames; with probability p zero a band of
    randint(0, neuron_mask) adjacent features. SHD config: p=0.5, prop=0.2, neuron_mask=20; SSC: 0.5, 0.1, 10."""

    def __init__(self, p: float = 0.5, time_prop: float = 0.2, neuron_mask: int = 20):
        self.p, self.time_prop, self.neuron_mask = p, time_prop, neuron_mask

    def __call__(self, x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        x = x.copy()
        n, c = x.shape
        if rng.random() < self.p:
            size = int(self.time_prop * n)
            if size > 0:
                start = int(rng.integers(0, n - size + 1))
                x[start : start + size] = 0
        if rng.random() < self.p and self.neuron_mask > 0:
            size = int(rng.integers(0, self.neuron_mask))
            if size > 0:
                start = int(rng.integers(0, c - size + 1))
                x[:, start : start + size] = 0
        return x


def collate(samples):
    """Zero-pads a list of (frames (T_i, C), label) to (B, T_max, C); returns x, labels, lengths, mask (B, T)."""
    lengths = torch.tensor([s[0].shape[0] for s in samples], dtype=torch.long)
    t_max = int(lengths.max())
    c = samples[0][0].shape[1]
    x = torch.zeros(len(samples), t_max, c, dtype=torch.float32)
    for i, (f, _) in enumerate(samples):
        x[i, : f.shape[0]] = torch.from_numpy(np.asarray(f, dtype=np.float32))
    labels = torch.tensor([s[1] for s in samples], dtype=torch.long)
    mask = torch.arange(t_max)[None, :] < lengths[:, None]
    return x, labels, lengths, mask


def split_indices(src: DatasetFile, val_fraction: float, seed: int):
    """Train/validation indices of one file. Rule: use the file's /extra/split ('train', 'val'/'valid'/
    'validation', 'test') when present; otherwise hold out `val_fraction` of every class, chosen by a seeded
    permutation (numpy default_rng(seed)). Returns (train, val, test) index arrays (test may be empty)."""
    if src.split is not None:
        sp = src.split
        return (
            np.nonzero(sp == "train")[0],
            np.nonzero(np.isin(sp, ["val", "valid", "validation"]))[0],
            np.nonzero(sp == "test")[0],
        )
    rng = np.random.default_rng(seed)
    train, val = [], []
    for c in np.unique(src.labels):
        idx = np.nonzero(src.labels == c)[0]
        idx = idx[rng.permutation(len(idx))]
        n_val = int(round(val_fraction * len(idx)))
        val.extend(idx[:n_val].tolist())
        train.extend(idx[n_val:].tolist())
    return np.sort(np.array(train, dtype=np.int64)), np.sort(np.array(val, dtype=np.int64)), np.zeros(0, np.int64)


def write_flat_spikes(
    path: str,
    times: Sequence[np.ndarray],
    units: Sequence[np.ndarray],
    labels: Sequence[int],
    channels: int = 700,
    window_s: Optional[float] = None,
    split: Optional[Sequence[str]] = None,
    keys: Optional[Sequence[str]] = None,
) -> None:
    """Writes a flat-layout spike dataset (used by tests and the benchmark)."""
    import h5py

    off = np.zeros(len(times) + 1, dtype=np.int64)
    off[1:] = np.cumsum([len(t) for t in times])
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "spikescr-dataset"
        f.attrs["format_version"] = np.int64(1)
        f.attrs["input_kind"] = "spikes"
        f.attrs["channels"] = np.int64(channels)
        f.attrs["samples"] = np.int64(len(times))
        if window_s is not None:
            f.attrs["window_s"] = np.float64(window_s)
        f.create_dataset(
            "spikes/times",
            data=np.concatenate([np.asarray(t, np.float64) for t in times]) if len(times) else np.zeros(0),
        )
        f.create_dataset(
            "spikes/units",
            data=np.concatenate([np.asarray(u, np.int32) for u in units]) if len(units) else np.zeros(0, np.int32),
        )
        f.create_dataset("spikes/offsets", data=off)
        f.create_dataset("labels", data=np.asarray(labels, dtype=np.int32))
        f.create_dataset("extra/speaker", data=np.full(len(times), -1, dtype=np.int32))
        if keys is not None:
            f.create_dataset("extra/keys", data=np.array([k.encode() for k in keys]))
        if split is not None:
            f.create_dataset("extra/split", data=np.array([s.encode() for s in split]))


def synthetic_spikes(n: int, classes: int, seed: int, duration_s: float = 1.0, rate_hz: float = 6000.0):
    """Random class-dependent spike trains: each class has its own band of units and onset; for tests/benchmarks."""
    rng = np.random.default_rng(seed)
    times, units, labels = [], [], []
    for i in range(n):
        c = i % classes
        m = int(rng.poisson(rate_hz * duration_s * 0.5)) + 10
        band = (c * 700 // classes + rng.normal(0, 30, m)).clip(0, 699).astype(np.int64)
        noise = rng.integers(0, 700, m // 3)
        u = np.concatenate([band, noise])
        t = np.concatenate(
            [
                rng.uniform(0.1 + 0.6 * c / classes, 0.3 + 0.6 * c / classes, m) * duration_s,
                rng.uniform(0, duration_s, m // 3),
            ]
        )
        t = t + rng.uniform(0, 0.05)
        order = np.argsort(t, kind="stable")
        times.append(t[order])
        units.append(u[order])
        labels.append(c)
    return times, units, labels
