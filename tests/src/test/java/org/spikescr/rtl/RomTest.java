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
 * {@code rom}: contents from a {@code $readmemh} image, random reads against the image (idle cycles
 * hold the data), and the mapping to block RAM at every size.
 */
class RomTest {
  private static final int OPS = 3000;
  private static final int[][] SHAPES = {{16, 256}, {40, 1000}};

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  private static RtlBuild bench(int width, int depth) {
    return UnitBench.bench("rom", Map.of("WIDTH", (long) width, "DEPTH", (long) depth), "rom.v");
  }

  private static long[] image(int width, int depth, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] m = new long[depth];
    for (int i = 0; i < depth; i++) {
      m[i] = r.nextLong() & ((1L << width) - 1);
    }
    return m;
  }

  private static Map<String, String> vectors(int width, int depth, long seed) {
    long[] rom = image(width, depth, seed);
    SplittableRandom r = new SplittableRandom(seed + 1);
    long[] ops = new long[OPS];
    long[] expect = new long[OPS];
    long data = 0;
    for (int n = 0; n < OPS; n++) {
      int addr = r.nextInt(8) == 0 ? (r.nextBoolean() ? 0 : depth - 1) : r.nextInt(depth);
      boolean en = n == 0 || r.nextInt(4) != 0;
      ops[n] = addr | (en ? 1L << 16 : 0);
      if (en) {
        data = rom[addr];
      }
      expect[n] = data;
    }
    return Map.of(
        "rom.hex", HexFile.of(rom, width),
        "ops.hex", HexFile.of(ops, 32),
        "expect.hex", HexFile.of(expect, width));
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void readsTheImage(Simulator sim) {
    for (int[] shape : SHAPES) {
      for (int seed = 1; seed <= 3; seed++) {
        UnitBench.assertClean(
            sim,
            bench(shape[0], shape[1]),
            vectors(shape[0], shape[1], seed * 100L + shape[0]),
            List.of("+ops=" + OPS, "+seed=" + seed),
            OPS);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedWord(Simulator sim) {
    Map<String, String> files = vectors(16, 256, 9);
    String[] lines = files.get("expect.hex").split("\n");
    int bad = OPS - 5;
    lines[bad] = String.format("%04x", Long.parseLong(lines[bad], 16) ^ 0x8000L);
    Map<String, String> wrong = new HashMap<>(files);
    wrong.put("expect.hex", String.join("\n", lines) + "\n");
    BenchResult r = UnitBench.run(sim, bench(16, 256), wrong, List.of("+ops=" + OPS));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + bad), r::describe);
  }

  /** A top that gives the ROM an image of random words (the path is a string parameter). */
  private static RtlBuild wrapped(int width, int depth) {
    String name = "syn_rom_" + width + "x" + depth;
    String image =
        SynthWrapper.write(name + ".hex", HexFile.of(image(width, depth, depth), width))
            .toAbsolutePath()
            .toString();
    String v =
        String.join(
            "\n",
            "`timescale 1ns / 1ps",
            "`default_nettype none",
            "module " + name + " (",
            "    input  wire clk,",
            "    input  wire en,",
            "    input  wire ["
                + (Integer.SIZE - Integer.numberOfLeadingZeros(depth - 1) - 1)
                + ":0] addr,",
            "    output wire [" + (width - 1) + ":0] data",
            ");",
            "  rom #(",
            "      .WIDTH(" + width + "),",
            "      .DEPTH(" + depth + "),",
            "      .INIT_FILE(\"" + image + "\")",
            "  ) u_rom (",
            "      .clk (clk),",
            "      .en  (en),",
            "      .addr(addr),",
            "      .data(data)",
            "  );",
            "endmodule",
            "`default_nettype wire",
            "");
    return SynthWrapper.build(name, v, "rom.v");
  }

  @Test
  void lintsCleanAndMapsToBlockRam() {
    // width, depth, RAMB36 units expected (a RAMB18 counts half)
    double[][] cases = {{16, 256, 0.5}, {36, 1024, 1}, {8, 4096, 1}};
    for (double[] c : cases) {
      RtlBuild unit = wrapped((int) c[0], (int) c[1]);
      UnitBench.assertLintClean(unit);
      SynthReport r = UnitBench.assertSynthClean(unit);
      assertEquals(c[2], r.bram36(), () -> unit.top() + ": " + r.cells());
      assertEquals(0, r.flipFlops(), () -> unit.top() + ": " + r.cells());
    }
  }
}
