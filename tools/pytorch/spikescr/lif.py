"""Multi-step LIF neuron (spikingjelly LIFNode semantics used by SpikeSCR, SPIKESCR.md section 3).

tau = 2, v_threshold = 1, hard reset to 0, decay_input = False, fire on H >= threshold.
Forward values are bit-identical to spikingjelly's eval path in float32:
    H[t] = (V[t-1] - V[t-1] / 2) + X[t];  S[t] = H[t] >= 1;  V[t] = (1 - S[t]) * H[t]
Training uses the ATan surrogate gradient (alpha = 5) and a detached reset. The time loop is written once
in TorchScript and wrapped in a custom autograd Function, so the autograd graph holds one node per layer
instead of several per time step.
"""
import math
from typing import Tuple

import torch
from torch import Tensor, nn


@torch.jit.script
def _lif_forward(x: Tensor, v_th: float) -> Tuple[Tensor, Tensor]:
    """x: (T, ...). Returns spikes and the charged membranes H (both shaped like x)."""
    steps = x.shape[0]
    v = torch.zeros_like(x[0])
    spikes = torch.empty_like(x)
    charged = torch.empty_like(x)
    for t in range(steps):
        h = v - v / 2.0 + x[t]
        s = (h >= v_th).to(x.dtype)
        v = (1.0 - s) * h
        spikes[t] = s
        charged[t] = h
    return spikes, charged


@torch.jit.script
def _lif_backward(a: Tensor, b: Tensor) -> Tensor:
    """Solves g[t] = a[t] + b[t] * g[t+1] backwards in time (g[T] = 0)."""
    steps = a.shape[0]
    g = torch.empty_like(a)
    nxt = torch.zeros_like(a[0])
    for i in range(steps):
        t = steps - 1 - i
        nxt = torch.addcmul(a[t], b[t], nxt)
        g[t] = nxt
    return g


class _LIFFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, v_th, alpha):
        spikes, charged = _lif_forward(x, v_th)
        ctx.save_for_backward(charged, spikes)
        ctx.v_th = v_th
        ctx.alpha = alpha
        return spikes

    @staticmethod
    def backward(ctx, grad_spikes):
        charged, spikes = ctx.saved_tensors
        alpha = ctx.alpha
        # ATan surrogate: d/dx [atan(pi/2 * alpha * x) / pi + 1/2] = alpha / (2 (1 + (pi/2 alpha x)^2))
        # (in-place chain: one temporary instead of six on (T, B, C) tensors)
        a = (charged - ctx.v_th).mul_(math.pi / 2.0 * alpha).square_().add_(1.0).reciprocal_()
        a.mul_(alpha / 2.0).mul_(grad_spikes)
        # dL/dH[t] = dL/dS[t] * sg(H[t]) + dL/dH[t+1] * dH[t+1]/dV[t] * dV[t]/dH[t]
        #          = a[t] + b[t] * dL/dH[t+1], with dH[t+1]/dV[t] = 1/2 and dV[t]/dH[t] = 1 - S[t] (reset detached)
        b = spikes.mul(-0.5).add_(0.5)
        return _lif_backward(a, b), None, None


class LIF(nn.Module):
    """Multi-step LIF over axis 0 of its input (any trailing shape). State starts at 0 on every call."""

    def __init__(self, v_threshold: float = 1.0, alpha: float = 5.0):
        super().__init__()
        self.v_threshold = float(v_threshold)
        self.alpha = float(alpha)

    def forward(self, x: Tensor) -> Tensor:
        x = x.contiguous()
        if torch.is_grad_enabled() and x.requires_grad:
            return _LIFFunction.apply(x, self.v_threshold, self.alpha)
        return _lif_forward(x, self.v_threshold)[0]

    def extra_repr(self) -> str:
        return f"tau=2.0, v_threshold={self.v_threshold}, v_reset=0.0, surrogate=ATan({self.alpha})"
