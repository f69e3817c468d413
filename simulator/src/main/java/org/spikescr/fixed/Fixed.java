package org.spikescr.fixed;

import java.math.BigDecimal;

/**
 * A fixed-point value: a raw integer and its format; the real value is {@code raw * 2^-F}.
 *
 * <p>Arithmetic is exact and returns the full-precision format of {@link ResultFormats}; the only
 * narrowing operation is {@link #cast}.
 *
 * @param raw the raw integer, representable in {@code format}
 * @param format the format
 */
public record Fixed(long raw, FixedFormat format) {

  /** Checks that the raw value fits the format. */
  public Fixed {
    if (!format.contains(raw)) {
      throw new IllegalArgumentException("raw value " + raw + " is outside " + format);
    }
  }

  /** The integer {@code v} in the narrowest integer format that holds it. */
  public static Fixed ofInteger(long v) {
    return new Fixed(v, FixedFormat.integerFor(Math.min(v, 0), Math.max(v, 0)));
  }

  /** Exact sum. */
  public Fixed add(Fixed o) {
    return new Fixed(
        FixedMath.add(raw, format, o.raw, o.format), ResultFormats.add(format, o.format));
  }

  /** Exact difference. */
  public Fixed sub(Fixed o) {
    return new Fixed(
        FixedMath.sub(raw, format, o.raw, o.format), ResultFormats.sub(format, o.format));
  }

  /** Exact product. */
  public Fixed mul(Fixed o) {
    return new Fixed(
        FixedMath.mul(raw, format, o.raw, o.format), ResultFormats.mul(format, o.format));
  }

  /** Exact negation. */
  public Fixed neg() {
    return new Fixed(FixedMath.neg(raw, format), ResultFormats.neg(format));
  }

  /** Exact multiplication by {@code 2^n} (moves the binary point; the raw bits stay). */
  public Fixed shift(int n) {
    return new Fixed(raw, ResultFormats.shift(format, n));
  }

  /** Narrows or widens to {@code to} with the given modes. */
  public CastResult cast(FixedFormat to, Quantization q, Overflow o) {
    return FixedMath.cast(raw, format, to, q, o);
  }

  /** Narrows or widens to {@code to}, recording any overflow in {@code counter}. */
  public Fixed cast(FixedFormat to, Quantization q, Overflow o, SaturationCounter counter) {
    return new Fixed(FixedMath.cast(raw, format, to, q, o, counter), to);
  }

  /** The exact real value (for reports and tests; decimal, no binary floating point). */
  public BigDecimal toBigDecimal() {
    BigDecimal r = BigDecimal.valueOf(raw);
    int f = format.fracBits();
    return f >= 0
        ? r.divide(BigDecimal.valueOf(2).pow(f))
        : r.multiply(BigDecimal.valueOf(2).pow(-f));
  }

  @Override
  public String toString() {
    return toBigDecimal().toPlainString() + " " + format;
  }
}
