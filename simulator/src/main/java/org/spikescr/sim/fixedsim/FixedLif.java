package org.spikescr.sim.fixedsim;

import java.util.Arrays;
import java.util.Objects;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.FixedMath;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.SaturationCounter;

/**
 * The integer LIF neuron of {@code docs/fixed-point.md} section 3: {@code H = sat_M(V - asr(V,1) +
 * X)}, spike when {@code H >= theta}, hard reset to 0, all in membrane units.
 */
public final class FixedLif {
  private FixedLif() {}

  /** The charge before saturation: the membrane keeps {@code ceil(V/2)}, then adds the input. */
  public static long charge(long v, long x) {
    return v - FixedMath.asr(v, 1) + x;
  }

  /**
   * Runs one LIF per lane over the steps (rows) of {@code x}, from a zero membrane.
   *
   * @param x input per step and lane, membrane units
   * @param theta threshold per lane, membrane units, at least 1
   * @param membraneBits signed membrane width M in bits
   * @param counter receives one record per saturating cast of {@code H}
   * @return spikes, and the charge {@code H} and membrane after each step
   */
  public static LifRun run(long[][] x, long[] theta, int membraneBits, SaturationCounter counter) {
    FixedFormat wide = FixedFormat.signedInt(FixedFormat.MAX_TOTAL_BITS);
    FixedFormat membrane = FixedFormat.signedInt(membraneBits);
    int steps = x.length;
    int lanes = theta.length;
    for (long th : theta) {
      if (th < 1) {
        throw new IllegalArgumentException("threshold must be at least 1, got " + th);
      }
    }
    byte[][] spikes = new byte[steps][lanes];
    long[][] charges = new long[steps][lanes];
    long[][] membranes = new long[steps][lanes];
    long[] v = new long[lanes];
    for (int t = 0; t < steps; t++) {
      if (x[t].length != lanes) {
        throw new IllegalArgumentException(
            "step " + t + " has " + x[t].length + " lanes, expected " + lanes);
      }
      for (int l = 0; l < lanes; l++) {
        long h =
            FixedMath.cast(
                charge(v[l], x[t][l]), wide, membrane, Quantization.TRN, Overflow.SAT, counter);
        charges[t][l] = h;
        if (h >= theta[l]) {
          spikes[t][l] = 1;
          v[l] = 0;
        } else {
          v[l] = h;
        }
        membranes[t][l] = v[l];
      }
    }
    return new LifRun(spikes, charges, membranes);
  }

  /**
   * The same rule, one step at a time, on row-major {@code [step * lanes + lane]} buffers, for the
   * simulator. Every charge is checked against the membrane range once; only a value outside it
   * goes through the saturating cast, and the casts that stay in range are recorded in one batch at
   * {@link #finish}, so results and counts equal {@link #run}.
   */
  static final class State {
    private final long[] theta;
    private final FixedFormat membrane;
    private final long min;
    private final long max;
    private final SaturationCounter counter;
    private final int lanes;
    private final long[] v;
    private final long[] h;
    private final int[] vi;
    private final int[] hi32;
    private final int[] theta32;
    final int[] spikes;
    final long[] inputs;
    final long[] membranes;
    private long inRange;
    long spikeCount;

    /**
     * A zero membrane per lane.
     *
     * @param theta threshold per lane, at least 1
     * @param membraneBits signed membrane width M
     * @param steps steps of the utterance
     * @param counter receives one record per saturating cast
     * @param trace whether to keep the inputs and membranes of every step
     */
    State(long[] theta, int membraneBits, int steps, SaturationCounter counter, boolean trace) {
      for (long th : theta) {
        if (th < 1) {
          throw new IllegalArgumentException("threshold must be at least 1, got " + th);
        }
      }
      this.theta = theta;
      this.membrane = FixedFormat.signedInt(membraneBits);
      this.min = membrane.minRaw();
      this.max = membrane.maxRaw();
      this.counter = counter;
      this.lanes = theta.length;
      this.v = new long[lanes];
      this.h = new long[lanes];
      this.vi = new int[lanes];
      this.hi32 = new int[lanes];
      this.theta32 = new int[lanes];
      if (membraneBits <= INT_MEMBRANE_BITS) {
        for (int l = 0; l < lanes; l++) {
          theta32[l] = (int) theta[l];
        }
      }
      this.spikes = new int[steps * lanes];
      this.inputs = trace ? new long[steps * lanes] : null;
      this.membranes = trace ? new long[steps * lanes] : null;
    }

