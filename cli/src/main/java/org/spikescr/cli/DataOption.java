package org.spikescr.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data D}: the dataset file a command reads. */
final class DataOption {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "D",
      description = "Dataset file (.h5), either layout.")
  Path data;
}
