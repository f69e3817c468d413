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
