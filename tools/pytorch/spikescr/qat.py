"""Quantization-aware training: the fake-quantized forward pass of docs/fixed-point.md.

:func:`forward` runs a float :class:`~spikescr.model.SpikeSCR` as the integer golden model does
(``org.spikescr.sim.fixedsim.FixedSimulator``, and its PyTorch twin :mod:`spikescr.intsim`), while gradients
still reach the float parameters:

* every synaptic layer is folded with its BatchNorm in float64 (running statistics, fixed-point.md 2.1) and
  quantized per output channel with the span floor (2.3): integer weights ``q = round(w'/s_c)``, biases
  ``beta_c = round(b' 2^G / u_c)`` and thresholds ``theta_c = max(1, round(2^G / u_c))``, rounding ties to even
  as the Java quantizer does; the head has one scale (2.4); the RoPE table is the quantizer's (5.1);
* the forward values are those integers, held exactly in float64 tensors (every sum stays far below 2^53), so
  every spike, membrane and logit equals the integer model's;
* rounding passes gradients straight through (straight-through estimator); the scales ``s_c`` and the
  thresholds are constants of each step; the integer LIF uses the float LIF's ATan surrogate on the charge
  measured in thresholds of the float model (``H u_c 2^-G - 1``), and the leak's ``floor`` has the gradient
  of ``V / 2``, so the gradients have the float model's scale.

What the integer model does and this forward pass leaves out: the accumulator and membrane casts ``sat_A`` and
``sat_M`` (with the quantizer's widths, fixed-point.md 7, they never act), dropout, and padding masks (the
fixed-window datasets have none). The q/k ``official`` layout is taken per utterance, as the hardware does.
The readout for the training loss is the float softmax of the real logits ``s_head z``; the fixed-point
readout (section 8) is :func:`readout_table` with :func:`spikescr.intsim.readout_probabilities`.
"""

import functools
import math
from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np
import torch
from torch import Tensor, nn

from .lif import _lif_backward

BN_EPS = 1e-5  # torch.nn.BatchNorm1d's default, ModelConfig.BN_EPS in Java


@dataclass(frozen=True)
class QatSettings:
    """The quantizer's choices (``QuantSettings`` in Java, the root attributes of a quantized model file)."""

    weight_bits: int = 8  # N
    membrane_frac_bits: int = 4  # G
    scale_span_bits: int = 4  # S
    rope_frac_bits: int = 24  # F_R
    input_total_bits: int = 8  # the input format: ap_uint<8> spike counts by default
    input_int_bits: int = 8
    input_signed: bool = False
    exp_table_length: int = 256  # L
    exp_frac_bits: int = 15  # E_F
    prob_frac_bits: int = 16  # P_F

    def __post_init__(self):
        for field, lo, hi in (
            ("weight_bits", 4, 16),
            ("membrane_frac_bits", 0, 16),
            ("scale_span_bits", 0, 16),
            ("rope_frac_bits", 1, 28),
            ("input_total_bits", 1, 24),
            ("exp_table_length", 1, 1 << 16),
            ("exp_frac_bits", 1, 30),
            ("prob_frac_bits", 1, 30),
        ):
            v = getattr(self, field)
            if not lo <= v <= hi:
                raise ValueError(f"{field} must be {lo} to {hi}, got {v}")

    @staticmethod
    def for_input(kind, **kwargs):
        """The defaults for a model's input kind: ``ap_uint<8>`` spike counts or ``ap_fixed<12,8>`` mel dB."""
        if kind == "mel":
            return QatSettings(input_total_bits=12, input_int_bits=8, input_signed=True, **kwargs)
        if kind != "spikes":
            raise ValueError(f"input kind '{kind}', expected 'spikes' or 'mel'")
        return QatSettings(**kwargs)

    @staticmethod
    def from_quantized_file(path):
        """The settings a quantized model file (``kind = quantized``) was written with."""
        import h5py

        with h5py.File(path, "r") as f:
            a = f.attrs
            for name in ("weight_bits", "membrane_frac_bits", "scale_span_bits", "rope_frac_bits"):
                if name not in a:
                    raise ValueError(f"{path}: missing root attribute '{name}' (not a quantized model file?)")
            r = f["readout"]
            return QatSettings(
                weight_bits=int(a["weight_bits"]),
                membrane_frac_bits=int(a["membrane_frac_bits"]),
                scale_span_bits=int(a["scale_span_bits"]),
                rope_frac_bits=int(a["rope_frac_bits"]),
                input_total_bits=int(a["input_total_bits"]),
                input_int_bits=int(a["input_int_bits"]),
                input_signed=int(a["input_signed"]) != 0,
                exp_table_length=int(r["exp_table"].shape[0]),
                exp_frac_bits=int(r.attrs["exp_frac_bits"]),
                prob_frac_bits=int(r.attrs["prob_frac_bits"]),
            )

    @property
    def weight_max(self):
        """``qmax = 2^(N-1) - 1``."""
        return (1 << (self.weight_bits - 1)) - 1

    @property
    def input_frac_bits(self):
        return self.input_total_bits - self.input_int_bits

    @property
    def input_range(self):
        """The raw range of the input format."""
        if self.input_signed:
            return -(1 << (self.input_total_bits - 1)), (1 << (self.input_total_bits - 1)) - 1
        return 0, (1 << self.input_total_bits) - 1

    def describe(self):
        return (
            f"weight_bits={self.weight_bits} membrane_frac_bits={self.membrane_frac_bits} "
            f"scale_span_bits={self.scale_span_bits} rope_frac_bits={self.rope_frac_bits} "
            f"input_bits={self.input_total_bits}"
        )


