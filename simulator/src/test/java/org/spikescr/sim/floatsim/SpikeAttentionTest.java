package org.spikescr.sim.floatsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikescr.sim.OpCounts;

class SpikeAttentionTest {
  @Test
  void linearOrderEqualsScoresThenValuesExactly() {
    SplittableRandom r = new SplittableRandom(11);
    int heads = 3;
    int dh = 4;
    int steps = 9;
    byte[][][] q = new byte[heads][steps][dh];
    byte[][][] k = new byte[heads][steps][dh];
    double[][] v = new double[steps][heads * dh];
    for (int h = 0; h < heads; h++) {
      for (int t = 0; t < steps; t++) {
        for (int d = 0; d < dh; d++) {
          q[h][t][d] = (byte) (r.nextDouble() < 0.4 ? 1 : 0);
          k[h][t][d] = (byte) (r.nextDouble() < 0.4 ? 1 : 0);
          v[t][h * dh + d] = r.nextDouble() < 0.4 ? 1 : 0;
        }
      }
    }
    double[][] y = SpikeAttention.scaledProduct(q, k, v, heads, new OpCounts.Tally());
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < steps; i++) {
        for (int d = 0; d < dh; d++) {
          long sum = 0;
          for (int j = 0; j < steps; j++) {
            long a = 0;
            for (int e = 0; e < dh; e++) {
              a += q[h][i][e] * k[h][j][e];
            }
            sum += a * (long) v[j][h * dh + d];
          }
          assertEquals(sum * 0.25, y[i][h * dh + d]);
        }
      }
    }
  }
}
