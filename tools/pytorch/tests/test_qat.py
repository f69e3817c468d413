"""The fake-quantized forward pass (spikescr/qat.py): integer LIF, rounding, batching, gradients, train.py --qat.

That its integers equal the Java quantizer's and simulator's is proven by check_qat.py, run from the Java test
QatReferenceTest (it needs the files the Java side writes).
"""

import os
import shutil
import tempfile
import unittest

import torch

import train
from spikescr import intsim, qat
from spikescr.checkpoint import read_model_file
from spikescr.data import synthetic_spikes, write_flat_spikes
from spikescr.model import ModelConfig, SpikeSCR, scores_from_logits
from tests.util import quiet


def tiny_model(layout, seed=5, channels=10):
    """Head width 16, so that the float model's 1/sqrt(Dh) is the integer model's 1/4 (fixed-point.md 5.3)."""
    torch.manual_seed(seed)
    cfg = ModelConfig(
        d_model=32, heads=2, depth=2, mlp_hidden=16, kernel_size=7, classes=3, input_channels=channels,
        qk_layout=layout,
    )  # fmt: skip
    m = SpikeSCR(cfg)
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, mod in m.named_modules():
            if isinstance(mod, torch.nn.BatchNorm1d):
                n = mod.num_features
                mod.running_mean.copy_(0.5 * torch.randn(n, generator=g))
                mod.running_var.copy_(0.5 + 1.5 * torch.rand(n, generator=g))
                mod.weight.copy_(0.5 + torch.rand(n, generator=g))
                mod.bias.copy_(0.3 * torch.randn(n, generator=g))
        for p in m.parameters():
            if p.dim() > 1:
                p.mul_(2.0)
    return m.eval()


