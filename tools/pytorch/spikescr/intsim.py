"""Integer-exact forward pass of a quantized SpikeSCR model (docs/fixed-point.md, sections 2.2 to 8).

This is the PyTorch twin of the Java golden model (``org.spikescr.sim.fixedsim.FixedSimulator``): it reads a
quantized model file (``kind = quantized``, docs/model-format.md) and one utterance of integer inputs in the
model's input format, and computes every layer with int64 tensors only. No floating-point value enters the
forward pass; the ``scale`` datasets of the file (real units, reports only) are not read.

What it returns per utterance: every LIF layer's input ``X``, spikes and membranes per step (in the layer's
lane/step order, as the golden vectors hold them), the attention scores of every block, the integer head
logits, the fixed-point readout scores and the class. A fake-quantized training forward must reproduce these
integers exactly.
"""

from dataclasses import dataclass

import h5py
import torch

QUANTIZED_KIND = "quantized"


# ---------------------------------------------------------------------------------------------------------
# The quantized model file
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SynapticLayer:
    """One synaptic layer with BatchNorm folded in, and the LIF it feeds (fixed-point.md 2.3, 4, 7)."""

    lif: str  # SPIKESCR.md name of the LIF layer it feeds
    weight: torch.Tensor  # int64 (out, in) or (out, in, k) or (out, k) for the depthwise convolution
    bias: torch.Tensor  # int64 (out,), beta_c in membrane units
    threshold: torch.Tensor  # int64 (out,), theta_c in membrane units
    acc_bits: int  # A, signed accumulator width
    membrane_bits: int  # M, signed membrane width
    input_lo: int
    input_hi: int


@dataclass(frozen=True)
class ThresholdLif:
    """A LIF layer without weights: the second q/k LIF or the attention LIF (fixed-point.md 5.2, 5.3)."""

    name: str
    threshold: int  # the same theta for every lane
    membrane_bits: int


@dataclass(frozen=True)
class Block:
    """One SpikeSCR block: attention, MLP 1, gated convolution module, MLP 2."""

    q: SynapticLayer
    k: SynapticLayer
    v: SynapticLayer
    proj: SynapticLayer
    q_lif2: ThresholdLif
    k_lif2: ThresholdLif
    attn_lif: ThresholdLif
    rope_cos: torch.Tensor  # int64 (T_max, Dh/2), raw ap_fixed<F_R + 2, 2>
    rope_sin: torch.Tensor
    mlp1_fc1: SynapticLayer
    mlp1_fc2: SynapticLayer
    pw1: SynapticLayer
    dw: SynapticLayer
    value: SynapticLayer
    gate: SynapticLayer
    gsu_proj: SynapticLayer
    mlp2_fc1: SynapticLayer
    mlp2_fc2: SynapticLayer


@dataclass(frozen=True)
class QuantizedModel:
    """Everything the integer forward pass reads from a ``kind = quantized`` model file."""

    input_channels: int
    d_model: int
    heads: int
    depth: int
    classes: int
    qk_layout: str  # "time" or "official"
    membrane_frac_bits: int  # G
    max_time_steps: int  # T_max
    input_lo: int  # raw range of the input format
    input_hi: int
    embed: SynapticLayer
    blocks: tuple
    head_weight: torch.Tensor  # int64 (classes, D)
    logit_bits: int
    exp_table: torch.Tensor  # int64 (L,), raw ap_ufixed<E_F + 1, 1>
    exp_frac_bits: int  # E_F
    index_shift: int  # r
    prob_frac_bits: int  # P_F

    @property
    def head_dim(self):
        return self.d_model // self.heads


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _attr(path, node, name):
    if name not in node.attrs:
        raise ValueError(f"{path}: {node.name}: missing attribute '{name}'")
    return node.attrs[name]


def _int_attr(path, node, name):
    return int(_attr(path, node, name))


def _tensor(path, group, name, shape):
    if name not in group:
        raise ValueError(f"{path}: {group.name}/{name}: missing dataset")
    data = group[name][()]
    t = torch.as_tensor(data.astype("int64"))
    if tuple(t.shape) != tuple(shape):
        raise ValueError(f"{path}: {group.name}/{name}: shape {tuple(t.shape)}, expected {tuple(shape)}")
    return t


