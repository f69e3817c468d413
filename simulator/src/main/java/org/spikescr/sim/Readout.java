package org.spikescr.sim;

/** The authors' decoding: score[c] = sum over t of softmax_c(logits[t]); prediction = argmax. */
public final class Readout {
  private Readout() {}

  /** Sum over time of the per-step softmax, computed in double with the max subtracted. */
  public static double[] scores(double[][] logits) {
    int n = logits.length == 0 ? 0 : logits[0].length;
    double[] s = new double[n];
    double[] e = new double[n];
    for (double[] row : logits) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : row) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (int c = 0; c < n; c++) {
        e[c] = Math.exp(row[c] - max);
        sum += e[c];
      }
      for (int c = 0; c < n; c++) {
        s[c] += e[c] / sum;
      }
    }
    return s;
  }

  /** Index of the largest score; ties go to the lowest index. */
  public static int argmax(double[] scores) {
    int best = 0;
    for (int c = 1; c < scores.length; c++) {
      if (scores[c] > scores[best]) {
        best = c;
      }
    }
    return best;
  }
}
