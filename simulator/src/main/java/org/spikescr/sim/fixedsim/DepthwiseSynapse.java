package org.spikescr.sim.fixedsim;

import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.sim.OpCounts;

/**
 * The fast path of the depthwise temporal convolution, weight {@code (D, K)}, same padding {@code
 * (K-1)/2}: each spike of channel c at step {@code ts} adds {@code q[c, k]} to the sum of channel c
 * at step {@code ts - k + (K-1)/2} for every tap k that lands inside the utterance ({@link
 * FixedSynapseReference#depthwiseConv} is the plain form). Each such tap costs one accumulate.
 */
final class DepthwiseSynapse extends FixedSynapse {
  private final int kernel;
  private final int pad;

  /** {@code [c * K + k]} as stored. */
  private final int[] w;

  DepthwiseSynapse(SynapticLayer l) {
    super(l);
    this.kernel = l.weight().dim(1);
    this.pad = (kernel - 1) / 2;
    this.w = l.weight().data();
  }

  @Override
  void accumulate(LayerInput x, boolean small, AccumulatorSink sink, OpCounts.Tally tally) {
    tally.accumulates(small ? sums32(x, sink) : sums64(x, sink));
  }

  /** 32-bit sums of every step; returns the work. */
  private long sums32(LayerInput x, AccumulatorSink sink) {
    int steps = x.steps;
    int[] v = x.values;
    int[] acc = new int[steps * out];
    int[] nz = new int[out];
    long work = 0;
    for (int ts = 0; ts < steps; ts++) {
      int base = ts * out;
      int n = StepEvents.nonZero(v, base, out, nz);
      int kLo = firstTap(ts, steps);
      int kHi = lastTap(ts);
      work += (long) n * (kHi - kLo + 1);
      for (int e = 0; e < n; e++) {
        int c = nz[e];
        int value = v[base + c];
        int wBase = c * kernel;
        for (int k = kLo; k <= kHi; k++) {
          acc[(ts - k + pad) * out + c] += w[wBase + k] * value;
        }
      }
    }
    for (int t = 0; t < steps; t++) {
      sink.row(acc, t * out, t);
    }
    return work;
  }

  /** 64-bit sums of every step; returns the work. */
  private long sums64(LayerInput x, AccumulatorSink sink) {
    int steps = x.steps;
    int[] v = x.values;
    long[] acc = new long[steps * out];
    int[] nz = new int[out];
    long work = 0;
    for (int ts = 0; ts < steps; ts++) {
      int base = ts * out;
      int n = StepEvents.nonZero(v, base, out, nz);
      int kLo = firstTap(ts, steps);
      int kHi = lastTap(ts);
      work += (long) n * (kHi - kLo + 1);
      for (int e = 0; e < n; e++) {
        int c = nz[e];
        int value = v[base + c];
        int wBase = c * kernel;
        for (int k = kLo; k <= kHi; k++) {
          acc[(ts - k + pad) * out + c] += (long) w[wBase + k] * value;
        }
      }
    }
    for (int t = 0; t < steps; t++) {
      sink.row(acc, t * out, t);
    }
    return work;
  }

  /**
   * The first tap of an input at step {@code ts} that lands inside the utterance ({@code ts - k +
   * pad <= steps - 1}); never above {@link #lastTap}, since {@code 0 <= ts <= steps - 1}.
   */
  private int firstTap(int ts, int steps) {
    return Math.max(0, ts + pad - (steps - 1));
  }

  /** The last tap of an input at step {@code ts} that lands inside the utterance. */
  private int lastTap(int ts) {
    return Math.min(kernel - 1, ts + pad);
  }
}
