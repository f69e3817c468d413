package org.spikescr.gen.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verilator 5: {@code --lint-only -Wall} of a design, and executable simulations of test benches
 * ({@code --binary --timing}, so a test bench may use delays and {@code $readmemh} as in Icarus).
 */
public final class Verilator implements Simulator {
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);
  private static final Duration LINT_TIMEOUT = Duration.ofMinutes(2);

  @Override
  public String name() {
    return "verilator";
  }

  @Override
  public Path build(RtlBuild build, Path workDir) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "verilator",
                "--binary",
                "--timing",
                "-Wno-fatal",
                "-Wno-lint",
                "-Wno-style",
                "-j",
                "2",
                "-O1",
                "--Mdir",
                "obj",
                "-o",
                "sim"));
    common(cmd, build);
    ToolRun run = ProcessRunner.run(cmd, workDir, BUILD_TIMEOUT, "verilator");
    if (!run.ok()) {
      throw new ToolFailure("Verilator could not build " + build.top(), run);
    }
    return workDir.resolve("obj").resolve("sim");
  }

  @Override
  public ToolRun run(Path binary, List<String> plusargs, Duration timeout) {
    List<String> cmd = new ArrayList<>(List.of(binary.toAbsolutePath().toString()));
    cmd.addAll(plusargs);
    return ProcessRunner.run(cmd, binary.getParent().getParent(), timeout, "run");
  }

  /**
   * Lints {@code build} with {@code --lint-only -Wall}.
   *
   * @return the warning and error lines (empty when clean)
   */
  public List<String> lint(RtlBuild build, Path workDir) {
    List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall"));
    common(cmd, build);
    ToolRun run = ProcessRunner.run(cmd, workDir, LINT_TIMEOUT, "lint");
    List<String> problems = new ArrayList<>();
    for (String line : run.output().split("\n", -1)) {
      if (line.startsWith("%Warning") || line.startsWith("%Error")) {
        problems.add(line);
      }
    }
    if (!run.ok() && problems.isEmpty()) {
      throw new ToolFailure("Verilator lint failed on " + build.top(), run);
    }
    return problems;
  }

  private static void common(List<String> cmd, RtlBuild build) {
    cmd.add("--top-module");
    cmd.add(build.top());
    for (Map.Entry<String, Long> p : build.parameters().entrySet()) {
      cmd.add("-G" + p.getKey() + "=" + p.getValue());
    }
    for (Path d : build.includeDirs()) {
      cmd.add("-I" + d.toAbsolutePath());
    }
    cmd.addAll(build.sourceArgs());
  }
}
