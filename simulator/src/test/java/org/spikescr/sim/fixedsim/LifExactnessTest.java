package org.spikescr.sim.fixedsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikescr.fixed.SaturationCounter;

/**
 * The claims of {@code docs/fixed-point.md} 3.2 for the attention LIF, checked against the LIF in
 * exact arithmetic on the same integer inputs (doubles are exact here: every value is a dyadic
 * rational of fewer than 53 significant bits): exact for the first G+1 steps after each reset, and
 * within one membrane LSB always.
 */
class LifExactnessTest {

  @Test
  void integerAttentionLifTracksTheExactOne() {
    SplittableRandom r = new SplittableRandom(3);
    for (int g = 0; g <= 6; g++) {
      long theta = 1L << (g + 2);
      double lsb = Math.scalb(1.0, -(g + 2)); // one membrane unit in threshold-1 units
      for (int trial = 0; trial < 400; trial++) {
        int steps = 40;
        long[][] x = new long[steps][1];
        long[] y = new long[steps];
        for (int t = 0; t < steps; t++) {
          y[t] = r.nextInt(4) == 0 ? r.nextLong(0, 12) : 0;
          x[t][0] = y[t] << g;
        }
        FixedLif.LifRun run = FixedLif.run(x, new long[] {theta}, 40, new SaturationCounter("a"));
        double v = 0;
        int sinceReset = 0;
        boolean diverged = false;
        for (int t = 0; t < steps && !diverged; t++) {
          double h = (v - v / 2) + y[t] * 0.25;
          boolean fire = h >= 1.0;
          double hInt = run.charges()[t][0] * lsb;
          sinceReset++;
          if (sinceReset <= g + 1) {
            assertEquals(h, hInt, 0.0, "g=" + g + " t=" + t);
            assertEquals(fire ? 1 : 0, run.spikes()[t][0]);
          } else {
            assertTrue(Math.abs(h - hInt) < lsb, "g=" + g + " t=" + t);
            diverged = fire != (run.spikes()[t][0] == 1);
          }
          if (diverged) {
            break;
          }
          v = fire ? 0 : h;
          if (fire) {
            sinceReset = 0;
          }
        }
      }
    }
  }
}
