package org.spikescr.gen.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Yosys 0.23: {@code read_verilog} (Verilog-2005, no {@code -sv}), {@code synth_xilinx -flatten}
 * (so that {@code stat} counts a unit with its sub-modules once), {@code check} and {@code stat},
 * parsed into a {@link SynthReport}; optionally the mapped netlist of the top module as JSON.
 */
public final class Yosys {
  private static final Pattern CELL = Pattern.compile("^\\s+(\\S+)\\s+(\\d+)\\s*$");
  private static final Pattern PROBLEM =
      Pattern.compile(
          "(^Latch inferred|(?i)multiple conflicting drivers|(?i)is used but has no driver"
              + "|(?i)found logic loop|(?i)warning: .*(undriven|driver))");

  /** The file, in the work folder, of the mapped netlist {@link #synthWithNetlist} writes. */
  public static final String NETLIST = "netlist.json";

  private final Duration timeout;

  /** A runner with the given time limit for one synthesis. */
  public Yosys(Duration timeout) {
    this.timeout = timeout;
  }

  /** Synthesizes {@code build} for a 7-series part and reports its cells and problems. */
  public SynthReport synth(RtlBuild build, Path workDir) {
    return run(build, workDir, false);
  }

  /**
   * As {@link #synth}, and also writes the mapped netlist of the top module (Yosys {@code
   * write_json}, with only the cell types it uses) to {@link #NETLIST} in {@code workDir}. Yosys
   * runs in {@code workDir}, so relative {@code $readmemh} paths resolve there.
   */
  public SynthReport synthWithNetlist(RtlBuild build, Path workDir) {
    return run(build, workDir, true);
  }

  private SynthReport run(RtlBuild build, Path workDir, boolean netlist) {
    try {
      Files.createDirectories(workDir);
      Files.writeString(
          workDir.resolve("synth.ys"), script(build, netlist), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the Yosys script in " + workDir, e);
    }
    ToolRun run =
        ProcessRunner.run(List.of("yosys", "-q", "-s", "synth.ys"), workDir, timeout, "yosys");
    if (!run.ok()) {
      throw new ToolFailure("Yosys could not synthesize " + build.top(), run);
    }
    String stat;
    try {
      stat = Files.readString(workDir.resolve("stat.txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Yosys wrote no statistics in " + workDir, e);
    }
    StringBuilder logs = new StringBuilder(run.output());
    for (String name : List.of("proc.txt", "check.txt", "check_mapped.txt")) {
      try {
        logs.append('\n').append(Files.readString(workDir.resolve(name), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("Yosys wrote no " + name + " in " + workDir, e);
      }
    }
    return new SynthReport(cells(stat), problems(logs.toString()));
  }

  static String script(RtlBuild build, boolean netlist) {
    StringBuilder s = new StringBuilder();
    StringBuilder inc = new StringBuilder();
    for (Path d : build.includeDirs()) {
      inc.append(" -I").append(d.toAbsolutePath());
    }
    for (String src : build.sourceArgs()) {
      s.append("read_verilog -defer").append(inc).append(" \"").append(src).append("\"\n");
    }
    for (Map.Entry<String, Long> p : build.parameters().entrySet()) {
      s.append("chparam -set ")
          .append(p.getKey())
          .append(' ')
          .append(p.getValue())
          .append(' ')
          .append(build.top())
          .append('\n');
    }
    s.append("hierarchy -check -top ").append(build.top()).append('\n');
    s.append("tee -o proc.txt proc\n");
    s.append("tee -o check.txt check\n");
    s.append("synth_xilinx -flatten -top ").append(build.top()).append('\n');
    s.append("tee -o check_mapped.txt check\n");
    s.append("tee -o stat.txt stat\n");
    if (netlist) {
      s.append("hierarchy -top ").append(build.top()).append(" -purge_lib\n");
      s.append("write_json ").append(NETLIST).append('\n');
    }
    return s.toString();
  }

  static Map<String, Long> cells(String stat) {
    Map<String, Long> cells = new LinkedHashMap<>();
    boolean inCells = false;
    for (String line : stat.split("\n", -1)) {
      if (line.contains("Number of cells:")) {
        inCells = true;
        continue;
      }
      if (inCells) {
        Matcher m = CELL.matcher(line);
        if (m.matches()) {
          cells.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
        } else if (line.isBlank()) {
          inCells = false;
        }
      }
    }
    return cells;
  }

  static List<String> problems(String log) {
    List<String> out = new ArrayList<>();
    for (String line : log.split("\n", -1)) {
      String l = line.strip();
      if (PROBLEM.matcher(l).find()) {
        out.add(l);
      }
    }
    return out;
  }
}
