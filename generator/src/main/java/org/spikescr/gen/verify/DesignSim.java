package org.spikescr.gen.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.spikescr.gen.tools.ProcessRunner;
import org.spikescr.gen.tools.ToolFailure;
import org.spikescr.gen.tools.ToolRun;

/**
 * Runs a design directory's test bench ({@link Testbench}) on a stimulus in Icarus Verilog or
 * Verilator. Memory images are read relative to the run's working directory, which links {@code
 * mem/} to the design's. Verilator's executable is built once per design and kept under {@code
 * DIR/build/verilator} with the manifest's hash; a changed design is rebuilt.
 */
public final class DesignSim {
  private static final Duration BUILD = Duration.ofMinutes(15);

  /** The simulators. */
  public enum Kind {
    /** Icarus Verilog 11. */
    ICARUS,
    /** Verilator 5. */
    VERILATOR
  }

  /**
   * The result of one run.
   *
   * @param trace the trace file's text
   * @param output the simulator's output
   * @param finished whether the bench reached its RESULT line (no TIMEOUT, no error)
   * @param seconds wall time of the simulation (without the build)
   */
  public record Run(String trace, String output, boolean finished, double seconds) {}

  private DesignSim() {}

  /**
   * Simulates {@code stimulus} on the design in {@code dir}.
   *
   * @param design the design's name (the bench is {@code <design>_tb})
   * @param work an empty scratch directory
   */
  public static Run run(
      Kind kind,
      Path dir,
      String design,
      String stimulus,
      int utterances,
      long maxCycles,
      int seed,
      int idle,
      int stall,
      Path wave,
      Path work,
      Duration timeout) {
    try {
      Files.createDirectories(work);
      Path mem = work.resolve("mem");
      if (!Files.exists(mem)) {
        Files.createSymbolicLink(mem, dir.resolve("mem").toAbsolutePath());
      }
      Files.writeString(work.resolve("stim.txt"), stimulus, StandardCharsets.UTF_8);
      Path binary = kind == Kind.ICARUS ? icarus(dir, design, work) : verilator(dir, design);
      List<String> cmd = new ArrayList<>();
      if (kind == Kind.ICARUS) {
        cmd.addAll(List.of("vvp", "-n", binary.toString()));
      } else {
        cmd.add(binary.toString());
      }
      cmd.add("+stim=stim.txt");
      cmd.add("+trace=trace.txt");
      cmd.add("+utterances=" + utterances);
      cmd.add("+max_cycles=" + maxCycles);
      cmd.add("+seed=" + seed);
      cmd.add("+idle=" + idle);
      cmd.add("+stall=" + stall);
      if (wave != null) {
        cmd.add("+wave=" + wave.toAbsolutePath());
      }
      long t0 = System.nanoTime();
      ToolRun r =
          ProcessRunner.run(cmd, work, timeout, kind.name().toLowerCase(java.util.Locale.ROOT));
      double seconds = (System.nanoTime() - t0) / 1e9;
      Path trace = work.resolve("trace.txt");
      String text = Files.exists(trace) ? Files.readString(trace, StandardCharsets.UTF_8) : "";
      boolean finished = r.ok() && r.output().contains("RESULT utterances=");
      return new Run(text, r.output(), finished, seconds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the design in " + work, e);
    }
  }

  private static List<String> sources(Path dir, String design) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve("rtl"))) {
      s.filter(p -> p.toString().endsWith(".v"))
          .sorted()
          .forEach(p -> out.add(p.toAbsolutePath().toString()));
    }
    out.add(dir.resolve(Testbench.path(design)).toAbsolutePath().toString());
    return out;
  }

  private static Path icarus(Path dir, String design, Path work) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2005", "-o", "sim.vvp"));
    cmd.add("-s");
    cmd.add(design + "_tb");
    cmd.addAll(sources(dir, design));
    ToolRun r = ProcessRunner.run(cmd, work, BUILD, "iverilog");
    if (!r.ok()) {
      throw new ToolFailure("Icarus Verilog could not compile the design in " + dir, r);
    }
    return work.resolve("sim.vvp").toAbsolutePath();
  }

  /** The cached Verilator executable of the design, built when missing or stale. */
  public static Path verilator(Path dir, String design) throws IOException {
    Path cache = dir.resolve("build").resolve("verilator");
    Path binary = cache.resolve("obj").resolve("sim");
    Path stamp = cache.resolve("manifest.sha256");
    String hash = org.spikescr.io.Sha256.of(dir.resolve("manifest.json"));
    if (Files.exists(binary)
        && Files.exists(stamp)
        && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(hash)) {
      return binary.toAbsolutePath();
    }
    org.spikescr.io.Directories.deleteTreeQuietly(cache);
    Files.createDirectories(cache);
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
                "-O2",
                "--x-assign",
                "fast",
                "--Mdir",
                "obj",
                "-o",
                "sim",
                "--top-module",
                design + "_tb"));
    cmd.addAll(sources(dir, design));
    ToolRun r = ProcessRunner.run(cmd, cache, BUILD, "verilator");
    if (!r.ok()) {
      throw new ToolFailure("Verilator could not build the design in " + dir, r);
    }
    Files.writeString(stamp, hash + "\n", StandardCharsets.UTF_8);
    return binary.toAbsolutePath();
  }
}
