"""Training smoke tests on a tiny synthetic dataset: loss falls, KD stage, ablation, resume, export."""
import json
import os
import shutil
import tempfile
import unittest

import torch

import train
from spikescr.checkpoint import read_model_file
from spikescr.data import synthetic_spikes, write_flat_spikes
from spikescr.losses import kdcl_loss
from tests.util import quiet

TINY = [
    "--d-model",
    "16",
    "--heads",
    "2",
    "--mlp-hidden",
    "16",
    "--classes",
    "3",
    "--kernel-size",
    "7",
    "--batch-size",
    "12",
    "--threads",
    "1",
    "--lr",
    "0.01",
    "--seed",
    "4",
    "--device",
    "cpu",
]


def read_log(run):
    with open(os.path.join(run, "log.jsonl")) as f:
        return [json.loads(line) for line in f]


class TrainTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="train-test-")
        times, units, labels = synthetic_spikes(48, 3, seed=1, duration_s=0.4)
        cls.train_file = os.path.join(cls.tmp, "train.h5")
        write_flat_spikes(cls.train_file, times, units, labels)
        times, units, labels = synthetic_spikes(12, 3, seed=2, duration_s=0.4)
        cls.test_file = os.path.join(cls.tmp, "test.h5")
        write_flat_spikes(cls.test_file, times, units, labels)
        cls.teacher = os.path.join(cls.tmp, "teacher")
        cls.run_train("--out", cls.teacher, "--frame-ms", "20", "--epochs", "2", "--stage", "teacher-20ms")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    @classmethod
    def run_train(cls, *args):
        rc = quiet(train.main, ["--train", cls.train_file, "--test", cls.test_file, *TINY, *args])
        assert rc == 0

    def test_teacher_loss_falls(self):
        log = read_log(self.teacher)
        self.assertEqual([r["epoch"] for r in log], [0, 1])
        self.assertLess(log[1]["train_loss"], log[0]["train_loss"])
        for k in ("train_acc", "val_acc", "test_acc", "lr"):
            self.assertIn(k, log[0])
        for f in ("best.pt", "last.pt", "model.h5", "summary.json"):
            self.assertTrue(os.path.exists(os.path.join(self.teacher, f)), f)
        cfg, meta, prov, _ = read_model_file(os.path.join(self.teacher, "model.h5"))
        self.assertEqual(cfg.qk_layout, "time")
        self.assertEqual(meta["frame_ms"], 20.0)
        for k in ("dataset", "frames", "epochs", "seed", "val_accuracy", "test_accuracy", "stage", "teacher"):
            self.assertIn(k, prov)
        self.assertEqual(prov["stage"], "teacher-20ms")

    def test_batched_evaluation_equals_single_utterances(self):
        """The test accuracy logged by train.py (padded batches) equals evaluate.py's (B=1) on the model file."""
        import evaluate

        _, _, prov, _ = read_model_file(os.path.join(self.teacher, "model.h5"))
        r = evaluate.evaluate(os.path.join(self.teacher, "model.h5"), self.test_file)
        self.assertEqual(r["samples"], 12)
        self.assertAlmostEqual(r["accuracy"], float(prov["test_accuracy"]), places=9)

    def test_kd_stage_and_resume_is_exact(self):
        a = os.path.join(self.tmp, "kd-a")
        b = os.path.join(self.tmp, "kd-b")
        teacher = os.path.join(self.teacher, "best.pt")
        self.run_train("--out", a, "--frame-ms", "40", "--teacher", teacher, "--epochs", "2")
        self.run_train("--out", b, "--frame-ms", "40", "--teacher", teacher, "--epochs", "1")
        self.run_train("--out", b, "--frame-ms", "40", "--teacher", teacher, "--epochs", "2", "--resume")
        la, lb = read_log(a), read_log(b)
        self.assertEqual(len(lb), 2)
        for ra, rb in zip(la, lb):
            ra.pop("seconds")
            rb.pop("seconds")
            self.assertEqual(ra, rb)
        self.assertGreater(la[0]["train_kd"], 0.0)
        _, meta, prov, _ = read_model_file(os.path.join(a, "model.h5"))
        self.assertEqual(prov["teacher"], teacher)
        self.assertEqual(prov["teacher_frame_ms"], "20.0")
        self.assertEqual(meta["frame_ms"], 40.0)

    def test_no_distill_ablation(self):
        run = os.path.join(self.tmp, "scratch")
        self.run_train("--out", run, "--frame-ms", "40", "--no-distill", "--epochs", "1")
        log = read_log(run)
        self.assertEqual(log[0]["train_kd"], 0.0)
        self.assertEqual(log[0]["train_loss"], log[0]["train_ce"])
        _, _, prov, _ = read_model_file(os.path.join(run, "model.h5"))
        self.assertEqual(prov["distill"], "False")

    def test_event_augmentation_kd_stage_is_reproducible_and_changes_training(self):
        teacher = os.path.join(self.teacher, "best.pt")
        ev = ["--aug-channel-shift", "10", "--aug-time-stretch", "0.1", "--aug-time-shift-s", "0.05"]
        ev += ["--aug-gain-db", "12", "--aug-noise-snr-db", "10,30"]
        runs = [os.path.join(self.tmp, n) for n in ("ev-a", "ev-b", "ev-off")]
        for run, extra in zip(runs, (ev, ev, [])):
            self.run_train("--out", run, "--frame-ms", "40", "--teacher", teacher, "--epochs", "1", *extra)
        la, lb, off = (read_log(r)[0] for r in runs)
        for r in (la, lb, off):
            r.pop("seconds")
        self.assertEqual(la, lb)
        self.assertNotEqual(la["train_loss"], off["train_loss"])
        _, _, prov, _ = read_model_file(os.path.join(runs[0], "model.h5"))
        self.assertEqual(prov["stage"], "kd")
        self.assertIn("gain 12.0 dB", prov["augmentation"])
        self.assertIn("noise SNR (10.0, 30.0) dB", prov["augmentation"])

    def test_bad_event_augmentation_is_refused(self):
        run = os.path.join(self.tmp, "bad-aug")
        with self.assertRaises(SystemExit) as e:
            quiet(
                train.main,
                ["--train", self.train_file, "--out", run, *TINY, "--frame-ms", "40", "--aug-time-stretch", "1.5"],
            )
        self.assertIn("time_stretch", str(e.exception.code))

    def test_kd_gradient_reaches_student_only(self):
        ps = torch.randn(4, 3, requires_grad=True)
        pt = torch.randn(4, 3, requires_grad=True)
        loss, _, _ = kdcl_loss(ps, pt.detach(), torch.tensor([0, 1, 2, 0]))
        loss.backward()
        self.assertIsNotNone(ps.grad)
        self.assertIsNone(pt.grad)


if __name__ == "__main__":
    unittest.main()
