"""Distillation loss against hand-computed values (SPIKESCR.md 4.2)."""
import math
import unittest

import torch

from spikescr.losses import ce_loss, kd_loss, kdcl_loss
from spikescr.model import scores_from_logits


class LossTest(unittest.TestCase):
    def test_hand_computed(self):
        # P_s = [1, 0], P_t = [0, 1], y = 0.
        # CE = -log(e / (e + 1)) = log(1 + 1/e)
        # softmax(P_t) = [a, b], softmax(P_s) = [b, a] with a = 1/(1+e), b = e/(1+e);
        # KL = a log(a/b) + b log(b/a) = (b - a) * 1 = (e - 1)/(e + 1)
        ps = torch.tensor([[1.0, 0.0]], dtype=torch.float64)
        pt = torch.tensor([[0.0, 1.0]], dtype=torch.float64)
        y = torch.tensor([0])
        ce_ref = math.log(1 + math.exp(-1))
        kl_ref = (math.e - 1) / (math.e + 1)
        self.assertAlmostEqual(float(ce_loss(ps, y)), ce_ref, places=12)
        self.assertAlmostEqual(float(kd_loss(ps, pt)), kl_ref, places=12)
        total, ce, kd = kdcl_loss(ps, pt, y)
        self.assertAlmostEqual(float(total), ce_ref + 0.5 * kl_ref, places=12)
        self.assertAlmostEqual(float(total), 0.54432027, places=8)

    def test_batch_mean_and_zero_kl(self):
        ps = torch.tensor([[1.0, 0.0], [2.0, 3.0]], dtype=torch.float64)
        pt = torch.tensor([[0.0, 1.0], [2.0, 3.0]], dtype=torch.float64)
        # second sample: teacher equals student, KL 0; batchmean divides by 2
        self.assertAlmostEqual(float(kd_loss(ps, pt)), (math.e - 1) / (math.e + 1) / 2, places=12)

    def test_temperature(self):
        ps = torch.tensor([[2.0, 0.0]], dtype=torch.float64)
        pt = torch.tensor([[0.0, 2.0]], dtype=torch.float64)
        # tau = 2 gives the tau=1 values of [1,0] vs [0,1], times tau^2
        self.assertAlmostEqual(float(kd_loss(ps, pt, 2.0)), 4 * (math.e - 1) / (math.e + 1), places=12)

    def test_time_summed_softmax(self):
        logits = torch.zeros(3, 2, 4)
        logits[:, 1, 0] = 100.0
        p = scores_from_logits(logits)
        self.assertTrue(torch.allclose(p[0], torch.full((4,), 0.75)))
        self.assertTrue(torch.allclose(p[1], torch.tensor([3.0, 0, 0, 0])))
        mask = torch.tensor([[True, True, False], [True, True, True]])
        self.assertTrue(torch.allclose(scores_from_logits(logits, mask)[0], torch.full((4,), 0.5)))


if __name__ == "__main__":
    unittest.main()
