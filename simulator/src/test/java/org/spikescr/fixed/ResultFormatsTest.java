package org.spikescr.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result formats of exact operations, by hand and exhaustively at small widths. */
class ResultFormatsTest {

  @Test
  void handComputedFormats() {
    FixedFormat a = FixedFormat.ofSigned(8, 3); // F 5
    FixedFormat b = FixedFormat.ofUnsigned(6, 4); // F 2
    assertEquals(FixedFormat.ofSigned(14, 7), ResultFormats.mul(a, b));
    // add: I = max(3, 4 + 1) + 1 = 6, F = 5
    assertEquals(FixedFormat.ofSigned(11, 6), ResultFormats.add(a, b));
    assertEquals(FixedFormat.ofSigned(11, 6), ResultFormats.sub(a, b));
    assertEquals(FixedFormat.ofUnsigned(7, 5), ResultFormats.add(b, b));
    assertEquals(FixedFormat.ofSigned(7, 5), ResultFormats.sub(b, b));
    assertEquals(FixedFormat.ofSigned(9, 4), ResultFormats.neg(a));
    assertEquals(FixedFormat.ofSigned(8, 3), ResultFormats.sum(a, 1));
    assertEquals(FixedFormat.ofSigned(9, 4), ResultFormats.sum(a, 2));
    assertEquals(FixedFormat.ofSigned(15, 10), ResultFormats.sum(a, 128));
    assertEquals(FixedFormat.ofSigned(16, 11), ResultFormats.sum(a, 129));
    assertEquals(FixedFormat.ofSigned(8, 5), ResultFormats.shift(a, 2));
    assertEquals(FixedFormat.ofSigned(8, 1), ResultFormats.shift(a, -2));
  }

  @Test
  void tooWideResultsAreRejected() {
    FixedFormat w40 = FixedFormat.signedInt(40);
    FixedFormat w31 = FixedFormat.signedInt(31);
    assertEquals(62, ResultFormats.mul(w31, w31).totalBits());
    assertThrows(IllegalArgumentException.class, () -> ResultFormats.mul(w40, w31));
    assertThrows(
        IllegalArgumentException.class,
        () -> ResultFormats.add(FixedFormat.signedInt(62), FixedFormat.signedInt(2)));
    assertThrows(IllegalArgumentException.class, () -> ResultFormats.sum(w40, 1L << 30));
  }

  private static List<FixedFormat> small() {
    List<FixedFormat> out = new ArrayList<>();
    for (int w = 1; w <= 4; w++) {
      for (int i = -1; i <= w + 1; i++) {
        out.add(new FixedFormat(w, i, true));
        out.add(new FixedFormat(w, i, false));
      }
    }
    return out;
  }

  @Test
  void exactOperationsAreExactInTheirResultFormats() {
    long checked = 0;
    for (FixedFormat fa : small()) {
      for (FixedFormat fb : small()) {
        for (long a = fa.minRaw(); a <= fa.maxRaw(); a++) {
          Fixed x = new Fixed(a, fa);
          for (long b = fb.minRaw(); b <= fb.maxRaw(); b++) {
            Fixed y = new Fixed(b, fb);
            exact(x.toBigDecimal().add(y.toBigDecimal()), x.add(y));
            exact(x.toBigDecimal().subtract(y.toBigDecimal()), x.sub(y));
            exact(x.toBigDecimal().multiply(y.toBigDecimal()), x.mul(y));
            checked++;
          }
          exact(x.toBigDecimal().negate(), x.neg());
        }
      }
    }
    assertTrue(checked > 10_000);
  }

  @Test
  void sumFormatsHoldTheWorstCaseSum() {
    for (FixedFormat f : small()) {
      for (long n = 1; n <= 40; n++) {
        FixedFormat s = ResultFormats.sum(f, n);
        assertTrue(s.contains(f.maxRaw() * n), f + " x " + n);
        assertTrue(s.contains(f.minRaw() * n), f + " x " + n);
      }
    }
  }

  private static void exact(BigDecimal expected, Fixed actual) {
    assertEquals(0, expected.compareTo(actual.toBigDecimal()), expected + " vs " + actual);
  }
}