def _synaptic(path, f, group_path, weight_shape):
    if group_path not in f:
        raise ValueError(f"{path}: /{group_path}: missing group")
    g = f[group_path]
    out = weight_shape[0]
    return SynapticLayer(
        lif=_text(_attr(path, g, "lif")),
        weight=_tensor(path, g, "weight", weight_shape),
        bias=_tensor(path, g, "bias", (out,)),
        threshold=_tensor(path, g, "threshold", (out,)),
        acc_bits=_int_attr(path, g, "acc_bits"),
        membrane_bits=_int_attr(path, g, "membrane_bits"),
        input_lo=_int_attr(path, g, "input_lo"),
        input_hi=_int_attr(path, g, "input_hi"),
    )


def _threshold_lif(path, f, group_path, name):
    g = f[group_path]
    return ThresholdLif(name, _int_attr(path, g, "threshold"), _int_attr(path, g, "membrane_bits"))


def load(path):
    """Reads a quantized model file (HDF5, ``kind = quantized``); raises ValueError naming what is wrong."""
    with h5py.File(path, "r") as f:
        kind = _text(_attr(path, f, "kind"))
        if kind != QUANTIZED_KIND:
            raise ValueError(f"{path}: kind is '{kind}', expected '{QUANTIZED_KIND}' (run spikescr quantize)")
        d = _int_attr(path, f, "d_model")
        heads = _int_attr(path, f, "heads")
        depth = _int_attr(path, f, "depth")
        cin = _int_attr(path, f, "input_channels")
        hidden = _int_attr(path, f, "mlp_hidden")
        kernel = _int_attr(path, f, "kernel_size")
        classes = _int_attr(path, f, "classes")
        t_max = _int_attr(path, f, "max_time_steps")
        total = _int_attr(path, f, "input_total_bits")
        signed = _int_attr(path, f, "input_signed") != 0
        half = d // heads // 2
        blocks = []
        for i in range(depth):
            b = f"blocks/{i}"
            lif = f"blocks.{i}"
            blocks.append(
                Block(
                    q=_synaptic(path, f, f"{b}/attn/q", (d, d)),
                    k=_synaptic(path, f, f"{b}/attn/k", (d, d)),
                    v=_synaptic(path, f, f"{b}/attn/v", (d, d)),
                    proj=_synaptic(path, f, f"{b}/attn/proj", (d, d)),
                    q_lif2=_threshold_lif(path, f, f"{b}/attn/q_lif2", f"{lif}.attn.q_lif2"),
                    k_lif2=_threshold_lif(path, f, f"{b}/attn/k_lif2", f"{lif}.attn.k_lif2"),
                    attn_lif=_threshold_lif(path, f, f"{b}/attn/attn_lif", f"{lif}.attn.attn_lif"),
                    rope_cos=_tensor(path, f[f"{b}/attn/rope"], "cos", (t_max, half)),
                    rope_sin=_tensor(path, f[f"{b}/attn/rope"], "sin", (t_max, half)),
                    mlp1_fc1=_synaptic(path, f, f"{b}/mlp1/fc1", (hidden, d)),
                    mlp1_fc2=_synaptic(path, f, f"{b}/mlp1/fc2", (d, hidden)),
                    pw1=_synaptic(path, f, f"{b}/conformer_module/pw1", (d, d)),
                    dw=_synaptic(path, f, f"{b}/conformer_module/dw", (d, kernel)),
                    value=_synaptic(path, f, f"{b}/conformer_module/value", (d, d)),
                    gate=_synaptic(path, f, f"{b}/conformer_module/gate", (d, d)),
                    gsu_proj=_synaptic(path, f, f"{b}/conformer_module/gsu_proj", (d, d)),
                    mlp2_fc1=_synaptic(path, f, f"{b}/mlp2/fc1", (hidden, d)),
                    mlp2_fc2=_synaptic(path, f, f"{b}/mlp2/fc2", (d, hidden)),
                )
            )
        readout = f["readout"] if "readout" in f else None
        if readout is None:
            raise ValueError(f"{path}: /readout: missing group")
        exp_table = readout["exp_table"][()]
        return QuantizedModel(
            input_channels=cin,
            d_model=d,
            heads=heads,
            depth=depth,
            classes=classes,
            qk_layout=_text(_attr(path, f, "qk_layout")),
            membrane_frac_bits=_int_attr(path, f, "membrane_frac_bits"),
            max_time_steps=t_max,
            input_lo=-(1 << (total - 1)) if signed else 0,
            input_hi=(1 << (total - 1)) - 1 if signed else (1 << total) - 1,
            embed=_synaptic(path, f, "spike_embed", (d, cin, 3)),
            blocks=tuple(blocks),
            head_weight=_tensor(path, f["head"], "weight", (classes, d)),
            logit_bits=_int_attr(path, f["head"], "logit_bits"),
            exp_table=_tensor(path, readout, "exp_table", exp_table.shape),
            exp_frac_bits=_int_attr(path, readout, "exp_frac_bits"),
            index_shift=_int_attr(path, readout, "index_shift"),
            prob_frac_bits=_int_attr(path, readout, "prob_frac_bits"),
        )


