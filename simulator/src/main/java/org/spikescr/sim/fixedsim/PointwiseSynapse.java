package org.spikescr.sim.fixedsim;

import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.sim.OpCounts;

/**
 * The fast path of a pointwise layer (Linear or kernel-1 convolution), weight {@code (out, in)}:
 * for each non-zero input, its row of output weights times its value is added into the step's sums
 * ({@link FixedSynapseReference#accumulate} is the plain form). Each non-zero input costs one
 * accumulate per output, whatever its value.
 */
final class PointwiseSynapse extends FixedSynapse {
  private final int in;
  private final WeightRows rows;

  PointwiseSynapse(SynapticLayer l) {
    super(l);
    this.in = l.weight().dim(1);
    this.rows = WeightRows.transposed(l.weight().data(), out, in);
  }

  @Override
  void accumulate(LayerInput x, boolean small, AccumulatorSink sink, OpCounts.Tally tally) {
    long events = small ? sums32(x, sink) : sums64(x, sink);
    tally.accumulates(events * out);
  }

  /** 32-bit sums over the events of each step; returns the number of non-zero inputs. */
  private long sums32(LayerInput x, AccumulatorSink sink) {
    StepEvents ev = x.events(in);
    int[] acc = new int[out];
    for (int t = 0; t < x.steps; t++) {
      int from = ev.start[t];
      java.util.Arrays.fill(acc, 0);
      rows.add(acc, ev.index, ev.value, from, ev.start[t + 1] - from);
      sink.row(acc, 0, t);
    }
    return ev.start[x.steps];
  }

  /** 64-bit sums; returns the number of non-zero inputs. */
  private long sums64(LayerInput x, AccumulatorSink sink) {
    int[] v = x.values;
    int[] nz = new int[in];
    long[] acc = new long[out];
    long events = 0;
    for (int t = 0; t < x.steps; t++) {
      int base = t * in;
      int n = StepEvents.nonZero(v, base, in, nz);
      events += n;
      java.util.Arrays.fill(acc, 0);
      for (int e = 0; e < n; e++) {
        rows.add(acc, nz[e], v[base + nz[e]]);
      }
      sink.row(acc, 0, t);
    }
    return events;
  }
}
