package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.Simulator;
import org.spikescr.gen.tools.SynthReport;

/**
 * {@code ram_sp} and {@code ram_dp}: random read/write sequences from an initial image, against a
 * reference memory in Java (read-first: a read in the cycle of a write to its address returns the
 * old word; idle cycles hold the read data); and their mapping to block RAM.
 */
class RamTest {
  private static final int OPS = 3000;

  /** Width and depth of the simulated memories: one block RAM, and a depth of no power of two. */
  private static final int[][] SHAPES = {{16, 1024}, {37, 300}};

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  private static RtlBuild bench(int width, int depth) {
    return UnitBench.bench(
        "ram", Map.of("WIDTH", (long) width, "DEPTH", (long) depth), "ram_sp.v", "ram_dp.v");
  }

  private static long mask(int width) {
    return (1L << width) - 1;
  }

  /** One random run: the files of the bench, with the expected read data of the reference. */
  private static Map<String, String> vectors(int width, int depth, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] init = new long[depth];
    for (int i = 0; i < depth; i++) {
      init[i] = r.nextLong() & mask(width);
    }
    long[] sp = init.clone();
    long[] dp = init.clone();
    long[] ops = new long[OPS];
    long[] expSp = new long[OPS];
    long[] expDp = new long[OPS];
    long spData = 0;
    long dpData = 0;
    // Addresses mostly from a small window, so that reads often meet recent writes.
    int window = Math.min(depth, 8);
    int base = r.nextInt(depth - window + 1);
    for (int n = 0; n < OPS; n++) {
      boolean local = r.nextInt(4) != 0;
      int addr = local ? base + r.nextInt(window) : r.nextInt(depth);
      int raddr = r.nextInt(5) == 0 ? addr : (local ? base + r.nextInt(window) : r.nextInt(depth));
      boolean en = n == 0 || r.nextInt(4) != 0;
      boolean re = n == 0 || r.nextInt(4) != 0;
      boolean we = n > 0 && r.nextInt(2) == 0;
      long wdata = r.nextLong() & mask(width);
      ops[n] =
          raddr
              | (long) addr << 12
              | (re ? 1L << 24 : 0)
              | (we ? 1L << 25 : 0)
              | (en ? 1L << 26 : 0)
              | wdata << 27;
      if (en) {
        spData = sp[addr];
        if (we) {
          sp[addr] = wdata;
        }
      }
      if (re) {
        dpData = dp[raddr];
      }
      if (we) {
        dp[addr] = wdata;
      }
      expSp[n] = spData;
      expDp[n] = dpData;
    }
    return Map.of(
        "ram_init.hex", HexFile.of(init, width),
        "ops.hex", HexFile.of(ops, 64),
        "expect_sp.hex", HexFile.of(expSp, width),
        "expect_dp.hex", HexFile.of(expDp, width));
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void matchesTheReferenceMemory(Simulator sim) {
    for (int[] shape : SHAPES) {
      for (int seed = 1; seed <= 3; seed++) {
        UnitBench.assertClean(
            sim,
            bench(shape[0], shape[1]),
            vectors(shape[0], shape[1], seed * 1000L + shape[1]),
            List.of("+ops=" + OPS, "+seed=" + seed),
            2L * OPS);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedReadWord(Simulator sim) {
    Map<String, String> files = vectors(16, 1024, 7);
    List<String> lines = List.of(files.get("expect_dp.hex").split("\n"));
    int bad = OPS / 2;
    long wrong = Long.parseLong(lines.get(bad), 16) ^ 1L;
    StringBuilder corrupted = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      corrupted.append(i == bad ? String.format("%04x", wrong) : lines.get(i)).append('\n');
    }
    Map<String, String> wrongFiles = new HashMap<>(files);
    wrongFiles.put("expect_dp.hex", corrupted.toString());
    BenchResult r =
        UnitBench.run(sim, bench(16, 1024), wrongFiles, List.of("+ops=" + OPS, "+seed=1"));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("ram_dp beat=" + bad), r::describe);
  }

  /** A synthesis case: module, width, depth, and the block RAM it must take (RAMB36 units). */
  private record MemCase(String top, long width, long depth, double bram36) {}

  @Test
  void lintsCleanAndMapsToBlockRam() {
    List<MemCase> cases =
        List.of(
            new MemCase("ram_sp", 16, 1024, 0.5),
            new MemCase("ram_sp", 32, 1024, 1.0),
            new MemCase("ram_dp", 36, 512, 0.5),
            new MemCase("ram_dp", 18, 2048, 1.0));
    for (MemCase c : cases) {
      RtlBuild unit =
          UnitBench.unit(c.top(), Map.of("WIDTH", c.width(), "DEPTH", c.depth()), c.top() + ".v");
      UnitBench.assertLintClean(unit);
      SynthReport r = UnitBench.assertSynthClean(unit);
      String what = c + ": " + r.cells();
      assertEquals(c.bram36(), r.bram36(), what);
      assertEquals(0, r.flipFlops(), what);
      assertTrue(r.luts() <= 2, what);
    }
  }
}
