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
 * @param engineLanes output channels the shared pointwise engine accumulates per event: {@code
 *     lanes} times a power of two (the engine's {@code WAYS}), more than {@code lanes} only in the
 *     pipelined architecture; its sums still leave as beats of {@code lanes} channels
 */
public record HwOptions(
    String designName, int lanes, int maxTimeSteps, Architecture architecture, int engineLanes) {

  /** The default lane count. */
  public static final int DEFAULT_LANES = 32;

  /** Options of the default architecture. */
  public HwOptions(String designName, int lanes, int maxTimeSteps) {
    this(designName, lanes, maxTimeSteps, Architecture.DEFAULT);
  }

  /** Options whose shared engine accumulates {@code lanes} channels per event. */
  public HwOptions(String designName, int lanes, int maxTimeSteps, Architecture architecture) {
    this(designName, lanes, maxTimeSteps, architecture, lanes);
  }

  /** Output beats per event group of the shared engine: {@code engineLanes / lanes}. */
  public int ways() {
    return engineLanes / lanes;
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
    int ways = engineLanes / lanes;
    if (engineLanes < lanes || engineLanes % lanes != 0 || Integer.bitCount(ways) != 1) {
      throw new IllegalArgumentException(
          "--engine-lanes must be --lanes ("
              + lanes
              + ") times a power of two, got "
              + engineLanes);
    }
    if (ways > 1 && architecture != Architecture.PIPELINED) {
      throw new IllegalArgumentException(
          "--engine-lanes above --lanes needs --arch pipelined, got --arch " + architecture.key());
    }
  }
}
