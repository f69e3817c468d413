"""The integer forward pass's building blocks on the worked example of docs/fixed-point.md section 10.

The whole forward pass is compared with the Java simulator's golden vectors by check_intsim.py, run from the
Java test IntegerReferenceTest (it needs the quantized model that the Java quantizer writes).
"""

import os
import unittest

import torch

from spikescr import intsim
from tests.util import REPO


def ints(values):
    return torch.tensor(values, dtype=torch.int64)


class WorkedExampleTest(unittest.TestCase):
    def layer(self):
        # q = (2, -3, 7), beta = 3, theta = 20, A = 6, M = 8, G = 2
        return intsim.SynapticLayer(
            lif="l", weight=ints([[2, -3, 7]]), bias=ints([3]), threshold=ints([20]),
            acc_bits=6, membrane_bits=8, input_lo=0, input_hi=2,
        )  # fmt: skip

    def test_synaptic_layer_and_lif(self):
        layer = self.layer()
        x = ints([[1, 0, 0], [0, 1, 0], [0, 0, 0], [1, 0, 1], [2, 1, 0], [0, 2, 1], [0, 0, 1]])
        acc = intsim.pointwise(layer, x)
        self.assertEqual(acc[:, 0].tolist(), [2, -3, 0, 9, 1, 1, 7])
        xm, events = intsim.membrane_input(acc, layer, 2)
        self.assertEqual(events, 0)
        self.assertEqual(xm[:, 0].tolist(), [11, -9, 3, 39, 7, 7, 31])
        trace = intsim.lif(xm, layer.threshold, layer.membrane_bits)
        self.assertEqual(trace.spikes[:, 0].tolist(), [0, 0, 0, 1, 0, 0, 1])
        self.assertEqual(trace.membranes[:, 0].tolist(), [11, -3, 2, 0, 7, 11, 0])
        self.assertEqual(trace.saturation_events, 0)

    def test_leak_rounds_half_up(self):
        # V - asr(V, 1) keeps ceil(V / 2): 5 -> 3, -5 -> -2, 1 -> 1, -1 -> 0 (section 3.1)
        for v, kept in [(5, 3), (-5, -2), (1, 1), (-1, 0), (4, 2), (-4, -2)]:
            trace = intsim.lif(ints([[v], [0]]), 100, 16)
            self.assertEqual(int(trace.membranes[1, 0]), kept, f"V = {v}")

    def test_membrane_saturates_and_counts(self):
        trace = intsim.lif(ints([[200], [-300]]), 1000, 8)
        self.assertEqual(trace.membranes[:, 0].tolist(), [127, -128])
        self.assertEqual(trace.saturation_events, 2)

    def test_attention_lif(self):
        # G = 2, theta = 2^(G+2) = 16, Y = 3, 2, 6
        trace = intsim.lif(ints([[3], [2], [6]]) << 2, 16, 8)
        self.assertEqual(trace.membranes[:, 0].tolist(), [12, 14, 0])
        self.assertEqual(trace.spikes[:, 0].tolist(), [0, 0, 1])

    def test_rope_pairs(self):
        # F_R = 8: C = 256, S = 0 at p = 0; C = 138, S = 215 at p = 1; one head of two components
        cos = ints([[256], [138]])
        sin = ints([[0], [215]])
        spikes = ints([[1, 1], [1, 1]])
        self.assertEqual(intsim.rope(spikes, cos, sin, 1)[0].tolist(), [[256, 256], [-77, 353]])
        for pair, out in [([0, 0], [0, 0]), ([1, 0], [138, 215]), ([0, 1], [-215, 138])]:
            r = intsim.rope(ints([[0, 0], pair]), cos, sin, 1)
            self.assertEqual(r[0, 1].tolist(), out, f"pair {pair}")

    def test_lane_layouts(self):
        heads, steps, dh = 2, 3, 2
        r = torch.arange(heads * steps * dh, dtype=torch.int64).reshape(heads, steps, dh)
        time = intsim.second_lif_lanes(r, "time")
        self.assertEqual(time[1].tolist(), [2, 3, 8, 9])  # step 1: head 0 then head 1
        official = intsim.second_lif_lanes(r, "official")
        self.assertEqual(official.flatten().tolist(), r.flatten().tolist())  # the raw reshape
        for layout in ("time", "official"):
            lanes = intsim.second_lif_lanes(r, layout)
            self.assertTrue(torch.equal(intsim.heads_from_lanes(lanes, heads, layout), r))

    def test_readout(self):
        # 3 classes, L = 4, E_F = 4, P_F = 8, r = 2: E = (16, 6, 2, 1)
        z = ints([[5, 9, 8], [7, 3, 7]])
        p = intsim.readout_probabilities(z, ints([16, 6, 2, 1]), 2, 8)
        self.assertEqual(p.tolist(), [[40, 107, 107], [107, 40, 107]])
        scores = p.sum(dim=0)
        self.assertEqual(scores.tolist(), [147, 147, 214])
        self.assertEqual(intsim.predicted_class(scores), 2)
        self.assertEqual(intsim.predicted_class(ints([147, 214, 214])), 1)  # lowest index on ties

    def test_refuses_a_float_model(self):
        path = os.path.join(REPO, "models", "fsdd-student-t40.h5")
        with self.assertRaisesRegex(ValueError, "kind is 'float', expected 'quantized'"):
            intsim.load(path)


if __name__ == "__main__":
    unittest.main()
