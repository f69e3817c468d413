"""make_crosscheck.py writes a conformance directory that is complete, self-consistent and layout-correct."""
import json
import os
import shutil
import tempfile
import unittest

import numpy as np
import torch

import make_crosscheck
from spikescr.conformance import check_dir
from spikescr.model import ModelConfig, SpikeSCR, lif_layer_names
from tests.util import quiet

S, T, D, H, F, C = 3, 12, 32, 2, 32, 5
OFFICIAL_CONFIG_KEYS = (
    "n_inputs",
    "n_hidden_neurons",
    "hidden_dims",
    "num_heads",
    "depths",
    "kernel_size",
    "n_outputs",
    "time_step",
)


def numpy_lif(x):
    """Reference LIF over axis 1 of (S, T, ...) in float32: H = (V - V/2) + X, fire H >= 1, hard reset 0."""
    v = np.zeros_like(x[:, 0])
    out = np.zeros(x.shape, dtype=np.uint8)
    for t in range(x.shape[1]):
        h = (v - v / np.float32(2)) + x[:, t]
        s = h >= np.float32(1)
        out[:, t] = s
        v = np.where(s, np.float32(0), h)
    return out


class CrosscheckTest(unittest.TestCase):
    dirs = {}

    @staticmethod
    def case_args(out, layout):
        return [
            "--out",
            out,
            "--depth",
            "2",
            "--qk-layout",
            layout,
            "--seed",
            "5",
            "--samples",
            str(S),
            "--T",
            str(T),
            "--d-model",
            str(D),
            "--heads",
            str(H),
            "--mlp-hidden",
            str(F),
            "--classes",
            str(C),
            "--calib-samples",
            "4",
        ]

    @classmethod
    def setUpClass(cls):
        """Both layouts in one --cases run."""
        cls.tmp = tempfile.mkdtemp(prefix="xc-test-")
        cases = []
        for layout in ("official", "time"):
            cls.dirs[layout] = os.path.join(cls.tmp, layout)
            cases.append(cls.case_args(cls.dirs[layout], layout))
        cases_file = os.path.join(cls.tmp, "cases.json")
        with open(cases_file, "w") as f:
            json.dump(cases, f)
        quiet(make_crosscheck.main, ["--cases", cases_file])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_a_case_run_alone_writes_the_same_files_as_in_a_cases_run(self):
        """The second case of the --cases run does not depend on the first: alone it gives the same bytes."""
        alone = os.path.join(self.tmp, "time-alone")
        quiet(make_crosscheck.main, self.case_args(alone, "time"))
        indexes = []
        for d in (alone, self.dirs["time"]):
            with open(os.path.join(d, "index.json")) as f:
                indexes.append(json.load(f))
        self.assertEqual(indexes[0]["files"], indexes[1]["files"])
        self.assertEqual(indexes[0]["generator"]["argv"], self.case_args(alone, "time"))
        self.assertEqual(indexes[1]["generator"]["argv"], self.case_args(self.dirs["time"], "time"))

    def test_bad_cases_file_is_refused_naming_the_file_and_entry(self):
        bad = os.path.join(self.tmp, "bad-cases.json")
        with open(bad, "w") as f:
            json.dump([["--out", "x"], "--depth 1"], f)
        with self.assertRaises(SystemExit) as e:
            make_crosscheck.main(["--cases", bad])
        self.assertIn(bad, str(e.exception.code))
        self.assertIn("entry 1", str(e.exception.code))

    def test_layout_of_files(self):
        for layout, d in self.dirs.items():
            with open(os.path.join(d, "index.json")) as f:
                index = json.load(f)
            for k in OFFICIAL_CONFIG_KEYS:
                self.assertIn(k, index["config"])
            self.assertEqual(index["config"]["qk_layout"], layout)
            self.assertEqual(index["config"]["depths"], 2)
            sd = torch.load(os.path.join(d, "model.pt"))
            for k, v in sd.items():
                a = np.load(os.path.join(d, "weights", k + ".npy"))
                self.assertEqual(a.shape, tuple(v.shape), k)
                if v.is_floating_point():
                    self.assertEqual(a.dtype, np.float32)
            x = np.load(os.path.join(d, "inputs.npy"))
            self.assertEqual((x.shape, x.dtype), ((S, T, 140), np.float32))
            self.assertTrue(np.all(x >= 0) and np.all(x == np.round(x)))
            self.assertEqual(np.load(os.path.join(d, "logits.npy")).shape, (S, T, C))
            self.assertEqual(np.load(os.path.join(d, "scores.npy")).shape, (S, C))
            self.assertEqual(np.load(os.path.join(d, "labels.npy")).dtype, np.int64)
            names = lif_layer_names(SpikeSCR(ModelConfig(d_model=D, heads=H, depth=2, mlp_hidden=F, classes=C)))
            self.assertEqual(len(names), 33)
            self.assertIn("blocks.1.conformer_module.gsu.lif2", names)
            for n in names:
                sp = np.load(os.path.join(d, "spikes", n + ".npy"))
                cu = np.load(os.path.join(d, "currents", n + ".npy"))
                expect = (S, T, H, D // H) if n.endswith("attn_lif") else (S, T, D)
                self.assertEqual(sp.shape, expect, n)
                self.assertEqual(sp.dtype, np.uint8)
                self.assertEqual((cu.shape, cu.dtype), (expect, np.float32))
                self.assertTrue(0.005 < sp.mean() < 0.45, f"{layout} {n} rate {sp.mean()}")

    def test_reload_reproduces(self):
        for layout, d in self.dirs.items():
            r = check_dir(d)
            self.assertTrue(r["labels_match"], layout)
            self.assertEqual(r["min_spike_agreement"], 1.0, layout)

    def test_lif_resimulation_from_currents(self):
        """Every stored spike array follows from its stored currents by the LIF along axis 1."""
        for layout, d in self.dirs.items():
            for fn in os.listdir(os.path.join(d, "currents")):
                cu = np.load(os.path.join(d, "currents", fn))
                sp = np.load(os.path.join(d, "spikes", fn))
                self.assertTrue(np.array_equal(numpy_lif(cu), sp), f"{layout} {fn}")

    def test_qk_layouts(self):
        """q_lif2 currents = RoPE(q_lif spikes) laid out as documented for each layout."""
        dh = D // H
        for layout, d in self.dirs.items():
            cos = np.load(os.path.join(d, "rope_cos.npy"))
            sin = np.load(os.path.join(d, "rope_sin.npy"))
            for blk in (0, 1):
                for qk in ("q", "k"):
                    s1 = np.load(os.path.join(d, "spikes", f"blocks.{blk}.attn.{qk}_lif.npy")).astype(np.float32)
                    logical = s1.reshape(S, T, H, dh).transpose(0, 2, 1, 3)  # (S, H, T, Dh)
                    rot = np.empty_like(logical)
                    rot[..., 0::2] = -logical[..., 1::2]
                    rot[..., 1::2] = logical[..., 0::2]
                    r = logical * cos + rot * sin
                    if layout == "official":
                        expect = r.reshape(S, T, D)  # raw buffer, LIF step = axis 1
                    else:
                        expect = r.transpose(0, 2, 1, 3).reshape(S, T, D)  # true time, channel h*Dh+d
                    got = np.load(os.path.join(d, "currents", f"blocks.{blk}.attn.{qk}_lif2.npy"))
                    self.assertTrue(np.array_equal(got, expect), f"{layout} block {blk} {qk}")
            # the official lane mapping of SPIKESCR.md 1.5.1: position s = h*T + t sits at lane (s mod H)*Dh + d,
            # step s div H
            if layout == "official":
                h, t, dd = 1, 5, 3
                s = h * T + t
                self.assertEqual(expect[0, s // H, (s % H) * dh + dd], r[0, h, t, dd])


if __name__ == "__main__":
    unittest.main()
