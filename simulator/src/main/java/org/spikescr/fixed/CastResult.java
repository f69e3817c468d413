package org.spikescr.fixed;

/**
 * The outcome of a cast: the raw value in the target format and whether the overflow mode had to
 * act.
 *
 * @param raw the raw value, always representable in {@code format}
 * @param format the target format
 * @param overflowed true when the quantized value lay outside the target range (or, for {@link
 *     Overflow#SAT_SYM}, equalled the excluded most negative value), whatever the overflow mode did
 *     about it
 */
public record CastResult(long raw, FixedFormat format, boolean overflowed) {

  /** Checks that the raw value fits the format. */
  public CastResult {
    if (!format.contains(raw)) {
      throw new IllegalArgumentException("raw value " + raw + " is outside " + format);
    }
  }

  /** The result as a value. */
  public Fixed value() {
    return new Fixed(raw, format);
  }
}
