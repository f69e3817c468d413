package org.spikescr.sim.floatsim;

import org.spikescr.model.ModelConfig;
import org.spikescr.sim.OpCounts;

/**
 * Spiking self-attention without softmax: {@code Y = (Q K^T) V * 1/4} per head, computed in the
 * exact linear-attention order {@code Q (K^T V)} on integers (SPIKESCR.md 1.5).
 */
final class SpikeAttention {
  private SpikeAttention() {}

  /**
   * The scaled linear-attention product {@code Q (K^T V)} per head, counting its accumulates.
   *
   * @param q query spikes {@code [h][t][d]}
   * @param k key spikes {@code [h][t][d]}
   * @param v value spikes {@code [t][h*Dh + d]}
   * @return the scaled product as the attention LIF's input {@code [t][h*Dh + d]}
   */
  static double[][] scaledProduct(
      byte[][][] q, byte[][][] k, double[][] v, int heads, OpCounts.Tally tally) {
    int steps = v.length;
    int dh = q[0][0].length;
    double[][] y = new double[steps][heads * dh];
    long work = 0;
    for (int h = 0; h < heads; h++) {
      long[][] m = new long[dh][dh];
      for (int j = 0; j < steps; j++) {
        for (int a = 0; a < dh; a++) {
          if (k[h][j][a] == 0) {
            continue;
          }
          for (int b = 0; b < dh; b++) {
            if (v[j][h * dh + b] != 0) {
              m[a][b]++;
              work++;
            }
          }
        }
      }
      for (int i = 0; i < steps; i++) {
        long[] acc = new long[dh];
        for (int a = 0; a < dh; a++) {
          if (q[h][i][a] == 0) {
            continue;
          }
          for (int b = 0; b < dh; b++) {
            acc[b] += m[a][b];
          }
          work += dh;
        }
        for (int b = 0; b < dh; b++) {
          y[i][h * dh + b] = acc[b] * ModelConfig.ATTENTION_SCALE;
        }
      }
    }
    tally.attention(work);
    return y;
  }
}
