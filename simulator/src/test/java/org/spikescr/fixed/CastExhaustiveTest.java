package org.spikescr.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every target format of width 1 to 8 bits (integer bits from -2 to W+2, signed and unsigned),
 * every raw value of three wider or differently aligned source formats, every overflow mode:
 * compared against {@link ExactReference}.
 */
class CastExhaustiveTest {

  static List<FixedFormat> targets() {
    List<FixedFormat> out = new ArrayList<>();
    for (int w = 1; w <= 8; w++) {
      for (int i = -2; i <= w + 2; i++) {
        out.add(new FixedFormat(w, i, true));
        out.add(new FixedFormat(w, i, false));
      }
    }
    return out;
  }

  /** Sources around a target: two more integer and fraction bits, and one fraction bit fewer. */
  static List<FixedFormat> sources(FixedFormat t) {
    int w = t.totalBits();
    int i = t.intBits();
    return List.of(
        new FixedFormat(w + 4, i + 2, true),
        new FixedFormat(w + 4, i + 2, false),
        new FixedFormat(w + 2, i + 3, true),
        new FixedFormat(w + 2, i + 3, false));
  }

  @ParameterizedTest
  @EnumSource(Quantization.class)
  void everyValueEveryOverflowMode(Quantization q) {
    long checked = 0;
    for (FixedFormat to : targets()) {
      for (FixedFormat from : sources(to)) {
        for (long raw = from.minRaw(); raw <= from.maxRaw(); raw++) {
          BigInteger rounded = ExactReference.round(raw, from, to, q);
          for (Overflow o : Overflow.values()) {
            CastResult expected = ExactReference.overflow(rounded, to, o);
            CastResult actual = FixedMath.cast(raw, from, to, q, o);
            if (!expected.equals(actual)) {
              fail(
                  "cast of raw "
                      + raw
                      + " from "
                      + from
                      + " to "
                      + to
                      + " with "
                      + q
                      + "/"
                      + o
                      + ": expected "
                      + expected
                      + ", got "
                      + actual);
            }
            checked++;
          }
        }
      }
    }
    assertEquals(expectedCount(), checked);
  }

  private static long expectedCount() {
    long n = 0;
    for (FixedFormat to : targets()) {
      for (FixedFormat from : sources(to)) {
        n += from.cardinality() * Overflow.values().length;
      }
    }
    return n;
  }
}
