"""export.py: round trip through the model file and every rejected input (exit code 2, no output file)."""
import os
import shutil
import tempfile
import unittest
from collections import OrderedDict

import h5py
import numpy as np
import torch

from spikescr.checkpoint import read_model_file
from tests.util import REORDER_TOLERANCE, official_case, reference_kernels, run_tool


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sd = torch.load(os.path.join(official_case(), "model.pt"))

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="export-test-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def save(self, obj, name="ck.pt"):
        path = os.path.join(self.tmp, name)
        torch.save(obj, path)
        return path

    def export(self, ck, *extra):
        out = os.path.join(self.tmp, "model.h5")
        return run_tool("export.py", ck, out, *extra), out

    def test_round_trip(self):
        r, out = self.export(
            os.path.join(official_case(), "model.pt"),
            "--config",
            "shd",
            "--frame-ms",
            "25",
            "--time-steps",
            "40",
            "--provenance",
            "dataset=random",
            "--provenance",
            "note=a=b",
        )
        self.assertEqual(r.returncode, 0, r.stderr)
        cfg, meta, prov, sd = read_model_file(out)
        self.assertEqual(
            (cfg.d_model, cfg.heads, cfg.depth, cfg.mlp_hidden, cfg.kernel_size, cfg.classes), (128, 8, 1, 128, 31, 20)
        )
        self.assertEqual(cfg.qk_layout, "official")
        self.assertEqual(meta, {"input_kind": "spikes", "time_steps": 40, "frame_ms": 25.0, "hop_samples": None})
        self.assertEqual(prov["dataset"], "random")
        self.assertEqual(prov["note"], "a=b")
        for k, v in self.sd.items():
            if k.endswith("num_batches_tracked"):
                continue
            self.assertTrue(torch.equal(sd[k], v), k)
        with h5py.File(out, "r") as f:
            self.assertEqual(f.attrs["format"], "spikescr-model")
            self.assertEqual(f.attrs["format_version"].dtype, np.int64)
            self.assertEqual(f.attrs["d_model"].dtype, np.int64)
            self.assertEqual(f.attrs["frame_ms"].dtype, np.float64)
            self.assertEqual(f["spike_embed/conv/weight"].dtype, np.float32)
            self.assertNotIn("num_batches_tracked", f["spike_embed/bn"])
            names = []
            f.visit(lambda n: names.append(n) if isinstance(f[n], h5py.Dataset) else None)
        self.assertEqual(len(names), sum(1 for k in self.sd if not k.endswith("num_batches_tracked")))
        self.assertEqual([n for n in os.listdir(self.tmp) if n.startswith(".tmp")], [])

    def test_wrapped_and_prefixed_checkpoint(self):
        wrapped = {"epoch": 3, "model": OrderedDict(("module." + k, v) for k, v in self.sd.items())}
        r, out = self.export(self.save(wrapped), "--qk-layout", "time")
        self.assertEqual(r.returncode, 0, r.stderr)
        cfg, _, _, sd = read_model_file(out)
        self.assertEqual(cfg.qk_layout, "time")
        self.assertTrue(torch.equal(sd["head.weight"], self.sd["head.weight"]))
        r2, _ = self.export(self.save({"state_dict": self.sd}, "b.pt"))
        self.assertEqual(r2.returncode, 0, r2.stderr)

    def test_presets_and_overrides(self):
        r, out = self.export(
            os.path.join(official_case(), "model.pt"),
            "--config",
            "ssc",
            "--d-model",
            "128",
            "--heads",
            "8",
            "--depth",
            "1",
            "--mlp-hidden",
            "128",
            "--classes",
            "20",
        )
        self.assertEqual(r.returncode, 0, r.stderr)
        r, out = self.export(
            os.path.join(official_case(), "model.pt"),
            "--config",
            "gsc",
            "--d-model",
            "128",
            "--heads",
            "8",
            "--depth",
            "1",
            "--mlp-hidden",
            "128",
            "--classes",
            "20",
            "--hop-samples",
            "200",
            "--time-steps",
            "41",
        )
        self.assertEqual(r.returncode, 0, r.stderr)
        _, meta, _, _ = read_model_file(out)
        self.assertEqual(meta["input_kind"], "mel")
        self.assertEqual(meta["hop_samples"], 200)

    def assert_rejected(self, sd, key, *extra):
        r, out = self.export(self.save(sd), *extra)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(key, r.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual([n for n in os.listdir(self.tmp) if n.startswith(".tmp")], [])

    def test_unknown_key(self):
        sd = OrderedDict(self.sd)
        sd["blocks.0.attn.extra.weight"] = torch.zeros(3)
        self.assert_rejected(sd, "blocks.0.attn.extra.weight")

    def test_missing_key(self):
        sd = OrderedDict(self.sd)
        del sd["blocks.0.conformer_module.dw.conv.weight"]
        self.assert_rejected(sd, "blocks.0.conformer_module.dw.conv.weight")

    def test_wrong_shape(self):
        sd = OrderedDict(self.sd)
        sd["head.weight"] = torch.zeros(35, 128)
        self.assert_rejected(sd, "head.weight")

    def test_wrong_config_is_reported_by_key(self):
        self.assert_rejected(OrderedDict(self.sd), "spike_embed.conv.weight", "--config", "ssc")

    def test_nan_and_inf(self):
        for bad in (float("nan"), float("inf")):
            sd = OrderedDict(self.sd)
            t = sd["blocks.0.mlp1.fc1_bn.running_var"].clone()
            t[5] = bad
            sd["blocks.0.mlp1.fc1_bn.running_var"] = t
            self.assert_rejected(sd, "blocks.0.mlp1.fc1_bn.running_var")

    def test_existing_output_untouched_on_error(self):
        out = os.path.join(self.tmp, "model.h5")
        with open(out, "w") as f:
            f.write("old")
        sd = OrderedDict(self.sd)
        del sd["head.weight"]
        r, _ = self.export(self.save(sd))
        self.assertEqual(r.returncode, 2)
        with open(out) as f:
            self.assertEqual(f.read(), "old")

    def test_exported_model_runs_like_checkpoint(self):
        """Model file -> SpikeSCR -> same labels as the official case (first 4 samples)."""
        from spikescr.checkpoint import load_model_file

        r, out = self.export(os.path.join(official_case(), "model.pt"))
        self.assertEqual(r.returncode, 0, r.stderr)
        model, meta, _ = load_model_file(out)
        x = np.load(os.path.join(official_case(), "inputs.npy"))[:4]
        ref = np.load(os.path.join(official_case(), "logits.npy"))[:4]
        with torch.no_grad():
            for s in range(4):
                z = model(torch.from_numpy(x[s][None]), torch.ones(1, x.shape[1], dtype=torch.bool))
                if reference_kernels():
                    self.assertTrue(np.array_equal(z[:, 0].numpy(), ref[s]))
                else:
                    self.assertLessEqual(float(np.abs(z[:, 0].numpy() - ref[s]).max()), REORDER_TOLERANCE)


if __name__ == "__main__":
    unittest.main()
