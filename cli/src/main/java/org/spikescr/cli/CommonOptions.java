package org.spikescr.cli;

import picocli.CommandLine.Option;

/** Options every command has: JSON output and verbose errors. */
final class CommonOptions {
  @Option(names = "--json", description = "Print the result as JSON on stdout.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;
}
