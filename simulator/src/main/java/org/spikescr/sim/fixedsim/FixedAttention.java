package org.spikescr.sim.fixedsim;

import org.spikescr.model.QkLayout;
import org.spikescr.model.quantized.RopeTable;
import org.spikescr.sim.OpCounts;

/**
 * RoPE from the table, the lane/step layouts of the second query/key LIF, and the integer attention
 * product ({@code docs/fixed-point.md} section 5).
 *
 * <p>All buffers are row-major {@code [step * D + lane]}. The second LIF's buffer holds the rotated
 * value of head {@code h}, step {@code t}, component {@code j} at {@link #lane}: in the {@code
 * time} layout that is {@code [t][h*Dh + j]}; in the {@code official} layout the raw reshape of
 * {@code [h][t][j]}, whose flat index is {@code (h*T + t)*Dh + j}.
 */
public final class FixedAttention {
  private final int heads;
  private final int dh;
  private final int half;
  private final boolean official;
  private final int positions;
  private final int[] cos;
  private final int[] sin;

  /** Prepares one block's attention: the table as arrays. */
  public FixedAttention(RopeTable table, int heads, int dh, QkLayout layout) {
    this.heads = heads;
    this.dh = dh;
    this.half = dh / 2;
    this.official = layout == QkLayout.OFFICIAL;
    this.positions = table.positions();
    this.cos = table.cos().data();
    this.sin = table.sin().data();
  }

  /** Flat index of component 0 of head {@code h} at step {@code t} in the second LIF's buffer. */
  public int lane(int h, int t, int steps) {
    return official ? (h * steps + t) * dh : t * heads * dh + h * dh;
  }

  /**
   * Rotates binary spikes {@code [t][h*Dh + d]} with the table and lays the raw RoPE outputs out as
   * the second LIF's input buffer, scaled to membrane units ({@code * 2^G}).
   */
  public long[] ropeLanes(int[] spikes, int steps, int g) {
    if (steps > positions) {
      throw new IllegalArgumentException(
          "utterance of " + steps + " frames exceeds max_time_steps " + positions);
    }
    int d = heads * dh;
    long[] out = new long[steps * d];
    for (int t = 0; t < steps; t++) {
      int row = t * d;
      for (int h = 0; h < heads; h++) {
        int src = row + h * dh;
        int dst = lane(h, t, steps);
        for (int j = 0; j < half; j++) {
          int x0 = spikes[src + 2 * j];
          int x1 = spikes[src + 2 * j + 1];
          if ((x0 | x1) == 0) {
            continue;
          }
          long c = cos[t * half + j];
          long s = sin[t * half + j];
          long o0;
          long o1;
          if (x0 != 0 && x1 != 0) {
            o0 = c - s;
            o1 = c + s;
          } else if (x0 != 0) {
            o0 = c;
            o1 = s;
          } else {
            o0 = -s;
            o1 = c;
          }
          out[dst + 2 * j] = o0 << g;
          out[dst + 2 * j + 1] = o1 << g;
        }
      }
    }
    return out;
  }

  /**
   * {@code Y = (Q AND K popcounts) V} per head in the linear order {@code Q (K^T V)}; {@code q} and
   * {@code k} are the second LIFs' spike buffers, {@code v} the value spikes {@code [t][D]};
   * returns {@code [t][h*Dh + d]}, integers {@code 0 .. T*Dh}.
   */
  public long[] product(int[] q, int[] k, int[] v, int steps, OpCounts.Tally tally) {
    int d = heads * dh;
    long[] y = new long[steps * d];
    long[] m = new long[dh * dh];
    int[] nz = new int[dh];
    long work = 0;
    for (int h = 0; h < heads; h++) {
      java.util.Arrays.fill(m, 0);
      for (int j = 0; j < steps; j++) {
        int vb = j * d + h * dh;
        int n = StepEvents.nonZero(v, vb, dh, nz);
        if (n == 0) {
          continue;
        }
        int kb = lane(h, j, steps);
        for (int a = 0; a < dh; a++) {
          if (k[kb + a] == 0) {
            continue;
          }
          int mb = a * dh;
          for (int e = 0; e < n; e++) {
            int b = nz[e];
            m[mb + b] += v[vb + b];
          }
          work += n;
        }
      }
      for (int i = 0; i < steps; i++) {
        int qb = lane(h, i, steps);
        int yb = i * d + h * dh;
        for (int a = 0; a < dh; a++) {
          if (q[qb + a] == 0) {
            continue;
          }
          int mb = a * dh;
          for (int b = 0; b < dh; b++) {
            y[yb + b] += m[mb + b];
          }
          work += dh;
        }
      }
    }
    tally.attention(work);
    return y;
  }
}
