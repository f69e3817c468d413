package org.spikescr.fixed;

/**
 * A binary fixed-point format, mirroring the {@code W, I, S} parameters of {@code ap_fixed} and
 * {@code ac_fixed}.
 *
 * <p>A value is a two's complement (signed) or plain binary (unsigned) integer of {@code totalBits}
 * bits, the <em>raw</em> value, scaled by {@code 2^-fracBits()}. {@code intBits} counts the bits
 * left of the binary point <em>including the sign bit</em>, so {@code ap_fixed<8,3>} holds raw
 * values {@code -128..127} in steps of {@code 2^-5}, that is reals {@code -4 .. 3.96875}. As in
 * ap/ac, {@code intBits} may be negative or larger than {@code totalBits} (then the binary point
 * lies outside the word).
 *
 * <p>Raw values live in a Java {@code long}. To keep every intermediate of a cast or an exact
 * operation free of overflow, {@code totalBits} is at most {@value #MAX_TOTAL_BITS} and {@code
 * |fracBits()|} at most {@value #MAX_FRAC_BITS}; wider formats are rejected.
 *
 * @param totalBits word width W in bits, 1 to {@value #MAX_TOTAL_BITS}
 * @param intBits integer bits I, including the sign bit of a signed format
 * @param signed true for two's complement, false for unsigned
 */
public record FixedFormat(int totalBits, int intBits, boolean signed) {

  /** The widest word a format may have, in bits; two bits of a {@code long} stay as headroom. */
  public static final int MAX_TOTAL_BITS = 62;

  /** The largest magnitude of {@link #fracBits()}, in bits. */
  public static final int MAX_FRAC_BITS = 62;

  /** Validates the widths; the message names the field and the value. */
  public FixedFormat {
    if (totalBits < 1 || totalBits > MAX_TOTAL_BITS) {
      throw new IllegalArgumentException(
          "totalBits must be 1.." + MAX_TOTAL_BITS + ", got " + totalBits);
    }
    long frac = (long) totalBits - intBits;
    if (frac > MAX_FRAC_BITS || frac < -MAX_FRAC_BITS) {
      throw new IllegalArgumentException(
          "fracBits = totalBits - intBits = "
              + frac
              + " must lie in -"
              + MAX_FRAC_BITS
              + ".."
              + MAX_FRAC_BITS
              + " (totalBits "
              + totalBits
              + ", intBits "
              + intBits
              + ")");
    }
  }

  /** A signed format {@code ap_fixed<W,I>}. */
  public static FixedFormat ofSigned(int totalBits, int intBits) {
    return new FixedFormat(totalBits, intBits, true);
  }

  /** An unsigned format {@code ap_ufixed<W,I>}. */
  public static FixedFormat ofUnsigned(int totalBits, int intBits) {
    return new FixedFormat(totalBits, intBits, false);
  }

  /** A signed integer format of {@code bits} bits ({@code ap_int<bits>}). */
  public static FixedFormat signedInt(int bits) {
    return new FixedFormat(bits, bits, true);
  }

  /** An unsigned integer format of {@code bits} bits ({@code ap_uint<bits>}). */
  public static FixedFormat unsignedInt(int bits) {
    return new FixedFormat(bits, bits, false);
  }

  /**
   * The narrowest integer format (fracBits 0) holding every integer in {@code [lo, hi]}: unsigned
   * when {@code lo >= 0}, signed otherwise.
   */
  public static FixedFormat integerFor(long lo, long hi) {
    if (lo > hi) {
      throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
    }
    if (lo >= 0) {
      int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(hi));
      return unsignedInt(bits);
    }
    int bits = Math.max(bitsForSigned(lo), bitsForSigned(hi));
    return signedInt(bits);
  }

  /** The narrowest signed integer format holding every integer in {@code [lo, hi]}. */
  public static FixedFormat signedIntegerFor(long lo, long hi) {
    if (lo > hi) {
      throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
    }
    return signedInt(Math.max(bitsForSigned(lo), bitsForSigned(hi)));
  }

  private static int bitsForSigned(long v) {
    // v fits W signed bits iff -2^(W-1) <= v < 2^(W-1); for negative v use its complement.
    long m = v < 0 ? ~v : v;
    return 65 - Long.numberOfLeadingZeros(m);
  }

  /** Fraction bits F = W - I; the weight of the raw value's least significant bit is 2^-F. */
  public int fracBits() {
    return totalBits - intBits;
  }

  /** The smallest raw value: {@code -2^(W-1)} when signed, 0 when unsigned. */
  public long minRaw() {
    return signed ? -(1L << (totalBits - 1)) : 0L;
  }

  /** The largest raw value: {@code 2^(W-1) - 1} when signed, {@code 2^W - 1} when unsigned. */
  public long maxRaw() {
    return signed ? (1L << (totalBits - 1)) - 1 : (1L << totalBits) - 1;
  }

  /** True when the raw value is representable in this format. */
  public boolean contains(long raw) {
    return raw >= minRaw() && raw <= maxRaw();
  }

  /** Number of distinct raw values, {@code 2^W}. */
  public long cardinality() {
    return 1L << totalBits;
  }

  /** The ap spelling, {@code ap_fixed<W,I>} or {@code ap_ufixed<W,I>}. */
  @Override
  public String toString() {
    return (signed ? "ap_fixed<" : "ap_ufixed<") + totalBits + "," + intBits + ">";
  }
}
