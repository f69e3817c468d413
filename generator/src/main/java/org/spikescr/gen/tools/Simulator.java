package org.spikescr.gen.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An RTL simulator: builds an executable simulation of a test bench and runs it. */
public interface Simulator {

  /** Short name ({@code icarus}, {@code verilator}), as the command line spells it. */
  String name();

  /**
   * Compiles {@code build} in {@code workDir}.
   *
   * @return the executable simulation (run it with {@link #run})
   * @throws ToolFailure when the tool rejects the sources
   */
  Path build(RtlBuild build, Path workDir);

  /**
   * Runs a simulation built by {@link #build} in its own directory, with {@code +name=value}
   * plusargs.
   */
  ToolRun run(Path binary, List<String> plusargs, Duration timeout);

  /** Both simulators the project supports, Icarus first. */
  static List<Simulator> both() {
    return List.of(new Icarus(), new Verilator());
  }
}
