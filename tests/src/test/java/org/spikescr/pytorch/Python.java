package org.spikescr.pytorch;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.spikescr.testing.ProjectPaths;

/**
 * Runs Debian's Python ({@code /usr/bin/python3}) on the project's tools.
 *
 * <p>The process writes stdout and stderr into one log file while the runner waits for it with a
 * deadline, so a Python that hangs (or fills a pipe nobody reads) fails the test instead of hanging
 * the build: on timeout the whole process tree is killed and the test fails with the command and
 * the end of the log.
 */
final class Python {
  static final String EXE = "/usr/bin/python3";

  /** Characters of the log kept in the timeout message. */
  static final int LOG_TAIL_CHARS = 4000;

  record Result(int code, String output) {}

  private Python() {}

  static Path root() {
    return ProjectPaths.root();
  }

  static Path shared() {
    return ProjectPaths.shared();
  }

  /** Runs {@code python3 args...} from the project root, with stdout and stderr merged. */
  static Result run(long timeoutSeconds, String... args) {
    if (!Files.isExecutable(Path.of(EXE))) {
      fail(EXE + " is missing: run scripts/install-deps.sh (as root) first");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(EXE);
    cmd.addAll(List.of(args));
    return runCommand(timeoutSeconds, cmd);
  }

  /**
   * Runs a command from the project root with stdout and stderr merged into a log file; fails the
   * test, after killing the process and all its descendants, if it runs longer than {@code
   * timeoutSeconds}.
   */
  static Result runCommand(long timeoutSeconds, List<String> cmd) {
    Path log;
    try {
      log = Files.createTempFile("spikescr-python-", ".log");
    } catch (IOException e) {
      throw new AssertionError("cannot create a log file for " + cmd, e);
    }
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.environment().put("SPIKESCR_SHARED", shared().toString());
      // two OpenMP/OpenBLAS threads: the authors' reference currents (test_official) are reproduced
      // bit for bit with the sums split this way, not with one thread
      pb.environment().put("OMP_NUM_THREADS", "2");
      Process p = pb.start();
      boolean finished;
      try {
        finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        killTree(p);
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while running " + cmd, e);
      }
      if (!finished) {
        killTree(p);
        fail(
            "timed out after "
                + timeoutSeconds
                + " s, process tree killed: "
                + String.join(" ", cmd)
                + "\n--- end of its output ---\n"
                + tail(read(log), LOG_TAIL_CHARS));
      }
      return new Result(p.exitValue(), read(log));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd, e);
    } finally {
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        System.err.println("cannot delete " + log + ": " + e);
      }
    }
  }

  /**
   * Kills the process and every descendant it had (listed before the kill, since they leave its
   * tree when it dies), then waits for all of them to end.
   */
  private static void killTree(Process p) {
    List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
    p.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    tree.add(p.toHandle());
    for (ProcessHandle h : tree) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        System.err.println("process " + h.pid() + " still alive 10 s after being killed: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String read(Path log) throws IOException {
    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
  }

  static String tail(String s, int chars) {
    return s.length() <= chars ? s : "..." + s.substring(s.length() - chars);
  }
}
