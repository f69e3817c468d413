package org.spikescr.sim.exact;

import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.FixedMath;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.quant.IntTensor;
import org.spikescr.quant.SynapticLayer;
import org.spikescr.sim.OpCounts;

/**
 * The synaptic layers of {@code docs/fixed-point.md} section 4: an exact integer accumulation per
 * output channel and step, cast to the accumulator width (SAT, counted), then scaled to membrane
 * units and biased: {@code X = acc * 2^G + beta}. Operations are counted as the float simulator
 * counts them.
 */
final class IntSynapse {
  private IntSynapse() {}

  /**
   * A Linear layer (weight {@code (out, in)}) on inputs {@code [t][in]}; returns {@code [t][out]}.
   * Each non-zero input costs one accumulate per output.
   */
  static long[][] linear(
      SynapticLayer l, long[][] x, int g, SaturationCounter counter, OpCounts.Tally tally) {
    IntTensor w = l.weight();
    int out = w.dim(0);
    int in = w.dim(1);
    long[] byInput = byInput(w, out, in);
    int steps = x.length;
    long[][] acc = new long[steps][out];
    long events = 0;
    for (int t = 0; t < steps; t++) {
      long[] xt = x[t];
      long[] at = acc[t];
      for (int i = 0; i < in; i++) {
        long v = xt[i];
        if (v == 0) {
          continue;
        }
        events++;
        int base = i * out;
        for (int o = 0; o < out; o++) {
          at[o] += byInput[base + o] * v;
        }
      }
    }
    tally.accumulates(events * out);
    return finish(l, acc, g, counter);
  }

  /**
   * The embedding Conv1d (weight {@code (D, C_in, 3)}, padding 1, cross-correlation) on raw inputs
   * {@code [t][C_in]}. Spike counts cost an accumulate per output for each non-zero input and tap;
   * real (mel) inputs cost a multiply-accumulate for every input and tap, as in the float model.
   */
  static long[][] embed(
      SynapticLayer l,
      long[][] x,
      boolean real,
      int g,
      SaturationCounter counter,
      OpCounts.Tally tally) {
    IntTensor w = l.weight();
    int out = w.dim(0);
    int cin = w.dim(1);
    long[] byInput = byInput(w, out, cin * 3);
    int steps = x.length;
    long[][] acc = new long[steps][out];
    long work = 0;
    for (int ts = 0; ts < steps; ts++) {
      for (int c = 0; c < cin; c++) {
        long v = x[ts][c];
        if (v == 0 && !real) {
          continue;
        }
        for (int k = 0; k < 3; k++) {
          int t = ts - k + 1;
          if (t < 0 || t >= steps) {
            continue;
          }
          long[] at = acc[t];
          int base = (c * 3 + k) * out;
          for (int o = 0; o < out; o++) {
            at[o] += byInput[base + o] * v;
          }
          work += out;
        }
      }
    }
    if (real) {
      tally.multiplyAccumulates(work);
    } else {
      tally.accumulates(work);
    }
    return finish(l, acc, g, counter);
  }

  /**
   * The depthwise Conv1d (weight {@code (D, K)}, padding (K-1)/2) on spikes {@code [t][D]}; each
   * spike costs one accumulate per tap that lands inside the utterance.
   */
  static long[][] depthwise(
      SynapticLayer l, long[][] x, int g, SaturationCounter counter, OpCounts.Tally tally) {
    IntTensor w = l.weight();
    int d = w.dim(0);
    int kernel = w.dim(1);
    int pad = (kernel - 1) / 2;
    int steps = x.length;
    long[][] acc = new long[steps][d];
    long work = 0;
    for (int ts = 0; ts < steps; ts++) {
      for (int c = 0; c < d; c++) {
        long v = x[ts][c];
        if (v == 0) {
          continue;
        }
        for (int k = 0; k < kernel; k++) {
          int t = ts - k + pad;
          if (t >= 0 && t < steps) {
            acc[t][c] += w.at(c * kernel + k) * v;
            work++;
          }
        }
      }
    }
    tally.accumulates(work);
    return finish(l, acc, g, counter);
  }

  /** Weights reordered input-major, {@code [in][out]}, for row-wise accumulation. */
  private static long[] byInput(IntTensor w, int out, int in) {
    long[] t = new long[in * out];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        t[i * out + o] = w.at(o * in + i);
      }
    }
    return t;
  }

  /** Casts every accumulator to A bits and converts it to the LIF input in membrane units. */
  private static long[][] finish(SynapticLayer l, long[][] acc, int g, SaturationCounter counter) {
    FixedFormat wide = FixedFormat.signedInt(FixedFormat.MAX_TOTAL_BITS);
    FixedFormat accFormat = FixedFormat.signedInt(l.accBits());
    long[] bias = l.bias();
    for (long[] row : acc) {
      for (int o = 0; o < row.length; o++) {
        long a = FixedMath.cast(row[o], wide, accFormat, Quantization.TRN, Overflow.SAT, counter);
        row[o] = (a << g) + bias[o];
      }
    }
    return acc;
  }
}
