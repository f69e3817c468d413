package org.spikescr.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Widths, ranges and validation of formats. */
class FixedFormatTest {

  @Test
  void apFixedEightThree() {
    FixedFormat f = FixedFormat.ofSigned(8, 3);
    assertEquals(5, f.fracBits());
    assertEquals(-128, f.minRaw());
    assertEquals(127, f.maxRaw());
    assertEquals("ap_fixed<8,3>", f.toString());
    assertTrue(f.contains(-128));
    assertFalse(f.contains(128));
  }

  @Test
  void unsignedAndIntegerFormats() {
    FixedFormat u = FixedFormat.ofUnsigned(6, 4);
    assertEquals(0, u.minRaw());
    assertEquals(63, u.maxRaw());
    assertEquals("ap_ufixed<6,4>", u.toString());
    assertEquals(0, FixedFormat.signedInt(16).fracBits());
    assertEquals(-1, FixedFormat.signedInt(1).minRaw());
    assertEquals(0, FixedFormat.signedInt(1).maxRaw());
    assertEquals(1, FixedFormat.unsignedInt(1).maxRaw());
  }

  @Test
  void binaryPointOutsideTheWord() {
    FixedFormat coarse = FixedFormat.ofSigned(4, 6);
    assertEquals(-2, coarse.fracBits());
    FixedFormat fine = FixedFormat.ofSigned(4, -2);
    assertEquals(6, fine.fracBits());
  }

  @Test
  void widestFormatsAndRejections() {
    FixedFormat w = FixedFormat.signedInt(62);
    assertEquals(-(1L << 61), w.minRaw());
    assertEquals((1L << 61) - 1, w.maxRaw());
    assertEquals((1L << 62) - 1, FixedFormat.unsignedInt(62).maxRaw());
    assertThrows(IllegalArgumentException.class, () -> FixedFormat.signedInt(63));
    assertThrows(IllegalArgumentException.class, () -> FixedFormat.signedInt(0));
    assertThrows(IllegalArgumentException.class, () -> FixedFormat.ofSigned(8, 8 - 63));
    assertThrows(IllegalArgumentException.class, () -> FixedFormat.ofSigned(8, 8 + 63));
    FixedFormat.ofSigned(8, 8 - 62);
    FixedFormat.ofSigned(8, 8 + 62);
  }

  @Test
  void narrowestIntegerFormats() {
    assertEquals(FixedFormat.unsignedInt(1), FixedFormat.integerFor(0, 0));
    assertEquals(FixedFormat.unsignedInt(1), FixedFormat.integerFor(0, 1));
    assertEquals(FixedFormat.unsignedInt(3), FixedFormat.integerFor(0, 5));
    assertEquals(FixedFormat.unsignedInt(10), FixedFormat.integerFor(0, 656));
    assertEquals(FixedFormat.signedInt(1), FixedFormat.integerFor(-1, 0));
    assertEquals(FixedFormat.signedInt(4), FixedFormat.integerFor(-8, 7));
    assertEquals(FixedFormat.signedInt(5), FixedFormat.integerFor(-8, 8));
    assertEquals(FixedFormat.signedInt(5), FixedFormat.integerFor(-9, 7));
    assertThrows(IllegalArgumentException.class, () -> FixedFormat.integerFor(1, 0));
  }

  @Test
  void narrowestSignedIntegerFormats() {
    assertEquals(FixedFormat.signedInt(1), FixedFormat.signedIntegerFor(0, 0));
    assertEquals(FixedFormat.signedInt(6), FixedFormat.signedIntegerFor(-6, 18));
    assertEquals(FixedFormat.signedInt(8), FixedFormat.signedIntegerFor(-42, 85));
    assertEquals(FixedFormat.signedInt(8), FixedFormat.signedIntegerFor(-128, 127));
    assertEquals(FixedFormat.signedInt(9), FixedFormat.signedIntegerFor(0, 128));
  }
}
