package org.spikescr.gen.tools;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs one external program in a working directory with a time limit, capturing its interleaved
 * output in a log file beside the work ({@code <logName>.log}), so a long output can never block
 * the process and a hung process is always killed.
 */
public final class ProcessRunner {
  private ProcessRunner() {}

  /**
   * Runs {@code command} in {@code dir}.
   *
   * @param command program and arguments
   * @param dir working directory (created if missing)
   * @param timeout wall-clock limit; the process and its descendants are killed past it
   * @param logName base name of the log file written in {@code dir}
   * @return the outcome, with the whole output
   * @throws ToolMissingException when the program is not on the PATH
   */
  public static ToolRun run(List<String> command, Path dir, Duration timeout, String logName) {
    requireOnPath(command.get(0));
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve(logName + ".log");
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      pb.redirectErrorStream(true);
      pb.redirectOutput(log.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      long start = System.nanoTime();
      Process p = pb.start();
      boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      String out = Files.readString(log, StandardCharsets.UTF_8);
      return new ToolRun(command, finished ? p.exitValue() : -1, !finished, out, seconds);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command.get(0) + " in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  /** Throws {@link ToolMissingException} unless {@code program} is an executable on the PATH. */
  public static void requireOnPath(String program) {
    if (program.contains("/")) {
      if (!Files.isExecutable(Path.of(program))) {
        throw new ToolMissingException(program);
      }
      return;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : Pattern.compile(Pattern.quote(File.pathSeparator)).split(path, -1)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
        return;
      }
    }
    throw new ToolMissingException(program);
  }
}
