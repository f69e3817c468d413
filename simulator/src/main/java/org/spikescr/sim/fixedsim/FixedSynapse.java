package org.spikescr.sim.fixedsim;

import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.FixedMath;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.quantized.IntTensor;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.sim.OpCounts;

/**
 * The synaptic layers of {@code docs/fixed-point.md} section 4: an exact integer accumulation per
 * output channel and step, cast to the accumulator width (SAT, counted), then scaled to membrane
 * units and biased: {@code X = acc * 2^G + beta}. Operations are counted as the float simulator
 * counts them.
 *
 * <p>One instance holds a layer prepared once per simulator: weights laid out for event-driven
 * accumulation (one contiguous row of output weights per input), bias, thresholds and the bound
 * {@code max_o sum |w|} that decides whether an accumulation provably fits 32-bit integers. Inputs
 * and outputs are row-major {@code [step * width + lane]} arrays. Zero inputs cost nothing; the sum
 * is exact whichever order the terms are added in, so the results equal the reference loops bit for
 * bit.
 */
final class FixedSynapse {
  /** The source format of every accumulator cast, as in the reference model. */
  static final FixedFormat WIDE = FixedFormat.signedInt(FixedFormat.MAX_TOTAL_BITS);

  private enum Kind {
    LINEAR,
    EMBED,
    DEPTHWISE
  }

  private final Kind kind;
  final String lif;
  final int out;
  private final int in;
  private final int kernel;

  /**
   * Linear: {@code [in][out]}; embedding: {@code [(c * 3 + k)][out]}; depthwise: {@code [c][k]} as
   * stored.
   */
  private final int[] w;

  /**
   * Linear and embedding: the same weights as one array per input row (a separate array per row
   * lets the JIT vectorize the row additions, which it does not do across offsets into one array).
   */
  private final int[][] rowsOfW;

  private final long[] bias;
  private final int[] bias32;
  private final long maxBias;
  final long[] theta;
  final int membraneBits;
  private final long l1;

  /** {@code max_o max(sum of positive w, -sum of negative w)}: the bound for inputs >= 0. */
  private final long oneSided;

  private final FixedFormat accFormat;
  private final long accMin;
  private final long accMax;

  private FixedSynapse(SynapticLayer l, Kind kind) {
    this.kind = kind;
    this.lif = l.lif();
    IntTensor weight = l.weight();
    int[] data = weight.data();
    this.out = weight.dim(0);
    this.bias = l.bias();
    this.bias32 = new int[out];
    long mb = 0;
    for (int o = 0; o < out; o++) {
      mb = Math.max(mb, Math.abs(bias[o]));
      bias32[o] = (int) bias[o];
    }
    this.maxBias = mb;
    this.theta = l.threshold();
    this.membraneBits = l.membraneBits();
    this.accFormat = FixedFormat.signedInt(l.accBits());
    this.accMin = accFormat.minRaw();
    this.accMax = accFormat.maxRaw();
    int rowLength = data.length / Math.max(1, out);
    long bound = 0;
    long sided = 0;
    for (int o = 0; o < out; o++) {
      long pos = 0;
      long neg = 0;
      for (int i = 0; i < rowLength; i++) {
        int wi = data[o * rowLength + i];
        if (wi > 0) {
          pos += wi;
        } else {
          neg -= wi;
        }
      }
      bound = Math.max(bound, pos + neg);
      sided = Math.max(sided, Math.max(pos, neg));
    }
    this.l1 = bound;
    this.oneSided = sided;
    switch (kind) {
      case LINEAR -> {
        this.in = weight.dim(1);
        this.kernel = 1;
        this.w = transpose(data, out, in);
      }
      case EMBED -> {
        this.in = weight.dim(1);
        this.kernel = 3;
        this.w = transpose(data, out, in * 3);
      }
      default -> {
        this.in = out;
        this.kernel = weight.dim(1);
        this.w = data;
      }
    }
    int nRows = kind == Kind.DEPTHWISE ? 0 : w.length / Math.max(1, out);
    this.rowsOfW = new int[nRows][];
    for (int r = 0; r < nRows; r++) {
      rowsOfW[r] = java.util.Arrays.copyOfRange(w, r * out, (r + 1) * out);
    }
  }

  /** A Linear layer, weight {@code (out, in)}. */
  static FixedSynapse linear(SynapticLayer l) {
    return new FixedSynapse(l, Kind.LINEAR);
  }

  /** The embedding Conv1d, weight {@code (D, C_in, 3)}, padding 1. */
  static FixedSynapse embed(SynapticLayer l) {
    return new FixedSynapse(l, Kind.EMBED);
  }

