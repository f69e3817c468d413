package org.spikescr.sim;

import java.util.List;

/**
 * The energy estimate the SpikeSCR authors use (syops-counter, 45 nm figures): 0.9 pJ per
 * accumulate and 4.6 pJ per multiply-accumulate.
 *
 * <p>What is counted, here as there: the synaptic operations of every Linear and Conv layer
 * (accumulates for integer-valued inputs, counted once per non-zero input and output it reaches;
 * multiply-accumulates for real-valued inputs). Not counted: the attention products {@code Q K^T}
 * and {@code A V} (reported apart), RoPE, the 1/4 scale, the GSU gate, residual additions,
 * BatchNorm (folded into the preceding layer at inference) and the LIF updates themselves.
 */
public final class EnergyModel {
  /** Energy of one accumulate in picojoules (45 nm). */
  public static final double PJ_PER_ACCUMULATE = 0.9;

  /** Energy of one multiply-accumulate in picojoules (45 nm). */
  public static final double PJ_PER_MULTIPLY_ACCUMULATE = 4.6;

  /** The assumptions, one sentence each, for reports. */
  public static final List<String> ASSUMPTIONS =
      List.of(
          "45 nm CMOS: 0.9 pJ per accumulate (AC), 4.6 pJ per multiply-accumulate (MAC).",
          "Synaptic ACs: each non-zero integer input of a Linear/Conv layer costs one AC per output"
              + " it reaches; real-valued inputs (log-mel) cost one MAC per input and output.",
          "Not counted, as in the authors' syops method: attention products (reported apart),"
              + " RoPE, scale, GSU gate, residual adds, BatchNorm (folded), LIF updates.");

  private EnergyModel() {}

  /** Energy in microjoules of the given operation counts. */
  public static double microjoules(double accumulates, double multiplyAccumulates) {
    return (accumulates * PJ_PER_ACCUMULATE + multiplyAccumulates * PJ_PER_MULTIPLY_ACCUMULATE)
        * 1e-6;
  }
}
