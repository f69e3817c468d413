package org.spikescr.sim.exact;

import org.spikescr.model.QkLayout;
import org.spikescr.quant.IntTensor;
import org.spikescr.quant.RopeTable;
import org.spikescr.sim.OpCounts;

/**
 * RoPE from the table, the lane/step layouts of the second query/key LIF, and the integer attention
 * product ({@code docs/fixed-point.md} section 5).
 */
final class IntAttention {
  private IntAttention() {}

  /**
   * Rotates binary spikes {@code [t][h*Dh + d]} with the table; returns raw RoPE outputs {@code
   * [h][t][d]} in the table's format.
   */
  static long[][][] rope(long[][] spikes, RopeTable table, int heads, int dh) {
    int steps = spikes.length;
    if (steps > table.positions()) {
      throw new IllegalArgumentException(
          "utterance of " + steps + " frames exceeds max_time_steps " + table.positions());
    }
    IntTensor cosT = table.cos();
    IntTensor sinT = table.sin();
    int half = dh / 2;
    long[][][] out = new long[heads][steps][dh];
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < half; j++) {
        long c = cosT.at(t * half + j);
        long s = sinT.at(t * half + j);
        for (int h = 0; h < heads; h++) {
          long x0 = spikes[t][h * dh + 2 * j];
          long x1 = spikes[t][h * dh + 2 * j + 1];
          long o0;
          long o1;
          if (x0 != 0 && x1 != 0) {
            o0 = c - s;
            o1 = c + s;
          } else if (x0 != 0) {
            o0 = c;
            o1 = s;
          } else if (x1 != 0) {
            o0 = -s;
            o1 = c;
          } else {
            o0 = 0;
            o1 = 0;
          }
          out[h][t][2 * j] = o0;
          out[h][t][2 * j + 1] = o1;
        }
      }
    }
    return out;
  }

  /** Lays {@code [h][t][d]} out as the second LIF's {@code [step][lane]} buffer. */
  static long[][] toLanes(long[][][] r, QkLayout layout) {
    int heads = r.length;
    int steps = r[0].length;
    int dh = r[0][0].length;
    int d = heads * dh;
    long[][] buffer = new long[steps][d];
    for (int h = 0; h < heads; h++) {
      for (int t = 0; t < steps; t++) {
        for (int j = 0; j < dh; j++) {
          if (layout == QkLayout.OFFICIAL) {
            int f = (h * steps + t) * dh + j;
            buffer[f / d][f % d] = r[h][t][j];
          } else {
            buffer[t][h * dh + j] = r[h][t][j];
          }
        }
      }
    }
    return buffer;
  }

  /** Reads the second LIF's {@code [step][lane]} spikes back as {@code [h][t][d]}. */
  static byte[][][] fromLanes(byte[][] s, QkLayout layout, int heads, int dh) {
    int steps = s.length;
    int d = heads * dh;
    byte[][][] out = new byte[heads][steps][dh];
    for (int h = 0; h < heads; h++) {
      for (int t = 0; t < steps; t++) {
        for (int j = 0; j < dh; j++) {
          if (layout == QkLayout.OFFICIAL) {
            int f = (h * steps + t) * dh + j;
            out[h][t][j] = s[f / d][f % d];
          } else {
            out[h][t][j] = s[t][h * dh + j];
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code Y = (Q AND K popcounts) V} per head in the linear order {@code Q (K^T V)}; returns
   * {@code [t][h*Dh + d]}, integers {@code 0 .. T*Dh}.
   */
  static long[][] product(byte[][][] q, byte[][][] k, long[][] v, int heads, OpCounts.Tally tally) {
    int steps = v.length;
    int dh = q[0][0].length;
    long[][] y = new long[steps][heads * dh];
    long work = 0;
    for (int h = 0; h < heads; h++) {
      long[][] m = new long[dh][dh];
      for (int j = 0; j < steps; j++) {
        for (int a = 0; a < dh; a++) {
          if (k[h][j][a] == 0) {
            continue;
          }
          for (int b = 0; b < dh; b++) {
            long vb = v[j][h * dh + b];
            if (vb != 0) {
              m[a][b] += vb;
              work++;
            }
          }
        }
      }
      for (int i = 0; i < steps; i++) {
        for (int a = 0; a < dh; a++) {
          if (q[h][i][a] == 0) {
            continue;
          }
          for (int b = 0; b < dh; b++) {
            y[i][h * dh + b] += m[a][b];
          }
          work += dh;
        }
      }
    }
    tally.attention(work);
    return y;
  }
}
