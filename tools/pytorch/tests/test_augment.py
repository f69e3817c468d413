"""Spike-event augmentation: identity when off, shapes and ranges, each operation's effect, seed reproducibility."""
import unittest

import numpy as np

from spikescr.augment import SpikeAugment, parse_snr_range
from spikescr.data import frame_window


def utterance(n=4000, seed=0):
    rng = np.random.default_rng(seed)
    t = np.sort(rng.uniform(0.2, 0.6, n))
    u = rng.integers(100, 600, n)
    return t, u


class SpikeAugmentTest(unittest.TestCase):
    def test_zero_strength_is_identity_and_draws_nothing(self):
        t, u = utterance()
        rng = np.random.default_rng(5)
        t2, u2 = SpikeAugment()(t, u, 700, rng)
        np.testing.assert_array_equal(t2, t)
        np.testing.assert_array_equal(u2, u)
        self.assertEqual(rng.random(), np.random.default_rng(5).random())  # no draw consumed
        self.assertFalse(SpikeAugment(channel_shift=3, p=0).active)
        t3, _ = SpikeAugment(channel_shift=3, p=0)(t, u, 700, np.random.default_rng(1))
        np.testing.assert_array_equal(t3, t)

    def test_inputs_untouched_and_outputs_in_range_and_sorted(self):
        t, u = utterance()
        t0, u0 = t.copy(), u.copy()
        aug = SpikeAugment(
            channel_shift=20, channel_stretch=0.1, time_stretch=0.1, time_shift_s=0.1, rate_db=12, noise_snr_db=(10, 30)
        )
        for seed in range(10):
            t2, u2 = aug(t, u, 700, np.random.default_rng(seed))
            self.assertEqual(len(t2), len(u2))
            self.assertEqual(t2.dtype, np.float64)
            self.assertEqual(u2.dtype, np.int64)
            self.assertTrue(np.all(np.diff(t2) >= 0))
            self.assertTrue(np.all((u2 >= 0) & (u2 < 700)))
            f = frame_window(t2, u2, 25, 1.0)
            self.assertEqual(f.shape, (40, 140))
        np.testing.assert_array_equal(t, t0)
        np.testing.assert_array_equal(u, u0)

    def test_same_seed_same_result_other_seed_differs(self):
        t, u = utterance()
        aug = SpikeAugment(channel_shift=10, time_stretch=0.1, rate_db=12, noise_snr_db=(10, 30))
        a = aug(t, u, 700, np.random.default_rng(42))
        b = aug(t, u, 700, np.random.default_rng(42))
        c = aug(t, u, 700, np.random.default_rng(43))
        np.testing.assert_array_equal(a[0], b[0])
        np.testing.assert_array_equal(a[1], b[1])
        self.assertFalse(len(a[0]) == len(c[0]) and np.array_equal(a[0], c[0]))

    def test_channel_shift_moves_units_and_drops_those_leaving(self):
        t = np.array([0.1, 0.2, 0.3])
        u = np.array([0, 350, 699])
        shifts = []
        for seed in range(20):
            t2, u2 = SpikeAugment(channel_shift=5)(t, u, 700, np.random.default_rng(seed))
            mid = u2[np.nonzero(t2 == 0.2)[0][0]]
            self.assertLessEqual(abs(mid - 350), 5)
            shifts.append(mid - 350)
            self.assertEqual(len(t2), 1 + int(mid - 350 >= 0) + int(mid - 350 <= 0))  # an edge unit leaves
        self.assertGreater(len(set(shifts)), 3)

    def test_channel_stretch_scales_about_the_centre(self):
        u = np.array([149, 349, 549])
        t = np.array([0.1, 0.2, 0.3])
        for seed in range(10):
            _, u2 = SpikeAugment(channel_stretch=0.2)(t, u, 699, np.random.default_rng(seed))
            self.assertEqual(u2[1], 349)  # the centre is fixed
            self.assertEqual(u2[0] + u2[2], 698)  # symmetric about it
            self.assertLessEqual(abs(u2[2] - 349), 240)
            self.assertGreaterEqual(abs(u2[2] - 349), 160)

    def test_time_stretch_and_shift_ranges(self):
        t, u = utterance()
        for seed in range(10):
            t2, u2 = SpikeAugment(time_stretch=0.1)(t, u, 700, np.random.default_rng(seed))
            k = t2 / t
            self.assertTrue(np.allclose(k, k[0]) and 0.9 <= k[0] <= 1.1)
            np.testing.assert_array_equal(u2, u)
            t3, _ = SpikeAugment(time_shift_s=0.1)(t, u, 700, np.random.default_rng(seed))
            d = t3 - t
            self.assertTrue(np.allclose(d, d[0]) and abs(d[0]) <= 0.1)

    def test_gain_scales_the_spike_count_within_the_range(self):
        t, u = utterance(20000)
        ratios = []
        for seed in range(30):
            t2, u2 = SpikeAugment(rate_db=12)(t, u, 700, np.random.default_rng(seed))
            r = len(t2) / len(t)
            ratios.append(r)
            self.assertTrue(10 ** (-12 / 20) * 0.95 <= r <= 10 ** (12 / 20) * 1.05, r)
            self.assertTrue(set(zip(t2.tolist(), u2.tolist())) <= set(zip(t.tolist(), u.tolist())))
        self.assertLess(min(ratios), 0.7)
        self.assertGreater(max(ratios), 1.5)

    def test_equalizer_scales_each_region_by_its_interpolated_gain(self):
        rng0 = np.random.default_rng(0)
        t = np.sort(rng0.uniform(0.2, 0.6, 70000))
        u = np.repeat(np.arange(700), 100)[rng0.permutation(70000)]
        seen_up, seen_down = False, False
        for seed in range(8):
            aug = SpikeAugment(eq_db=6, eq_bands=2)
            t2, u2 = aug(t, u, 700, np.random.default_rng(seed))
            draws = np.random.default_rng(seed)
            draws.random()  # the per-utterance draw against p
            nodes = draws.uniform(-6, 6, 3)  # then the equalizer's node gains
            self.assertTrue(set(zip(t2.tolist(), u2.tolist())) <= set(zip(t.tolist(), u.tolist())))
            counts = np.bincount(u2, minlength=700)
            for unit, gain_db in ((0, nodes[0]), (349, None), (699, nodes[2])):
                band = slice(max(unit - 10, 0), unit + 11)
                expect = np.mean(10 ** (np.interp(np.arange(700)[band], [0, 349.5, 699], nodes) / 20)) * 100
                got = counts[band].mean()
                self.assertAlmostEqual(got / expect, 1.0, delta=0.12, msg=(seed, unit, gain_db))
            seen_up |= nodes.max() > 3
            seen_down |= nodes.min() < -3
        self.assertTrue(seen_up and seen_down)
        with self.assertRaisesRegex(ValueError, "eq_bands"):
            SpikeAugment(eq_db=6, eq_bands=0)
        with self.assertRaisesRegex(ValueError, "eq_db"):
            SpikeAugment(eq_db=-1)
        self.assertTrue(SpikeAugment(eq_db=1).active)

    def test_noise_count_follows_the_snr(self):
        t, u = utterance(20000)
        plain = dict(noise_offset_db=0.0, noise_db_per_decade=10.0, noise_unit_scale=0.0)
        for snr, expect in ((10, 0.1), (20, 0.01)):
            t2, u2 = SpikeAugment(noise_snr_db=(snr, snr), **plain)(t, u, 700, np.random.default_rng(3))
            added = len(t2) - len(t)
            self.assertAlmostEqual(added / len(t), expect, delta=expect * 0.15)
        # the default calibration: +62 %, +14 %, +2 % spikes at 10, 20, 30 dB, as measured on the cochlea
        for snr, expect in ((10, 0.62), (20, 0.138), (30, 0.021)):
            t2, _ = SpikeAugment(noise_snr_db=(snr, snr))(t, u, 700, np.random.default_rng(3))
            self.assertAlmostEqual((len(t2) - len(t)) / len(t), expect, delta=expect * 0.15)

    def test_noise_spans_the_recording_and_favours_high_units(self):
        t, u = utterance(20000)  # spikes between 0.2 and 0.6 s, units 100-599
        t2, u2 = SpikeAugment(noise_snr_db=(10, 10))(t, u, 700, np.random.default_rng(3))
        self.assertTrue(np.all((t2 >= 0) & (t2 <= t.max())))
        self.assertGreater(np.sum(t2 < 0.2), 1000)  # before the first spike: the recording starts at 0
        self.assertGreater(np.sum(u2 >= 600), 0.5 * (len(t2) - len(t)))
        self.assertLess(np.sum(u2 < 100), 0.01 * (len(t2) - len(t)))
        _, u3 = SpikeAugment(noise_snr_db=(10, 10), noise_unit_scale=0)(t, u, 700, np.random.default_rng(3))
        self.assertGreater(np.sum(u3 < 100), 0.1 * (len(u3) - len(u)))

    def test_bad_strengths_are_rejected_with_the_field_name(self):
        with self.assertRaisesRegex(ValueError, "channel_stretch"):
            SpikeAugment(channel_stretch=1.0)
        with self.assertRaisesRegex(ValueError, "rate_db"):
            SpikeAugment(rate_db=-1)
        with self.assertRaisesRegex(ValueError, "noise_snr_db"):
            SpikeAugment(noise_snr_db=(30, 10))
        with self.assertRaisesRegex(ValueError, "noise_db_per_decade"):
            SpikeAugment(noise_db_per_decade=0)
        with self.assertRaisesRegex(ValueError, r"SpikeAugment\.p"):
            SpikeAugment(p=1.5)

    def test_parse_snr_range(self):
        self.assertEqual(parse_snr_range("10,30"), (10.0, 30.0))
        self.assertEqual(parse_snr_range("20"), (20.0, 20.0))
        self.assertIsNone(parse_snr_range(None))
        with self.assertRaisesRegex(ValueError, "LOW,HIGH"):
            parse_snr_range("30,10")
        with self.assertRaisesRegex(ValueError, "LOW,HIGH"):
            parse_snr_range("a,b")


if __name__ == "__main__":
    unittest.main()
