package org.spikescr.fixed;

/**
 * How a cast disposes of the fraction bits the target format cannot hold (the ap/ac quantization
 * modes, same names and meaning).
 *
 * <p>Every mode is decided by one kernel, {@link #roundsUp}, from four bits of the source value:
 * the least significant bit that is kept, the guard bit (the first dropped bit, weight half an LSB
 * of the target), the sticky bit (OR of all bits below the guard bit) and the sign. The kept bits,
 * read as an integer, are the source value rounded toward minus infinity ({@code floor}); when the
 * kernel says so, one LSB is added. A "tie" is a value exactly halfway between two representable
 * values (guard set, sticky clear).
 */
public enum Quantization {
  /** Truncation toward minus infinity (floor); never adds; ap/ac {@code TRN}. */
  TRN(0, "TRN"),
  /** Truncation toward zero: floor for positive values, ceiling for negative inexact ones. */
  TRN_ZERO(1, "TRN_ZERO"),
  /** Round to nearest, ties toward plus infinity (-2.5 becomes -2, 2.5 becomes 3). */
  RND(2, "RND"),
  /** Round to nearest, ties toward zero (-2.5 becomes -2, 2.5 becomes 2). */
  RND_ZERO(3, "RND_ZERO"),
  /** Round to nearest, ties away from zero (-2.5 becomes -3, 2.5 becomes 3). */
  RND_INF(4, "RND_INF"),
  /** Round to nearest, ties toward minus infinity (-2.5 becomes -3, 2.5 becomes 2). */
  RND_MIN_INF(5, "RND_MIN_INF"),
  /** Round to nearest, ties to the even neighbour (convergent; -2.5 becomes -2, 3.5 becomes 4). */
  RND_CONV(6, "RND_CONV");

  private final int code;
  private final String baseName;

  Quantization(int code, String baseName) {
    this.code = code;
    this.baseName = baseName;
  }

  /** The numeric code used for this mode in files and as the RTL requantiser parameter value. */
  public int code() {
    return code;
  }

  /** The ap_fixed spelling, e.g. {@code AP_RND_CONV}. */
  public String apName() {
    return "AP_" + baseName;
  }

  /** The ac_fixed spelling, e.g. {@code AC_RND_CONV}. */
  public String acName() {
    return "AC_" + baseName;
  }

  /** The mode with the given {@link #code()}; fails for an unknown code. */
  public static Quantization fromCode(int code) {
    for (Quantization q : values()) {
      if (q.code == code) {
        return q;
      }
    }
    throw new IllegalArgumentException("no quantization mode with code " + code);
  }

  /**
   * The rounding kernel: whether one LSB is added to the floor of the value.
   *
   * @param lsbKept the least significant bit that stays (decides ties for {@link #RND_CONV})
   * @param guard the first bit dropped, weight half an LSB of the target
   * @param sticky true when any bit below the guard bit is set
   * @param negative true when the source value is below zero
   * @return true when the result is the floor plus one LSB
   */
  public boolean roundsUp(boolean lsbKept, boolean guard, boolean sticky, boolean negative) {
    return switch (this) {
      case TRN -> false;
      case TRN_ZERO -> negative && (guard || sticky);
      case RND -> guard;
      case RND_ZERO -> guard && (sticky || negative);
      case RND_INF -> guard && (sticky || !negative);
      case RND_MIN_INF -> guard && sticky;
      case RND_CONV -> guard && (sticky || lsbKept);
    };
  }
}
