package org.spikescr.cli;

/** {@code --mode} of {@code simulate}: which simulator runs. */
enum SimulationMode {
  /** The float reference simulator. */
  FLOAT("float"),
  /** The integer golden model of the hardware. */
  FIXED("fixed");

  private final String option;

  SimulationMode(String option) {
    this.option = option;
  }

  /** The spelling on the command line and in JSON. */
  @Override
  public String toString() {
    return option;
  }
}
