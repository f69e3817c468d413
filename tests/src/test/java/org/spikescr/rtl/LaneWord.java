package org.spikescr.rtl;

import java.math.BigInteger;

/**
 * Builds one wide stream word for a {@code $readmemh} file from fields, lowest field first, each
 * the low {@code bits} bits of a value (two's complement for negative values).
 */
final class LaneWord {
  private BigInteger word = BigInteger.ZERO;
  private int width;

  /** Appends a field above the fields so far. */
  LaneWord put(long value, int bits) {
    if (bits < 1 || bits > 63) {
      throw new IllegalArgumentException("field width must be 1..63 bits, got " + bits);
    }
    BigInteger field = BigInteger.valueOf(value & ((1L << bits) - 1));
    word = word.or(field.shiftLeft(width));
    width += bits;
    return this;
  }

  /** Bits so far. */
  int width() {
    return width;
  }

  /** The word in hex, zero-padded to the width. */
  String hex() {
    int digits = Math.max(1, (width + 3) / 4);
    StringBuilder s = new StringBuilder(word.toString(16));
    while (s.length() < digits) {
      s.insert(0, '0');
    }
    return s.toString();
  }
}
