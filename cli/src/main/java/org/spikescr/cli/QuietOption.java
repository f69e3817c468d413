package org.spikescr.cli;

import picocli.CommandLine.Option;

/** {@code --quiet}: no progress bar on stderr. */
final class QuietOption {
  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  /** A progress bar on the command's error stream, silent with {@code --quiet}. */
  ProgressBar bar(picocli.CommandLine.Model.CommandSpec spec, int total, String what) {
    return new ProgressBar(spec.commandLine().getErr(), total, what, !quiet);
  }
}
