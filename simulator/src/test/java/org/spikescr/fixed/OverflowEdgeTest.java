package org.spikescr.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-checked overflow behaviour at the ends of the range, for every overflow mode. */
class OverflowEdgeTest {

  private static final FixedFormat INT4 = FixedFormat.signedInt(4);
  private static final FixedFormat UINT4 = FixedFormat.unsignedInt(4);
  private static final FixedFormat INT8 = FixedFormat.signedInt(8);
  private static final FixedFormat HALVES = FixedFormat.ofSigned(8, 7);

  private static CastResult toInt4(long v, Overflow o) {
    return FixedMath.cast(v, INT8, INT4, Quantization.TRN, o);
  }

  @Test
  void satSymNeverProducesTheMostNegativeValue() {
    CastResult r = toInt4(-8, Overflow.SAT_SYM);
    assertEquals(-7, r.raw());
    assertTrue(r.overflowed(), "-8 is in range but excluded by SAT_SYM: counted");
    assertEquals(-7, toInt4(-9, Overflow.SAT_SYM).raw());
    assertEquals(-7, toInt4(-128, Overflow.SAT_SYM).raw());
    assertEquals(7, toInt4(8, Overflow.SAT_SYM).raw());
    assertEquals(7, toInt4(127, Overflow.SAT_SYM).raw());
    CastResult inRange = toInt4(-7, Overflow.SAT_SYM);
    assertEquals(-7, inRange.raw());
    assertFalse(inRange.overflowed());
  }

  @Test
  void satSymOnAnUnsignedTargetIsPlainSaturation() {
    for (long v = -128; v <= 127; v++) {
      assertEquals(
          FixedMath.cast(v, INT8, UINT4, Quantization.TRN, Overflow.SAT),
          FixedMath.cast(v, INT8, UINT4, Quantization.TRN, Overflow.SAT_SYM));
    }
    assertEquals(0, FixedMath.cast(-1, INT8, UINT4, Quantization.TRN, Overflow.SAT_SYM).raw());
    assertEquals(15, FixedMath.cast(16, INT8, UINT4, Quantization.TRN, Overflow.SAT_SYM).raw());
  }

  @Test
  void satSymOnASignedOneBitTargetGivesZero() {
    FixedFormat int1 = FixedFormat.signedInt(1);
    for (long v = -128; v <= 127; v++) {
      assertEquals(0, FixedMath.cast(v, INT8, int1, Quantization.TRN, Overflow.SAT_SYM).raw());
    }
    assertEquals(-1, FixedMath.cast(-1, INT8, int1, Quantization.TRN, Overflow.SAT).raw());
  }

  @Test
  void satZeroReplacesOnlyOutOfRangeValues() {
    CastResult low = toInt4(-9, Overflow.SAT_ZERO);
    assertEquals(0, low.raw());
    assertTrue(low.overflowed());
    assertEquals(0, toInt4(8, Overflow.SAT_ZERO).raw());
    CastResult min = toInt4(-8, Overflow.SAT_ZERO);
    assertEquals(-8, min.raw());
    assertFalse(min.overflowed());
    assertEquals(7, toInt4(7, Overflow.SAT_ZERO).raw());
  }

  @Test
  void saturationClampsBothEnds() {
    assertEquals(7, toInt4(100, Overflow.SAT).raw());
    assertEquals(-8, toInt4(-100, Overflow.SAT).raw());
    assertEquals(0, FixedMath.cast(-5, INT8, UINT4, Quantization.TRN, Overflow.SAT).raw());
  }

  @Test
  void roundingUpIntoOverflowIsCaught() {
    // 7.5 rounds to 8 under RND, which int4 cannot hold.
    CastResult r = FixedMath.cast(15, HALVES, INT4, Quantization.RND, Overflow.SAT);
    assertEquals(7, r.raw());
    assertTrue(r.overflowed());
    CastResult w = FixedMath.cast(15, HALVES, INT4, Quantization.RND, Overflow.WRAP);
    assertEquals(-8, w.raw());
    assertTrue(w.overflowed());
    CastResult t = FixedMath.cast(15, HALVES, INT4, Quantization.TRN, Overflow.SAT);
    assertEquals(7, t.raw());
    assertFalse(t.overflowed());
  }

  @Test
  void wrapIsTwosComplement() {
    assertEquals(-8, toInt4(8, Overflow.WRAP).raw());
    assertEquals(-7, toInt4(9, Overflow.WRAP).raw());
    assertEquals(7, toInt4(-9, Overflow.WRAP).raw());
    assertEquals(-1, toInt4(15, Overflow.WRAP).raw());
    assertEquals(0, toInt4(16, Overflow.WRAP).raw());
    assertEquals(0, toInt4(-128, Overflow.WRAP).raw());
    assertEquals(15, FixedMath.cast(-1, INT8, UINT4, Quantization.TRN, Overflow.WRAP).raw());
    assertEquals(1, FixedMath.cast(-15, INT8, UINT4, Quantization.TRN, Overflow.WRAP).raw());
    assertEquals(-1, FixedMath.wrap(255, INT8));
    assertEquals(-128, FixedMath.wrap(128, INT8));
  }

  @Test
  void wideLeftShiftsOverflowInsteadOfLosingBits() {
    FixedFormat coarse = new FixedFormat(8, 70, true); // LSB weight 2^62
    FixedFormat fine = new FixedFormat(62, 2, true); // LSB weight 2^-60
    CastResult r = FixedMath.cast(1, coarse, fine, Quantization.TRN, Overflow.SAT);
    assertEquals(fine.maxRaw(), r.raw());
    assertTrue(r.overflowed());
    assertEquals(0, FixedMath.cast(1, coarse, fine, Quantization.TRN, Overflow.WRAP).raw());
    assertEquals(0, FixedMath.cast(0, coarse, fine, Quantization.TRN, Overflow.SAT).raw());
  }

  @Test
  void aCounterCountsEvents() {
    SaturationCounter c = new SaturationCounter("layer");
    for (long v = -10; v <= 10; v++) {
      FixedMath.cast(v, INT8, INT4, Quantization.TRN, Overflow.SAT, c);
    }
    assertEquals(21, c.casts());
    assertEquals(5, c.events()); // -10, -9, 8, 9, 10
  }
}
