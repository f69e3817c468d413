package org.spikescr.sim.exact;

import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.FixedMath;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.SaturationCounter;

/**
 * The integer LIF neuron of {@code docs/fixed-point.md} section 3: {@code H = sat_M(V - asr(V,1) +
 * X)}, spike when {@code H >= theta}, hard reset to 0, all in membrane units.
 */
public final class IntLif {
  private IntLif() {}

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
   * The same rule on a row-major {@code [step * lanes + lane]} input, for the simulator: returns
   * the 0/1 spikes in the same layout and, when {@code membranes} is not null, writes the membrane
   * after each step into it. Every charge is checked against the range once; only a value outside
   * it goes through the saturating cast, so results and counts equal {@link #run}.
   */
  static int[] runFlat(
      long[] x,
      int steps,
      long[] theta,
      int membraneBits,
      SaturationCounter counter,
      long[] membranes) {
    FixedFormat wide = FixedFormat.signedInt(FixedFormat.MAX_TOTAL_BITS);
    FixedFormat membrane = FixedFormat.signedInt(membraneBits);
    long min = membrane.minRaw();
    long max = membrane.maxRaw();
    int lanes = theta.length;
    for (long th : theta) {
      if (th < 1) {
        throw new IllegalArgumentException("threshold must be at least 1, got " + th);
      }
    }
    int[] spikes = new int[steps * lanes];
    long[] v = new long[lanes];
    for (int t = 0; t < steps; t++) {
      int base = t * lanes;
      for (int l = 0; l < lanes; l++) {
        long vl = v[l];
        long h = vl - (vl >> 1) + x[base + l];
        if (h < min || h > max) {
          h = FixedMath.cast(h, wide, membrane, Quantization.TRN, Overflow.SAT, counter);
        } else {
          counter.record(false);
        }
        if (h >= theta[l]) {
          spikes[base + l] = 1;
          h = 0;
        }
        v[l] = h;
      }
      if (membranes != null) {
        System.arraycopy(v, 0, membranes, base, lanes);
      }
    }
    return spikes;
  }

  /**
   * What an integer LIF layer did over an utterance; rows are steps, columns lanes.
   *
   * @param spikes 0/1 per step and lane
   * @param charges H per step and lane (after saturation, before the reset)
   * @param membranes V after each step (0 after a spike)
   */
  public record LifRun(byte[][] spikes, long[][] charges, long[][] membranes) {}
}
