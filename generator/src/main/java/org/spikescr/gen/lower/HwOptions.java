package org.spikescr.gen.lower;

import java.util.Objects;
import org.spikescr.sim.cycles.Architecture;

/**
 * The choices of one generation run.
 *
 * @param designName name of the design, the prefix of its module and memory names
 * @param lanes P, output channels computed in parallel by every layer engine (1 to 1024)
 * @param maxTimeSteps T_max, the longest utterance in frames the design accepts
 * @param architecture the schedule's variant ({@link Architecture})
 */
public record HwOptions(String designName, int lanes, int maxTimeSteps, Architecture architecture) {

  /** The default lane count. */
  public static final int DEFAULT_LANES = 32;

  /** Options of the default architecture. */
  public HwOptions(String designName, int lanes, int maxTimeSteps) {
    this(designName, lanes, maxTimeSteps, Architecture.DEFAULT);
  }

  /** Validates the ranges; the message names the option and the value. */
  public HwOptions {
    Objects.requireNonNull(architecture, "architecture");
    if (!designName.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "design name must be lower-case letters, digits and _, starting with a letter: "
              + designName);
    }
    if (lanes < 1 || lanes > 1024) {
      throw new IllegalArgumentException("--lanes must be 1..1024, got " + lanes);
    }
    if (maxTimeSteps < 1) {
      throw new IllegalArgumentException("--t-max must be at least 1, got " + maxTimeSteps);
    }
  }
}
