package org.spikescr.sim.fixedsim;

import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.sim.OpCounts;

/**
 * The fast path of the embedding convolution, weight {@code (D, C_in, 3)}, same padding: the sums
 * of step {@code t} gather the non-zero inputs of steps {@code t-1, t, t+1} with the weight row of
 * their channel and tap ({@link FixedSynapseReference#embedConv} is the plain form). Spike counts
 * cost an accumulate per output for each non-zero input and tap inside the utterance; real (mel)
 * inputs cost a multiply-accumulate per output for every input and tap inside it, zero or not, as
 * in the float model.
 */
final class EmbedSynapse extends FixedSynapse {
  private static final int KERNEL = 3;

  private final int cin;

  /** Row {@code c * 3 + k}: the output weights of input channel c at tap k. */
  private final WeightRows rows;

  EmbedSynapse(SynapticLayer l) {
    super(l);
    int[] shape = l.weight().shape();
    if (shape.length != 3 || shape[2] != KERNEL) {
      throw new IllegalArgumentException(
          l.name() + ": the embedding needs a weight (D, C_in, 3), got " + l.weight());
    }
    this.cin = shape[1];
    this.rows = WeightRows.transposed(l.weight().data(), out, cin * KERNEL);
  }

  @Override
  void accumulate(LayerInput x, boolean small, AccumulatorSink sink, OpCounts.Tally tally) {
    long work = small ? sums32(x, sink) : sums64(x, sink);
    if (x.real) {
      tally.multiplyAccumulates(work);
    } else {
      tally.accumulates(work);
    }
  }

  /** 32-bit sums over the events of the three steps read; returns the work. */
  private long sums32(LayerInput x, AccumulatorSink sink) {
    int[] acc = new int[out];
    int[] index = new int[KERNEL * cin];
    int[] value = new int[KERNEL * cin];
    long work = 0;
    for (int t = 0; t < x.steps; t++) {
      int n = 0;
      for (int k = 0; k < KERNEL; k++) {
        int ts = t + k - 1;
        if (ts >= 0 && ts < x.steps) {
          int m = events(x.values, ts * cin, k, index, value, n);
          work += (long) (x.real ? cin : m) * out;
          n += m;
        }
      }
      java.util.Arrays.fill(acc, 0);
      rows.add(acc, index, value, 0, n);
      sink.row(acc, 0, t);
    }
    return work;
  }

  /** 64-bit sums; returns the work. */
  private long sums64(LayerInput x, AccumulatorSink sink) {
    int[] v = x.values;
    int[] nz = new int[cin];
    long[] acc = new long[out];
    long work = 0;
    for (int t = 0; t < x.steps; t++) {
      java.util.Arrays.fill(acc, 0);
      for (int k = 0; k < KERNEL; k++) {
        int ts = t + k - 1;
        if (ts < 0 || ts >= x.steps) {
          continue;
        }
        int base = ts * cin;
        int n = StepEvents.nonZero(v, base, cin, nz);
        work += (long) (x.real ? cin : n) * out;
        for (int e = 0; e < n; e++) {
          rows.add(acc, nz[e] * KERNEL + k, v[base + nz[e]]);
        }
      }
      sink.row(acc, 0, t);
    }
    return work;
  }

  /**
   * Appends the non-zero values of {@code x[base .. base + cin)} to {@code value[at ..]} and their
   * weight rows ({@code c * 3 + k}) to {@code index[at ..]}; returns how many.
   */
  private int events(int[] x, int base, int k, int[] index, int[] value, int at) {
    int count = at;
    for (int c = 0; c < cin; c++) {
      int v = x[base + c];
      index[count] = c * KERNEL + k;
      value[count] = v;
      count += v != 0 ? 1 : 0;
    }
    return count - at;
  }
}
