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
 *     lanes} times 1, 2 or 4 (the engine's {@code WAYS}), more than {@code lanes} only in the
 *     pipelined architecture; its sums still leave as beats of {@code lanes} channels
 * @param embedLanes the same for the embedding's engine
 * @param pairs the shared engine adds two input events per cycle on the pointwise layers whose
 *     inputs are spikes (their sources send the lowest and the highest channel left together);
 *     pipelined architecture only
 */
public record HwOptions(
    String designName,
    int lanes,
    int maxTimeSteps,
    Architecture architecture,
    int engineLanes,
    int embedLanes,
    boolean pairs) {

  /** The default lane count. */
  public static final int DEFAULT_LANES = 32;

  /**
   * The largest {@code engineLanes / lanes} and {@code embedLanes / lanes}: the embedding's source
   * spends at least 6 cycles on a group, so up to 4 beats never make it wait.
   */
  public static final int MAX_WAYS = 4;

  private static void checkWays(String option, int value, int lanes, Architecture architecture) {
    int ways = value / lanes;
    if (value < lanes || value % lanes != 0 || Integer.bitCount(ways) != 1 || ways > MAX_WAYS) {
      throw new InvalidOption(
          option, option + " must be --lanes (" + lanes + ") times 1, 2 or 4, got " + value);
    }
    if (ways > 1 && architecture != Architecture.PIPELINED) {
      throw new InvalidOption(
          option,
          option + " above --lanes needs --arch pipelined, got --arch " + architecture.key());
    }
  }

  /** A value of a {@code generate} option out of its range; {@link #option} names the option. */
  public static final class InvalidOption extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String option;

    InvalidOption(String option, String message) {
      super(message);
      this.option = option;
    }

    /** The option, as {@code generate} spells it ({@code --lanes}, {@code --engine-lanes}, ...). */
    public String option() {
      return option;
    }
  }

  /** Options of the default architecture. */
  public HwOptions(String designName, int lanes, int maxTimeSteps) {
    this(designName, lanes, maxTimeSteps, Architecture.DEFAULT);
  }

  /** Options whose engines accumulate {@code lanes} channels per event. */
  public HwOptions(String designName, int lanes, int maxTimeSteps, Architecture architecture) {
    this(designName, lanes, maxTimeSteps, architecture, lanes, lanes);
  }

  /** Options whose engines take one input event per cycle. */
  public HwOptions(
      String designName,
      int lanes,
      int maxTimeSteps,
      Architecture architecture,
      int engineLanes,
      int embedLanes) {
    this(designName, lanes, maxTimeSteps, architecture, engineLanes, embedLanes, false);
  }

  /** Output beats per event group of the shared engine: {@code engineLanes / lanes}. */
  public int ways() {
    return engineLanes / lanes;
  }

  /** Output beats per event group of the embedding's engine: {@code embedLanes / lanes}. */
  public int embedWays() {
    return embedLanes / lanes;
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
      throw new InvalidOption("--lanes", "--lanes must be 1..1024, got " + lanes);
    }
    if (maxTimeSteps < 1) {
      throw new InvalidOption("--t-max", "--t-max must be at least 1, got " + maxTimeSteps);
    }
    checkWays("--engine-lanes", engineLanes, lanes, architecture);
    checkWays("--embed-lanes", embedLanes, lanes, architecture);
    if (pairs && architecture != Architecture.PIPELINED) {
      throw new InvalidOption(
          "--pairs", "--pairs needs --arch pipelined, got --arch " + architecture.key());
    }
  }
}
