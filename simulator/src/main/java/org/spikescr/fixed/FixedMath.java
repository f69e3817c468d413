package org.spikescr.fixed;

/**
 * Bit-accurate operations on raw fixed-point values held in {@code long}s.
 *
 * <p>Exact operations ({@link #add}, {@link #sub}, {@link #mul}, {@link #neg}) return the raw value
 * in the full-precision format that {@link ResultFormats} gives for the operands, so they never
 * lose a bit. The only way to a narrower format is {@link #cast}, which quantizes with one rounding
 * kernel ({@link Quantization#roundsUp}) and then applies the overflow mode. No floating point is
 * used anywhere.
 */
public final class FixedMath {

  private FixedMath() {}

  /**
   * Converts a raw value from one format to another.
   *
   * <p>Steps: align the binary points (a left shift is exact; a right shift by {@code d} bits keeps
   * the floor and takes the guard bit {@code d-1} and the sticky OR of bits {@code 0..d-2}); add
   * one LSB when the quantization kernel says so; then, when the result lies outside the target
   * range, apply the overflow mode and report the event.
   *
   * @param raw the source raw value, representable in {@code from}
   * @param from the source format
   * @param to the target format
   * @param q what to do with dropped fraction bits
   * @param o what to do with values outside the target range
   * @return the target raw value and whether an overflow occurred
   */
  public static CastResult cast(
      long raw, FixedFormat from, FixedFormat to, Quantization q, Overflow o) {
    requireIn(raw, from);
    int shift = from.fracBits() - to.fracBits();
    long value;
    boolean outside;
    boolean negative = raw < 0;
    if (shift <= 0) {
      int left = -shift;
      value = left >= 64 ? 0L : raw << left;
      outside = raw != 0 && (left >= 63 || (value >> left) != raw || !to.contains(value));
    } else {
      long kept = shiftRightFloor(raw, shift);
      boolean guard = bit(raw, shift - 1);
      boolean sticky = lowBitsNonZero(raw, shift - 1);
      boolean lsb = (kept & 1L) != 0;
      value = kept + (q.roundsUp(lsb, guard, sticky, negative) ? 1L : 0L);
      outside = !to.contains(value);
    }
    return overflow(value, negative, outside, to, o);
  }

  /** Same as {@link #cast(long, FixedFormat, FixedFormat, Quantization, Overflow)}, counting. */
  public static long cast(
      long raw,
      FixedFormat from,
      FixedFormat to,
      Quantization q,
      Overflow o,
      SaturationCounter counter) {
    CastResult r = cast(raw, from, to, q, o);
    counter.record(r.overflowed());
    return r.raw();
  }

  /**
   * Applies the overflow mode. {@code value} holds the exact result when it is in range and at
   * least its low 64 bits otherwise; {@code negative} is the sign of the exact result.
   */
  private static CastResult overflow(
      long value, boolean negative, boolean outside, FixedFormat to, Overflow o) {
    long max = to.maxRaw();
    long min = to.minRaw();
    if (o == Overflow.SAT_SYM && to.signed()) {
      min = -max;
      outside = outside || value < min;
    }
    if (!outside) {
      return new CastResult(value, to, false);
    }
    long result =
        switch (o) {
          case WRAP -> wrap(value, to);
          case SAT, SAT_SYM -> negative ? min : max;
          case SAT_ZERO -> 0L;
        };
    return new CastResult(result, to, true);
  }

  /** The low {@code W} bits of a value, sign-extended for a signed format. */
  public static long wrap(long value, FixedFormat to) {
    int unused = 64 - to.totalBits();
    return to.signed() ? (value << unused) >> unused : (value << unused) >>> unused;
  }

  /**
   * Floor division by {@code 2^n} (arithmetic shift right); for {@code n >= 63} the result is 0 or
   * -1.
   */
  public static long asr(long raw, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("shift must be non-negative, got " + n);
    }
    return shiftRightFloor(raw, n);
  }

  private static long shiftRightFloor(long raw, int n) {
    return n >= 63 ? (raw < 0 ? -1L : 0L) : raw >> n;
  }

  private static boolean bit(long raw, int i) {
    return i >= 63 ? raw < 0 : ((raw >>> i) & 1L) != 0;
  }

  /** True when any of bits {@code 0 .. n-1} is set (bits above 63 are copies of the sign). */
  private static boolean lowBitsNonZero(long raw, int n) {
    if (n <= 0) {
      return false;
    }
    if (n >= 64) {
      return raw != 0;
    }
    return (raw & ((1L << n) - 1)) != 0;
  }

  /** Exact sum; the raw result is in {@link ResultFormats#add(FixedFormat, FixedFormat)}. */
  public static long add(long a, FixedFormat fa, long b, FixedFormat fb) {
    requireIn(a, fa);
    requireIn(b, fb);
    FixedFormat r = ResultFormats.add(fa, fb);
    return align(a, fa, r) + align(b, fb, r);
  }

  /** Exact difference; the raw result is in {@link ResultFormats#sub(FixedFormat, FixedFormat)}. */
  public static long sub(long a, FixedFormat fa, long b, FixedFormat fb) {
    requireIn(a, fa);
    requireIn(b, fb);
    FixedFormat r = ResultFormats.sub(fa, fb);
    return align(a, fa, r) - align(b, fb, r);
  }

  /** Exact product; the raw result is in {@link ResultFormats#mul(FixedFormat, FixedFormat)}. */
  public static long mul(long a, FixedFormat fa, long b, FixedFormat fb) {
    requireIn(a, fa);
    requireIn(b, fb);
    ResultFormats.mul(fa, fb);
    return a * b;
  }

  /** Exact negation; the raw result is in {@link ResultFormats#neg(FixedFormat)}. */
  public static long neg(long a, FixedFormat fa) {
    requireIn(a, fa);
    ResultFormats.neg(fa);
    return -a;
  }

  /**
   * The raw value of {@code raw} (format {@code from}) in a format with at least as many fraction
   * bits; exact, a left shift.
   */
  static long align(long raw, FixedFormat from, FixedFormat to) {
    int left = to.fracBits() - from.fracBits();
    if (left < 0) {
      throw new IllegalArgumentException(
          "cannot align " + from + " to " + to + " without losing bits; use cast");
    }
    return raw << left;
  }

  private static void requireIn(long raw, FixedFormat f) {
    if (!f.contains(raw)) {
      throw new IllegalArgumentException("raw value " + raw + " is outside " + f);
    }
  }
}
