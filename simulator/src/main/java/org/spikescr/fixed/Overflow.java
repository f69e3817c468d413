package org.spikescr.fixed;

/**
 * What a cast does when the (already quantized) value lies outside the target format's range (the
 * ap/ac overflow modes, same names and meaning). In every mode the cast reports the event, so a
 * simulator can count it.
 */
public enum Overflow {
  /** Keep the low W bits (two's complement wrap-around for signed targets, modulo 2^W unsigned). */
  WRAP(0, "WRAP"),
  /** Clamp to the nearest end of the range: the largest raw value above, the smallest below. */
  SAT(1, "SAT"),
  /** Replace any out-of-range value by zero. */
  SAT_ZERO(2, "SAT_ZERO"),
  /**
   * Clamp to the symmetric range {@code [-max, max]}: for a signed target the most negative raw
   * value {@code -2^(W-1)} is never produced (a result equal to it also becomes {@code -max} and
   * counts as an overflow event); for an unsigned target the same as {@link #SAT}. A signed 1-bit
   * target has {@code max = 0}, so every result is 0.
   */
  SAT_SYM(3, "SAT_SYM");

  private final int code;
  private final String baseName;

  Overflow(int code, String baseName) {
    this.code = code;
    this.baseName = baseName;
  }

  /** The numeric code used for this mode in files and as the RTL requantiser parameter value. */
  public int code() {
    return code;
  }

  /** The ap_fixed spelling, e.g. {@code AP_SAT_SYM}. */
  public String apName() {
    return "AP_" + baseName;
  }

  /** The ac_fixed spelling, e.g. {@code AC_SAT_SYM}. */
  public String acName() {
    return "AC_" + baseName;
  }

  /** The mode with the given {@link #code()}; fails for an unknown code. */
  public static Overflow fromCode(int code) {
    for (Overflow o : values()) {
      if (o.code == code) {
        return o;
      }
    }
    throw new IllegalArgumentException("no overflow mode with code " + code);
  }
}
