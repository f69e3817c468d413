package org.spikescr.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Mode spellings and codes, which files and RTL parameters rely on. */
class ModeNamesTest {

  @Test
  void apAndAcSpellings() {
    assertEquals("AP_RND_CONV", Quantization.RND_CONV.apName());
    assertEquals("AC_TRN_ZERO", Quantization.TRN_ZERO.acName());
    assertEquals("AP_SAT_SYM", Overflow.SAT_SYM.apName());
    assertEquals("AC_WRAP", Overflow.WRAP.acName());
  }

  @Test
  void codesRoundTripAndAreStable() {
    Quantization[] quantizations = Quantization.values();
    for (int i = 0; i < quantizations.length; i++) {
      assertEquals(quantizations[i], Quantization.fromCode(quantizations[i].code()));
      assertEquals(i, quantizations[i].code());
    }
    Overflow[] overflows = Overflow.values();
    for (int i = 0; i < overflows.length; i++) {
      assertEquals(overflows[i], Overflow.fromCode(overflows[i].code()));
      assertEquals(i, overflows[i].code());
    }
    assertThrows(IllegalArgumentException.class, () -> Quantization.fromCode(7));
    assertThrows(IllegalArgumentException.class, () -> Overflow.fromCode(-1));
  }

  @Test
  void kernelTruthTableForTies() {
    // a tie: guard set, sticky clear
    assertEquals(false, Quantization.RND_ZERO.roundsUp(false, true, false, false));
    assertEquals(true, Quantization.RND_ZERO.roundsUp(false, true, false, true));
    assertEquals(true, Quantization.RND_INF.roundsUp(false, true, false, false));
    assertEquals(false, Quantization.RND_INF.roundsUp(false, true, false, true));
    assertEquals(true, Quantization.RND.roundsUp(false, true, false, true));
    assertEquals(false, Quantization.RND_MIN_INF.roundsUp(false, true, false, false));
    assertEquals(true, Quantization.RND_CONV.roundsUp(true, true, false, false));
    assertEquals(false, Quantization.RND_CONV.roundsUp(false, true, false, true));
    // exact values never move
    for (Quantization q : Quantization.values()) {
      for (boolean lsb : new boolean[] {false, true}) {
        for (boolean neg : new boolean[] {false, true}) {
          assertEquals(false, q.roundsUp(lsb, false, false, neg), q.name());
        }
      }
    }
  }
}
