package org.spikescr.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.SynapticLayer;

/** Folding and per-channel quantization, starting with the worked example of the contract. */
class ChannelQuantizerTest {

  private static QuantSettings settings(int n, int g, int span) {
    return new QuantSettings(n, g, span, 40, FixedFormat.unsignedInt(8), 8, 256, 15, 16);
  }

  @Test
  void workedExampleOfSection10() {
    FoldedLayer f =
        FoldedLayer.fold(
            new double[] {0.165, -0.26, 0.70},
            new double[] {0.2},
            new double[] {1.0},
            new double[] {-0.05},
            new double[] {0.1},
            new double[] {0.25 - 1e-5});
    assertArrayEquals(new double[] {0.33, -0.52, 1.40}, f.weight(), 1e-12);
    assertArrayEquals(new double[] {0.15}, f.bias(), 1e-12);
    SynapticLayer l =
        ChannelQuantizer.quantize(
            "example", "example.lif", f, new int[] {1, 3}, 1.0, 0, 2, settings(4, 2, 4));
    assertArrayEquals(new int[] {2, -3, 7}, l.weight().data());
    assertArrayEquals(new long[] {20}, l.threshold());
    assertArrayEquals(new long[] {3}, l.bias());
    assertEquals(0.2, l.scale()[0], 1e-12);
    assertEquals(6, l.accBits());
    assertEquals(8, l.membraneBits());
  }

  @Test
  void weakChannelsAreLimitedByTheScaleSpan() {
    // channel 0 strong (max 4.0), channel 1 weak (max 0.01): with S = 2 its scale is floored at
    // 4.0 / 4 / qmax, so its threshold is at most 4x the strong channel's.
    FoldedLayer f =
        new FoldedLayer(2, 2, new double[] {4.0, -1.0, 0.01, 0.005}, new double[] {0, 0});
    SynapticLayer l =
        ChannelQuantizer.quantize(
            "weak", "weak.lif", f, new int[] {2, 2}, 1.0, 0, 1, settings(8, 0, 2));
    long[] theta = l.threshold();
    assertEquals(32, theta[0]); // 127 / 4 = 31.75
    assertEquals(127, theta[1]);
    assertArrayEquals(new int[] {127, -32, 1, 1}, l.weight().data());
  }

  @Test
  void allZeroLayerUsesUnitScale() {
    FoldedLayer f = new FoldedLayer(1, 2, new double[] {0, 0}, new double[] {0.5});
    SynapticLayer l =
        ChannelQuantizer.quantize(
            "zero", "zero.lif", f, new int[] {1, 2}, 1.0, 0, 1, settings(8, 4, 4));
    assertArrayEquals(new long[] {16 * 127}, l.threshold());
    assertArrayEquals(new long[] {8 * 127}, l.bias());
    assertArrayEquals(new int[] {0, 0}, l.weight().data());
  }

  @Test
  void chargeRangeMatchesSection33() {
    assertArrayEquals(new long[] {-42, 85}, ChannelQuantizer.chargeRange(-21, 75, 20));
    assertArrayEquals(new long[] {0, 16}, ChannelQuantizer.chargeRange(0, 0, 16));
    assertEquals(8, ChannelQuantizer.membraneBits(-21, 75, 20));
  }
}
