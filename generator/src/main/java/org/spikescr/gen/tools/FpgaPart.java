package org.spikescr.gen.tools;

import java.util.List;
import java.util.Optional;

/**
 * A 7-series device and its resource budget (Xilinx DS190 and DS180).
 *
 * @param name part name without package and speed grade, for example {@code xc7z020}
 * @param lut 6-input LUTs, those of SLICEM (usable as distributed RAM) included
 * @param ff flip-flops
 * @param bram36 36 Kb block RAMs (each splits into two 18 Kb halves)
 * @param dsp DSP48E1 slices
 */
public record FpgaPart(String name, long lut, long ff, double bram36, long dsp) {

  /** The parts {@code spikescr synth} knows, smallest first within each family. */
  public static final List<FpgaPart> KNOWN =
      List.of(
          new FpgaPart("xc7z010", 17_600, 35_200, 60, 80),
          new FpgaPart("xc7z020", 53_200, 106_400, 140, 220),
          new FpgaPart("xc7a35t", 20_800, 41_600, 50, 90),
          new FpgaPart("xc7a100t", 63_400, 126_800, 135, 240));

  /** The default part, the Zynq-7020 of common low-cost boards. */
  public static final String DEFAULT = "xc7z020";

  /** The known part of that name (case-insensitive), if any. */
  public static Optional<FpgaPart> named(String name) {
    return KNOWN.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The names of the known parts, comma-separated, for messages and help. */
  public static String names() {
    return String.join(", ", KNOWN.stream().map(FpgaPart::name).toList());
  }

  /**
   * Whether a design with these needs fits: every figure within the budget.
   *
   * @param luts LUTs of logic plus those used as memory
   * @param ffs flip-flops
   * @param bram block RAM in 36 Kb units
   * @param dsps DSP slices
   */
  public boolean fits(long luts, long ffs, double bram, long dsps) {
    return luts <= lut && ffs <= ff && bram <= bram36 && dsps <= dsp;
  }

  /** Whether the design of a synthesis report fits (its LUTs as memory count against the LUTs). */
  public boolean fits(SynthReport r) {
    return fits(r.luts() + r.lutramLuts(), r.flipFlops(), r.bram36(), r.dsps());
  }
}
