package org.spikescr.cli;

import picocli.CommandLine.Option;

/** {@code --clock-mhz F}: the clock at which cycles become a latency. */
final class ClockOption {
  @Option(
      names = "--clock-mhz",
      paramLabel = "F",
      defaultValue = "200",
      converter = Converters.PositiveReal.class,
      description = "Clock for the latency, in MHz (default ${DEFAULT-VALUE}).")
  double clockMhz;
}
