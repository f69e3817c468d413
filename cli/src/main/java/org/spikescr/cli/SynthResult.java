package org.spikescr.cli;

import java.util.List;

/**
 * The result of {@code synth}.
 *
 * @param design the design's name (its manifest's {@code design})
 * @param top the top module synthesized
 * @param part the part whose budget was checked
 * @param lut LUT1 to LUT6 cells (logic only)
 * @param ff flip-flops (FDRE, FDSE, FDCE, FDPE)
 * @param bram36 block RAM in 36 Kb units: a RAMB36E1 counts 1, a RAMB18E1 0.5
 * @param dsp DSP48E1 slices
 * @param carry CARRY4 cells
 * @param lutram LUT-as-memory cells: distributed RAM (RAM32M, RAM64M, RAM*X1S, RAM*X1D) and shift
 *     registers (SRL16E, SRLC16E, SRLC32E)
 * @param logic_depth LUT levels on the longest path between registers, memories, DSPs and ports
 * @param critical_path the named nets along one such path, from start to end, each {@code name
 *     @levels}
 * @param fits whether every figure is within the part's budget (the LUTs of the LUT-as-memory cells
 *     counted against the LUT budget)
 * @param budget the part's resources
 * @param lint_warnings warning and error lines of {@code verilator --lint-only -Wall}
 * @param seconds wall-clock time of lint and synthesis
 */
@SuppressWarnings("MemberName") // the JSON key spelling of a user contract
record SynthResult(
    String design,
    String top,
    String part,
    long lut,
    long ff,
    double bram36,
    long dsp,
    long carry,
    long lutram,
    int logic_depth,
    List<String> critical_path,
    boolean fits,
    Budget budget,
    int lint_warnings,
    double seconds) {

  /**
   * A part's resources.
   *
   * @param lut 6-input LUTs
   * @param ff flip-flops
   * @param bram36 36 Kb block RAMs
   * @param dsp DSP48E1 slices
   */
  record Budget(long lut, long ff, double bram36, long dsp) {}

  /** Copies the path. */
  SynthResult {
    critical_path = List.copyOf(critical_path);
  }
}
