package org.spikescr.sim.fixedsim;

/**
 * The weights of a pointwise layer or of the embedding laid out for event-driven accumulation: one
 * array of output weights per input row (a separate array per row lets the JIT vectorize the row
 * additions, which it does not do across offsets into one shared array).
 */
final class WeightRows {
  private final int[][] rows;
  private final int out;

  private WeightRows(int[][] rows, int out) {
    this.rows = rows;
    this.out = out;
  }

  /** The rows of weights stored output-major, {@code w[o * in + r]}: row {@code r} is column r. */
  static WeightRows transposed(int[] w, int out, int in) {
    int[][] rows = new int[in][out];
    for (int o = 0; o < out; o++) {
      for (int r = 0; r < in; r++) {
        rows[r][o] = w[o * in + r];
      }
    }
    return new WeightRows(rows, out);
  }

  /**
   * Adds {@code value[e] * row(index[e])} for {@code from <= e < from + count} into {@code acc},
   * four rows per pass. The caller has proven that every final sum fits 32 bits (int arithmetic
   * wraps modulo 2^32, so the final sums are exact whatever the order and the partial sums).
   */
  void add(int[] acc, int[] index, int[] value, int from, int count) {
    int e = from;
    int n = from + count;
    for (; e + 4 <= n; e += 4) {
      add4(acc, index, value, e);
    }
    for (; e < n; e++) {
      int[] w0 = rows[index[e]];
      int v0 = value[e];
      for (int o = 0; o < out; o++) {
        acc[o] += w0[o] * v0;
      }
    }
  }

  private void add4(int[] acc, int[] index, int[] value, int e) {
    int[] w0 = rows[index[e]];
    int[] w1 = rows[index[e + 1]];
    int[] w2 = rows[index[e + 2]];
    int[] w3 = rows[index[e + 3]];
    int v0 = value[e];
    int v1 = value[e + 1];
    int v2 = value[e + 2];
    int v3 = value[e + 3];
    int m = out;
    if (((v0 ^ 1) | (v1 ^ 1) | (v2 ^ 1) | (v3 ^ 1)) == 0) {
      // four spikes: additions only
      for (int o = 0; o < m; o++) {
        acc[o] += w0[o] + w1[o] + w2[o] + w3[o];
      }
    } else {
      for (int o = 0; o < m; o++) {
        acc[o] += w0[o] * v0 + w1[o] * v1 + w2[o] * v2 + w3[o] * v3;
      }
    }
  }

  /** Adds {@code v * row(r)} into {@code acc} in 64-bit arithmetic. */
  void add(long[] acc, int r, int v) {
    int[] w = rows[r];
    for (int o = 0; o < out; o++) {
      acc[o] += (long) w[o] * v;
    }
  }
}
