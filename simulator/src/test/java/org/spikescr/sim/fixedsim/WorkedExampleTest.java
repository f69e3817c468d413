package org.spikescr.sim.fixedsim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.spikescr.fixed.SaturationCounter;

/** Replays the integer parts of the worked example of {@code docs/fixed-point.md} section 10. */
class WorkedExampleTest {

  private static final int G = 2;

  @Test
  void lifChannelOfSection10() {
    long[] q = {2, -3, 7};
    long beta = 3;
    long theta = 20;
    long[][] x = {{1, 0, 0}, {0, 1, 0}, {0, 0, 0}, {1, 0, 1}, {2, 1, 0}, {0, 2, 1}, {0, 0, 1}};
    long[][] input = new long[x.length][1];
    long[] acc = new long[x.length];
    for (int t = 0; t < x.length; t++) {
      for (int i = 0; i < q.length; i++) {
        acc[t] += q[i] * x[t][i];
      }
      input[t][0] = (acc[t] << G) + beta;
    }
    assertArrayEquals(new long[] {2, -3, 0, 9, 1, 1, 7}, acc);
    SaturationCounter c = new SaturationCounter("example");
    FixedLif.LifRun run = FixedLif.run(input, new long[] {theta}, 8, c);
    assertArrayEquals(new long[] {11, -3, 2, 40, 7, 11, 37}, column(run.charges()));
    assertArrayEquals(new long[] {11, -3, 2, 0, 7, 11, 0}, column(run.membranes()));
    assertArrayEquals(new long[] {0, 0, 0, 1, 0, 0, 1}, column(run.spikes()));
    assertEquals(0, c.events());
    assertEquals(7, c.casts());
  }

  /**
   * The same channel through the code the simulator runs: the quantized layer record, the
   * event-driven synapse and the LIF state it feeds (fused path, and the path that also hands out
   * X).
   */
  @Test
  void lifChannelOfSection10ThroughTheSimulatorsLayerPath() {
    org.spikescr.model.quantized.SynapticLayer layer =
        new org.spikescr.model.quantized.SynapticLayer(
            "example",
            "example_lif",
            new org.spikescr.model.quantized.IntTensor(new int[] {1, 3}, new int[] {2, -3, 7}),
            new long[] {3},
            new long[] {20},
            new double[] {0.2},
            0,
            2,
            6,
            8);
    FixedSynapse syn = FixedSynapse.linear(layer);
    int[] x = {1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 2, 1, 0, 0, 2, 1, 0, 0, 1};
    for (boolean handOutX : new boolean[] {false, true}) {
      SaturationCounter c = new SaturationCounter("example");
      FixedLif.State s = new FixedLif.State(new long[] {20}, 8, 7, c, true);
      long[] xAll = handOutX ? new long[7] : null;
      syn.run(
          LayerInput.counts(x, 7, 2, null), G, c, new org.spikescr.sim.OpCounts.Tally(), s, xAll);
      s.finish();
      assertArrayEquals(new long[] {11, -9, 3, 39, 7, 7, 31}, s.inputs, "X = 4 acc + 3");
      assertArrayEquals(new long[] {11, -3, 2, 0, 7, 11, 0}, s.membranes);
      assertArrayEquals(new int[] {0, 0, 0, 1, 0, 0, 1}, s.spikes);
      assertEquals(0, c.events());
      if (handOutX) {
        assertArrayEquals(new long[] {11, -9, 3, 39, 7, 7, 31}, xAll);
      }
    }
  }

  @Test
  void leakExamplesOfSection31() {
    assertEquals(3, FixedLif.charge(5, 0));
    assertEquals(-2, FixedLif.charge(-5, 0));
    assertEquals(1, FixedLif.charge(1, 0));
    assertEquals(0, FixedLif.charge(-1, 0));
    assertEquals(2, FixedLif.charge(4, 0));
    assertEquals(-2, FixedLif.charge(-4, 0));
  }

  @Test
  void attentionLifOfSection10() {
    long[][] y = {{3}, {2}, {6}};
    long[][] input = new long[3][1];
    for (int t = 0; t < 3; t++) {
      input[t][0] = y[t][0] << G;
    }
    FixedLif.LifRun run =
        FixedLif.run(input, new long[] {1L << (G + 2)}, 12, new SaturationCounter("attn"));
    assertArrayEquals(new long[] {12, 14, 31}, column(run.charges()));
    assertArrayEquals(new long[] {0, 0, 1}, column(run.spikes()));
  }

  @Test
  void readoutOfSection10() {
    FixedReadout r = new FixedReadout(new long[] {16, 6, 2, 1}, 4, 2, 8);
    assertArrayEquals(new long[] {40, 107, 107}, r.probabilities(new long[] {5, 9, 8}));
    assertArrayEquals(new long[] {107, 40, 107}, r.probabilities(new long[] {7, 3, 7}));
    long[] scores = r.scores(new long[][] {{5, 9, 8}, {7, 3, 7}});
    assertArrayEquals(new long[] {147, 147, 214}, scores);
    assertEquals(2, FixedReadout.argmax(scores));
    assertEquals(1, FixedReadout.argmax(new long[] {147, 214, 214}));
  }

  @Test
  void saturationIsCountedWhenTheMembraneIsTooNarrow() {
    SaturationCounter c = new SaturationCounter("narrow");
    FixedLif.LifRun run = FixedLif.run(new long[][] {{100}, {-100}}, new long[] {1000}, 7, c);
    assertArrayEquals(new long[] {63, -64}, column(run.charges()));
    assertEquals(2, c.events());
  }

  private static long[] column(long[][] a) {
    long[] out = new long[a.length];
    for (int t = 0; t < a.length; t++) {
      out[t] = a[t][0];
    }
    return out;
  }

  private static long[] column(byte[][] a) {
    long[] out = new long[a.length];
    for (int t = 0; t < a.length; t++) {
      out[t] = a[t][0];
    }
    return out;
  }
}