# ---------------------------------------------------------------------------------------------------------
# Rounding with a straight-through gradient, and the integer LIF
# ---------------------------------------------------------------------------------------------------------


class _RoundSte(torch.autograd.Function):
    """Round to nearest, ties to even (RND_CONV); the gradient passes through unchanged."""

    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, g):
        return g


def round_ste(x: Tensor) -> Tensor:
    return _RoundSte.apply(x)


@torch.jit.script
def _int_lif_forward(x: Tensor, theta: Tensor) -> Tuple[Tensor, Tensor]:
    """x: (T, ..., lanes) integer-valued float64; theta broadcasts over the lanes. Returns spikes and charges H."""
    steps = x.shape[0]
    v = torch.zeros_like(x[0])
    spikes = torch.empty_like(x)
    charged = torch.empty_like(x)
    for t in range(steps):
        h = v - torch.floor(v * 0.5) + x[t]  # V - asr(V, 1) + X (fixed-point.md 3.1)
        s = (h >= theta).to(x.dtype)
        v = h - s * h  # hard reset to 0
        spikes[t] = s
        charged[t] = h
    return spikes, charged


class _IntLifFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, theta, unit, alpha):
        spikes, charged = _int_lif_forward(x, theta)
        ctx.save_for_backward(charged, spikes, theta, unit)
        ctx.alpha = alpha
        ctx.mark_non_differentiable(charged)
        return spikes, charged

    @staticmethod
    def backward(ctx, grad_spikes, grad_charged):
        charged, spikes, theta, unit = ctx.saved_tensors
        alpha = ctx.alpha
        # The float LIF's ATan surrogate at the charge in float thresholds, (H - theta) * unit, times unit.
        a = ((charged - theta) * unit).mul_(math.pi / 2.0 * alpha).square_().add_(1.0).reciprocal_()
        a.mul_(alpha / 2.0).mul_(grad_spikes).mul_(unit)
        b = spikes.mul(-0.5).add_(0.5)  # dH[t+1]/dV[t] = 1/2 through the floor, reset detached
        return _lif_backward(a, b), None, None, None


def int_lif(x: Tensor, theta: Tensor, unit: Tensor, alpha: float = 5.0) -> Tuple[Tensor, Tensor]:
    """The integer LIF (fixed-point.md 3.1) over axis 0; returns spikes and membranes after each step."""
    x = x.contiguous()
    theta = torch.as_tensor(theta, dtype=x.dtype)
    unit = torch.as_tensor(unit, dtype=x.dtype)
    if torch.is_grad_enabled() and x.requires_grad:
        spikes, charged = _IntLifFunction.apply(x, theta, unit, alpha)
    else:
        spikes, charged = _int_lif_forward(x, theta)
    return spikes, (charged * (1 - spikes)).detach()


