package org.spikescr.sim.floatsim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.LayerTrace;
import org.spikescr.sim.OpCounts;

class LifTest {
  @Test
  void chargesLeaksFiresOnThresholdAndResetsToZero() {
    // X: 0.6, 0.6 -> H = 0.6, then 0.3 + 0.6 = 0.9 (no spike), then 0.45 + 0.55 = 1.0 (spike, >=),
    // then 0 + (-0.4) = -0.4, then -0.2 + 1.2 = 1.0 (spike).
    double[][] x = {{0.6}, {0.6}, {0.55}, {-0.4}, {1.2}};
    Map<String, LayerTrace> traces = new LinkedHashMap<>();
    OpCounts.Tally tally = new OpCounts.Tally();
    double[][] s = Lif.run("l", x, FloatPrecision.DOUBLE, tally, traces);
    assertArrayEquals(new double[] {0, 0, 1, 0, 1}, column(s));
    assertArrayEquals(
        new double[] {0.6, 0.8999999999999999, 0, -0.4, 0},
        column(traces.get("l").membrane()),
        1e-15);
    assertEquals(2L, tally.build(5).spikes().get("l"));
    assertEquals(5L, tally.build(5).neuronSteps().get("l"));
  }

  @Test
  void float32ModeRoundsTheInputAndTheUpdate() {
    // 0.99999999 rounds to 1.0f in float32 and fires; in double it does not.
    double[][] x = {{0.99999999}};
    OpCounts.Tally t = new OpCounts.Tally();
    assertEquals(1.0, Lif.run("a", x, FloatPrecision.FLOAT32, t, null)[0][0]);
    assertEquals(0.0, Lif.run("b", x, FloatPrecision.DOUBLE, t, null)[0][0]);
  }

  private static double[] column(double[][] m) {
    double[] c = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i][0];
    }
    return c;
  }
}
