package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.Simulator;

/** {@code skid_buffer}: every word arrives once, unchanged and in order, under random stalls. */
class SkidBufferTest {
  private static final int BEATS = 500;

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  private static RtlBuild bench(int width) {
    return UnitBench.bench("skid_buffer", Map.of("WIDTH", (long) width), "skid_buffer.v");
  }

  private static long[] words(int width, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] w = new long[BEATS];
    for (int i = 0; i < BEATS; i++) {
      w[i] = r.nextLong() & ((1L << width) - 1);
    }
    return w;
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void passesEveryWordUnderRandomStalls(Simulator sim) {
    for (int width : new int[] {1, 13}) {
      String in = HexFile.of(words(width, width), width);
      for (int seed = 1; seed <= 4; seed++) {
        for (String stalls : List.of("+idle=0", "+idle=30", "+idle=70")) {
          UnitBench.assertClean(
              sim,
              bench(width),
              Map.of("in.hex", in, "expect.hex", in),
              List.of("+beats=" + BEATS, "+seed=" + seed, stalls, "+stall=" + (seed * 20 % 90)),
              BEATS);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedWord(Simulator sim) {
    long[] words = words(13, 13);
    long[] wrong = words.clone();
    wrong[BEATS / 2] ^= 1L << 7;
    BenchResult r =
        UnitBench.run(
            sim,
            bench(13),
            Map.of("in.hex", HexFile.of(words, 13), "expect.hex", HexFile.of(wrong, 13)),
            List.of("+beats=" + BEATS, "+seed=3"));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + BEATS / 2), r::describe);
  }

  @Test
  void lintsAndSynthesizesClean() {
    for (int width : new int[] {8, 64}) {
      RtlBuild unit = UnitBench.unit("skid_buffer", Map.of("WIDTH", (long) width), "skid_buffer.v");
      UnitBench.assertLintClean(unit);
      assertTrue(UnitBench.assertSynthClean(unit).flipFlops() >= 2L * width);
    }
  }
}