  /** The depthwise Conv1d, weight {@code (D, K)}, padding {@code (K-1)/2}. */
  static FixedSynapse depthwise(SynapticLayer l) {
    return new FixedSynapse(l, Kind.DEPTHWISE);
  }

  /** Weights reordered input-major, {@code [in][out]}, for row-wise accumulation. */
  private static int[] transpose(int[] w, int out, int in) {
    int[] t = new int[in * out];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        t[i * out + o] = w[o * in + i];
      }
    }
    return t;
  }

  /**
   * The largest {@code |acc|} inputs of magnitude at most {@code maxAbsX} can give: {@code max_o
   * sum_i |w| * maxAbsX}, or with inputs that are never negative {@code max_o max(sum w+, sum w-) *
   * maxAbsX}; {@code Long.MAX_VALUE} when that does not fit a long.
   */
  private long accBound(int maxAbsX, boolean nonNegative) {
    long b = nonNegative ? oneSided : l1;
    if (maxAbsX == 0) {
      return 0;
    }
    return b > Long.MAX_VALUE / maxAbsX ? Long.MAX_VALUE : b * maxAbsX;
  }

  /** Whether {@code |X| = |acc * 2^g + beta| < 2^29} for every {@code |acc| <= accBound}. */
  private boolean fitsInputInt(long accBound, int g) {
    long limit = 1L << 29;
    if (maxBias >= limit || g > 28) {
      return false;
    }
    return accBound <= (limit - 1 - maxBias) >> g;
  }

  /**
   * Runs the layer on inputs {@code [steps][in]} whose magnitudes are at most {@code maxAbsX} (and
   * that are never negative when {@code nonNegative}). The LIF input {@code X} in membrane units of
   * each step goes to {@code lif} when it is not null and is copied into {@code xAll} ({@code
   * [steps][out]}) when that is not null. Linear layers cost one accumulate per output for each
   * non-zero input; the embedding costs, for spike counts, an accumulate per output for each
   * non-zero input and tap, and for real (mel) inputs a multiply-accumulate for every input and
   * tap, as in the float model; the depthwise convolution costs one accumulate per spike and tap
   * inside the utterance.
   */
  void run(
      int[] x,
      Events cached,
      int maxAbsX,
      boolean nonNegative,
      int steps,
      boolean real,
      int g,
      SaturationCounter counter,
      OpCounts.Tally tally,
      FixedLif.State lif,
      long[] xAll) {
    long bound = accBound(maxAbsX, nonNegative);
    boolean check = bound > accMax;
    boolean fused =
        !check && lif != null && xAll == null && lif.intPath() && fitsInputInt(bound, g);
    Sink sink = new Sink(g, check, fused, counter, lif, xAll);
    // the final sums fit 32 bits (int arithmetic wraps, so partial sums do not matter)
    boolean small = bound <= Integer.MAX_VALUE;
    switch (kind) {
      case LINEAR -> tally.accumulates(linear(x, cached, steps, small, sink) * out);
      case EMBED -> {
        long work = embed(x, steps, real, small, sink);
        if (real) {
          tally.multiplyAccumulates(work);
        } else {
          tally.accumulates(work);
        }
      }
      default -> tally.accumulates(depthwise(x, steps, small, sink));
    }
    sink.finish();
  }

  /** Returns the number of non-zero inputs. */
  private long linear(int[] x, Events cached, int steps, boolean small, Sink sink) {
    int[] nz = new int[in];
    int[] accI = small ? new int[out] : null;
    long[] accL = small ? null : new long[out];
    long events = 0;
    if (small) {
      Events ev = cached != null ? cached : Events.of(x, steps, in);
      for (int t = 0; t < steps; t++) {
        int from = ev.start[t];
        int n = ev.start[t + 1] - from;
        events += n;
        java.util.Arrays.fill(accI, 0);
        accumulate(accI, ev.index, ev.value, from, n);
        sink.row(accI, 0, t);
      }
      return events;
    }
    for (int t = 0; t < steps; t++) {
      int base = t * in;
      int n = nonZero(x, base, in, nz);
      events += n;
      java.util.Arrays.fill(accL, 0);
      for (int e = 0; e < n; e++) {
        int i = nz[e];
        addRow(accL, i * out, x[base + i]);
      }
      sink.row(accL, 0, t);
    }
    return events;
  }

  /** Returns the work: accumulates (spike counts) or multiply-accumulates (real inputs). */
  private long embed(int[] x, int steps, boolean real, boolean small, Sink sink) {
    int cin = in;
    int[] nz = new int[cin];
    int[] accI = small ? new int[out] : null;
    long[] accL = small ? null : new long[out];
    long work = 0;
    int[] rows = new int[3 * cin];
    int[] vals = new int[3 * cin];
    for (int t = 0; t < steps; t++) {
      if (small) {
        int n = 0;
        for (int k = 0; k < 3; k++) {
          int ts = t + k - 1;
          if (ts >= 0 && ts < steps) {
            int m = events(x, ts * cin, cin, k, 3, rows, vals, n);
            work += (long) (real ? cin : m) * out;
            n += m;
          }
        }
        java.util.Arrays.fill(accI, 0);
        accumulate(accI, rows, vals, 0, n);
        sink.row(accI, 0, t);
        continue;
      }
      java.util.Arrays.fill(accL, 0);
      for (int k = 0; k < 3; k++) {
        int ts = t + k - 1;
        if (ts < 0 || ts >= steps) {
          continue;
        }
        int base = ts * cin;
        int n = nonZero(x, base, cin, nz);
        work += (long) (real ? cin : n) * out;
        for (int e = 0; e < n; e++) {
          int c = nz[e];
          int row = (c * 3 + k) * out;
          if (small) {
            addRow(accI, row, x[base + c]);
          } else {
            addRow(accL, row, x[base + c]);
          }
        }
      }
      if (small) {
        sink.row(accI, 0, t);
      } else {
        sink.row(accL, 0, t);
      }
    }
    return work;
  }

  /** Returns the number of accumulates: one per spike and tap inside the utterance. */
  private long depthwise(int[] x, int steps, boolean small, Sink sink) {
    int d = out;
    int pad = (kernel - 1) / 2;
    int[] nz = new int[d];
    int[] accI = small ? new int[steps * d] : null;
    long[] accL = small ? null : new long[steps * d];
    long work = 0;
    for (int ts = 0; ts < steps; ts++) {
      int base = ts * d;
      int n = nonZero(x, base, d, nz);
      // taps k with 0 <= ts - k + pad < steps
      int kLo = Math.max(0, ts + pad - (steps - 1));
      int kHi = Math.min(kernel - 1, ts + pad);
      if (kLo > kHi) {
        continue;
      }
      work += (long) n * (kHi - kLo + 1);
      for (int e = 0; e < n; e++) {
        int c = nz[e];
        int v = x[base + c];
        int wBase = c * kernel;
        for (int k = kLo; k <= kHi; k++) {
          int a = (ts - k + pad) * d + c;
          if (small) {
            accI[a] += w[wBase + k] * v;
          } else {
            accL[a] += (long) w[wBase + k] * v;
          }
        }
      }
    }
    for (int t = 0; t < steps; t++) {
      if (small) {
        sink.row(accI, t * d, t);
      } else {
        sink.row(accL, t * d, t);
      }
    }
    return work;
  }

  /**
   * Compacts the non-zero values of {@code x[base .. base+n)} into {@code vals[at ..]} and their
   * weight rows {@code offset + i * stride} into {@code rows[at ..]}; returns how many.
   */
  private static int events(
      int[] x, int base, int n, int offset, int stride, int[] rows, int[] vals, int at) {
    int count = at;
    for (int i = 0; i < n; i++) {
      int v = x[base + i];
      rows[count] = offset + i * stride;
      vals[count] = v;
      count += v != 0 ? 1 : 0;
    }
    return count - at;
  }

  /**
   * Adds {@code vals[e] * w[rows[e] .. rows[e] + out)} for {@code from <= e < from + count} into
   * {@code acc}, four rows per pass. The caller has proven that every sum fits 32 bits (int
   * arithmetic wraps modulo 2^32, so the final sums are exact whatever the order).
   */
  private void accumulate(int[] acc, int[] rows, int[] vals, int from, int count) {
    int[][] wr = rowsOfW;
    int m = out;
    int e = from;
    int n = from + count;
    for (; e + 4 <= n; e += 4) {
      int[] w0 = wr[rows[e]];
      int[] w1 = wr[rows[e + 1]];
      int[] w2 = wr[rows[e + 2]];
      int[] w3 = wr[rows[e + 3]];
      int v0 = vals[e];
      int v1 = vals[e + 1];
      int v2 = vals[e + 2];
      int v3 = vals[e + 3];
      if (((v0 ^ 1) | (v1 ^ 1) | (v2 ^ 1) | (v3 ^ 1)) == 0) {
        for (int o = 0; o < m; o++) {
          acc[o] += w0[o] + w1[o] + w2[o] + w3[o];
        }
      } else {
        for (int o = 0; o < m; o++) {
          acc[o] += w0[o] * v0 + w1[o] * v1 + w2[o] * v2 + w3[o] * v3;
        }
      }
    }
    for (; e < n; e++) {
      int[] w0 = wr[rows[e]];
      int v0 = vals[e];
      for (int o = 0; o < m; o++) {
        acc[o] += w0[o] * v0;
      }
    }
  }

  /**
   * The non-zero values of a row-major {@code [steps][width]} activation, step by step: for step
   * {@code t}, {@code index[e]} and {@code value[e]} for {@code start[t] <= e < start[t+1]}.
   * Computed once and shared by the layers that read the same activation.
   */
  static final class Events {
    final int[] index;
    final int[] value;
    final int[] start;

    private Events(int[] index, int[] value, int[] start) {
      this.index = index;
      this.value = value;
      this.start = start;
    }

    static Events of(int[] x, int steps, int width) {
      int[] index = new int[steps * width + 1];
      int[] value = new int[steps * width + 1];
      int[] start = new int[steps + 1];
      int count = 0;
      for (int t = 0; t < steps; t++) {
        start[t] = count;
        int base = t * width;
        for (int i = 0; i < width; i++) {
          int v = x[base + i];
          index[count] = i;
          value[count] = v;
          count += v != 0 ? 1 : 0;
        }
      }
      start[steps] = count;
      return new Events(index, value, start);
    }
  }

  /** Writes the indices of the non-zero values of {@code x[base .. base+n)} into {@code nz}. */
  static int nonZero(int[] x, int base, int n, int[] nz) {
    int count = 0;
    for (int i = 0; i < n; i++) {
      nz[count] = i;
      count += x[base + i] != 0 ? 1 : 0;
    }
    return count;
  }

  private void addRow(int[] acc, int row, int v) {
    int[] wt = w;
    int n = out;
    if (v == 1) {
      for (int o = 0; o < n; o++) {
        acc[o] += wt[row + o];
      }
    } else {
      for (int o = 0; o < n; o++) {
        acc[o] += wt[row + o] * v;
      }
    }
  }

  private void addRow(long[] acc, int row, int v) {
    int[] wt = w;
    int n = out;
    for (int o = 0; o < n; o++) {
      acc[o] += (long) wt[row + o] * v;
    }
  }

  /**
   * Where the accumulators of a step go: cast to A bits (TRN, SAT, counted), converted to the LIF
   * input in membrane units, then into the LIF and/or the collected {@code X}.
   */
  private final class Sink {
    private final int g;
    private final boolean check;
    private final boolean fused;
    private final SaturationCounter counter;
    private final FixedLif.State lif;
    private final long[] xAll;
    private final long[] xRow = new long[out];
    private long inRange;

    Sink(
        int g,
        boolean check,
        boolean fused,
        SaturationCounter counter,
        FixedLif.State lif,
        long[] xAll) {
      this.g = g;
      this.check = check;
      this.fused = fused;
      this.counter = counter;
      this.lif = lif;
      this.xAll = xAll;
    }

    void row(int[] acc, int from, int t) {
      int n = out;
      if (fused) {
        inRange += n;
        lif.step(acc, from, g, bias32, t);
        return;
      }
      long[] b = bias;
      long[] xr = xRow;
      if (check) {
        for (int o = 0; o < n; o++) {
          long a = acc[from + o];
          if (a < accMin || a > accMax) {
            a = FixedMath.cast(a, WIDE, accFormat, Quantization.TRN, Overflow.SAT, counter);
            inRange--;
          }
          xr[o] = (a << g) + b[o];
        }
      } else {
        for (int o = 0; o < n; o++) {
          xr[o] = ((long) acc[from + o] << g) + b[o];
        }
      }
      inRange += n;
      emit(t);
    }

    void row(long[] acc, int from, int t) {
      int n = out;
      long[] b = bias;
      long[] xr = xRow;
      for (int o = 0; o < n; o++) {
        long a = acc[from + o];
        if (a < accMin || a > accMax) {
          a = FixedMath.cast(a, WIDE, accFormat, Quantization.TRN, Overflow.SAT, counter);
          inRange--;
        }
        xr[o] = (a << g) + b[o];
      }
      inRange += n;
      emit(t);
    }

    private void emit(int t) {
      if (xAll != null) {
        System.arraycopy(xRow, 0, xAll, t * out, out);
      }
      if (lif != null) {
        lif.step(xRow, 0, t);
      }
    }

    void finish() {
      for (long i = 0; i < inRange; i++) {
        counter.record(false);
      }
    }
  }
}
