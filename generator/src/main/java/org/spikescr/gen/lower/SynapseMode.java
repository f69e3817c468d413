package org.spikescr.gen.lower;

/** The input kinds of {@code synaptic_engine} ({@code MODE}), with the unit's codes. */
public enum SynapseMode {
  /** Binary inputs: accumulate only. */
  BINARY(0),
  /** Small multi-level inputs (the residual stream): shift-and-add. */
  RESIDUAL(1),
  /** Spike counts: a multiplier per lane. */
  SPIKE_COUNT(2),
  /** Mel input: a signed multiply-accumulate per lane. */
  MEL(3),
  /** Depthwise convolution: one binary input per lane, rows are kernel taps. */
  DEPTHWISE(4),
  /**
   * An engine shared by pointwise and depthwise layers: per layer ({@code cfg_lane_inputs}) the
   * shift-and-add of a small value or one binary input per lane.
   */
  POINTWISE_OR_DEPTHWISE(5);

  private final int code;

  SynapseMode(int code) {
    this.code = code;
  }

  /** The value of the unit's {@code MODE} parameter. */
  public int code() {
    return code;
  }
}
