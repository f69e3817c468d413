package org.spikescr.pytorch;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.spikescr.testing.ProjectPaths;

/** Runs Debian's Python ({@code /usr/bin/python3}) on the project's tools. */
final class Python {
  static final String EXE = "/usr/bin/python3";

  record Result(int code, String output) {}

  private Python() {}

  static Path root() {
    return ProjectPaths.root();
  }

  static Path shared() {
    return ProjectPaths.shared();
  }

  /** Runs a command from the project root, with stdout and stderr merged. */
  static Result run(long timeoutSeconds, String... args) {
    if (!Files.isExecutable(Path.of(EXE))) {
      fail(EXE + " is missing: run scripts/install-deps.sh (as root) first");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(EXE);
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true);
    pb.environment().put("SPIKESCR_SHARED", shared().toString());
    pb.environment().put("OMP_NUM_THREADS", "2");
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out after " + timeoutSeconds + " s: " + cmd);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
