package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikescr.gen.tools.Icarus;
import org.spikescr.gen.tools.ProcessRunner;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.SynthReport;
import org.spikescr.gen.tools.ToolMissingException;
import org.spikescr.gen.tools.Verilator;
import org.spikescr.gen.tools.Yosys;
import org.spikescr.testing.ProjectPaths;

/** Every checker of the hardware flow fails on a bad input, so a broken harness cannot pass. */
class ToolCheckersTest {
  private static final Path BAD = UnitBench.benchDir().resolve("bad");
  private static final Path WORK = ProjectPaths.root().resolve("tests/target/rtl/checkers");

  private static SynthReport synth(String top) {
    RtlBuild b = RtlBuild.of(top, List.of(BAD.resolve(top + ".v")));
    return new Yosys(Duration.ofMinutes(2)).synth(b, WORK.resolve(top));
  }

  @Test
  void yosysReportsALatch() {
    SynthReport r = synth("has_latch");
    assertTrue(
        r.latches() > 0 || r.problems().stream().anyMatch(p -> p.startsWith("Latch inferred")),
        r.toString());
  }

  @Test
  void yosysReportsConflictingDrivers() {
    assertFalse(synth("two_drivers").problems().isEmpty());
  }

  @Test
  void verilatorLintReportsWarnings() {
    RtlBuild b = RtlBuild.of("lint_warning", List.of(BAD.resolve("lint_warning.v")));
    List<String> w = new Verilator().lint(b, WORK.resolve("lint"));
    assertTrue(w.stream().anyMatch(l -> l.contains("WIDTH")), w.toString());
    assertTrue(w.stream().anyMatch(l -> l.contains("UNUSED")), w.toString());
  }

  @Test
  void aHungBenchEndsInTimeoutInBothSimulators() {
    RtlBuild b =
        new RtlBuild(
            List.of(UnitBench.benchDir().resolve("tb_hang.v")),
            "tb_hang",
            Map.of("MAX_CYCLES", 200L),
            List.of(UnitBench.benchDir()));
    for (var sim : List.of(new Icarus(), new Verilator())) {
      BenchResult r = UnitBench.run(sim, b, Map.of(), List.of());
      assertFalse(r.finished(), r::describe);
      assertTrue(r.run().output().contains("TIMEOUT after 200 cycles"), r::describe);
    }
  }

  @Test
  void aMissingToolNamesTheInstallLine() {
    ToolMissingException e =
        assertThrows(
            ToolMissingException.class,
            () ->
                ProcessRunner.run(
                    List.of("no-such-simulator-xyz"), WORK, Duration.ofSeconds(5), "missing"));
    assertTrue(e.getMessage().contains("apt-get install -y iverilog verilator yosys"));
  }

  @Test
  void aProcessPastItsLimitIsKilled() {
    var run = ProcessRunner.run(List.of("sleep", "30"), WORK, Duration.ofMillis(300), "sleep");
    assertTrue(run.timedOut());
    assertFalse(run.ok());
    assertTrue(run.seconds() < 15, "killed after " + run.seconds() + " s");
    assertEquals(-1, run.exitCode());
  }
}
