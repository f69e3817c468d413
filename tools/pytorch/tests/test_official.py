"""The model reproduces the authors' code on the official conformance case (official layout, batch size 1)."""
import math
import unittest

import torch

from spikescr.conformance import check_dir
from spikescr.lif import LIF
from spikescr.model import ModelConfig, SpikeSCR
from tests.util import REORDER_TOLERANCE, official_case, reference_kernels


class OfficialCaseTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.report = check_dir(official_case())

    def test_strict_load(self):
        model = SpikeSCR(ModelConfig(qk_layout="official"))
        sd = torch.load(official_case() + "/model.pt")
        result = model.load_state_dict(sd, strict=True)
        self.assertEqual(result.missing_keys, [])
        self.assertEqual(result.unexpected_keys, [])
        self.assertIn("blocks.0.attn.rotary_emb.freqs", sd)

    def test_labels(self):
        self.assertTrue(self.report["labels_match"], self.report["predictions"])
        self.assertEqual(self.report["samples"], 16)

    def test_every_layer_spikes_identical(self):
        self.assertEqual(len(self.report["layers"]), 17)
        for name, layer in self.report["layers"].items():
            self.assertEqual(layer["mismatches"], 0, name)

    def test_currents_and_logits_bit_exact(self):
        """Bit-exact with the reference's CPU kernels; elsewhere equal up to the rounding of a
        different summation order (tests.util.reference_kernels)."""
        for name, layer in self.report["layers"].items():
            if reference_kernels():
                self.assertTrue(layer["currents_bitexact"], name)
            else:
                self.assertLessEqual(layer["currents_max_abs_diff"], REORDER_TOLERANCE, name)
        if reference_kernels():
            self.assertEqual(self.report["max_logit_diff"], 0.0)
        else:
            self.assertLessEqual(self.report["max_logit_diff"], REORDER_TOLERANCE)


class LifTest(unittest.TestCase):
    def test_forward_values(self):
        x = torch.tensor([[0.6], [0.7], [1.0], [0.4], [0.9], [-0.5]])
        s = LIF()(x).flatten().tolist()
        # H: 0.6 -> 0.3+0.7=1.0 fire (>=) -> 1.0 fire -> 0.4 -> 0.2+0.9=1.1 fire -> -0.5
        self.assertEqual(s, [0, 1, 1, 0, 1, 0])

    def test_gradient_matches_unrolled_autograd(self):
        torch.manual_seed(0)
        x = torch.randn(12, 3, 5, dtype=torch.float64) * 1.5
        w = torch.randn(12, 3, 5, dtype=torch.float64)
        alpha = 5.0

        class Spike(torch.autograd.Function):
            @staticmethod
            def forward(ctx, h):
                ctx.save_for_backward(h)
                return (h >= 0).to(h.dtype)

            @staticmethod
            def backward(ctx, g):
                (h,) = ctx.saved_tensors
                return g * alpha / 2 / (1 + (math.pi / 2 * alpha * h) ** 2)

        x1 = x.clone().requires_grad_(True)
        v = torch.zeros_like(x1[0])
        out = []
        for t in range(x1.shape[0]):
            h = v - v / 2 + x1[t]
            s = Spike.apply(h - 1.0)
            v = h * (1 - s.detach())
            out.append(s)
        (torch.stack(out) * w).sum().backward()

        x2 = x.clone().requires_grad_(True)
        s2 = LIF()(x2)
        (s2 * w).sum().backward()
        self.assertTrue(torch.equal(torch.stack(out).detach(), s2.detach()))
        self.assertTrue(torch.allclose(x1.grad, x2.grad, atol=1e-12))


if __name__ == "__main__":
    unittest.main()
