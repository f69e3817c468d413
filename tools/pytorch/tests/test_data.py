"""Framing (SPIKESCR.md 6.2 and the fixed window), file layouts, augmentation, batching, splits."""
import os
import shutil
import tempfile
import unittest

import h5py
import numpy as np

from spikescr.data import (
    Augment,
    DatasetFile,
    FramedDataset,
    collate,
    frame_shd,
    frame_window,
    split_indices,
    write_flat_spikes,
)


def counts(frames):
    return frames.sum(1).tolist()


class ShdFramingTest(unittest.TestCase):
    def test_spike_on_frame_boundary_and_end(self):
        # t - t0 = 0, 125, 250, 375 ms at dt = 125: n = ceil(375/125) = 3; 125 ms starts frame 1;
        # 375 ms (k = 3, exactly the end) falls into the last frame with 250 ms.
        f = frame_shd(np.array([0.5, 0.625, 0.75, 0.875]), np.array([0, 0, 0, 0]), 125)
        self.assertEqual(f.shape, (3, 140))
        self.assertEqual(counts(f), [1, 1, 2])

    def test_time_from_first_spike_and_last_frame_takes_rest(self):
        t = np.array([0.2, 0.205, 0.2101, 0.2299])  # 0, 5, 10.1, 29.9 ms after the first spike
        f = frame_shd(t, np.zeros(4, np.int64), 10)
        self.assertEqual(f.shape[0], 3)  # ceil(29.9 / 10)
        self.assertEqual(counts(f), [2, 1, 1])

    def test_single_spike_and_empty(self):
        f = frame_shd(np.array([0.3]), np.array([7]), 10)
        self.assertEqual(f.shape, (1, 140))
        self.assertEqual(f[0, 1], 1.0)
        self.assertEqual(frame_shd(np.zeros(0), np.zeros(0, np.int64), 10).shape, (1, 140))

    def test_pooling_of_five_units(self):
        f = frame_shd(np.array([0.0, 0.001, 0.002, 0.003]), np.array([0, 4, 5, 699]), 10)
        self.assertEqual(f[0, 0], 2.0)
        self.assertEqual(f[0, 1], 1.0)
        self.assertEqual(f[0, 139], 1.0)
        self.assertEqual(f.dtype, np.float32)

    def test_stored_dtype_arithmetic(self):
        """The framing multiplies in the file's dtype, like the reference numpy code (float16 times)."""
        t = np.array([0.1001, 0.1102, 0.1299], dtype=np.float16)
        ref = 1000 * t
        ref = ref - ref[0]
        n = int(np.ceil(ref[-1:] / 10)[0])
        k = np.minimum((ref // 10).astype(np.int64), n - 1)
        f = frame_shd(t, np.array([0, 0, 0]), 10)
        self.assertEqual(f.shape[0], n)
        self.assertEqual(counts(f), np.bincount(k, minlength=n).tolist())


class WindowFramingTest(unittest.TestCase):
    def test_fixed_window(self):
        t = np.array([0.0, 0.0249, 0.025, 0.999, 1.0, 1.2])
        f = frame_window(t, np.zeros(6, np.int64), 25, 1.0)
        self.assertEqual(f.shape, (40, 140))  # round(1.0 * 1000 / 25)
        c = counts(f)
        self.assertEqual(c[0], 2)  # 0 and 24.9 ms
        self.assertEqual(c[1], 1)  # exactly 25 ms starts frame 1
        self.assertEqual(c[39], 1)  # 999 ms
        self.assertEqual(sum(c), 4)  # 1.0 s and 1.2 s dropped

    def test_times_from_recording_start(self):
        f = frame_window(np.array([0.5]), np.array([0]), 10, 1.0)
        self.assertEqual(int(np.argmax(f.sum(1))), 50)
        self.assertEqual(frame_window(np.array([0.1]), np.array([0]), 30, 0.99).shape[0], 33)


class FileLayoutTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="data-test-")
        rng = np.random.default_rng(0)
        self.times = [np.sort(rng.uniform(0.05, 0.9, n)) for n in (30, 1, 55)]
        self.units = [rng.integers(0, 700, len(t)) for t in self.times]
        self.labels = [3, 0, 19]

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write_official(self, path):
        with h5py.File(path, "w") as f:
            vt = h5py.vlen_dtype(np.dtype("float32"))
            vu = h5py.vlen_dtype(np.dtype("uint16"))
            ds = f.create_dataset("spikes/times", (3,), dtype=vt)
            du = f.create_dataset("spikes/units", (3,), dtype=vu)
            for i in range(3):
                ds[i] = self.times[i].astype(np.float32)
                du[i] = self.units[i].astype(np.uint16)
            f.create_dataset("labels", data=np.array(self.labels, np.uint8))
            f.create_dataset("extra/speaker", data=np.array([1, 2, 3]))

    def test_official_and_flat_layouts_agree(self):
        off = os.path.join(self.tmp, "off.h5")
        flat = os.path.join(self.tmp, "flat.h5")
        self.write_official(off)
        write_flat_spikes(flat, [t.astype(np.float32).astype(np.float64) for t in self.times], self.units, self.labels)
        a, b = DatasetFile(off), DatasetFile(flat)
        self.assertFalse(a.flat)
        self.assertTrue(b.flat)
        self.assertEqual(a.labels.tolist(), self.labels)
        da, db = FramedDataset(a, frame_ms=10), FramedDataset(b, frame_ms=10)
        self.assertEqual(da.framing, "shd")
        for i in range(3):
            # float32 vs float64 arithmetic may move a spike across an edge; the test data avoid exact edges
            np.testing.assert_array_equal(da[i][0], db[i][0])
            self.assertEqual(da[i][1], self.labels[i])

    def test_window_attribute_selects_fixed_window(self):
        flat = os.path.join(self.tmp, "w.h5")
        write_flat_spikes(flat, self.times, self.units, self.labels, window_s=1.0)
        ds = FramedDataset(DatasetFile(flat), frame_ms=25)
        self.assertEqual(ds.framing, "window")
        self.assertEqual(ds[0][0].shape, (40, 140))
        self.assertEqual(FramedDataset(DatasetFile(flat), frame_ms=25, framing="shd").framing, "shd")

    def test_mel_frames_given_directly(self):
        path = os.path.join(self.tmp, "mel.h5")
        data = np.arange(5 * 140, dtype=np.float32).reshape(5, 140)
        with h5py.File(path, "w") as f:
            f.attrs["format"] = "spikescr-dataset"
            f.attrs["format_version"] = np.int64(1)
            f.attrs["input_kind"] = "mel"
            f.attrs["channels"] = np.int64(140)
            f.attrs["hop_samples"] = np.int64(200)
            f.create_dataset("frames/data", data=data)
            f.create_dataset("frames/offsets", data=np.array([0, 2, 5], np.int64))
            f.create_dataset("labels", data=np.array([1, 2], np.int32))
        ds = FramedDataset(DatasetFile(path))
        np.testing.assert_array_equal(ds[1][0], data[2:5])


class BatchingTest(unittest.TestCase):
    def test_collate(self):
        x, y, lengths, mask = collate([(np.ones((3, 140), np.float32), 1), (np.ones((5, 140), np.float32), 2)])
        self.assertEqual(tuple(x.shape), (2, 5, 140))
        self.assertEqual(lengths.tolist(), [3, 5])
        self.assertEqual(mask.tolist(), [[True] * 3 + [False] * 2, [True] * 5])
        self.assertEqual(float(x[0, 3:].abs().sum()), 0.0)
        self.assertEqual(y.tolist(), [1, 2])

    def test_augment(self):
        x = np.ones((50, 140), np.float32)
        a = Augment(p=1.0, time_prop=0.2, neuron_mask=20)
        y1 = a(x, np.random.default_rng(3))
        y2 = a(x, np.random.default_rng(3))
        np.testing.assert_array_equal(y1, y2)
        zero_frames = np.nonzero(y1.sum(1) == 0)[0]
        self.assertEqual(len(zero_frames), 10)
        self.assertEqual(zero_frames[-1] - zero_frames[0], 9)  # one consecutive block
        self.assertEqual(x.sum(), 50 * 140)  # input untouched
        self.assertTrue(np.array_equal(Augment(p=0.0)(x, np.random.default_rng(1)), x))

    def test_split_rule(self):
        class Src:
            labels = np.repeat(np.arange(4), 20)
            split = None

        tr, va, te = split_indices(Src, 0.1, seed=7)
        self.assertEqual(len(va), 8)
        self.assertEqual(np.bincount(Src.labels[va]).tolist(), [2, 2, 2, 2])
        self.assertEqual(len(set(tr) & set(va)), 0)
        self.assertEqual(split_indices(Src, 0.1, seed=7)[1].tolist(), va.tolist())
        Src.split = np.array(["train"] * 70 + ["valid"] * 5 + ["test"] * 5)
        tr, va, te = split_indices(Src, 0.1, seed=7)
        self.assertEqual((len(tr), len(va), len(te)), (70, 5, 5))


if __name__ == "__main__":
    unittest.main()