# ---------------------------------------------------------------------------------------------------------
# Integer operations (fixed-point.md 1.4, 3, 4)
# ---------------------------------------------------------------------------------------------------------


def saturate(v, bits):
    """``sat_bits(v)``: clamp to the signed ``bits``-bit range; returns (value, number of elements clamped)."""
    lo = -(1 << (bits - 1))
    hi = (1 << (bits - 1)) - 1
    events = int(((v < lo) | (v > hi)).sum())
    return v.clamp(lo, hi), events


@dataclass(frozen=True)
class LifTrace:
    """One LIF layer over an utterance, ``[step, lane]`` int64 tensors, and its saturation events."""

    inputs: torch.Tensor  # X in membrane units
    spikes: torch.Tensor  # 0 or 1
    membranes: torch.Tensor  # V after each step (0 after a spike)
    saturation_events: int


def lif(x, theta, membrane_bits):
    """The integer LIF of fixed-point.md 3.1 on inputs ``x[step, lane]`` with thresholds ``theta[lane]``.

    ``V = 0``; per step ``H = sat_M(V - asr(V, 1) + X[t])``, spike when ``H >= theta``, then ``V = 0`` after a
    spike and ``V = H`` otherwise. ``asr`` is ``>>`` on int64 (floor division by 2).
    """
    steps, lanes = x.shape
    theta = torch.as_tensor(theta, dtype=torch.int64).expand(lanes)
    v = torch.zeros(lanes, dtype=torch.int64)
    spikes = torch.zeros(steps, lanes, dtype=torch.int64)
    membranes = torch.zeros(steps, lanes, dtype=torch.int64)
    events = 0
    for t in range(steps):
        h, n = saturate(v - (v >> 1) + x[t], membrane_bits)
        events += n
        fired = h >= theta
        v = torch.where(fired, torch.zeros_like(h), h)
        spikes[t] = fired.to(torch.int64)
        membranes[t] = v
    return LifTrace(x.clone(), spikes, membranes, events)


def membrane_input(acc, layer, g):
    """``X = sat_A(acc) * 2^G + beta_c`` (fixed-point.md 4); returns (X, accumulator saturation events)."""
    acc, events = saturate(acc, layer.acc_bits)
    return acc * (1 << g) + layer.bias, events


def pointwise(layer, x):
    """``acc[t, c] = sum_i q[c, i] x[t, i]`` of a linear layer, on inputs ``x[step, in]``."""
    return x @ layer.weight.T


def embed_conv(layer, x):
    """``acc[t, o] = sum_c sum_k q[o, c, k] x[t + k - 1, c]``, zero outside the utterance (fixed-point.md 4)."""
    steps = x.shape[0]
    padded = torch.cat([torch.zeros_like(x[:1]), x, torch.zeros_like(x[:1])])
    acc = torch.zeros(steps, layer.weight.shape[0], dtype=torch.int64)
    for k in range(3):
        acc += padded[k : k + steps] @ layer.weight[:, :, k].T
    return acc


def depthwise_conv(layer, s):
    """``acc[t, c] = sum_k q[c, k] s[t + k - (K-1)/2, c]``, zero outside the utterance (fixed-point.md 4)."""
    steps, channels = s.shape
    kernel = layer.weight.shape[1]
    pad = (kernel - 1) // 2
    zeros = torch.zeros(pad, channels, dtype=torch.int64)
    padded = torch.cat([zeros, s, torch.zeros(kernel - 1 - pad, channels, dtype=torch.int64)])
    acc = torch.zeros(steps, channels, dtype=torch.int64)
    for k in range(kernel):
        acc += padded[k : k + steps] * layer.weight[:, k]
    return acc


# ---------------------------------------------------------------------------------------------------------
# Attention (fixed-point.md 5)
# ---------------------------------------------------------------------------------------------------------


