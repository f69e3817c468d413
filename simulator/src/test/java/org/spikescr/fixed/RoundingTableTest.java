package org.spikescr.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-computed roundings of quarter values to integers, one column per quantization mode. The
 * source format {@code ap_fixed<10,8>} holds quarters; the target is {@code ap_int<8>}.
 */
class RoundingTableTest {

  private static final FixedFormat QUARTERS = FixedFormat.ofSigned(10, 8);
  private static final FixedFormat INT8 = FixedFormat.signedInt(8);

  @ParameterizedTest(
      name = "{0}: TRN {1} TRN_ZERO {2} RND {3} RND_ZERO {4} RND_INF {5} MIN {6} CONV {7}")
  @CsvSource({
    // value, TRN, TRN_ZERO, RND, RND_ZERO, RND_INF, RND_MIN_INF, RND_CONV
    "-2.5,  -3, -2, -2, -2, -3, -3, -2",
    " 2.5,   2,  2,  3,  2,  3,  2,  2",
    "-3.5,  -4, -3, -3, -3, -4, -4, -4",
    " 3.5,   3,  3,  4,  3,  4,  3,  4",
    "-0.5,  -1,  0,  0,  0, -1, -1,  0",
    " 0.5,   0,  0,  1,  0,  1,  0,  0",
    "-1.5,  -2, -1, -1, -1, -2, -2, -2",
    " 1.5,   1,  1,  2,  1,  2,  1,  2",
    "-2.25, -3, -2, -2, -2, -2, -2, -2",
    " 2.25,  2,  2,  2,  2,  2,  2,  2",
    "-2.75, -3, -2, -3, -3, -3, -3, -3",
    " 2.75,  2,  2,  3,  3,  3,  3,  3",
    "-0.25, -1,  0,  0,  0,  0,  0,  0",
    " 0.75,  0,  0,  1,  1,  1,  1,  1",
    "-3,    -3, -3, -3, -3, -3, -3, -3",
    " 0,     0,  0,  0,  0,  0,  0,  0",
  })
  void quartersToIntegers(
      String value,
      long trn,
      long trnZero,
      long rnd,
      long rndZero,
      long rndInf,
      long rndMinInf,
      long rndConv) {
    long raw = new BigDecimal(value).multiply(BigDecimal.valueOf(4)).longValueExact();
    long[] expected = {trn, trnZero, rnd, rndZero, rndInf, rndMinInf, rndConv};
    Quantization[] modes = {
      Quantization.TRN,
      Quantization.TRN_ZERO,
      Quantization.RND,
      Quantization.RND_ZERO,
      Quantization.RND_INF,
      Quantization.RND_MIN_INF,
      Quantization.RND_CONV
    };
    for (int m = 0; m < modes.length; m++) {
      CastResult r = FixedMath.cast(raw, QUARTERS, INT8, modes[m], Overflow.SAT);
      assertEquals(expected[m], r.raw(), value + " with " + modes[m]);
      assertFalse(r.overflowed());
    }
  }

  @ParameterizedTest(name = "{0} in steps of 1/8 to steps of 1/2 with RND_CONV is {1}")
  @CsvSource({
    // ties to even at a fractional target: 0.25 lies between 0 and 0.5 (raw 0 even, raw 1 odd)
    " 0.25,  0.0",
    " 0.75,  1.0",
    "-0.25,  0.0",
    "-0.75, -1.0",
    " 1.25,  1.0",
    " 0.375, 0.5",
    "-0.375,-0.5",
  })
  void convergentRoundingAtAFractionalTarget(String value, String expected) {
    FixedFormat eighths = FixedFormat.ofSigned(8, 5);
    FixedFormat halves = FixedFormat.ofSigned(6, 5);
    long raw = new BigDecimal(value).multiply(BigDecimal.valueOf(8)).longValueExact();
    CastResult r = FixedMath.cast(raw, eighths, halves, Quantization.RND_CONV, Overflow.SAT);
    assertEquals(0, new BigDecimal(expected).compareTo(r.value().toBigDecimal()), value);
  }
}