    /** Advances step {@code t} with the inputs {@code x[from .. from+lanes)}. */
    void step(long[] x, int from, int t) {
      int n = lanes;
      int base = t * n;
      long[] vv = v;
      long[] hh = h;
      long lo = 0;
      long hi = 0;
      for (int l = 0; l < n; l++) {
        long vl = vv[l];
        long c = vl - (vl >> 1) + x[from + l];
        hh[l] = c;
        lo = Math.min(lo, c);
        hi = Math.max(hi, c);
      }
      if (lo < min || hi > max) {
        for (int l = 0; l < n; l++) {
          long c = hh[l];
          if (c < min || c > max) {
            hh[l] = FixedMath.cast(c, WIDE, membrane, Quantization.TRN, Overflow.SAT, counter);
            inRange--;
          }
        }
      }
      inRange += n;
      int[] sp = spikes;
      long[] th = theta;
      int count = 0;
      for (int l = 0; l < n; l++) {
        long c = hh[l];
        int s = c >= th[l] ? 1 : 0;
        sp[base + l] = s;
        count += s;
        vv[l] = s != 0 ? 0 : c;
      }
      spikeCount += count;
      if (inputs != null) {
        System.arraycopy(x, from, inputs, base, n);
        System.arraycopy(vv, 0, membranes, base, n);
      }
    }

    /**
     * Whether {@link #step(int[], int, int, int[], int)} may be used: the membrane has at most
     * {@value #INT_MEMBRANE_BITS} bits, so with an input below {@code 2^29} in magnitude every
     * charge fits 32 bits.
     */
    boolean intPath() {
      return membrane.totalBits() <= INT_MEMBRANE_BITS;
    }

    /**
     * Advances step {@code t} with the inputs {@code X = acc[from + l] * 2^g + bias[l]}, all in 32
     * bits: the caller has proven {@code |X| < 2^29} and {@link #intPath} holds. Used for one layer
     * run instead of {@link #step(long[], int, int)}, never mixed with it.
     */
    void step(int[] acc, int from, int g, int[] bias, int t) {
      int n = lanes;
      int base = t * n;
      int[] vv = vi;
      int[] hh = hi32;
      int lo = 0;
      int hi = 0;
      for (int l = 0; l < n; l++) {
        int vl = vv[l];
        int c = vl - (vl >> 1) + (acc[from + l] << g) + bias[l];
        hh[l] = c;
        lo = Math.min(lo, c);
        hi = Math.max(hi, c);
      }
      if (lo < min || hi > max) {
        for (int l = 0; l < n; l++) {
          long c = hh[l];
          if (c < min || c > max) {
            hh[l] =
                (int) FixedMath.cast(c, WIDE, membrane, Quantization.TRN, Overflow.SAT, counter);
            inRange--;
          }
        }
      }
      inRange += n;
      int[] sp = spikes;
      int[] th = theta32;
      int count = 0;
      for (int l = 0; l < n; l++) {
        int c = hh[l];
        // 1 when c >= theta: theta - 1 - c is then negative (no overflow: |c|, theta < 2^30)
        int s = (th[l] - 1 - c) >>> 31;
        sp[base + l] = s;
        count += s;
        vv[l] = c & (s - 1);
      }
      spikeCount += count;
      if (inputs != null) {
        for (int l = 0; l < n; l++) {
          inputs[base + l] = ((long) acc[from + l] << g) + bias[l];
          membranes[base + l] = vv[l];
        }
      }
    }

    /** Records the casts that stayed in range. */
    void finish() {
      for (long i = 0; i < inRange; i++) {
        counter.record(false);
      }
      inRange = 0;
    }
  }

  /** The widest membrane {@link State} runs in 32-bit arithmetic. */
  static final int INT_MEMBRANE_BITS = 30;

  private static final FixedFormat WIDE = FixedFormat.signedInt(FixedFormat.MAX_TOTAL_BITS);

  /**
   * What an integer LIF layer did over an utterance; rows are steps, columns lanes.
   *
   * @param spikes 0/1 per step and lane
   * @param charges H per step and lane (after saturation, before the reset)
   * @param membranes V after each step (0 after a spike)
   */
  @SuppressWarnings("ArrayRecordComponent") // shares its arrays (one per run); compared by value
  public record LifRun(byte[][] spikes, long[][] charges, long[][] membranes) {

    @Override
    public boolean equals(Object o) {
      return o instanceof LifRun r
          && Arrays.deepEquals(spikes, r.spikes)
          && Arrays.deepEquals(charges, r.charges)
          && Arrays.deepEquals(membranes, r.membranes);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          Arrays.deepHashCode(spikes),
          Arrays.deepHashCode(charges),
          Arrays.deepHashCode(membranes));
    }

    @Override
    public String toString() {
      return "LifRun[steps=" + spikes.length + "]";
    }
  }
}
