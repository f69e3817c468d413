package org.spikescr.sim.floatsim;

import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;
import org.spikescr.sim.OpCounts;

/**
 * A Linear layer (or a kernel-1 Conv1d) {@code y = x W^T + b}, evaluated event-driven: only
 * non-zero inputs do work. Weights are held transposed, one row of {@code out} values per input.
 */
final class Dense {
  final int in;
  final int out;
  private final double[] weightsByInput;
  private final double[] bias;

  private Dense(int in, int out, double[] weightsByInput, double[] bias) {
    this.in = in;
    this.out = out;
    this.weightsByInput = weightsByInput;
    this.bias = bias;
  }

  /**
   * Reads {@code prefix.weight} ((out, in) or (out, in, 1)) and, when asked, {@code prefix.bias}.
   */
  static Dense of(SpikeScrModel m, String prefix, boolean hasBias) {
    Tensor w = m.tensor(prefix + ".weight");
    int out = w.dim(0);
    int in = w.dim(1);
    double[] t = new double[in * out];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        t[i * out + o] = w.at(o * in + i);
      }
    }
    double[] b = new double[out];
    if (hasBias) {
      Tensor bt = m.tensor(prefix + ".bias");
      for (int o = 0; o < out; o++) {
        b[o] = bt.at(o);
      }
    }
    return new Dense(in, out, t, b);
  }

  /** Applies the layer to rows {@code [T][in]}; integer-valued inputs cost accumulates. */
  double[][] apply(double[][] x, OpCounts.Tally tally) {
    double[][] y = new double[x.length][];
    long events = 0;
    for (int t = 0; t < x.length; t++) {
      double[] row = bias.clone();
      double[] xt = x[t];
      for (int i = 0; i < in; i++) {
        double v = xt[i];
        if (v != 0) {
          events++;
          int base = i * out;
          if (v == 1.0) {
            for (int o = 0; o < out; o++) {
              row[o] += weightsByInput[base + o];
            }
          } else {
            for (int o = 0; o < out; o++) {
              row[o] += v * weightsByInput[base + o];
            }
          }
        }
      }
      y[t] = row;
    }
    tally.accumulates(events * out);
    return y;
  }
}
