package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.Simulator;
import org.spikescr.gen.tools.SynthReport;
import org.spikescr.gen.tools.Verilator;
import org.spikescr.gen.tools.Yosys;
import org.spikescr.json.JsonCodec;
import org.spikescr.testing.ProjectPaths;

/**
 * Runs a unit's test bench ({@code tests/src/test/resources/rtl/tb_<unit>.v}) in a simulator: it
 * compiles each (simulator, parameter set) once per test run, writes the vector files the Java
 * model produced, and parses the bench's RESULT line. Also lints and synthesizes units alone.
 *
 * <p>Each work folder (one per simulator or tool and parameter set) is used by one thread at a
 * time, so that test classes may run concurrently: a run's vector files cannot be overwritten by
 * another run of the same build before its simulator has read them.
 */
public final class UnitBench {
  private static final Map<String, Path> COMPILED = new ConcurrentHashMap<>();
  private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private UnitBench() {}

  /** The folder of the test benches and {@code tb_common.vh}. */
  public static Path benchDir() {
    return ProjectPaths.root().resolve("tests/src/test/resources/rtl");
  }

  /** A hand-written library module, {@code templates/static/<file>}. */
  public static Path library(String file) {
    return ProjectPaths.root().resolve("templates/static").resolve(file);
  }

  /**
   * The build of test bench {@code tb_<unit>} with its parameters, over the given library files
   * (the stream monitor and the include folder are added).
   */
  public static RtlBuild bench(String unit, Map<String, Long> parameters, String... libraryFiles) {
    List<Path> sources = new ArrayList<>();
    sources.add(benchDir().resolve("tb_" + unit + ".v"));
    sources.add(benchDir().resolve("tb_stream_monitor.v"));
    for (String f : libraryFiles) {
      sources.add(library(f));
    }
    return new RtlBuild(sources, "tb_" + unit, parameters, List.of(benchDir()));
  }

  /** The build of a library module alone, for lint and synthesis. */
  public static RtlBuild unit(String top, Map<String, Long> parameters, String... libraryFiles) {
    List<Path> sources = new ArrayList<>();
    for (String f : libraryFiles) {
      sources.add(library(f));
    }
    return new RtlBuild(sources, top, parameters, List.of());
  }

  /**
   * Runs {@code build} in {@code sim} with the given vector files (name to content) and plusargs.
   */
  public static BenchResult run(
      Simulator sim, RtlBuild build, Map<String, String> files, List<String> plusargs) {
    Path binary = compiled(sim, build);
    Path work =
        sim.name().equals("verilator") ? binary.getParent().getParent() : binary.getParent();
    synchronized (lock(work)) {
      try {
        for (Map.Entry<String, String> f : files.entrySet()) {
          Files.writeString(work.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not write vectors in " + work, e);
      }
      return BenchResult.parse(sim.name(), sim.run(binary, plusargs, Duration.ofMinutes(5)));
    }
  }

  /** Runs and asserts that every one of {@code expectedBeats} beats arrived right. */
  public static BenchResult assertClean(
      Simulator sim,
      RtlBuild build,
      Map<String, String> files,
      List<String> plusargs,
      long expectedBeats) {
    BenchResult r = run(sim, build, files, plusargs);
    assertTrue(r.clean(expectedBeats), () -> "plusargs " + plusargs + "\n" + r.describe());
    return r;
  }

  /** Lints a unit with {@code verilator --lint-only -Wall} and asserts no warning. */
  public static void assertLintClean(RtlBuild unit) {
    Path work = workDir("lint", unit);
    List<String> warnings;
    synchronized (lock(work)) {
      warnings = new Verilator().lint(unit, work);
    }
    assertEquals(List.of(), warnings, "verilator --lint-only -Wall on " + unit.top());
  }

  /** Synthesizes a unit with Yosys and asserts no latch and no driver problem. */
  public static SynthReport assertSynthClean(RtlBuild unit) {
    return assertSynthClean(unit, Map.of());
  }

  /**
   * As {@link #assertSynthClean(RtlBuild)}, with files (name to content) written first in the
   * synthesis folder, for memory images that the unit reads with {@code $readmemh}.
   */
  public static SynthReport assertSynthClean(RtlBuild unit, Map<String, String> files) {
    return synthClean(unit, files, false);
  }

  /**
   * As {@link #assertSynthClean(RtlBuild, Map)}, returning the mapped netlist instead (Yosys {@code
   * write_json}, parsed), for tests that look at how the unit's cells are configured.
   */
  public static Map<String, Object> assertSynthCleanNetlist(
      RtlBuild unit, Map<String, String> files) {
    Path work = workDir("synth", unit);
    synchronized (lock(work)) { // the netlist is read before another synthesis can replace it
      synthClean(unit, files, true);
      Path netlist = work.resolve(Yosys.NETLIST);
      try {
        return JsonCodec.parseObject(Files.readString(netlist, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + netlist, e);
      }
    }
  }

  private static SynthReport synthClean(RtlBuild unit, Map<String, String> files, boolean netlist) {
    Path work = workDir("synth", unit);
    synchronized (lock(work)) {
      try {
        Files.createDirectories(work);
        for (Map.Entry<String, String> f : files.entrySet()) {
          Files.writeString(work.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not write memory images in " + work, e);
      }
      Yosys yosys = new Yosys(Duration.ofMinutes(5));
      SynthReport r = netlist ? yosys.synthWithNetlist(unit, work) : yosys.synth(unit, work);
      assertEquals(List.of(), r.problems(), "yosys problems in " + unit.top());
      assertEquals(0, r.latches(), "latches in " + unit.top() + ": " + r.cells());
      return r;
    }
  }

  private static Path compiled(Simulator sim, RtlBuild build) {
    String key = sim.name() + "|" + build;
    Path work = workDir(sim.name(), build);
    synchronized (lock(work)) {
      Path p = COMPILED.get(key);
      if (p == null) {
        p = sim.build(build, work);
        COMPILED.put(key, p);
      }
      return p;
    }
  }

  /** The lock of a work folder. */
  private static Object lock(Path work) {
    return LOCKS.computeIfAbsent(work.toAbsolutePath().normalize(), k -> new Object());
  }

  private static Path workDir(String kind, RtlBuild build) {
    StringBuilder name = new StringBuilder(build.top());
    for (Map.Entry<String, Long> e : build.parameters().entrySet()) {
      name.append('-').append(e.getKey()).append(e.getValue());
    }
    return ProjectPaths.root().resolve("tests/target/rtl").resolve(kind).resolve(name.toString());
  }
}
