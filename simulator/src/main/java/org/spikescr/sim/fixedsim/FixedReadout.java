package org.spikescr.sim.fixedsim;

import java.util.Arrays;
import java.util.Objects;
import org.spikescr.model.quantized.ReadoutTable;

/**
 * The fixed-point readout of {@code docs/fixed-point.md} section 8: a per-step softmax through an
 * exp table and integer division, summed over time, then the argmax with ties to the lowest class.
 *
 * @param expTable {@code E[i]}, raw {@code ap_ufixed<E_F+1,1>}; {@code E[0] = 2^E_F}
 * @param expFracBits E_F
 * @param indexShift r, the table index is {@code (zmax - z) / 2^r} rounded to nearest, ties up
 * @param probFracBits P_F, the probability of a step is an integer {@code 0 .. 2^P_F}
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by value
public record FixedReadout(long[] expTable, int expFracBits, int indexShift, int probFracBits) {

  /** Validates and copies the table. */
  public FixedReadout {
    expTable = expTable.clone();
    if (expTable.length == 0 || expTable[0] != 1L << expFracBits) {
      throw new IllegalArgumentException("exp table must start with 2^" + expFracBits);
    }
    if (indexShift < 0 || indexShift > 62 || probFracBits < 1 || expFracBits + probFracBits > 60) {
      throw new IllegalArgumentException(
          "bad readout widths: shift "
              + indexShift
              + ", E_F "
              + expFracBits
              + ", P_F "
              + probFracBits);
    }
    for (long e : expTable) {
      if (e < 0 || e > 1L << expFracBits) {
        throw new IllegalArgumentException("exp table entry " + e + " outside 0 .. 2^E_F");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedReadout r
        && Arrays.equals(expTable, r.expTable)
        && expFracBits == r.expFracBits
        && indexShift == r.indexShift
        && probFracBits == r.probFracBits;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(expTable), expFracBits, indexShift, probFracBits);
  }

  @Override
  public String toString() {
    return "FixedReadout[L="
        + expTable.length
        + ", E_F="
        + expFracBits
        + ", r="
        + indexShift
        + ", P_F="
        + probFracBits
        + "]";
  }

  /** The readout of a quantized model. */
  public static FixedReadout of(ReadoutTable t) {
    return new FixedReadout(t.expTable(), t.expFracBits(), t.indexShift(), t.probFracBits());
  }

  @Override
  public long[] expTable() {
    return expTable.clone();
  }

  /** The probabilities {@code p_k = floor(e_k * 2^P_F / sum e)} of one step's integer logits. */
  public long[] probabilities(long[] z) {
    long zmax = Long.MIN_VALUE;
    for (long v : z) {
      zmax = Math.max(zmax, v);
    }
    long half = indexShift == 0 ? 0 : 1L << (indexShift - 1);
    long[] e = new long[z.length];
    long sum = 0;
    for (int k = 0; k < z.length; k++) {
      long index = (zmax - z[k] + half) >> indexShift;
      e[k] = index < expTable.length ? expTable[(int) index] : 0;
      sum += e[k];
    }
    long[] p = new long[z.length];
    for (int k = 0; k < z.length; k++) {
      p[k] = (e[k] << probFracBits) / sum;
    }
    return p;
  }

  /** The time-summed probabilities of logits {@code [t][class]}. */
  public long[] scores(long[][] logits) {
    int n = logits.length == 0 ? 0 : logits[0].length;
    long[] s = new long[n];
    for (long[] row : logits) {
      long[] p = probabilities(row);
      for (int k = 0; k < n; k++) {
        s[k] += p[k];
      }
    }
    return s;
  }

  /** The lowest index with the largest score. */
  public static int argmax(long[] scores) {
    int best = 0;
    for (int k = 1; k < scores.length; k++) {
      if (scores[k] > scores[best]) {
        best = k;
      }
    }
    return best;
  }
}
