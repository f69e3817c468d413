package org.spikescr.model.quantized;

import java.util.Arrays;

/**
 * The parameters of the fixed-point readout ({@code docs/fixed-point.md} 8).
 *
 * @param expTable {@code E[i]}, raw {@code ap_ufixed<E_F+1,1>}, {@code E[0] = 2^E_F}
 * @param expFracBits E_F
 * @param indexShift r
 * @param probFracBits P_F
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record ReadoutTable(long[] expTable, int expFracBits, int indexShift, int probFracBits) {

  /** Validates and copies the table. */
  public ReadoutTable {
    if (expTable.length == 0 || expTable[0] != 1L << expFracBits) {
      throw new IllegalArgumentException("exp table must start with 2^" + expFracBits);
    }
    for (int i = 1; i < expTable.length; i++) {
      if (expTable[i] < 0 || expTable[i] > expTable[i - 1]) {
        throw new IllegalArgumentException("exp table must be non-increasing and non-negative");
      }
    }
    expTable = expTable.clone();
  }

  @Override
  public long[] expTable() {
    return expTable.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadoutTable r
        && Arrays.equals(expTable, r.expTable)
        && expFracBits == r.expFracBits
        && indexShift == r.indexShift
        && probFracBits == r.probFracBits;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(expTable) * 31 + indexShift;
  }

  @Override
  public String toString() {
    return "ReadoutTable[L="
        + expTable.length
        + ", E_F="
        + expFracBits
        + ", r="
        + indexShift
        + ", P_F="
        + probFracBits
        + "]";
  }
}
