"""Augmentation of cochlear spike events for voices and recording conditions the training set lacks.

Acts on one utterance's raw events (spike times in seconds, unit indices 0..channels-1) before framing and
pooling, so that the student and the teacher of a KDCL stage see the same perturbed utterance at their own frame
lengths. The front-end runs in Java, so nothing here touches audio: every operation is a proxy on the spike code
for an audio-domain change, and docs/training.md says what each one models and where the proxy is weak.

Order of operations (each one off at its default, and then an exact identity):
1. channel warp: unit u -> round(c + stretch * (u - c) + shift), c = (channels - 1) / 2; units leaving
   0..channels-1 are dropped (vocal-tract length and pitch: the cochlea's channels are spaced evenly on the
   ERB-rate scale, about logarithmic above 500 Hz, so scaling every frequency by a factor is about a shift);
2. time stretch: t -> t * speed_factor (speaking rate);
3. time shift: t -> t + d (the word's position inside the window); framing drops spikes outside the window;
4. rate scale: keep each spike with probability r (r < 1), or add a copy of each spike with probability r - 1
   (r > 1), at the same time and unit (a spike-density change; docs/training.md says why it is not input gain);
   with an equalizer, each spike's r is further multiplied by the equalizer's rate factor at its unit: node gains
   drawn uniformly in [-eq_db, eq_db] at eq_bands + 1 units evenly spaced from 0 to channels-1, linearly
   interpolated in dB between them (a microphone's or a vocal tract's colouring: some frequency regions denser
   than others);
5. noise: Poisson(n * 10^((noise_offset_db - snr_db) / noise_db_per_decade)) extra spikes, n the utterance's
   spike count after step 4, uniform in time over [0, t_last] (t_last: the utterance's last spike before any
   change, standing for the end of the recording; moved with steps 2 and 3, cut at 0) and over the units with
   weight exp((u - channels + 1) / noise_unit_scale) (white noise at the given SNR added to the audio). The
   defaults are fitted to the project's cochlea: 20 FSDD recordings with white noise at 10, 20 and 30 dB SNR
   gave 62 %, 14 % and 2 % more spikes, 55-73 % of them in units 600-699; units below 300 lost spikes.

Each random quantity is drawn from the numpy Generator passed in, in a fixed order, so a run is reproducible
from its seed.
"""
from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np


