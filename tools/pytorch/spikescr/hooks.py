"""Recording LIF inputs (currents) and outputs (spikes) with forward hooks, for dumps and checks."""
from typing import Dict, List

import numpy as np
import torch

from .lif import LIF


class LifRecorder:
    """Attach to a model; after each B=1 forward, `take()` returns {name: (current, spikes)} with the batch axis
    removed: (T, C) for (T, 1, C) tensors and (T, H, Dh) for attn_lif's (T, 1, H, Dh)."""

    def __init__(self, model: torch.nn.Module):
        self.names: List[str] = []
        self._buf: Dict[str, tuple] = {}
        self._handles = []
        for name, mod in model.named_modules():
            if isinstance(mod, LIF):
                self.names.append(name)
                self._handles.append(mod.register_forward_hook(self._make(name)))

    def _make(self, name):
        def hook(mod, inputs, output):
            x = inputs[0].detach()
            if x.shape[1] != 1:
                raise ValueError("LifRecorder expects batch size 1")
            self._buf[name] = (
                x[:, 0].cpu().numpy().astype(np.float32, copy=True),
                output.detach()[:, 0].cpu().numpy().astype(np.uint8),
            )

        return hook

    def take(self):
        out, self._buf = self._buf, {}
        return out

    def remove(self):
        for h in self._handles:
            h.remove()
