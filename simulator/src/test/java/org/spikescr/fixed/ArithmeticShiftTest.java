package org.spikescr.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The arithmetic shift right that the LIF leak is built on: floor division by a power of two. */
class ArithmeticShiftTest {

  @Test
  void halvingRoundsTowardMinusInfinity() {
    assertEquals(2, FixedMath.asr(5, 1));
    assertEquals(-3, FixedMath.asr(-5, 1));
    assertEquals(0, FixedMath.asr(1, 1));
    assertEquals(-1, FixedMath.asr(-1, 1));
    assertEquals(-1, FixedMath.asr(-1, 63));
    assertEquals(0, FixedMath.asr(Long.MAX_VALUE, 63));
  }

  @Test
  void equalsFloorDivisionEverywhereSmall() {
    for (long v = -1000; v <= 1000; v++) {
      for (int n = 0; n <= 12; n++) {
        long floor = Math.floorDiv(v, 1L << n);
        assertEquals(floor, FixedMath.asr(v, n), v + " >> " + n);
        assertEquals(
            BigInteger.valueOf(v).shiftRight(n).longValueExact(), FixedMath.asr(v, n), v + "");
      }
    }
  }
}
