package org.spikescr.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random casts between formats of 9 to 62 bits with fraction bits anywhere in the allowed
 * range, against {@link ExactReference}; a quarter of the values are range ends or near zero.
 */
class CastRandomTest {

  private static final long SEED = 20261127L;
  private static final int CASES = 400_000;

  @Test
  void randomFormatsAndValuesMatchTheExactReference() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    Quantization[] qs = Quantization.values();
    Overflow[] os = Overflow.values();
    for (int n = 0; n < CASES; n++) {
      FixedFormat from = randomFormat(rnd, 9);
      FixedFormat to = randomFormat(rnd, n % 4 == 0 ? 1 : 9);
      long raw = randomRaw(rnd, from);
      Quantization q = qs[rnd.nextInt(qs.length)];
      Overflow o = os[rnd.nextInt(os.length)];
      CastResult expected = ExactReference.cast(raw, from, to, q, o);
      CastResult actual = FixedMath.cast(raw, from, to, q, o);
      assertEquals(
          expected,
          actual,
          () -> "case " + raw + " " + from + " -> " + to + " " + q + "/" + o + " seed " + SEED);
    }
  }

  static FixedFormat randomFormat(SplittableRandom rnd, int minBits) {
    int w = rnd.nextInt(minBits, FixedFormat.MAX_TOTAL_BITS + 1);
    int frac =
        rnd.nextInt(4) == 0
            ? rnd.nextInt(-FixedFormat.MAX_FRAC_BITS, FixedFormat.MAX_FRAC_BITS + 1)
            : rnd.nextInt(-4, Math.min(w + 5, FixedFormat.MAX_FRAC_BITS + 1));
    return new FixedFormat(w, w - frac, rnd.nextBoolean());
  }

  static long randomRaw(SplittableRandom rnd, FixedFormat f) {
    int pick = rnd.nextInt(16);
    long min = f.minRaw();
    long max = f.maxRaw();
    return switch (pick) {
      case 0 -> min;
      case 1 -> max;
      case 2 -> Math.max(min, Math.min(max, rnd.nextLong(-3, 4)));
      case 3 -> rnd.nextBoolean() ? min + rnd.nextInt(4) : max - rnd.nextInt(4);
      default -> rnd.nextLong(min, max + 1);
    };
  }
}
