package org.spikescr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.spikescr.errors.InputException;
import org.spikescr.gen.emit.DesignManifest;
import org.spikescr.gen.tools.DesignSynth;
import org.spikescr.gen.tools.FpgaPart;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.SynthReport;
import org.spikescr.gen.tools.ToolFailure;
import org.spikescr.io.AtomicFiles;
import org.spikescr.json.JsonCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr synth}: lints a generated design and synthesizes it for a 7-series part, with its
 * resources, logic depth and whether it fits ({@code docs/hardware.md}).
 */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Lint a design and synthesize it for a 7-series FPGA.",
      "Runs verilator --lint-only -Wall on every rtl/*.v of the design directory with the top module"
          + " its manifest names (attributes.top), then Yosys synth_xilinx -flatten, and reports"
          + " LUTs (LUT1 to LUT6), flip-flops, block RAM in 36 Kb units (a RAMB18 counts half), DSP"
          + " slices, CARRY4 cells, LUT-as-memory cells (distributed RAM and shift registers), the"
          + " logic depth (LUT levels on the longest register-to-register path) and whether the"
          + " design fits the part.",
      "Exit 1 when Verilator warns or Yosys finds a latch, multiple drivers or an undriven signal."
    })
final class SynthCommand implements Callable<Integer> {
  /** Time allowed for the synthesis of a whole design. */
  private static final Duration TIMEOUT = Duration.ofHours(1);

  /** Lint lines printed on failure; the count covers them all. */
  private static final int SHOWN = 10;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(
      names = "--design",
      required = true,
      paramLabel = "DIR",
      description = "Design directory written by spikescr generate (manifest.json, rtl/, mem/).")
  Path design;

  @Mixin PartOption part;

