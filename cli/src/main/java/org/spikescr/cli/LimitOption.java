package org.spikescr.cli;

import picocli.CommandLine.Option;

/** {@code --limit N}: only the first N utterances of a dataset. */
final class LimitOption {
  @Option(
      names = "--limit",
      paramLabel = "N",
      converter = Converters.NonNegative.class,
      description = "At most N utterances, the first N (default all).")
  int limit;
}