# ---------------------------------------------------------------------------------------------------------
# The quantizer on the float parameters (fixed-point.md 2)
# ---------------------------------------------------------------------------------------------------------


@dataclass
class FakeQuantLayer:
    """One synaptic layer as integers (float64 values, straight-through gradients) and its LIF's constants."""

    weight: Tensor  # q, output channel first, the float layer's shape
    bias: Tensor  # beta_c, membrane units
    threshold: Tensor  # theta_c, membrane units (constant)
    unit: Tensor  # u_c 2^-G, the real value of one membrane unit (constant)


def fold(weight: Tensor, bias: Optional[Tensor], bn: nn.BatchNorm1d, lo: int, hi: int):
    """Output channels ``lo .. hi-1`` of a layer folded with its BatchNorm, in float64 (fixed-point.md 2.1)."""
    k = bn.weight[lo:hi].double() / torch.sqrt(bn.running_var[lo:hi].double() + BN_EPS)
    w = weight[lo:hi].double()
    fw = w * k.reshape(-1, *([1] * (w.dim() - 1)))
    b = bias[lo:hi].double() if bias is not None else torch.zeros_like(k)
    fb = (b - bn.running_mean[lo:hi].double()) * k + bn.bias[lo:hi].double()
    return fw, fb


def quantize_channels(w: Tensor, b: Tensor, lam: float, s: QatSettings) -> FakeQuantLayer:
    """Per-channel symmetric weights with the span floor, thresholds and biases (fixed-point.md 2.3)."""
    out = w.shape[0]
    flat = w.reshape(out, -1)
    qmax = s.weight_max
    g = float(1 << s.membrane_frac_bits)
    with torch.no_grad():
        mag = flat.abs()
        layer_max = float(mag.max())
        floor = 1.0 if layer_max == 0 else math.ldexp(layer_max, -s.scale_span_bits)
        scale = torch.clamp(mag.max(dim=1).values, min=floor) / qmax
        u = lam * scale
        theta = torch.clamp(torch.round(g / u), min=1.0)
    q = round_ste(flat / scale[:, None]).clamp(-qmax, qmax)
    beta = round_ste(b * g / u)
    return FakeQuantLayer(q.reshape(w.shape), beta, theta, u / g)


def quantize_head(weight: Tensor, s: QatSettings):
    """One scale for the head (fixed-point.md 2.4): returns (q, s_head)."""
    w = weight.double()
    qmax = s.weight_max
    with torch.no_grad():
        m = float(w.abs().max())
        scale = (1.0 if m == 0 else m) / qmax
    return round_ste(w / scale).clamp(-qmax, qmax), scale


def _table_entry(v: float, frac_bits: int) -> int:
    one = 1 << frac_bits
    raw = round(v * one)  # ties to even; v * 2^F_R is exact in double
    raw = max(-2 * one, min(2 * one - 1, raw))  # SAT into ap_fixed<F_R + 2, 2>
    if abs(v) < 1.0:
        raw = max(-(one - 1), min(one - 1, raw))  # the cap (fixed-point.md 5.1)
    return raw


def _float32(v: float) -> float:
    return float(np.float32(v))  # round to nearest float32, as Java's (float) cast


def rope_table(freqs: Tensor, positions: int, frac_bits: int) -> Tuple[Tensor, Tensor]:
    """The integer RoPE table (fixed-point.md 5.1): ``C[p, j]``, ``S[p, j]`` as int64 tensors (not to be
    modified: the tables are computed once per frequencies, positions and width)."""
    return _rope_table(tuple(freqs.detach().float().cpu().tolist()), positions, frac_bits)