def counts(batch, steps, channels, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.poisson(torch.full((batch, steps, channels), 1.5), generator=g)


class IntLifTest(unittest.TestCase):
    def test_equals_the_integer_reference(self):
        g = torch.Generator().manual_seed(3)
        x = torch.randint(-60, 90, (14, 3, 5), generator=g)
        theta = torch.tensor([1, 7, 20, 33, 100])
        spikes, membranes = qat.int_lif(x.double(), theta.double(), torch.ones(5, dtype=torch.float64))
        for b in range(3):
            ref = intsim.lif(x[:, b], theta, 32)
            self.assertTrue(torch.equal(spikes[:, b].long(), ref.spikes))
            self.assertTrue(torch.equal(membranes[:, b].long(), ref.membranes))
        self.assertGreater(int(spikes.sum()), 0)

    def test_surrogate_gradient_flows_through_time(self):
        x = torch.tensor([[3.0], [3.0], [3.0]], dtype=torch.float64, requires_grad=True)
        spikes, _ = qat.int_lif(x, torch.tensor([8.0], dtype=torch.float64), torch.tensor([0.125], dtype=torch.float64))
        self.assertEqual(spikes[:, 0].tolist(), [0.0, 0.0, 0.0])
        spikes[2].sum().backward()
        g = x.grad[:, 0]
        self.assertGreater(float(g[2]), 0.0)
        self.assertAlmostEqual(float(g[1]), float(g[2]) / 2, places=12)  # dH[t+1]/dV[t] = 1/2
        self.assertAlmostEqual(float(g[0]), float(g[2]) / 4, places=12)


class RoundingTest(unittest.TestCase):
    def test_ties_to_even_with_a_straight_through_gradient(self):
        x = torch.tensor([0.5, 1.5, 2.5, -0.5, -1.5, 0.49], dtype=torch.float64, requires_grad=True)
        y = qat.round_ste(x)
        self.assertEqual(y.tolist(), [0.0, 2.0, 2.0, -0.0, -2.0, 0.0])
        y.sum().backward()
        self.assertEqual(x.grad.tolist(), [1.0] * 6)

    def test_the_rope_table_caps_entries_below_one(self):
        cos, sin = qat.rope_table(torch.tensor([1.0, 1e-3]), 3, 8)
        self.assertEqual(int(cos[0, 0]), 1 << 8)  # cos 0 is exactly 1.0
        self.assertEqual(int(cos[1, 1]), (1 << 8) - 1)  # float32 cos(0.001) < 1 rounds to 1.0: capped below it
        self.assertEqual(int(cos[1, 0]), round(0.5403023 * 256))
        self.assertEqual(int(sin[0, 0]), 0)

    def test_input_counts_saturate(self):
        s = qat.QatSettings()
        self.assertEqual(qat.input_raw(torch.tensor([0.0, 255.0, 300.0]), s).tolist(), [0.0, 255.0, 255.0])
        mel = qat.QatSettings.for_input("mel")
        self.assertEqual(qat.input_raw(torch.tensor([-200.0, 1.03125, 1.09375]), mel).tolist(), [-2048, 16, 18])

    def test_bad_settings_name_the_field(self):
        with self.assertRaisesRegex(ValueError, "weight_bits must be 4 to 16, got 3"):
            qat.QatSettings(weight_bits=3)
        with self.assertRaisesRegex(ValueError, "input kind 'wav'"):
            qat.QatSettings.for_input("wav")


class ForwardTest(unittest.TestCase):
    def test_a_batch_equals_its_utterances_one_by_one(self):
        for layout in ("time", "official"):
            m = tiny_model(layout)
            x = counts(3, 12, 10, seed=7)
            s = qat.QatSettings()
            trace = qat.Trace({}, {})
            with torch.no_grad():
                batched = qat.forward(m, x, s, trace=trace)
                for b in range(3):
                    one = qat.Trace({}, {})
                    single = qat.forward(m, x[b : b + 1], s, trace=one)
                    self.assertTrue(torch.equal(single[:, 0], batched[:, b]), layout)
                    for name, (xs, spikes, membranes) in one.lifs.items():
                        self.assertTrue(torch.equal(spikes[:, 0], trace.lifs[name][1][:, b]), f"{layout} {name}")
                        self.assertTrue(torch.equal(membranes[:, 0], trace.lifs[name][2][:, b]), f"{layout} {name}")
            fired = {name: int(v[1].sum()) for name, v in trace.lifs.items()}
            self.assertGreater(min(fired.values()), -1)
            self.assertGreater(sum(fired.values()), 100, layout)

    def test_every_value_is_an_integer(self):
        m = tiny_model("time")
        s = qat.QatSettings(weight_bits=6, membrane_frac_bits=3)
        trace = qat.Trace({}, {})
        with torch.no_grad():
            qat.forward(m, counts(2, 10, 10, seed=8), s, trace=trace)
        for name, (xs, _, membranes) in trace.lifs.items():
            self.assertTrue(torch.equal(xs, xs.round()), name)
            self.assertTrue(torch.equal(membranes, membranes.round()), name)
        self.assertTrue(torch.equal(trace.logits, trace.logits.round()))
        fq = qat.quantize_model(m, s)
        self.assertLessEqual(float(fq.blocks[0].q.weight.abs().max()), 31.0)
        self.assertEqual(float(fq.blocks[0].q.weight.abs().max()), 31.0)

    def test_gradients_reach_the_float_parameters(self):
        m = tiny_model("time").train()
        x = counts(4, 12, 10, seed=9)
        y = torch.tensor([0, 1, 2, 1])
        logits = qat.forward(m, x, qat.QatSettings())
        loss = torch.nn.functional.cross_entropy(torch.log(scores_from_logits(logits.float()) / 12), y)
        loss.backward()
        for name in (
            "head.weight", "spike_embed.conv.weight", "spike_embed.bn.weight", "spike_embed.bn.bias",
            "blocks.1.attn.q_conv.weight", "blocks.1.attn.v_conv.weight", "blocks.1.attn.proj_conv.bias",
            "blocks.0.conformer_module.dw.conv.weight", "blocks.0.conformer_module.pw2.conv.weight",
            "blocks.0.mlp2.fc1_conv.weight",
        ):  # fmt: skip
            p = dict(m.named_parameters())[name]
            self.assertIsNotNone(p.grad, name)
            self.assertTrue(bool(torch.isfinite(p.grad).all()), name)
            self.assertGreater(float(p.grad.abs().sum()), 0.0, name)

    def test_at_high_precision_the_gradients_are_the_float_models(self):
        """With 16-bit weights and 16 fraction bits the integer model nearly is the float model, and so are its
        gradients: the surrogate is taken in the float model's units."""
        m = tiny_model("time").train()
        for mod in m.modules():
            if isinstance(mod, torch.nn.Dropout) or type(mod).__name__ == "SeqDropout":
                mod.p = 0.0
        x = counts(4, 12, 10, seed=10)
        y = torch.tensor([0, 1, 2, 1])

        def grads(forward):
            m.zero_grad()
            loss = torch.nn.functional.cross_entropy(torch.log(scores_from_logits(forward().float()) / 12), y)
            loss.backward()
            return {n: p.grad.clone() for n, p in m.named_parameters() if p.grad is not None and "bn" not in n}

        for mod in m.modules():
            if isinstance(mod, torch.nn.BatchNorm1d):
                mod.eval()  # running statistics, as the folded integer model uses
        fl = grads(lambda: m(x))
        qa = grads(lambda: qat.forward(m, x, qat.QatSettings(weight_bits=16, membrane_frac_bits=16)))
        for name in ("head.weight", "blocks.1.mlp2.fc2_conv.weight", "blocks.0.attn.q_conv.weight"):
            a, b = fl[name].flatten(), qa[name].flatten()
            cos = float(torch.dot(a, b) / (a.norm() * b.norm()))
            self.assertGreater(cos, 0.95, name)
            self.assertAlmostEqual(float(b.norm() / a.norm()), 1.0, delta=0.2, msg=name)


class TrainQatTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="qat-test-")
        times, units, labels = synthetic_spikes(36, 3, seed=1, duration_s=0.4)
        cls.train_file = os.path.join(cls.tmp, "train.h5")
        write_flat_spikes(cls.train_file, times, units, labels)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def run_train(self, *args):
        tiny = ["--d-model", "16", "--heads", "2", "--mlp-hidden", "16", "--classes", "3", "--kernel-size", "7"]
        tiny += ["--batch-size", "12", "--threads", "1", "--lr", "0.01", "--seed", "4", "--device", "cpu"]
        return quiet(train.main, ["--train", self.train_file, *tiny, *args])

    def test_float_stage_then_qat_fine_tuning(self):
        fl = os.path.join(self.tmp, "float")
        self.assertEqual(self.run_train("--out", fl, "--frame-ms", "20", "--window-s", "0.4", "--epochs", "1"), 0)
        run = os.path.join(self.tmp, "qat")
        teacher = os.path.join(fl, "best.pt")
        rc = self.run_train(
            "--out", run, "--frame-ms", "20", "--window-s", "0.4", "--epochs", "2", "--teacher", teacher, "--qat",
            "--qat-weight-bits", "6",
        )  # fmt: skip
        self.assertEqual(rc, 0)
        _, _, prov, _ = read_model_file(os.path.join(run, "model.h5"))
        self.assertIn("weight_bits=6", prov["qat"])
        self.assertEqual(prov["distill"], "True")
        _, _, prov, _ = read_model_file(os.path.join(fl, "model.h5"))
        self.assertEqual(prov["qat"], "none")

    def test_qat_refuses_variable_length_framing(self):
        with self.assertRaises(SystemExit) as e:
            self.run_train("--out", os.path.join(self.tmp, "bad"), "--frame-ms", "20", "--epochs", "1", "--qat")
        self.assertIn("--qat needs utterances of equal length", str(e.exception))


if __name__ == "__main__":
    unittest.main()
