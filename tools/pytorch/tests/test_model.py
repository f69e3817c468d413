"""Model properties used by training: a padded batch computes what batch size 1 computes (time layout)."""
import unittest

import numpy as np
import torch

import make_crosscheck as mc
from spikescr.conformance import check_dir
from spikescr.model import ModelConfig, SpikeSCR, scores_from_logits
from tests.util import official_case


class PaddingTest(unittest.TestCase):
    def test_padded_batch_equals_single_utterances(self):
        torch.manual_seed(0)
        m = SpikeSCR(ModelConfig(d_model=32, heads=2, mlp_hidden=32, classes=5, depth=2, qk_layout="time"))
        mc.randomize_bn(m, torch.Generator().manual_seed(1))
        m.eval()
        mc.calibrate(m, mc.make_inputs(np.random.RandomState(2), 4, 30))
        raw = mc.make_inputs(np.random.RandomState(3), 3, 30)
        lens = [30, 17, 22]
        x = torch.zeros(3, 30, 140)
        for i, n in enumerate(lens):
            x[i, :n] = torch.from_numpy(raw[i, :n])
        mask = torch.arange(30)[None] < torch.tensor(lens)[:, None]
        with torch.no_grad():
            zb = m(x, mask)
            pb = scores_from_logits(zb, mask)
            for i, n in enumerate(lens):
                z1 = m(x[i : i + 1, :n], torch.ones(1, n, dtype=torch.bool))
                self.assertLess(float((zb[:n, i] - z1[:, 0]).abs().max()), 1e-5)
                self.assertTrue(torch.allclose(pb[i], scores_from_logits(z1)[0], atol=1e-5))

    def test_parameter_count_of_shd_config(self):
        m = SpikeSCR(ModelConfig())
        trainable = sum(p.numel() for p in m.parameters() if p.requires_grad)
        frozen = sum(p.numel() for p in m.parameters() if not p.requires_grad)
        self.assertEqual((trainable, frozen), (261632, 8))  # SPIKESCR.md 1.12
        ssc = SpikeSCR(ModelConfig(d_model=256, heads=16, depth=2, mlp_hidden=1024, classes=35))
        self.assertEqual(sum(p.numel() for p in ssc.parameters() if p.requires_grad), 3302400)

    @unittest.skipUnless(torch.cuda.is_available(), "needs CUDA: torch.cuda.is_available() is False")
    def test_cuda_matches_cpu_labels(self):
        r = check_dir(official_case(), device="cuda")
        self.assertTrue(r["labels_match"])
        self.assertGreater(r["min_spike_agreement"], 0.99)


if __name__ == "__main__":
    unittest.main()
