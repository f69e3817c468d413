"""voice_profile.py: per-speaker band profiles, thinning a set to another's unit profile, confusion counts."""
import json
import os
import shutil
import tempfile
import unittest

import h5py
import numpy as np

import voice_profile
from spikescr.data import DatasetFile, write_flat_spikes


def recordings(rate_of_unit, n, seed):
    """n recordings whose spikes fall on unit u with the given relative rates (about 2,000 spikes each)."""
    rng = np.random.default_rng(seed)
    w = np.asarray(rate_of_unit, float) / np.sum(rate_of_unit)
    times, units = [], []
    for _ in range(n):
        u = rng.choice(len(w), size=2000, p=w)
        t = np.sort(rng.uniform(0.1, 0.5, 2000))
        times.append(t)
        units.append(u)
    return times, units


class VoiceProfileTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="voice-test-")
        self.flat = np.ones(700)
        self.bright = np.where(np.arange(700) >= 560, 3.0, 1.0)  # three times the spikes above unit 560

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, name, rates, n, seed, sources=None):
        path = os.path.join(self.tmp, name)
        t, u = recordings(rates, n, seed)
        write_flat_spikes(path, t, u, [i % 10 for i in range(n)], window_s=1.0)
        if sources is not None:
            with h5py.File(path, "r+") as f:
                f.create_dataset("extra/source", data=np.array([s.encode() for s in sources]))
        return path

    def test_match_removes_the_extra_spikes_and_only_those(self):
        ref = self.write("ref.h5", self.flat, 40, 1)
        data = self.write("data.h5", self.bright, 40, 2)
        out = os.path.join(self.tmp, "out.h5")
        r = voice_profile.match(data, ref, out, seed=0)
        src, got = DatasetFile(data), DatasetFile(out)
        np.testing.assert_array_equal(got.labels, src.labels)
        self.assertEqual(got.window_s, 1.0)
        self.assertLess(r["kept"], 0.8)
        low_before = np.mean([np.sum(u < 540) for u in src.units])
        low_after = np.mean([np.sum(u < 540) for u in got.units])
        self.assertGreater(low_after / low_before, 0.97)  # where the profiles agree, nearly everything stays
        # above unit 560 the data had 6.1 spikes per unit and recording, the reference 2.9: thinned to the reference
        prof, ref_prof = voice_profile.unit_profile(got), voice_profile.unit_profile(DatasetFile(ref))
        self.assertAlmostEqual(prof[580:690].mean() / ref_prof[580:690].mean(), 1.0, delta=0.05)
        for t0, u0, t1, u1 in zip(src.times, src.units, got.times, got.units):
            self.assertTrue(set(zip(t1.tolist(), u1.tolist())) <= set(zip(t0.tolist(), u0.tolist())))
        # matching a set to itself keeps almost every spike
        self.assertGreater(voice_profile.match(ref, ref, os.path.join(self.tmp, "same.h5"), seed=0)["kept"], 0.95)

    def test_profile_per_speaker_from_the_source_names(self):
        path = self.write("two.h5", self.flat, 4, 3, ["0_ann_0.wav", "1_bob_0.wav", "2_ann_1.wav", "3_bob_1.wav"])
        r = voice_profile.profiles([path], bands=7)
        self.assertEqual(list(r["speakers"]), ["ann", "bob"])
        self.assertEqual(r["band_edges"], [0, 100, 200, 300, 400, 500, 600, 700])
        for v in r["speakers"].values():
            self.assertEqual(v["recordings"], 2)
            self.assertAlmostEqual(v["spikes"], 2000.0)
            self.assertAlmostEqual(sum(v["bands"]), 2000.0)

    def test_confusion_counts_label_against_prediction(self):
        path = os.path.join(self.tmp, "eval.json")
        with open(path, "w") as f:
            json.dump({"labels": [0, 0, 1, 2, 2, 2], "predictions": [0, 1, 1, 2, 0, 2]}, f)
        m = voice_profile.confusion(path)
        np.testing.assert_array_equal(m, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])


if __name__ == "__main__":
    unittest.main()
