package org.spikescr.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FramingTest {
  private static Sample spikes(double[] t, int[] u) {
    return Sample.ofSpikes(0, 0, "", new SpikeEvents(t, u));
  }

  private static double total(double[][] f) {
    double s = 0;
    for (double[] row : f) {
      for (double v : row) {
        s += v;
      }
    }
    return s;
  }

  @Test
  void shdFramingStartsAtFirstSpikeAndPoolsFiveUnits() {
    // times 0.105 s .. 0.135 s: relative 0, 10, 20 (exact boundary), 30 ms; dt 10 -> ceil(30/10)=3
    Sample s =
        spikes(new double[] {0.105, 0.110, 0.115, 0.125, 0.135}, new int[] {0, 4, 5, 699, 10});
    double[][] f = Framing.frames(s, FramingSpec.shd(10));
    assertEquals(3, f.length);
    assertEquals(140, f[0].length);
    assertEquals(2, f[0][0], "units 0 and 4 pool into feature 0 (0 and 5 ms)");
    assertEquals(1, f[1][1], "unit 5 at 10 ms: exactly on the boundary, frame 1");
    assertEquals(1, f[2][139], "unit 699 at 20 ms lands in the last frame");
    assertEquals(1, f[2][2], "the spike at 30 ms (k = 3 >= n) goes to the last frame");
    assertEquals(5, total(f));
  }

  @Test
  void lastFrameTakesTheRest() {
    // 0, 9.9, 25 ms with dt 10: n = ceil(25/10) = 3; k = 0, 0, 2
    double[][] f =
        Framing.frames(
            spikes(new double[] {0, 0.0099, 0.025}, new int[] {0, 1, 2}), FramingSpec.shd(10));
    assertEquals(3, f.length);
    assertEquals(2, f[0][0]);
    assertEquals(0, total(new double[][] {f[1]}));
    assertEquals(1, f[2][0]);
    // an end spike exactly on a multiple of dt: 0 and 20 ms -> n = 2, k = 0 and 2 -> last frame
    double[][] g =
        Framing.frames(spikes(new double[] {0, 0.02}, new int[] {0, 9}), FramingSpec.shd(10));
    assertEquals(2, g.length);
    assertEquals(1, g[0][0]);
    assertEquals(1, g[1][1]);
  }

  @Test
  void singleSpikeAndSimultaneousSpikesGiveOneFrame() {
    double[][] f = Framing.frames(spikes(new double[] {0.5}, new int[] {42}), FramingSpec.shd(25));
    assertEquals(1, f.length);
    assertEquals(1, f[0][8]);
    double[][] g =
        Framing.frames(
            spikes(new double[] {0.3, 0.3, 0.3}, new int[] {1, 2, 699}), FramingSpec.shd(25));
    assertEquals(1, g.length);
    assertEquals(2, g[0][0]);
    assertEquals(1, g[0][139]);
  }

  @Test
  void floorDivisionMatchesNumpy() {
    assertEquals(9.0, Framing.floorDivide(1.0, 0.1), "numpy: 1.0 // 0.1 == 9.0");
    assertEquals(6.0, Framing.floorDivide(0.7, 0.1));
    assertEquals(3.0, Framing.floorDivide(30.0, 10.0));
    assertEquals(2.0, Framing.floorDivide(29.999999999999996, 10.0));
    assertEquals(0.0, Framing.floorDivide(0.0, 25.0));
    assertEquals(-1.0, Framing.floorDivide(-0.5, 10.0));
  }

  @Test
  void fixedWindowCountsFromZeroAndDropsLateSpikes() {
    Sample s =
        spikes(new double[] {0.0, 0.0099, 0.010, 0.9999, 1.0, 1.2}, new int[] {0, 1, 2, 3, 4, 5});
    double[][] f = Framing.frames(s, FramingSpec.fixedWindow(10, 1.0));
    assertEquals(100, f.length);
    assertEquals(140, f[0].length);
    assertEquals(2, f[0][0]);
    assertEquals(1, f[1][0], "10 ms is the start of frame 1");
    assertEquals(1, f[99][0]);
    assertEquals(4, total(f), "spikes at or after 1.0 s are dropped");
    assertEquals(40, Framing.frames(s, FramingSpec.fixedWindow(25, 1.0)).length);
  }

  @Test
  void fixedWindowDoesNotShiftToTheFirstSpike() {
    double[][] f =
        Framing.frames(
            spikes(new double[] {0.5}, new int[] {10}), FramingSpec.fixedWindow(25, 1.0));
    assertEquals(1, f[20][2]);
  }

  @Test
  void melFramesPassThrough() {
    Sample m = Sample.ofFrames(0, 0, "", new float[][] {{1, 2}, {3, 4}});
    double[][] f = Framing.frames(m, FramingSpec.shd(10));
    assertArrayEquals(new double[] {3, 4}, f[1]);
  }

  @Test
  void customChannelCountAndPool() {
    SpikeEvents e = new SpikeEvents(new double[] {0, 0.001}, new int[] {0, 9});
    double[][] f = Framing.frames(e, 10, new FramingSpec(1, 0, 1));
    assertEquals(1, f.length);
    assertEquals(10, f[0].length);
    assertThrows(
        IllegalArgumentException.class, () -> Framing.frames(e, 12, new FramingSpec(1, 0, 5)));
    assertThrows(IllegalArgumentException.class, () -> Framing.frames(e, 5, FramingSpec.shd(1)));
  }

  @Test
  void specValidation() {
    assertThrows(IllegalArgumentException.class, () -> FramingSpec.shd(0));
    assertThrows(IllegalArgumentException.class, () -> FramingSpec.fixedWindow(10, 0));
    assertThrows(IllegalArgumentException.class, () -> new FramingSpec(10, -1, 5));
    assertEquals(100, FramingSpec.fixedWindow(10, 1.0).windowFrames());
  }
}
