package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.Simulator;
import org.spikescr.gen.tools.SynthReport;

/**
 * {@code sync_fifo}: every word arrives once, unchanged and in order, under random stalls; the
 * bench also checks both flags against its own count of stored words every cycle, and the tests
 * demand that the queue really fills to DEPTH and really runs empty.
 */
class SyncFifoTest {
  private static final int BEATS = 600;
  private static final Pattern OCCUPANCY = Pattern.compile("OCCUPANCY max=(\\d+)");

  /** Depth 2 (the smallest) and a depth that is not a power of two (pointer wrap). */
  private static final int[][] SHAPES = {{8, 2}, {17, 13}};

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  private static RtlBuild bench(int width, int depth) {
    return UnitBench.bench(
        "sync_fifo", Map.of("WIDTH", (long) width, "DEPTH", (long) depth), "sync_fifo.v");
  }

  private static long[] words(int width, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] w = new long[BEATS];
    for (int i = 0; i < BEATS; i++) {
      w[i] = r.nextLong() & ((1L << width) - 1);
    }
    return w;
  }

  private static int maxOccupancy(BenchResult r) {
    Matcher m = OCCUPANCY.matcher(r.run().output());
    assertTrue(m.find(), r::describe);
    return Integer.parseInt(m.group(1));
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void passesEveryWordUnderRandomStalls(Simulator sim) {
    for (int[] shape : SHAPES) {
      int width = shape[0];
      int depth = shape[1];
      String in = HexFile.of(words(width, width * 31L + depth), width);
      Map<String, String> files = Map.of("in.hex", in, "expect.hex", in);
      for (int seed = 1; seed <= 3; seed++) {
        for (String[] stalls :
            List.of(
                new String[] {"+idle=0", "+stall=0"},
                new String[] {"+idle=30", "+stall=30"},
                new String[] {"+idle=60", "+stall=20"},
                new String[] {"+idle=10", "+stall=60"})) {
          UnitBench.assertClean(
              sim,
              bench(width, depth),
              files,
              List.of("+beats=" + BEATS, "+seed=" + seed, stalls[0], stalls[1]),
              BEATS);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void fillsToDepthAndRunsEmpty(Simulator sim) {
    for (int[] shape : SHAPES) {
      int width = shape[0];
      int depth = shape[1];
      String in = HexFile.of(words(width, depth), width);
      Map<String, String> files = Map.of("in.hex", in, "expect.hex", in);
      // A slow sink: the queue must fill to exactly DEPTH words (the bench checks that s_ready
      // drops then and only then).
      BenchResult full =
          UnitBench.assertClean(
              sim,
              bench(width, depth),
              files,
              List.of("+beats=" + BEATS, "+seed=5", "+idle=0", "+stall=90"),
              BEATS);
      assertEquals(depth, maxOccupancy(full), full::describe);
      // A slow source and a fast sink: never more than one word inside, m_valid low in between.
      BenchResult empty =
          UnitBench.assertClean(
              sim,
              bench(width, depth),
              files,
              List.of("+beats=" + BEATS, "+seed=6", "+idle=90", "+stall=0"),
              BEATS);
      assertEquals(1, maxOccupancy(empty), empty::describe);
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedWord(Simulator sim) {
    long[] words = words(17, 17);
    long[] wrong = words.clone();
    wrong[BEATS / 3] ^= 1L << 16;
    BenchResult r =
        UnitBench.run(
            sim,
            bench(17, 13),
            Map.of("in.hex", HexFile.of(words, 17), "expect.hex", HexFile.of(wrong, 17)),
            List.of("+beats=" + BEATS, "+seed=3", "+stall=50"));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + BEATS / 3), r::describe);
  }

  @Test
  void lintsAndSynthesizesClean() {
    for (int[] shape : new int[][] {{8, 2}, {32, 64}}) {
      RtlBuild unit =
          UnitBench.unit(
              "sync_fifo",
              Map.of("WIDTH", (long) shape[0], "DEPTH", (long) shape[1]),
              "sync_fifo.v");
      UnitBench.assertLintClean(unit);
      SynthReport r = UnitBench.assertSynthClean(unit);
      assertTrue(r.flipFlops() >= shape[0], () -> "cells " + r.cells());
    }
  }
}
