package org.spikescr.cli;

import org.spikescr.sim.FloatPrecision;

/** {@code --precision}: arithmetic of the float simulator. */
enum Precision {
  /** Everything in double precision. */
  DOUBLE("double", FloatPrecision.DOUBLE),
  /** LIF inputs rounded to float32 as PyTorch does. */
  FLOAT32("float32", FloatPrecision.FLOAT32);

  private final String option;
  private final FloatPrecision simulator;

  Precision(String option, FloatPrecision simulator) {
    this.option = option;
    this.simulator = simulator;
  }

  /** The simulator's setting. */
  FloatPrecision simulator() {
    return simulator;
  }

  /** The spelling on the command line and in JSON. */
  @Override
  public String toString() {
    return option;
  }
}