  /** What a design directory gives the tools. */
  record Design(String name, String top, List<Path> sources) {}

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    FpgaPart p = part.resolve();
    Design d = read(design);
    RtlBuild build = RtlBuild.of(d.top(), d.sources());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path work = Files.createTempDirectory("spikescr-synth-");
    DesignSynth.Outcome o;
    try {
      o = new DesignSynth(TIMEOUT).run(design, build, work);
    } catch (ToolFailure e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CHECK_FAILED;
    } finally {
      deleteTree(work);
    }
    SynthReport r = o.synth();
    if (!r.problems().isEmpty() || r.latches() > 0) {
      err.printf(
          "error: Yosys found %d problems in %s (top %s):%n",
          r.problems().size() + (r.latches() > 0 ? 1 : 0), design, d.top());
      for (String line : r.problems()) {
        err.println("  " + line);
      }
      if (r.latches() > 0) {
        err.println("  " + r.latches() + " latch cells in the mapped netlist");
      }
      printLint(err, o.lintWarnings());
      return ExitCodes.CHECK_FAILED;
    }
    double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
    SynthResult result =
        new SynthResult(
            d.name(),
            d.top(),
            p.name(),
            r.luts(),
            r.flipFlops(),
            r.bram36(),
            r.dsps(),
            r.carries(),
            r.lutrams(),
            o.logicDepth().orElseThrow(),
            o.criticalPath().orElseThrow().nets(),
            p.fits(r),
            new SynthResult.Budget(p.lut(), p.ff(), p.bram36(), p.dsp()),
            o.lintWarnings().size(),
            seconds);
    if (common.json) {
      JsonOutput.print(out, result);
    } else {
      printText(out, result, r.lutramLuts());
    }
    if (!o.lintWarnings().isEmpty()) {
      printLint(err, o.lintWarnings());
      return ExitCodes.CHECK_FAILED;
    }
    return ExitCodes.OK;
  }

  /** The count and the first lines of the lint's warnings, when there are any. */
  private void printLint(PrintWriter err, List<String> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    err.printf(
        "error: verilator --lint-only -Wall found %d warnings in %s (a clean lint is required):%n",
        warnings.size(), design);
    for (String line : warnings.subList(0, Math.min(SHOWN, warnings.size()))) {
      err.println("  " + line);
    }
    if (warnings.size() > SHOWN) {
      err.println("  ... " + (warnings.size() - SHOWN) + " more");
    }
  }

  private static void printText(PrintWriter out, SynthResult r, long lutramLuts) {
    SynthResult.Budget b = r.budget();
    out.printf("design %s, top %s, %s (%.1f s)%n", r.design(), r.top(), r.part(), r.seconds());
    out.printf("  %-14s %10s %10s%n", "resource", "used", "budget");
    out.printf("  %-14s %10d %10d%n", "LUT", r.lut(), b.lut());
    out.printf("  %-14s %10d %10s%n", "LUT as memory", r.lutram(), "(" + lutramLuts + " LUTs)");
    out.printf("  %-14s %10d %10d%n", "FF", r.ff(), b.ff());
    out.printf("  %-14s %10.1f %10.0f%n", "BRAM36", r.bram36(), b.bram36());
    out.printf("  %-14s %10d %10d%n", "DSP", r.dsp(), b.dsp());
    out.printf("  %-14s %10d%n", "CARRY4", r.carry());
    out.printf("  %-14s %10d%n", "logic depth", r.logic_depth());
    out.printf("  %-14s %10d%n", "lint warnings", r.lint_warnings());
    out.printf("fits %s: %s%n", r.part(), r.fits() ? "yes" : "no");
    out.println("longest path (named nets, LUT levels from its start):");
    for (String net : r.critical_path()) {
      out.println("  " + net);
    }
  }

  /** Reads and checks a design directory: its manifest, its top module and its Verilog files. */
  static Design read(Path dir) {
    String expected = "expected a design directory written by spikescr generate";
    if (!Files.exists(dir)) {
      throw new InputException(dir.toString(), "", "no such directory; " + expected);
    }
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir.toString(), "", "not a directory; " + expected);
    }
    Path file = dir.resolve(DesignManifest.FILE);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException(
          file.toString(),
          "",
          "missing; " + expected + " (it holds a " + DesignManifest.FILE + ")");
    } catch (IOException e) {
      throw new InputException(
          file.toString(), "", "cannot be read (" + AtomicFiles.reason(e) + ")", e);
    }
    Map<String, Object> m;
    try {
      m = JsonCodec.parseObject(text);
    } catch (IllegalArgumentException e) {
      throw new InputException(file.toString(), "", "not a JSON object: " + e.getMessage(), e);
    }
    if (!DesignManifest.FORMAT.equals(m.get("format"))) {
      throw new InputException(
          file.toString(),
          "format",
          (m.containsKey("format") ? "is " + JsonCodec.pretty(m.get("format")) : "missing")
              + "; expected \""
              + DesignManifest.FORMAT
              + "\" ("
              + expected
              + ")");
    }
    if (!(m.get("design") instanceof String name) || name.isEmpty()) {
      throw new InputException(file.toString(), "design", "expected the design's name");
    }
    if (!(m.get("attributes") instanceof Map<?, ?> attributes)) {
      throw new InputException(file.toString(), "attributes", "expected an object");
    }
    Object topValue = attributes.get("top");
    if (!(topValue instanceof String top)) {
      throw new InputException(
          file.toString(),
          "attributes.top",
          (topValue == null ? "missing" : "not a string")
              + "; expected the name of the design's top module");
    }
    if (!top.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
      throw new InputException(
          file.toString(), "attributes.top", "'" + top + "' is not a Verilog module name");
    }
    List<Path> sources = sources(dir.resolve("rtl"));
    Pattern declaration = Pattern.compile("(?m)^\\s*module\\s+" + Pattern.quote(top) + "\\b");
    boolean found = false;
    for (Path s : sources) {
      try {
        if (declaration.matcher(Files.readString(s, StandardCharsets.UTF_8)).find()) {
          found = true;
          break;
        }
      } catch (IOException e) {
        throw new InputException(
            s.toString(), "", "cannot be read (" + AtomicFiles.reason(e) + ")", e);
      }
    }
    if (!found) {
      throw new InputException(
          file.toString(),
          "attributes.top",
          "names module " + top + ", which no file of " + dir.resolve("rtl") + " declares");
    }
    return new Design(name, top, sources);
  }

  private static List<Path> sources(Path rtl) {
    if (!Files.isDirectory(rtl)) {
      throw new InputException(
          rtl.toString(), "", "missing; a design directory holds its Verilog files in rtl/");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(rtl)) {
      files =
          s.filter(p -> p.getFileName().toString().endsWith(".v") && Files.isRegularFile(p))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new InputException(
          rtl.toString(), "", "cannot be listed (" + AtomicFiles.reason(e) + ")", e);
    }
    if (files.isEmpty()) {
      throw new InputException(rtl.toString(), "", "holds no Verilog files (*.v)");
    }
    return files;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the work folder " + root, e);
    }
  }
}
