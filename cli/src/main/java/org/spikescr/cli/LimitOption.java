package org.spikescr.cli;

import picocli.CommandLine.Option;

/** {@code --limit N}: only the first N utterances of a dataset. */
final class LimitOption {
  @Option(
      names = "--limit",
      paramLabel = "N",
      converter = Converters.Positive.class,
      description = "Only the first N utterances, N >= 1 (default: all of them).")
  int limit;
}
