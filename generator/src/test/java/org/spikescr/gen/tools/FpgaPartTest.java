package org.spikescr.gen.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The part table, the fit rule, and the resource sums of {@link SynthReport}. */
class FpgaPartTest {
  private static final FpgaPart Z020 = FpgaPart.named("xc7z020").orElseThrow();

  @Test
  void knownPartsAndTheirBudgets() {
    assertEquals(new FpgaPart("xc7z020", 53_200, 106_400, 140, 220), Z020);
    assertEquals(17_600, FpgaPart.named("XC7Z010").orElseThrow().lut());
    assertEquals(50.0, FpgaPart.named("xc7a35t").orElseThrow().bram36());
    assertEquals(240, FpgaPart.named("xc7a100t").orElseThrow().dsp());
    assertTrue(FpgaPart.named("xc7z045").isEmpty());
    assertTrue(FpgaPart.named(FpgaPart.DEFAULT).isPresent());
    assertEquals("xc7z010, xc7z020, xc7a35t, xc7a100t", FpgaPart.names());
  }

  @Test
  void fitsWhenEveryFigureIsWithinTheBudgetBoundsIncluded() {
    assertTrue(Z020.fits(53_200, 106_400, 140, 220));
    assertTrue(Z020.fits(0, 0, 0, 0));
    assertFalse(Z020.fits(53_201, 0, 0, 0));
    assertFalse(Z020.fits(0, 106_401, 0, 0));
    assertFalse(Z020.fits(0, 0, 140.5, 0));
    assertFalse(Z020.fits(0, 0, 0, 221));
  }

  @Test
  void aReportFitsWithItsLutsAsMemoryCountedAsLuts() {
    // 53,000 LUTs of logic fit, but 60 RAM32M take 240 more LUTs of the 53,200
    SynthReport logicOnly = new SynthReport(Map.of("LUT6", 50_000L, "LUT3", 3_000L), List.of());
    assertTrue(Z020.fits(logicOnly));
    SynthReport withRam =
        new SynthReport(Map.of("LUT6", 50_000L, "LUT3", 3_000L, "RAM32M", 60L), List.of());
    assertEquals(60, withRam.lutrams());
    assertEquals(240, withRam.lutramLuts());
    assertFalse(Z020.fits(withRam));
    assertFalse(Z020.fits(new SynthReport(Map.of("RAMB36E1", 140L, "RAMB18E1", 1L), List.of())));
    assertTrue(Z020.fits(new SynthReport(Map.of("RAMB36E1", 139L, "RAMB18E1", 2L), List.of())));
    assertFalse(Z020.fits(new SynthReport(Map.of("DSP48E1", 221L), List.of())));
  }

  @Test
  void reportSumsEachKindOfCell() {
    SynthReport r =
        new SynthReport(
            Map.of(
                "LUT1",
                1L,
                "LUT6",
                2L,
                "FDRE",
                3L,
                "FDCE",
                4L,
                "RAMB18E1",
                3L,
                "RAMB36E1",
                1L,
                "RAM64X1D",
                2L,
                "SRLC32E",
                5L,
                "CARRY4",
                7L,
                "DSP48E1",
                6L),
            List.of());
    assertEquals(3, r.luts());
    assertEquals(7, r.flipFlops());
    assertEquals(2.5, r.bram36());
    assertEquals(6, r.dsps());
    assertEquals(7, r.carries());
    assertEquals(7, r.lutrams());
    assertEquals(2 * 2 + 5, r.lutramLuts());
  }
}
