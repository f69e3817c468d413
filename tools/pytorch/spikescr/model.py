"""SpikeSCR in plain PyTorch, with the authors' module names so their state_dict loads strictly.

Follows /work/shared/design/SPIKESCR.md sections 1-3. Tensors inside the network are time-major (T, B, C).
"""
from dataclasses import dataclass, asdict
from typing import Optional

import torch
from torch import Tensor, nn

from .lif import LIF

QK_LAYOUTS = ("official", "time")


@dataclass
class ModelConfig:
    d_model: int = 128
    heads: int = 8
    depth: int = 1
    mlp_hidden: int = 128
    kernel_size: int = 31
    classes: int = 20
    input_channels: int = 140
    qk_layout: str = "time"
    dropout: float = 0.1

    def __post_init__(self):
        if self.qk_layout not in QK_LAYOUTS:
            raise ValueError(f"qk_layout must be one of {QK_LAYOUTS}, got {self.qk_layout!r}")
        if self.d_model % self.heads != 0 or (self.d_model // self.heads) % 2 != 0:
            raise ValueError("d_model / heads must be an even integer")
        if self.kernel_size % 2 != 1:
            raise ValueError("kernel_size must be odd")

    def to_dict(self):
        return asdict(self)


# Presets of the authors' student configs (SPIKESCR.md 1.12). Frame parameters are model-file metadata.
PRESETS = {
    "shd": dict(
        d_model=128,
        heads=8,
        depth=1,
        mlp_hidden=128,
        kernel_size=31,
        classes=20,
        input_channels=140,
        input_kind="spikes",
        frame_ms=10.0,
        hop_samples=None,
        time_steps=100,
    ),
    "ssc": dict(
        d_model=256,
        heads=16,
        depth=2,
        mlp_hidden=1024,
        kernel_size=31,
        classes=35,
        input_channels=140,
        input_kind="spikes",
        frame_ms=10.0,
        hop_samples=None,
        time_steps=100,
    ),
    "gsc": dict(
        d_model=256,
        heads=16,
        depth=2,
        mlp_hidden=1024,
        kernel_size=31,
        classes=35,
        input_channels=140,
        input_kind="mel",
        frame_ms=None,
        hop_samples=80,
        time_steps=101,
    ),
}


class SeqDropout(nn.Module):
    """spikingjelly multi-step Dropout: one mask per sequence, shared by all time steps (training only)."""

    def __init__(self, p: float):
        super().__init__()
        self.p = p

    def forward(self, x: Tensor) -> Tensor:
        if not self.training or self.p <= 0:
            return x
        keep = torch.empty_like(x[0]).bernoulli_(1.0 - self.p) / (1.0 - self.p)
        return x * keep.unsqueeze(0)


class SeqBN(nn.BatchNorm1d):
    """spikingjelly multi-step BatchNorm1d: flatten (T, B, C) to (T*B, C), standard BN per channel."""

    def forward(self, x: Tensor) -> Tensor:
        shape = x.shape
        return super().forward(x.reshape(-1, shape[-1])).reshape(shape)


class ConvWrap(nn.Module):
    """Holds a Conv1d as `.conv` (the authors' pw1/dw/pw2 wrappers), applied to (B, C, T)."""

    def __init__(self, cin, cout, kernel, groups=1, bias=True):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, kernel, stride=1, padding=kernel // 2, groups=groups, bias=bias)

    def forward(self, x: Tensor) -> Tensor:
        return self.conv(x)


class RotaryEmbedding(nn.Module):
    """Interleaved-pair RoPE as rotary-embedding-torch 0.8.4 computes it (SPIKESCR.md 1.6)."""

    def __init__(self, dim: int, theta: float = 10000.0):
        super().__init__()
        freqs = 1.0 / (theta ** (torch.arange(0, dim, 2)[: dim // 2].float() / dim))
        self.freqs = nn.Parameter(freqs, requires_grad=False)

    def tables(self, steps: int, device, dtype=torch.float32):
        pos = torch.arange(steps, device=device, dtype=dtype)
        angle = pos[:, None] * self.freqs.to(dtype)[None, :]  # float32 product p * w_j
        angle = angle.repeat_interleave(2, dim=-1)  # pairs (2j, 2j+1) share w_j
        return angle.cos(), angle.sin()

    def forward(self, x: Tensor) -> Tensor:
        """x: (..., T, Dh), rotation along axis -2."""
        cos, sin = self.tables(x.shape[-2], x.device, x.dtype)
        pairs = x.reshape(*x.shape[:-1], -1, 2)
        x1, x2 = pairs.unbind(-1)
        rotated = torch.stack((-x2, x1), dim=-1).reshape(x.shape)  # (-x[2j+1], x[2j])
        return x * cos + rotated * sin


class MS_SSA(nn.Module):
    """Spiking self-attention with RoPE, no softmax, scale 1/4 after A@V (SPIKESCR.md 1.5)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        d = cfg.d_model
        self.heads = cfg.heads
        self.head_dim = d // cfg.heads
        self.scale = self.head_dim**-0.5
        self.qk_layout = cfg.qk_layout
        for name in ("q", "k", "v"):
            setattr(self, f"{name}_conv", nn.Linear(d, d, bias=True))
            setattr(self, f"{name}_bn", SeqBN(d))
            setattr(self, f"{name}_lif", LIF())
        self.q_lif2 = LIF()
        self.k_lif2 = LIF()
        self.rotary_emb = RotaryEmbedding(self.head_dim)
        self.attn_lif = LIF()
        self.attn_dropout = SeqDropout(cfg.dropout)
        self.proj_conv = nn.Linear(d, d, bias=True)
        self.proj_bn = SeqBN(d)
        self.proj_lif = LIF()
        self.dropout = SeqDropout(cfg.dropout)

    def _heads(self, x: Tensor) -> Tensor:
        """(T, B, D) -> (B, H, T, Dh), channel c = h*Dh + d."""
        t, b, _ = x.shape
        return x.reshape(t, b, self.heads, self.head_dim).permute(1, 2, 0, 3).contiguous()

    def _second_lif(self, r: Tensor, lif: LIF) -> Tensor:
        """r: RoPE output (B, H, T, Dh). Returns spikes in the same logical layout."""
        b, h, t, dh = r.shape
        if self.qk_layout == "official":
            # Raw reinterpretation of the (B,H,T,Dh) buffer as (T,B,D) (SPIKESCR.md 1.5.1).
            return lif(r.contiguous().reshape(t, b, h * dh)).reshape(b, h, t, dh)
        # True time, one lane per (b, head, d): channel h*Dh + d.
        seq = r.permute(2, 0, 1, 3).reshape(t, b, h * dh)
        return lif(seq).reshape(t, b, h, dh).permute(1, 2, 0, 3)

    def forward(self, x: Tensor, mask: Optional[Tensor]) -> Tensor:
        t, b, d = x.shape
        q = self.q_lif(self.q_bn(self.q_conv(x)))
        k = self.k_lif(self.k_bn(self.k_conv(x)))
        v = self.v_lif(self.v_bn(self.v_conv(x)))
        q = self._second_lif(self.rotary_emb(self._heads(q)), self.q_lif2)
        k = self._second_lif(self.rotary_emb(self._heads(k)), self.k_lif2)
        v = self._heads(v)
        if mask is not None:
            # Zeroing the padded key rows zeroes the padded columns of A = Q K^T (the authors' key mask).
            k = k * mask[:, None, :, None].to(k.dtype)
        # Y = (Q K^T) V computed as Q (K^T V): Q, K, V are spikes, so every partial sum is a small integer and
        # both orders give identical float32 values (SPIKESCR.md 1.5), but this order never forms the T x T
        # matrix (about 3x fewer operations at T = 100).
        y = (q @ (k.transpose(-2, -1) @ v)) * self.scale  # (B, H, T, Dh)
        y = y.permute(2, 0, 1, 3).contiguous()  # (T, B, H, Dh)
        y = self.attn_dropout(self.attn_lif(y)).reshape(t, b, d)
        return self.dropout(self.proj_lif(self.proj_bn(self.proj_conv(y))))


class MS_MLP(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        d, f = cfg.d_model, cfg.mlp_hidden
        self.fc1_conv = nn.Linear(d, f, bias=False)
        self.fc1_bn = SeqBN(f)
        self.fc1_lif = LIF()
        self.dropout1 = SeqDropout(cfg.dropout)
        self.fc2_conv = nn.Linear(f, d, bias=False)
        self.fc2_bn = SeqBN(d)
        self.fc2_lif = LIF()
        self.dropout2 = SeqDropout(cfg.dropout)

    def forward(self, x: Tensor) -> Tensor:
        x = self.dropout1(self.fc1_lif(self.fc1_bn(self.fc1_conv(x))))
        return self.dropout2(self.fc2_lif(self.fc2_bn(self.fc2_conv(x))))


class GSU(nn.Module):
    """Gated spiking unit: out = U * lif2(bn(proj(lif1(G))))."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        d = cfg.d_model
        self.lif1 = LIF()
        self.proj_conv = nn.Linear(d, d, bias=True)
        self.proj_bn = SeqBN(d)
        self.lif2 = LIF()

    def forward(self, x: Tensor) -> Tensor:
        d = x.shape[-1] // 2
        u, g = x[..., :d], x[..., d:]
        g = self.lif2(self.proj_bn(self.proj_conv(self.lif1(g))))
        return u * g


class ConformerConvModule(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        d = cfg.d_model
        self.pw1 = ConvWrap(d, d, 1, bias=True)
        self.bn1 = SeqBN(d)
        self.lif1 = LIF()
        self.dropout1 = SeqDropout(cfg.dropout)
        self.dw = ConvWrap(d, d, cfg.kernel_size, groups=d, bias=False)
        self.bn2 = SeqBN(d)
        self.lif2 = LIF()
        self.dropout2 = SeqDropout(cfg.dropout)
        self.pw2 = ConvWrap(d, 2 * d, 1, bias=True)
        self.bn3 = SeqBN(2 * d)
        self.gsu = GSU(cfg)
        self.lif3 = LIF()
        self.dropout3 = SeqDropout(cfg.dropout)

    @staticmethod
    def _conv(conv: nn.Module, x: Tensor) -> Tensor:
        """(T, B, C) -> Conv1d on (B, C, T) -> (T, B, C')."""
        return conv(x.permute(1, 2, 0)).permute(2, 0, 1)

    def forward(self, x: Tensor, mask: Optional[Tensor] = None) -> Tensor:
        x = self.dropout1(self.lif1(self.bn1(self._conv(self.pw1, x))))
        if mask is not None:
            # Padded frames spike (BN biases); zero them before the depthwise conv so that its 15-frame look-ahead
            # sees zeros past the end of each utterance, as in a batch-size-1 run. No effect without padding.
            x = x * mask.t().unsqueeze(-1).to(x.dtype)
        x = self.dropout2(self.lif2(self.bn2(self._conv(self.dw, x))))
        x = self.bn3(self._conv(self.pw2, x))
        return self.dropout3(self.lif3(self.gsu(x)))


class MS_Block_Conv(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.attn = MS_SSA(cfg)
        self.mlp1 = MS_MLP(cfg)
        self.conformer_module = ConformerConvModule(cfg)
        self.mlp2 = MS_MLP(cfg)

    def forward(self, x: Tensor, mask: Optional[Tensor]) -> Tensor:
        x = x + self.attn(x, mask)
        x = x + self.mlp1(x)
        x = x + self.conformer_module(x, mask)
        return x + self.mlp2(x)


class SpikingEmbed(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.conv = nn.Conv1d(cfg.input_channels, cfg.d_model, kernel_size=3, stride=1, padding=1, bias=True)
        self.bn = SeqBN(cfg.d_model)
        self.lif = LIF()
        self.dropout = SeqDropout(cfg.dropout)

    def forward(self, x: Tensor) -> Tensor:
        """x: (B, T, C_in) -> spikes (T, B, D)."""
        x = self.conv(x.permute(0, 2, 1)).permute(2, 0, 1)
        return self.dropout(self.lif(self.bn(x)))


class SpikeSCR(nn.Module):
    """The authors' SpikeDrivenTransformer (SHD/SSC/GSC student configs), inference and training."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        self.spike_embed = SpikingEmbed(cfg)
        self.blocks = nn.ModuleList([MS_Block_Conv(cfg) for _ in range(cfg.depth)])
        self.final_dropout = SeqDropout(cfg.dropout)
        self.head = nn.Linear(cfg.d_model, cfg.classes, bias=False)
        for p in self.parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)

    def forward(self, x: Tensor, mask: Optional[Tensor] = None) -> Tensor:
        """x: (B, T, C_in) float; mask: (B, T) bool (True = real frame) or None. Returns logits (T, B, classes)."""
        s = self.spike_embed(x)
        for blk in self.blocks:
            s = blk(s, mask)
        return self.head(self.final_dropout(s))


def scores_from_logits(logits: Tensor, mask: Optional[Tensor] = None) -> Tensor:
    """Authors' 'sum' readout: sum over t of softmax over classes. logits (T, B, N) -> (B, N).
    With a mask, padded frames are left out (the authors include them; see docs/training.md)."""
    p = torch.softmax(logits, dim=-1)
    if mask is not None:
        p = p * mask.t().unsqueeze(-1).to(p.dtype)
    return p.sum(0)


def lif_layer_names(model: nn.Module):
    return [n for n, m in model.named_modules() if isinstance(m, LIF)]
