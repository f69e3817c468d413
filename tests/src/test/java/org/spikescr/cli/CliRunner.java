package org.spikescr.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.spikescr.testing.ProjectPaths;

/** Runs the command line in-process and captures its streams. */
final class CliRunner {
  record Result(int code, String out, String err) {}

  private CliRunner() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** The shared data folder beside the project. */
  static Path shared() {
    return ProjectPaths.shared();
  }

  static Path officialCase() {
    return ProjectPaths.officialCase();
  }
}
