package org.spikescr.gen.tools;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resources and problems of one Yosys {@code synth_xilinx} run.
 *
 * @param cells count of every cell type of the mapped netlist (for example {@code LUT4}, {@code
 *     FDRE}, {@code RAMB18E1})
 * @param problems latches, multiple drivers, undriven signals and other findings of Yosys {@code
 *     check} and of the process pass (empty when clean)
 */
public record SynthReport(Map<String, Long> cells, List<String> problems) {
  /** LUTs of a slice each distributed RAM and shift-register primitive occupies. */
  private static final Map<String, Integer> LUTRAM_LUTS =
      Map.ofEntries(
          Map.entry("RAM16X1S", 1),
          Map.entry("RAM16X1D", 2),
          Map.entry("RAM32X1S", 1),
          Map.entry("RAM32X1D", 2),
          Map.entry("RAM64X1S", 1),
          Map.entry("RAM64X1D", 2),
          Map.entry("RAM128X1S", 2),
          Map.entry("RAM128X1D", 4),
          Map.entry("RAM256X1S", 4),
          Map.entry("RAM32M", 4),
          Map.entry("RAM64M", 4),
          Map.entry("SRL16E", 1),
          Map.entry("SRLC16E", 1),
          Map.entry("SRLC32E", 1));

  /** Copies into a sorted map. */
  public SynthReport {
    cells = Collections.unmodifiableMap(new TreeMap<>(cells));
    problems = List.copyOf(problems);
  }

  /** Look-up tables of any size. */
  public long luts() {
    return sum("LUT");
  }

  /** Flip-flops of any Xilinx kind (FDRE, FDSE, FDCE, FDPE). */
  public long flipFlops() {
    return sum("FD");
  }

  /** Block RAM in RAMB36 units (a RAMB18 counts as half). */
  public double bram36() {
    return sum("RAMB36") + 0.5 * sum("RAMB18");
  }

  /** DSP slices. */
  public long dsps() {
    return sum("DSP48");
  }

  /** Carry chain cells. */
  public long carries() {
    return sum("CARRY");
  }

  /**
   * LUTs used as memory: distributed RAM cells ({@code RAM16X1S} to {@code RAM256X1S}, the
   * dual-port {@code RAM*X1D}, {@code RAM32M}, {@code RAM64M}) and shift registers ({@code SRL16E},
   * {@code SRLC16E}, {@code SRLC32E}), counted as cells (a {@code RAM32M} is one cell on four
   * LUTs).
   */
  public long lutrams() {
    long n = 0;
    for (Map.Entry<String, Long> e : cells.entrySet()) {
      if (LUTRAM_LUTS.containsKey(e.getKey())) {
        n += e.getValue();
      }
    }
    return n;
  }

  /** The LUTs the {@link #lutrams()} cells occupy (UG474: a {@code RAM32M} takes four). */
  public long lutramLuts() {
    long n = 0;
    for (Map.Entry<String, Long> e : cells.entrySet()) {
      n += LUTRAM_LUTS.getOrDefault(e.getKey(), 0) * e.getValue();
    }
    return n;
  }

  /** Latch cells; a clean synchronous design has none. */
  public long latches() {
    return sum("LD") + sum("$_DLATCH") + sum("$dlatch");
  }

  private long sum(String prefix) {
    long n = 0;
    for (Map.Entry<String, Long> e : cells.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        n += e.getValue();
      }
    }
    return n;
  }
}
