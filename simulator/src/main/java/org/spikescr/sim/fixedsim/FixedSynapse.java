package org.spikescr.sim.fixedsim;

import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.quantized.IntTensor;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.sim.OpCounts;

/**
 * The fast path of the synaptic layers of {@code docs/fixed-point.md} section 4, one subclass per
 * layer kind ({@link PointwiseSynapse}, {@link EmbedSynapse}, {@link DepthwiseSynapse}); {@link
 * FixedSynapseReference} is the plain form it equals bit for bit, saturation counts included
 * ({@code FixedSynapseReferenceTest}).
 *
 * <p>One instance holds a layer prepared once per simulator: weights laid out for event-driven
 * accumulation, bias, thresholds and the bounds on {@code |acc|} that decide whether a run's sums
 * provably fit 32-bit integers and whether {@code sat_A} can act at all. Zero inputs cost nothing;
 * the sum is exact whichever order the terms are added in. Operations are counted as the float
 * simulator counts them.
 */
abstract sealed class FixedSynapse permits PointwiseSynapse, EmbedSynapse, DepthwiseSynapse {
  /** The source format of every accumulator cast: the exact sum as a wide signed integer. */
  static final FixedFormat WIDE = FixedFormat.signedInt(FixedFormat.MAX_TOTAL_BITS);

  /** The LIF layer fed, and the name of its saturation counter. */
  final String lif;

  /** Output channels. */
  final int out;

  /** beta per output channel, membrane units, and the same values as ints (used when proven). */
  final long[] bias;

  final int[] bias32;

  /** theta per output channel, membrane units. */
  final long[] theta;

  /** M, the signed membrane width of the LIF fed. */
  final int membraneBits;

  /** The accumulator format {@code sat_A} casts to. */
  final FixedFormat accFormat;

  private final long maxBias;

  /** {@code max_o sum_i |w|}: the bound on {@code |acc|} per unit of input magnitude. */
  private final long l1;

  /** {@code max_o max(sum of positive w, -sum of negative w)}: the same for inputs >= 0. */
  private final long oneSided;

  FixedSynapse(SynapticLayer l) {
    this.lif = l.lif();
    IntTensor weight = l.weight();
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
    int[] data = weight.data();
    int rowLength = data.length / Math.max(1, out);
    long bound = 0;
    long sided = 0;
    for (int o = 0; o < out; o++) {
      long pos = 0;
      long neg = 0;
      for (int i = 0; i < rowLength; i++) {
        int wi = data[o * rowLength + i];
        pos += Math.max(wi, 0);
        neg -= Math.min(wi, 0);
      }
      bound = Math.max(bound, pos + neg);
      sided = Math.max(sided, Math.max(pos, neg));
    }
    this.l1 = bound;
    this.oneSided = sided;
  }

  /** A pointwise layer (Linear or kernel-1 convolution), weight {@code (out, in)}. */
  static FixedSynapse linear(SynapticLayer l) {
    return new PointwiseSynapse(l);
  }

  /** The embedding convolution, weight {@code (D, C_in, 3)}, same padding. */
  static FixedSynapse embed(SynapticLayer l) {
    return new EmbedSynapse(l);
  }

  /** The depthwise convolution, weight {@code (D, K)}, same padding {@code (K-1)/2}. */
  static FixedSynapse depthwise(SynapticLayer l) {
    return new DepthwiseSynapse(l);
  }

  /**
   * Runs the layer over an utterance. The LIF input {@code X} of each step goes to {@code lif} when
   * it is not null and is copied into {@code xAll} ({@code [steps][out]}) when that is not null;
   * {@code counter} receives one {@code sat_A} record per output channel and step, {@code tally}
   * the operations.
   */
  final void run(
      LayerInput in,
      int g,
      SaturationCounter counter,
      OpCounts.Tally tally,
      FixedLif.State lif,
      long[] xAll) {
    long bound = accBound(in.maxAbs, in.nonNegative);
    boolean check = bound > accFormat.maxRaw();
    boolean fused =
        !check && lif != null && xAll == null && lif.intPath() && fitsInputInt(bound, g);
    AccumulatorSink sink = new AccumulatorSink(this, g, check, fused, counter, lif, xAll);
    // the final sums fit 32 bits (int arithmetic wraps, so partial sums do not matter)
    accumulate(in, bound <= Integer.MAX_VALUE, sink, tally);
    sink.finish();
  }

  /**
   * Computes the sums of every step into {@code sink}, in 32-bit arithmetic when {@code small} (the
   * final sums provably fit), else in 64 bits, and counts the operations into {@code tally}.
   */
  abstract void accumulate(
      LayerInput in, boolean small, AccumulatorSink sink, OpCounts.Tally tally);

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
}
