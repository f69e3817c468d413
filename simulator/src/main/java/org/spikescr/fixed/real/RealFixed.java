package org.spikescr.fixed.real;

import org.spikescr.fixed.CastResult;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.FixedMath;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;

/**
 * Conversions between doubles and fixed-point raw values, for the quantizer and for reports.
 *
 * <p>{@link #fromReal} is exact up to the single rounding step: the double is split into its
 * integer mantissa and power-of-two exponent, which is a fixed-point value, and narrowed with the
 * same cast (and rounding kernel) as every other narrowing in the project.
 */
public final class RealFixed {

  /** The largest magnitude {@link #fromReal} accepts. */
  public static final double MAX_MAGNITUDE = 0x1p62;

  /** The most fraction bits a target of {@link #fromReal} may have. */
  public static final int MAX_TARGET_FRAC_BITS = 60;

  private RealFixed() {}

  /**
   * The double {@code x} in format {@code to}, rounded with {@code q}; out-of-range values are
   * handled by {@code o} and reported.
   *
   * @throws IllegalArgumentException for NaN, infinities, {@code |x| >= 2^62}, or a target with
   *     more than {@value #MAX_TARGET_FRAC_BITS} fraction bits
   */
  public static CastResult fromReal(double x, FixedFormat to, Quantization q, Overflow o) {
    if (!Double.isFinite(x) || Math.abs(x) >= MAX_MAGNITUDE) {
      throw new IllegalArgumentException("cannot convert " + x + " to " + to);
    }
    if (to.fracBits() > MAX_TARGET_FRAC_BITS) {
      throw new IllegalArgumentException(
          "target " + to + " has more than " + MAX_TARGET_FRAC_BITS + " fraction bits");
    }
    long bits = Double.doubleToRawLongBits(x);
    boolean negative = bits < 0;
    int biased = (int) ((bits >>> 52) & 0x7ff);
    long mantissa = bits & ((1L << 52) - 1);
    int exponent;
    if (biased == 0) {
      exponent = -1074;
    } else {
      mantissa |= 1L << 52;
      exponent = biased - 1075;
    }
    if (mantissa == 0) {
      return FixedMath.cast(0, FixedFormat.signedInt(1), to, q, o);
    }
    int frac = -exponent;
    if (frac > FixedFormat.MAX_FRAC_BITS) {
      // Keep 62 fraction bits; fold the dropped bits into bit 0 as a sticky bit. Bit 0 lies at
      // least two places below the target's guard bit, so every mode rounds as before.
      int drop = frac - FixedFormat.MAX_FRAC_BITS;
      boolean sticky = drop >= 64 ? true : (mantissa & ((1L << drop) - 1)) != 0;
      mantissa = drop >= 64 ? 0 : mantissa >>> drop;
      if (sticky) {
        mantissa |= 1;
      }
      frac = FixedFormat.MAX_FRAC_BITS;
    }
    FixedFormat from = new FixedFormat(54, 54 - frac, true);
    return FixedMath.cast(negative ? -mantissa : mantissa, from, to, q, o);
  }

  /** The value of a raw integer in a format, as a double (rounded to nearest when inexact). */
  public static double toReal(long raw, FixedFormat f) {
    return Math.scalb((double) raw, -f.fracBits());
  }

  /**
   * A real rounded to the nearest integer with ties to even; must lie in the signed 62-bit range.
   */
  public static long roundToLong(double x) {
    CastResult r =
        fromReal(
            x,
            FixedFormat.signedInt(FixedFormat.MAX_TOTAL_BITS),
            Quantization.RND_CONV,
            Overflow.SAT);
    if (r.overflowed()) {
      throw new IllegalArgumentException(x + " does not fit 62 signed bits");
    }
    return r.raw();
  }
}