@functools.lru_cache(maxsize=16)
def _rope_table(freqs: tuple, positions: int, frac_bits: int) -> Tuple[Tensor, Tensor]:
    f32 = torch.tensor(freqs, dtype=torch.float32)
    angles = torch.arange(positions, dtype=torch.float32)[:, None] * f32[None, :]  # float32 p * w_j
    cos = [[_table_entry(_float32(math.cos(float(a))), frac_bits) for a in row] for row in angles]
    sin = [[_table_entry(_float32(math.sin(float(a))), frac_bits) for a in row] for row in angles]
    return torch.tensor(cos, dtype=torch.int64), torch.tensor(sin, dtype=torch.int64)


def readout_table(head_scale: float, s: QatSettings) -> Tuple[Tensor, int]:
    """The readout's exp table and index shift ``r`` (fixed-point.md 8)."""
    length, ef = s.exp_table_length, s.exp_frac_bits
    r = 0
    while math.exp(-(length - 0.5) * math.ldexp(head_scale, r)) * math.ldexp(1.0, ef) >= 0.5:
        r += 1
    hi = (1 << (ef + 1)) - 1
    table = [min(hi, round(math.exp(-i * math.ldexp(head_scale, r)) * math.ldexp(1.0, ef))) for i in range(length)]
    return torch.tensor(table, dtype=torch.int64), r


@dataclass
class FakeQuantBlock:
    q: FakeQuantLayer
    k: FakeQuantLayer
    v: FakeQuantLayer
    proj: FakeQuantLayer
    mlp1_fc1: FakeQuantLayer
    mlp1_fc2: FakeQuantLayer
    pw1: FakeQuantLayer
    dw: FakeQuantLayer
    value: FakeQuantLayer
    gate: FakeQuantLayer
    gsu_proj: FakeQuantLayer
    mlp2_fc1: FakeQuantLayer
    mlp2_fc2: FakeQuantLayer


@dataclass
class FakeQuantModel:
    """The integer parameters of a float model, as the Java quantizer computes them."""

    embed: FakeQuantLayer
    blocks: list
    head_weight: Tensor
    head_scale: float
    input_unit: float  # lambda of the input format


def _linear(lin: nn.Linear, bn, s, lo=0, hi=None) -> FakeQuantLayer:
    hi = lin.weight.shape[0] if hi is None else hi
    return quantize_channels(*fold(lin.weight, lin.bias, bn, lo, hi), 1.0, s)


def _conv(conv: nn.Conv1d, bn, s, lo=0, hi=None, lam=1.0, squeeze=True) -> FakeQuantLayer:
    hi = conv.weight.shape[0] if hi is None else hi
    w, b = fold(conv.weight, conv.bias, bn, lo, hi)
    if squeeze:
        w = w.squeeze(-1) if w.shape[-1] == 1 else w.squeeze(1)  # pointwise (out, in, 1), depthwise (out, 1, K)
    return quantize_channels(w, b, lam, s)


def quantize_model(model, s: QatSettings) -> FakeQuantModel:
    """Every integer parameter of ``model`` (a SpikeSCR) by the rules of fixed-point.md 2."""
    lam = math.ldexp(1.0, -s.input_frac_bits)
    emb = model.spike_embed
    blocks = []
    for blk in model.blocks:
        a, c = blk.attn, blk.conformer_module
        d = a.q_conv.weight.shape[0]
        blocks.append(
            FakeQuantBlock(
                q=_linear(a.q_conv, a.q_bn, s),
                k=_linear(a.k_conv, a.k_bn, s),
                v=_linear(a.v_conv, a.v_bn, s),
                proj=_linear(a.proj_conv, a.proj_bn, s),
                mlp1_fc1=_linear(blk.mlp1.fc1_conv, blk.mlp1.fc1_bn, s),
                mlp1_fc2=_linear(blk.mlp1.fc2_conv, blk.mlp1.fc2_bn, s),
                pw1=_conv(c.pw1.conv, c.bn1, s),
                dw=_conv(c.dw.conv, c.bn2, s),
                value=_conv(c.pw2.conv, c.bn3, s, 0, d),
                gate=_conv(c.pw2.conv, c.bn3, s, d, 2 * d),
                gsu_proj=_linear(c.gsu.proj_conv, c.gsu.proj_bn, s),
                mlp2_fc1=_linear(blk.mlp2.fc1_conv, blk.mlp2.fc1_bn, s),
                mlp2_fc2=_linear(blk.mlp2.fc2_conv, blk.mlp2.fc2_bn, s),
            )
        )
    head_q, head_scale = quantize_head(model.head.weight, s)
    embed = _conv(emb.conv, emb.bn, s, lam=lam, squeeze=False)
    return FakeQuantModel(embed, blocks, head_q, head_scale, lam)