def rope(spikes, cos, sin, heads):
    """The pair rotation of binary q or k spikes ``[t, h*Dh + d]`` with the integer table (fixed-point.md 5.1).

    Returns the raw RoPE outputs ``R[h, t, d]``: for the pair ``(x0, x1) = (x[2j], x[2j+1])`` at position t
    with ``C = cos[t, j]``, ``S = sin[t, j]``: (0,0) -> (0, 0), (1,0) -> (C, S), (0,1) -> (-S, C),
    (1,1) -> (C - S, C + S). Every case is ``(x0 C - x1 S, x0 S + x1 C)``, which is what is computed.
    """
    steps, d = spikes.shape
    dh = d // heads
    pairs = spikes.reshape(steps, heads, dh // 2, 2).permute(1, 0, 2, 3)  # [h, t, j, 2]
    x0 = pairs[..., 0]
    x1 = pairs[..., 1]
    c = cos[:steps].unsqueeze(0)  # [1, t, j]
    s = sin[:steps].unsqueeze(0)
    out = torch.stack([x0 * c - x1 * s, x0 * s + x1 * c], dim=-1)  # [h, t, j, 2]
    return out.reshape(heads, steps, dh)


def second_lif_lanes(r, layout):
    """Lays ``R[h, t, d]`` out as the second LIF's ``[step, lane]`` buffer (fixed-point.md 5.2).

    ``time``: lane ``h*Dh + d`` at step t. ``official``: the flat buffer ``(h*T + t)*Dh + d`` read as (T, D).
    """
    heads, steps, dh = r.shape
    if layout == "time":
        return r.permute(1, 0, 2).reshape(steps, heads * dh)
    if layout == "official":
        return r.reshape(steps, heads * dh)
    raise ValueError(f"unknown qk_layout '{layout}', expected 'time' or 'official'")


def heads_from_lanes(spikes, heads, layout):
    """The inverse of :func:`second_lif_lanes` for the second LIF's spikes: ``[h, t, d]``."""
    steps, d = spikes.shape
    dh = d // heads
    if layout == "time":
        return spikes.reshape(steps, heads, dh).permute(1, 0, 2)
    return spikes.reshape(heads, steps, dh)


def attention_scores(q, k):
    """``A[h, i, j] = popcount(Q[h, i, :] AND K[h, j, :])`` for binary ``[h, t, Dh]`` tensors."""
    return q @ k.transpose(1, 2)


def attention_values(a, v, heads):
    """``Y[t, h*Dh + d] = sum_j A[h, t, j] V[h, j, d]`` with the value spikes ``v[t, h*Dh + d]``."""
    steps, d = v.shape
    vh = v.reshape(steps, heads, d // heads).permute(1, 0, 2)  # [h, t, Dh]
    y = a @ vh  # [h, t, Dh]
    return y.permute(1, 0, 2).reshape(steps, d)


# ---------------------------------------------------------------------------------------------------------
# Readout (fixed-point.md 8)
# ---------------------------------------------------------------------------------------------------------


def readout_probabilities(z, exp_table, index_shift, prob_frac_bits):
    """Per step: ``p_k = floor(e_k 2^P_F / sum e)`` with ``e_k = E[asr(zmax - z_k + h, r)]`` (0 past the table)."""
    half = 0 if index_shift == 0 else 1 << (index_shift - 1)
    d = z.max(dim=1, keepdim=True).values - z
    index = (d + half) >> index_shift
    inside = index < exp_table.shape[0]
    e = torch.where(inside, exp_table[index.clamp(max=exp_table.shape[0] - 1)], torch.zeros_like(index))
    total = e.sum(dim=1, keepdim=True)
    return torch.div(e * (1 << prob_frac_bits), total, rounding_mode="floor")


def predicted_class(scores):
    """The lowest index with the largest score."""
    return int((scores == scores.max()).nonzero()[0, 0])


# ---------------------------------------------------------------------------------------------------------
# The forward pass
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One utterance through the integer model."""

    lifs: dict  # LIF name -> LifTrace, in forward order
    attention_scores: dict  # "blocks.<i>.attn.scores" -> int64 [H, T, T]
    logits: torch.Tensor  # int64 [T, classes]
    scores: torch.Tensor  # int64 [classes], time-summed probabilities
    prediction: int
    saturation_events: dict  # layer name -> events of its casts (accumulator, membrane, logits)


class _Run:
    """The state of one utterance: the traces recorded so far."""

    def __init__(self, model):
        self.model = model
        self.g = model.membrane_frac_bits
        self.lifs = {}
        self.scores = {}
        self.events = {}

    def count(self, name, n):
        self.events[name] = self.events.get(name, 0) + n

    def lif(self, name, x, theta, membrane_bits):
        trace = lif(x, theta, membrane_bits)
        self.lifs[name] = trace
        self.count(name, trace.saturation_events)
        return trace.spikes

    def membrane_input(self, layer, acc):
        x, events = membrane_input(acc, layer, self.g)
        self.count(layer.lif, events)
        return x

    def synaptic(self, layer, acc):
        """A synaptic layer's accumulator into its LIF: the LIF's spikes."""
        return self.lif(layer.lif, self.membrane_input(layer, acc), layer.threshold, layer.membrane_bits)


def _check_input(model, frames):
    if frames.dim() != 2 or frames.shape[1] != model.input_channels:
        raise ValueError(f"input frames have shape {tuple(frames.shape)}, expected (T, {model.input_channels})")
    steps = frames.shape[0]
    if steps < 1 or steps > model.max_time_steps:
        raise ValueError(f"utterance of {steps} frames: expected 1 .. max_time_steps {model.max_time_steps}")
    if int(frames.min()) < model.input_lo or int(frames.max()) > model.input_hi:
        raise ValueError(f"input values outside the model's input format {model.input_lo} .. {model.input_hi}")


def _second_lif(run, b, lif2, spikes):
    """RoPE of q or k spikes, laid out for the second LIF, ``X = R * 2^G`` (fixed-point.md 5.2)."""
    m = run.model
    r = rope(spikes, b.rope_cos, b.rope_sin, m.heads)
    return run.lif(lif2.name, second_lif_lanes(r, m.qk_layout) << run.g, lif2.threshold, lif2.membrane_bits)


def _attention(run, i, b, x):
    m = run.model
    q = run.synaptic(b.q, pointwise(b.q, x))
    q2 = _second_lif(run, b, b.q_lif2, q)
    k = run.synaptic(b.k, pointwise(b.k, x))
    k2 = _second_lif(run, b, b.k_lif2, k)
    v = run.synaptic(b.v, pointwise(b.v, x))
    a = attention_scores(heads_from_lanes(q2, m.heads, m.qk_layout), heads_from_lanes(k2, m.heads, m.qk_layout))
    run.scores[f"blocks.{i}.attn.scores"] = a
    y = attention_values(a, v, m.heads)
    ys = run.lif(b.attn_lif.name, y << run.g, b.attn_lif.threshold, b.attn_lif.membrane_bits)
    return run.synaptic(b.proj, pointwise(b.proj, ys))


def _mlp(run, fc1, fc2, x):
    hidden = run.synaptic(fc1, pointwise(fc1, x))
    return run.synaptic(fc2, pointwise(fc2, hidden))


def _conv_module(run, b, x):
    s1 = run.synaptic(b.pw1, pointwise(b.pw1, x))
    s2 = run.synaptic(b.dw, depthwise_conv(b.dw, s1))
    u = run.membrane_input(b.value, pointwise(b.value, s2))
    g1 = run.synaptic(b.gate, pointwise(b.gate, s2))
    gate = run.synaptic(b.gsu_proj, pointwise(b.gsu_proj, g1))
    selected = torch.where(gate != 0, u, torch.zeros_like(u))  # U * g as select-or-zero (fixed-point.md 6)
    return run.lif(b.value.lif, selected, b.value.threshold, b.value.membrane_bits)


def forward(model, frames):
    """Runs one utterance ``frames[T, input_channels]`` (raw integers of the input format)."""
    frames = torch.as_tensor(frames, dtype=torch.int64)
    _check_input(model, frames)
    run = _Run(model)
    x = run.synaptic(model.embed, embed_conv(model.embed, frames))  # X0, 0/1
    for i, b in enumerate(model.blocks):
        x = x + _attention(run, i, b, x)  # the residual stream, exact (fixed-point.md 6)
        x = x + _mlp(run, b.mlp1_fc1, b.mlp1_fc2, x)
        x = x + _conv_module(run, b, x)
        x = x + _mlp(run, b.mlp2_fc1, b.mlp2_fc2, x)
    logits, events = saturate(x @ model.head_weight.T, model.logit_bits)
    run.count("head", events)
    p = readout_probabilities(logits, model.exp_table, model.index_shift, model.prob_frac_bits)
    scores = p.sum(dim=0)
    return Result(run.lifs, run.scores, logits, scores, predicted_class(scores), run.events)
