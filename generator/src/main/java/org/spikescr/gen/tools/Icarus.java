package org.spikescr.gen.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Icarus Verilog: compiles a build with {@code iverilog -g2005} and runs it with {@code vvp}. */
public final class Icarus implements Simulator {
  private static final Duration COMPILE_TIMEOUT = Duration.ofMinutes(2);

  @Override
  public String name() {
    return "icarus";
  }

  @Override
  public Path build(RtlBuild build, Path workDir) {
    List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2005", "-Wall", "-o", "sim.vvp"));
    cmd.add("-s");
    cmd.add(build.top());
    for (Map.Entry<String, Long> p : build.parameters().entrySet()) {
      cmd.add("-P" + build.top() + "." + p.getKey() + "=" + p.getValue());
    }
    for (Path d : build.includeDirs()) {
      cmd.add("-I" + d.toAbsolutePath());
    }
    cmd.addAll(build.sourceArgs());
    ToolRun run = ProcessRunner.run(cmd, workDir, COMPILE_TIMEOUT, "iverilog");
    if (!run.ok()) {
      throw new ToolFailure("Icarus Verilog could not compile " + build.top(), run);
    }
    return workDir.resolve("sim.vvp");
  }

  @Override
  public ToolRun run(Path binary, List<String> plusargs, Duration timeout) {
    List<String> cmd = new ArrayList<>(List.of("vvp", "-n", binary.toAbsolutePath().toString()));
    cmd.addAll(plusargs);
    return ProcessRunner.run(cmd, binary.getParent(), timeout, "vvp");
  }
}
