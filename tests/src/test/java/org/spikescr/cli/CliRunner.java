package org.spikescr.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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

  /** The project root (the directory of the parent POM). */
  static Path root() {
    return Path.of(System.getProperty("spikescr.root", "..")).toAbsolutePath().normalize();
  }

  /** The shared data directory beside the project. */
  static Path shared() {
    String env = System.getenv("SPIKESCR_SHARED");
    Path p = env != null ? Path.of(env) : root().resolveSibling("shared");
    if (!Files.isDirectory(p)) {
      throw new AssertionError("shared data directory not found at " + p);
    }
    return p;
  }

  static Path officialCase() {
    return shared().resolve("conformance/official-shd-random");
  }
}
