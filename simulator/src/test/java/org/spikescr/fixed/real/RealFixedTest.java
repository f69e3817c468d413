package org.spikescr.fixed.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikescr.fixed.CastResult;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;

/** Double-to-fixed conversion against exact decimal arithmetic. */
class RealFixedTest {
  private static final List<Quantization> MODES = List.of(Quantization.values());

  /** The exact value {@code x * 2^F} rounded by a BigDecimal rounding rule per mode. */
  static BigInteger reference(double x, int frac, Quantization q) {
    BigDecimal v = new BigDecimal(x);
    v =
        frac >= 0
            ? v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(frac)))
            : v.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-frac)));
    BigDecimal half = new BigDecimal("0.5");
    return switch (q) {
      case TRN -> v.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      case TRN_ZERO -> v.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
      case RND -> v.add(half).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      case RND_ZERO -> v.setScale(0, RoundingMode.HALF_DOWN).toBigIntegerExact();
      case RND_INF -> v.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
      case RND_MIN_INF -> v.subtract(half).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
      case RND_CONV -> v.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    };
  }

  @Test
  void randomDoublesOfEveryMagnitude() {
    SplittableRandom r = new SplittableRandom(7);
    for (int n = 0; n < 100_000; n++) {
      double x = Math.scalb(r.nextDouble(-1, 1), r.nextInt(-1080, 40));
      int frac = r.nextInt(-10, RealFixed.MAX_TARGET_FRAC_BITS + 1);
      if (r.nextInt(8) == 0) {
        frac = r.nextInt(-4, 8);
        x = Math.scalb(Math.rint(r.nextDouble(-64, 64)) + 0.5, -frac); // an exact tie
      }
      FixedFormat to = new FixedFormat(62, 62 - frac, true);
      Quantization q = MODES.get(r.nextInt(MODES.size()));
      CastResult got = RealFixed.fromReal(x, to, q, Overflow.SAT);
      BigInteger want = reference(x, frac, q);
      if (want.bitLength() < 62) {
        assertEquals(want.longValueExact(), got.raw(), x + " to " + to + " with " + q);
      } else {
        assertTrue(got.overflowed(), x + " to " + to);
      }
    }
  }

  @Test
  void tiesAndNegatives() {
    FixedFormat int8 = FixedFormat.signedInt(8);
    assertEquals(-2, RealFixed.fromReal(-2.5, int8, Quantization.RND_CONV, Overflow.SAT).raw());
    assertEquals(-3, RealFixed.fromReal(-2.5, int8, Quantization.RND_INF, Overflow.SAT).raw());
    assertEquals(-2, RealFixed.fromReal(-2.5, int8, Quantization.RND, Overflow.SAT).raw());
    assertEquals(3, RealFixed.fromReal(2.5, int8, Quantization.RND, Overflow.SAT).raw());
    assertEquals(
        0, RealFixed.fromReal(Double.MIN_VALUE, int8, Quantization.RND, Overflow.SAT).raw());
    assertEquals(
        0, RealFixed.fromReal(Double.MIN_VALUE, int8, Quantization.TRN_ZERO, Overflow.SAT).raw());
    FixedFormat fine = FixedFormat.ofSigned(8, -52); // 60 fraction bits
    for (Quantization q : Quantization.values()) {
      assertEquals(0, RealFixed.fromReal(0x1p-1074, fine, q, Overflow.SAT).raw(), q.name());
    }
    assertEquals(-1, RealFixed.fromReal(-0x1p-1074, fine, Quantization.TRN, Overflow.SAT).raw());
    assertEquals(-1, RealFixed.fromReal(-0x1p-62, fine, Quantization.TRN, Overflow.SAT).raw());
    assertEquals(
        0, RealFixed.fromReal(-0x1p-62, fine, Quantization.RND_MIN_INF, Overflow.SAT).raw());
    assertEquals(
        -1, RealFixed.fromReal(-0x1p-61, fine, Quantization.RND_MIN_INF, Overflow.SAT).raw());
    assertEquals(0, RealFixed.fromReal(-0x1p-61, fine, Quantization.RND, Overflow.SAT).raw());
    assertEquals(
        -1, RealFixed.fromReal(-Double.MIN_VALUE, int8, Quantization.TRN, Overflow.SAT).raw());
    assertEquals(
        0, RealFixed.fromReal(-Double.MIN_VALUE, int8, Quantization.TRN_ZERO, Overflow.SAT).raw());
    assertEquals(0, RealFixed.fromReal(-0.0, int8, Quantization.TRN, Overflow.SAT).raw());
    CastResult big = RealFixed.fromReal(1e6, int8, Quantization.RND_CONV, Overflow.SAT_SYM);
    assertEquals(127, big.raw());
    assertTrue(big.overflowed());
    assertEquals(
        -127, RealFixed.fromReal(-1e6, int8, Quantization.RND_CONV, Overflow.SAT_SYM).raw());
  }

  @Test
  void rejectsWhatItCannotConvert() {
    FixedFormat int8 = FixedFormat.signedInt(8);
    assertThrows(
        IllegalArgumentException.class,
        () -> RealFixed.fromReal(Double.NaN, int8, Quantization.TRN, Overflow.SAT));
    assertThrows(
        IllegalArgumentException.class,
        () -> RealFixed.fromReal(0x1p62, int8, Quantization.TRN, Overflow.SAT));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RealFixed.fromReal(1.0, new FixedFormat(8, -53, true), Quantization.TRN, Overflow.SAT));
  }

  @Test
  void toRealAndRoundToLong() {
    assertEquals(-2.5, RealFixed.toReal(-10, FixedFormat.ofSigned(8, 6)));
    assertEquals(20, RealFixed.roundToLong(4 / 0.2));
    assertEquals(2, RealFixed.roundToLong(2.5));
    assertEquals(-4, RealFixed.roundToLong(-3.5));
  }
}
