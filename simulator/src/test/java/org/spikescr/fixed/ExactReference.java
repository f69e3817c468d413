package org.spikescr.fixed;

import java.math.BigInteger;

/**
 * An independent model of a cast in exact rational arithmetic: the source value {@code raw * 2^-F1}
 * is written in target LSBs as the fraction {@code raw * 2^F2 / 2^F1}, rounded by comparing twice
 * the remainder with the denominator, and range-checked with BigInteger.
 */
final class ExactReference {
  private ExactReference() {}

  /** The source value in target LSBs, rounded with {@code q}; unbounded. */
  static BigInteger round(long raw, FixedFormat from, FixedFormat to, Quantization q) {
    BigInteger num = BigInteger.valueOf(raw);
    int up = to.fracBits() - from.fracBits();
    if (up >= 0) {
      return num.shiftLeft(up);
    }
    BigInteger den = BigInteger.ONE.shiftLeft(-up);
    BigInteger[] qr = num.divideAndRemainder(den);
    BigInteger floor = qr[0];
    BigInteger rem = qr[1];
    if (rem.signum() < 0) {
      floor = floor.subtract(BigInteger.ONE);
      rem = rem.add(den);
    }
    if (rem.signum() == 0) {
      return floor;
    }
    int half = rem.shiftLeft(1).compareTo(den); // <0 below half, 0 a tie, >0 above half
    boolean negative = raw < 0;
    boolean floorOdd = floor.testBit(0);
    boolean upward =
        switch (q) {
          case TRN -> false;
          case TRN_ZERO -> negative;
          case RND -> half >= 0;
          case RND_ZERO -> half > 0 || (half == 0 && negative);
          case RND_INF -> half > 0 || (half == 0 && !negative);
          case RND_MIN_INF -> half > 0;
          case RND_CONV -> half > 0 || (half == 0 && floorOdd);
        };
    return upward ? floor.add(BigInteger.ONE) : floor;
  }

  /** The reference cast: rounding then the overflow rule, with the overflow flag. */
  static CastResult cast(long raw, FixedFormat from, FixedFormat to, Quantization q, Overflow o) {
    return overflow(round(raw, from, to, q), to, o);
  }

  /** Applies an overflow mode to an exact integer count of target LSBs. */
  static CastResult overflow(BigInteger v, FixedFormat to, Overflow o) {
    BigInteger modulus = BigInteger.ONE.shiftLeft(to.totalBits());
    BigInteger max =
        to.signed()
            ? BigInteger.ONE.shiftLeft(to.totalBits() - 1).subtract(BigInteger.ONE)
            : modulus.subtract(BigInteger.ONE);
    BigInteger min =
        to.signed() ? BigInteger.ONE.shiftLeft(to.totalBits() - 1).negate() : BigInteger.ZERO;
    if (o == Overflow.SAT_SYM && to.signed()) {
      min = max.negate();
    }
    if (v.compareTo(min) >= 0 && v.compareTo(max) <= 0) {
      return new CastResult(v.longValueExact(), to, false);
    }
    BigInteger r;
    switch (o) {
      case WRAP -> {
        r = v.mod(modulus);
        if (to.signed() && r.testBit(to.totalBits() - 1)) {
          r = r.subtract(modulus);
        }
      }
      case SAT, SAT_SYM -> r = v.signum() < 0 ? min : max;
      case SAT_ZERO -> r = BigInteger.ZERO;
      default -> throw new AssertionError(o);
    }
    return new CastResult(r.longValueExact(), to, true);
  }
}
