package org.spikescr.cli;

import picocli.CommandLine.Option;

/** {@code --frame-ms X}: frame length of spike data, overriding the model's own. */
final class FrameOption {
  @Option(
      names = "--frame-ms",
      paramLabel = "X",
      converter = Converters.PositiveReal.class,
      description = "Frame length in ms (spike data); default: the model's own.")
  double frameMs;
}
