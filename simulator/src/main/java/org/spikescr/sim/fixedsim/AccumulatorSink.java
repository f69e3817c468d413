package org.spikescr.sim.fixedsim;

import org.spikescr.fixed.FixedMath;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.SaturationCounter;

/**
 * Where the sums of a synaptic layer go, one step at a time: {@code sat_A} (TRN, SAT, counted),
 * then {@code X = acc * 2^G + beta} in membrane units, then into the LIF and/or the collected
 * {@code X} ({@link FixedSynapseReference#membraneInput} is the plain form). In-range casts are
 * counted in one batch at {@link #finish}, so the counts equal one record per channel and step.
 */
final class AccumulatorSink {
  private final FixedSynapse layer;
  private final int g;
  private final boolean check;
  private final boolean fused;
  private final SaturationCounter counter;
  private final FixedLif.State lif;
  private final long[] xAll;
  private final long accMin;
  private final long accMax;
  private final long[] xRow;
  private long inRange;

  /**
   * A sink for one run of {@code layer}.
   *
   * @param g membrane fraction bits G
   * @param check whether a sum may leave the accumulator range (else {@code sat_A} never acts)
   * @param fused whether the sums go straight into the LIF's 32-bit step ({@code lif} is then not
   *     null, {@code xAll} null, and {@code |X| < 2^29} is proven)
   * @param counter receives the records of {@code sat_A}
   * @param lif the LIF fed, or null
   * @param xAll receives {@code X}, {@code [steps][out]}, or null
   */
  AccumulatorSink(
      FixedSynapse layer,
      int g,
      boolean check,
      boolean fused,
      SaturationCounter counter,
      FixedLif.State lif,
      long[] xAll) {
    this.layer = layer;
    this.g = g;
    this.check = check;
    this.fused = fused;
    this.counter = counter;
    this.lif = lif;
    this.xAll = xAll;
    this.accMin = layer.accFormat.minRaw();
    this.accMax = layer.accFormat.maxRaw();
    this.xRow = new long[layer.out];
  }

  /** The sums of step {@code t}, {@code acc[from .. from + out)}, computed in 32 bits. */
  void row(int[] acc, int from, int t) {
    int n = layer.out;
    inRange += n;
    if (fused) {
      lif.step(acc, from, g, layer.bias32, t);
      return;
    }
    long[] b = layer.bias;
    long[] xr = xRow;
    if (check) {
      for (int o = 0; o < n; o++) {
        xr[o] = (saturate(acc[from + o]) << g) + b[o];
      }
    } else {
      for (int o = 0; o < n; o++) {
        xr[o] = ((long) acc[from + o] << g) + b[o];
      }
    }
    emit(t);
  }

  /** The sums of step {@code t}, {@code acc[from .. from + out)}, computed in 64 bits. */
  void row(long[] acc, int from, int t) {
    int n = layer.out;
    inRange += n;
    long[] b = layer.bias;
    long[] xr = xRow;
    for (int o = 0; o < n; o++) {
      xr[o] = (saturate(acc[from + o]) << g) + b[o];
    }
    emit(t);
  }

  /** {@code sat_A(a)}: a value outside the range is cast and counted as an event. */
  private long saturate(long a) {
    if (a >= accMin && a <= accMax) {
      return a;
    }
    inRange--;
    return FixedMath.cast(
        a, FixedSynapse.WIDE, layer.accFormat, Quantization.TRN, Overflow.SAT, counter);
  }

  private void emit(int t) {
    if (xAll != null) {
      System.arraycopy(xRow, 0, xAll, t * layer.out, layer.out);
    }
    if (lif != null) {
      lif.step(xRow, 0, t);
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