@dataclass(frozen=True)
class SpikeAugment:
    """Strengths of the spike-event augmentation; all zero (the default) is the identity.

    channel_shift: largest shift of the unit axis, in units (drawn uniformly in [-s, s]).
    channel_stretch: largest relative stretch of the unit axis about its centre (factor in [1 - s, 1 + s]).
    time_stretch: largest relative change of speaking rate (factor in [1 - s, 1 + s]).
    time_shift_s: largest shift of the whole utterance in time, in seconds (uniform in [-s, s]).
    rate_db: largest gain in dB; the spike rate is scaled by r = 10^(g * rate_per_db / 20), g uniform in [-s, s].
    rate_per_db: slope of the rate proxy (1.0: rate proportional to amplitude). Measure it on the front-end.
    eq_db: largest gain of an equalizer node, in dB of spike rate (not scaled by rate_per_db); 0 for none.
    eq_bands: number of equalizer segments (eq_bands + 1 nodes across the unit axis), at least 1.
    noise_snr_db: (low, high) SNR range in dB of the added noise spikes; None for no noise.
    noise_offset_db, noise_db_per_decade: the noise spike fraction is 10^((offset - snr) / per_decade).
    noise_unit_scale: noise spikes fall on unit u with weight exp((u - channels + 1) / scale); 0 for uniform.
    p: probability that an utterance is augmented at all (per utterance, one draw).
    """

    channel_shift: float = 0.0
    channel_stretch: float = 0.0
    time_stretch: float = 0.0
    time_shift_s: float = 0.0
    rate_db: float = 0.0
    rate_per_db: float = 1.0
    eq_db: float = 0.0
    eq_bands: int = 4
    noise_snr_db: Optional[Tuple[float, float]] = None
    noise_offset_db: float = 7.5
    noise_db_per_decade: float = 13.6
    noise_unit_scale: float = 120.0
    p: float = 1.0

    def __post_init__(self):
        for name in (
            "channel_shift",
            "channel_stretch",
            "time_stretch",
            "time_shift_s",
            "rate_db",
            "rate_per_db",
            "eq_db",
            "noise_unit_scale",
        ):
            v = getattr(self, name)
            if not np.isfinite(v) or v < 0:
                raise ValueError(f"SpikeAugment.{name}: expected a finite value >= 0, got {v}")
        for name in ("channel_stretch", "time_stretch"):
            if getattr(self, name) >= 1:
                raise ValueError(f"SpikeAugment.{name}: expected a value below 1, got {getattr(self, name)}")
        if not (np.isfinite(self.noise_offset_db) and np.isfinite(self.noise_db_per_decade)):
            raise ValueError("SpikeAugment.noise_offset_db, noise_db_per_decade: expected finite values")
        if self.noise_db_per_decade <= 0:
            raise ValueError(f"SpikeAugment.noise_db_per_decade: expected > 0, got {self.noise_db_per_decade}")
        if not (isinstance(self.eq_bands, (int, np.integer)) and self.eq_bands >= 1):
            raise ValueError(f"SpikeAugment.eq_bands: expected an integer >= 1, got {self.eq_bands}")
        if not 0 <= self.p <= 1:
            raise ValueError(f"SpikeAugment.p: expected a probability in [0, 1], got {self.p}")
        if self.noise_snr_db is not None:
            lo, hi = self.noise_snr_db
            if not (np.isfinite(lo) and np.isfinite(hi) and lo <= hi):
                raise ValueError(f"SpikeAugment.noise_snr_db: expected low <= high, got {self.noise_snr_db}")

    @property
    def active(self) -> bool:
        return self.p > 0 and (
            self.channel_shift > 0
            or self.channel_stretch > 0
            or self.time_stretch > 0
            or self.time_shift_s > 0
            or self.rate_db > 0
            or self.eq_db > 0
            or self.noise_snr_db is not None
        )

    def __call__(
        self,
        times: np.ndarray,
        units: np.ndarray,
        channels: int,
        rng: np.random.Generator,
    ) -> Tuple[np.ndarray, np.ndarray]:
        """Returns perturbed (times float64 seconds, units int64), sorted by time. Inputs are not modified."""
        t = np.asarray(times, dtype=np.float64)
        u = np.asarray(units, dtype=np.int64)
        start, end = 0.0, (float(t.max()) if len(t) else 0.0)  # the recording, as far as its spikes show
        if not self.active or rng.random() >= self.p:
            return t.copy(), u.copy()
        # 1. channel warp
        shift = rng.uniform(-self.channel_shift, self.channel_shift) if self.channel_shift > 0 else 0.0
        stretch = 1.0 + rng.uniform(-self.channel_stretch, self.channel_stretch) if self.channel_stretch > 0 else 1.0
        if shift != 0.0 or stretch != 1.0:
            c = (channels - 1) / 2.0
            u = np.rint(c + stretch * (u - c) + shift).astype(np.int64)
            keep = (u >= 0) & (u < channels)
            t, u = t[keep], u[keep]
        # 2. time stretch, 3. time shift
        if self.time_stretch > 0:
            k = 1.0 + rng.uniform(-self.time_stretch, self.time_stretch)
            t, end = t * k, end * k
        if self.time_shift_s > 0:
            d = rng.uniform(-self.time_shift_s, self.time_shift_s)
            t, start, end = t + d, start + d, end + d
        # 4. rate scale: one factor for the utterance, times the equalizer's at each spike's unit
        if self.rate_db > 0 or self.eq_db > 0:
            r = 1.0
            if self.rate_db > 0:
                r = 10.0 ** (rng.uniform(-self.rate_db, self.rate_db) * self.rate_per_db / 20.0)
            if self.eq_db > 0:
                nodes = rng.uniform(-self.eq_db, self.eq_db, self.eq_bands + 1)
                at = np.linspace(0.0, channels - 1.0, self.eq_bands + 1)
                r = r * 10.0 ** (np.interp(u.astype(np.float64), at, nodes) / 20.0)
            t, u = _scale_rate(t, u, r, rng)
        # 5. noise
        if self.noise_snr_db is not None:
            snr = rng.uniform(self.noise_snr_db[0], self.noise_snr_db[1])
            frac = 10.0 ** ((self.noise_offset_db - snr) / self.noise_db_per_decade)
            start = max(start, 0.0)
            m = int(rng.poisson(len(t) * frac)) if end > start else 0
            if m > 0:
                if self.noise_unit_scale > 0:
                    w = np.exp((np.arange(channels) - (channels - 1)) / self.noise_unit_scale)
                    nu = rng.choice(channels, size=m, p=w / w.sum())
                else:
                    nu = rng.integers(0, channels, m)
                t = np.concatenate([t, rng.uniform(start, end, m)])
                u = np.concatenate([u, nu.astype(np.int64)])
        order = np.argsort(t, kind="stable")
        return t[order], u[order]


def _scale_rate(t: np.ndarray, u: np.ndarray, r, rng: np.random.Generator) -> Tuple[np.ndarray, np.ndarray]:
    """Each spike kept with probability r (r < 1) or given floor(r) - 1 more copies and one more with probability
    r - floor(r) (r >= 1); r is one factor or one per spike."""
    if np.isscalar(r):
        if r == 1.0:
            return t, u
        r = np.full(len(t), float(r))
    whole = np.floor(r).astype(np.int64)
    extra = rng.random(len(t)) < (r - whole)
    copies = whole + extra
    return np.repeat(t, copies), np.repeat(u, copies)


def parse_snr_range(text: Optional[str]) -> Optional[Tuple[float, float]]:
    """'10,30' -> (10.0, 30.0); '20' -> (20.0, 20.0); None or '' -> None."""
    if text is None or text == "":
        return None
    parts = text.split(",")
    try:
        vals = [float(p) for p in parts]
    except ValueError:
        raise ValueError(f"--aug-noise-snr-db: expected LOW,HIGH in dB, got '{text}'") from None
    if len(vals) == 1:
        vals = vals * 2
    if len(vals) != 2 or vals[0] > vals[1]:
        raise ValueError(f"--aug-noise-snr-db: expected LOW,HIGH with LOW <= HIGH, got '{text}'")
    return vals[0], vals[1]
