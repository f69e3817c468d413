package org.spikescr.fixed;

/**
 * The full-precision result format of every exact operation, in one place (the {@code RType} /
 * {@code rt} rules of ap_fixed and ac_fixed).
 *
 * <p>With {@code F = W - I}: a product has {@code W1+W2} bits and {@code I1+I2} integer bits; a sum
 * or difference keeps {@code max(F1, F2)} fraction bits and has {@code max(I1 + (S2 && !S1), I2 +
 * (S1 && !S2)) + 1} integer bits (one bit of carry, plus one when an unsigned operand meets a
 * signed one); a sum is signed when either operand is, a difference always is. A negation adds one
 * bit and is signed. A sum of {@code n} terms of one format grows by {@code ceil(log2 n)} bits.
 * Shifts by a constant move the binary point and keep the raw bits. A result wider than {@link
 * FixedFormat#MAX_TOTAL_BITS} is an error: the caller must narrow an operand first.
 */
public final class ResultFormats {

  private ResultFormats() {}

  /** The format of {@code a * b}. */
  public static FixedFormat mul(FixedFormat a, FixedFormat b) {
    return make(
        "mul",
        a,
        b,
        (long) a.totalBits() + b.totalBits(),
        (long) a.intBits() + b.intBits(),
        a.signed() || b.signed());
  }

  /** The format of {@code a + b}. */
  public static FixedFormat add(FixedFormat a, FixedFormat b) {
    long i = carryIntBits(a, b);
    long f = Math.max(a.fracBits(), b.fracBits());
    return make("add", a, b, i + f, i, a.signed() || b.signed());
  }

  /** The format of {@code a - b}; always signed. */
  public static FixedFormat sub(FixedFormat a, FixedFormat b) {
    long i = carryIntBits(a, b);
    long f = Math.max(a.fracBits(), b.fracBits());
    return make("sub", a, b, i + f, i, true);
  }

  /** The format of {@code -a}; always signed, one bit wider. */
  public static FixedFormat neg(FixedFormat a) {
    return make("neg", a, a, a.totalBits() + 1L, a.intBits() + 1L, true);
  }

  /** The format of a sum of {@code terms} values of format {@code a} (an accumulator). */
  public static FixedFormat sum(FixedFormat a, long terms) {
    if (terms < 1) {
      throw new IllegalArgumentException("a sum needs at least one term, got " + terms);
    }
    int grow = 64 - Long.numberOfLeadingZeros(terms - 1);
    return make("sum", a, a, (long) a.totalBits() + grow, (long) a.intBits() + grow, a.signed());
  }

  /**
   * The format of {@code a * 2^n}: the same raw bits with the binary point moved {@code n} places
   * left ({@code n > 0}) or right ({@code n < 0}).
   */
  public static FixedFormat shift(FixedFormat a, int n) {
    return make("shift", a, a, a.totalBits(), (long) a.intBits() + n, a.signed());
  }

  private static long carryIntBits(FixedFormat a, FixedFormat b) {
    long ia = a.intBits() + (b.signed() && !a.signed() ? 1L : 0L);
    long ib = b.intBits() + (a.signed() && !b.signed() ? 1L : 0L);
    return Math.max(ia, ib) + 1;
  }

  private static FixedFormat make(
      String op, FixedFormat a, FixedFormat b, long width, long intBits, boolean signed) {
    if (width > FixedFormat.MAX_TOTAL_BITS
        || width - intBits > FixedFormat.MAX_FRAC_BITS
        || intBits - width > FixedFormat.MAX_FRAC_BITS) {
      throw new IllegalArgumentException(
          op
              + " of "
              + a
              + " and "
              + b
              + " needs "
              + width
              + " bits with "
              + intBits
              + " integer bits, beyond the supported "
              + FixedFormat.MAX_TOTAL_BITS
              + "; narrow an operand first");
    }
    return new FixedFormat((int) width, (int) intBits, signed);
  }
}