# ---------------------------------------------------------------------------------------------------------
# The forward pass
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Trace:
    """What one forward pass computed, time-major: per LIF layer (X, spikes, membranes) as (T, B, lanes) in the
    layer's lane order, the attention scores (B, H, T, T) per block and the integer logits (T, B, classes)."""

    lifs: dict
    scores: dict
    logits: Optional[Tensor] = None


class _Run:
    def __init__(self, s: QatSettings, trace: Optional[Trace]):
        self.g = float(1 << s.membrane_frac_bits)
        self.s = s
        self.trace = trace

    def lif(self, name, x, theta, unit):
        spikes, membranes = int_lif(x, theta, unit)
        if self.trace is not None:
            self.trace.lifs[name] = (x.detach(), spikes.detach(), membranes)
        return spikes

    def synaptic(self, name, layer: FakeQuantLayer, acc):
        """``X = acc 2^G + beta_c`` into the layer's LIF."""
        return self.lif(name, acc * self.g + layer.bias, layer.threshold, layer.unit)


def _pointwise(layer, x):
    return x @ layer.weight.T


def _second_lif(run, name, spikes, cos, sin, heads, layout):
    """RoPE of binary q or k spikes (T, B, D) with the integer table, into the second LIF (fixed-point.md 5.2).
    Returns the spikes as (B, H, T, Dh)."""
    t, b, d = spikes.shape
    dh = d // heads
    pairs = spikes.reshape(t, b, heads, dh // 2, 2)
    x0, x1 = pairs[..., 0], pairs[..., 1]
    c = cos[:t].to(spikes.dtype)[:, None, None, :]
    s = sin[:t].to(spikes.dtype)[:, None, None, :]
    r = torch.stack([x0 * c - x1 * s, x0 * s + x1 * c], dim=-1).reshape(t, b, heads, dh)
    theta = float(1 << (run.s.rope_frac_bits + run.s.membrane_frac_bits))
    if layout == "time":
        out = run.lif(name, r.reshape(t, b, d) * run.g, theta, 1.0 / theta)
        return out.reshape(t, b, heads, dh).permute(1, 2, 0, 3)
    # official: per utterance, the (H, T, Dh) buffer read as (T, D)
    flat = r.permute(1, 2, 0, 3).reshape(b, t, d).transpose(0, 1)
    out = run.lif(name, flat * run.g, theta, 1.0 / theta)
    return out.transpose(0, 1).reshape(b, heads, t, dh)


def _attention(run, i, attn, fq, x, cos, sin, heads, layout):
    p = f"blocks.{i}.attn."
    t, b, d = x.shape
    q = run.synaptic(p + "q_lif", fq.q, _pointwise(fq.q, x))
    k = run.synaptic(p + "k_lif", fq.k, _pointwise(fq.k, x))
    v = run.synaptic(p + "v_lif", fq.v, _pointwise(fq.v, x))
    q2 = _second_lif(run, p + "q_lif2", q, cos, sin, heads, layout)
    k2 = _second_lif(run, p + "k_lif2", k, cos, sin, heads, layout)
    vh = v.reshape(t, b, heads, d // heads).permute(1, 2, 0, 3)  # (B, H, T, Dh)
    if run.trace is not None:
        run.trace.scores[p + "scores"] = (q2 @ k2.transpose(-2, -1)).detach()
    y = q2 @ (k2.transpose(-2, -1) @ vh)  # Y = Q (K^T V), exact integers (fixed-point.md 5.3)
    y = y.permute(2, 0, 1, 3).reshape(t, b, d)
    theta = float(1 << (run.s.membrane_frac_bits + 2))
    ys = run.lif(p + "attn_lif", y * run.g, theta, 1.0 / theta)
    return run.synaptic(p + "proj_lif", fq.proj, _pointwise(fq.proj, ys))


def _mlp(run, prefix, fc1, fc2, x):
    h = run.synaptic(prefix + "fc1_lif", fc1, _pointwise(fc1, x))
    return run.synaptic(prefix + "fc2_lif", fc2, _pointwise(fc2, h))


def _depthwise(layer, s):
    """``acc[t, c] = sum_k q[c, k] s[t + k - (K-1)/2, c]``, zero outside the utterance; s is (T, B, D)."""
    kernel = layer.weight.shape[1]
    pad = (kernel - 1) // 2
    x = s.permute(1, 2, 0)  # (B, D, T)
    acc = torch.nn.functional.conv1d(x, layer.weight.unsqueeze(1), padding=pad, groups=x.shape[1])
    return acc.permute(2, 0, 1)


def _conv_module(run, i, fq, x):
    p = f"blocks.{i}.conformer_module."
    s1 = run.synaptic(p + "lif1", fq.pw1, _pointwise(fq.pw1, x))
    s2 = run.synaptic(p + "lif2", fq.dw, _depthwise(fq.dw, s1))
    xu = _pointwise(fq.value, s2) * run.g + fq.value.bias
    g1 = run.synaptic(p + "gsu.lif1", fq.gate, _pointwise(fq.gate, s2))
    gate = run.synaptic(p + "gsu.lif2", fq.gsu_proj, _pointwise(fq.gsu_proj, g1))
    return run.lif(p + "lif3", xu * gate, fq.value.threshold, fq.value.unit)  # U * g as select-or-zero


def input_raw(x: Tensor, s: QatSettings) -> Tensor:
    """The front end's cast of real inputs into the input format (RND_CONV, SAT; fixed-point.md 2.2)."""
    lo, hi = s.input_range
    return torch.round(x.double() * math.ldexp(1.0, s.input_frac_bits)).clamp(lo, hi)


def forward(model, x: Tensor, s: QatSettings, trace: Optional[Trace] = None, fq: Optional[FakeQuantModel] = None):
    """The fake-quantized forward pass of a SpikeSCR: x (B, T, C_in) real inputs (spike counts or mel dB).

    Returns the real logits ``s_head z`` (T, B, classes), float64, whose integer part ``z`` equals the integer
    model's logits. ``fq`` (default: quantized from ``model`` now) holds the integer parameters.
    """
    fq = quantize_model(model, s) if fq is None else fq
    run = _Run(s, trace)
    cfg = model.cfg
    raw = input_raw(x, s).permute(0, 2, 1)  # (B, C, T)
    acc = torch.nn.functional.conv1d(raw, fq.embed.weight, padding=1).permute(2, 0, 1)  # (T, B, D)
    h = run.synaptic("spike_embed.lif", fq.embed, acc)
    steps = h.shape[0]
    for i, (blk, fb) in enumerate(zip(model.blocks, fq.blocks)):
        cos, sin = rope_table(blk.attn.rotary_emb.freqs, steps, s.rope_frac_bits)
        h = h + _attention(run, i, blk.attn, fb, h, cos, sin, cfg.heads, cfg.qk_layout)
        h = h + _mlp(run, f"blocks.{i}.mlp1.", fb.mlp1_fc1, fb.mlp1_fc2, h)
        h = h + _conv_module(run, i, fb, h)
        h = h + _mlp(run, f"blocks.{i}.mlp2.", fb.mlp2_fc1, fb.mlp2_fc2, h)
    z = h @ fq.head_weight.T
    if trace is not None:
        trace.logits = z.detach()
    return z * fq.head_scale


class FakeQuantized(nn.Module):
    """A SpikeSCR whose forward pass is :func:`forward`; its parameters are the float model's."""

    def __init__(self, model, settings: QatSettings):
        super().__init__()
        self.model = model
        self.settings = settings

    @property
    def cfg(self):
        return self.model.cfg

    def forward(self, x: Tensor, mask: Optional[Tensor] = None) -> Tensor:
        if mask is not None and not bool(mask.all()):
            raise ValueError("the fake-quantized forward pass takes utterances of equal length (no padding mask)")
        return forward(self.model, x, self.settings).float()
