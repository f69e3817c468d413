package org.spikescr.gen.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.spikescr.json.JsonCodec;

/**
 * Lint and synthesis of a whole design directory: {@code verilator --lint-only -Wall} of every
 * source with the given top, then Yosys {@code synth_xilinx -flatten}, {@code check} and {@code
 * stat}, and the {@link LogicDepth} of the mapped netlist. Yosys runs in a work folder that links
 * every entry of the design directory, so {@code $readmemh} paths relative to the design directory
 * (the generator's {@code mem/<name>.mem}) resolve as they would there; nothing is written into the
 * design directory.
 */
public final class DesignSynth {
  /** Files Yosys writes in its work folder; entries of the design of these names are not linked. */
  private static final Set<String> OWN =
      Set.of(
          "synth.ys",
          "proc.txt",
          "check.txt",
          "check_mapped.txt",
          "stat.txt",
          "yosys.log",
          Yosys.NETLIST);

  private final Duration timeout;

  /** A runner allowing {@code timeout} for the synthesis. */
  public DesignSynth(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * What the tools found.
   *
   * @param synth cells and problems of the synthesis
   * @param criticalPath the longest register-to-register path, its LUT levels and named nets; empty
   *     when Yosys found problems (a latch or a loop makes the figure meaningless)
   * @param lintWarnings Verilator's warning and error lines (empty when clean)
   */
  public record Outcome(
      SynthReport synth,
      Optional<LogicDepth.CriticalPath> criticalPath,
      List<String> lintWarnings) {
    /** Copies the warnings. */
    public Outcome {
      lintWarnings = List.copyOf(lintWarnings);
    }

    /** LUT levels of the longest register-to-register path, when known. */
    public OptionalInt logicDepth() {
      return criticalPath.map(c -> OptionalInt.of(c.depth())).orElse(OptionalInt.empty());
    }
  }

  /**
   * Lints and synthesizes {@code build} (the design's sources and top module).
   *
   * @param designDir the design directory, for relative memory-image paths
   * @param build the sources and top module
   * @param workDir an empty scratch folder for the tools' files
   */
  public Outcome run(Path designDir, RtlBuild build, Path workDir) {
    List<String> lint = new Verilator().lint(build, workDir.resolve("lint"));
    Path yosysDir = workDir.resolve("yosys");
    linkEntries(designDir, yosysDir);
    SynthReport report = new Yosys(timeout).synthWithNetlist(build, yosysDir);
    Optional<LogicDepth.CriticalPath> path = Optional.empty();
    if (report.problems().isEmpty()) {
      Path netlist = yosysDir.resolve(Yosys.NETLIST);
      String text;
      try {
        text = Files.readString(netlist, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Yosys wrote no netlist in " + yosysDir, e);
      }
      path = Optional.of(LogicDepth.criticalPath(JsonCodec.parseObject(text), build.top()));
    }
    return new Outcome(report, path, lint);
  }

  private static void linkEntries(Path designDir, Path to) {
    try {
      Files.createDirectories(to);
      try (Stream<Path> s = Files.list(designDir)) {
        for (Path p : s.sorted().toList()) {
          String name = p.getFileName().toString();
          if (!OWN.contains(name)) {
            Files.createSymbolicLink(to.resolve(name), p.toAbsolutePath());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not link the design " + designDir + " into " + to, e);
    }
  }
}
