package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code slice_source}: the beats of a pass, per step and group the group's slice of the step's
 * row, in order, under random back-pressure in both simulators; without back-pressure a beat every
 * cycle, the steps back to back.
 */
class SliceSourceTest {
  /**
   * Parameters of the unit.
   *
   * @param p lanes
   * @param groups slices of a row
   * @param tMax rows of the buffer
   */
  record Shape(int p, int groups, int tMax) {
    Map<String, Long> parameters() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("P", (long) p);
      m.put("GROUPS", (long) groups);
      m.put("T_MAX", (long) tMax);
      return m;
    }
  }

  static final Shape SEVERAL_GROUPS = new Shape(4, 3, 8);
  // one beat a step: each row is taken from the read port in the cycle after its read
  static final Shape ONE_GROUP = new Shape(8, 1, 5);
  static final Shape NARROW = new Shape(2, 2, 9);

  static final List<Shape> SHAPES = List.of(SEVERAL_GROUPS, ONE_GROUP, NARROW);

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  static int[][] rows(Shape s, double density, SplittableRandom r) {
    int[][] rows = new int[s.tMax()][s.p() * s.groups()];
    for (int[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        row[c] = r.nextDouble() < density ? 1 : 0;
      }
    }
    return rows;
  }

  /** The beats of a pass over {@code steps} steps: per step, the groups' slices in order. */
  static List<String> beats(Shape s, int[][] rows, int steps) {
    List<String> out = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      for (int g = 0; g < s.groups(); g++) {
        LaneWord w = new LaneWord();
        for (int l = 0; l < s.p(); l++) {
          w.put(rows[t][g * s.p() + l], 1);
        }
        out.add(w.hex());
      }
    }
    return out;
  }

  private static String rowsHex(int[][] rows) {
    List<String> words = new ArrayList<>();
    for (int[] row : rows) {
      LaneWord w = new LaneWord();
      for (int b : row) {
        w.put(b, 1);
      }
      words.add(w.hex());
    }
    return HexFile.ofWords(words);
  }

  private static RtlBuild bench(Shape s) {
    return UnitBench.bench("slice_source", s.parameters(), "slice_source.v", "skid_buffer.v");
  }

  private static BenchResult run(
      Simulator sim, Shape s, int[][] rows, int steps, List<String> expect, int seed, int stall) {
    return UnitBench.run(
        sim,
        bench(s),
        Map.of("rows.hex", rowsHex(rows), "expect.hex", HexFile.ofWords(expect)),
        List.of(
            "+beats=" + expect.size(),
            "+steps=" + steps,
            "+seed=" + seed,
            "+idle=0",
            "+stall=" + stall));
  }

  private static BenchResult assertRun(
      Simulator sim, Shape s, int[][] rows, int steps, int seed, int stall) {
    List<String> expect = beats(s, rows, steps);
    BenchResult r = run(sim, s, rows, steps, expect, seed, stall);
    assertTrue(
        r.clean(expect.size()),
        () -> s + " steps=" + steps + " seed=" + seed + " stall=" + stall + "\n" + r.describe());
    return r;
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void sendsTheSlicesInOrderUnderRandomBackPressure(Simulator sim) {
    int[] stalls = {0, 30, 60, 85};
    double[] densities = {0.0, 0.2, 0.5, 1.0};
    for (Shape s : SHAPES) {
      SplittableRandom r = new SplittableRandom(s.p() * 13L + s.groups());
      for (int seed = 1; seed <= 4; seed++) {
        int[][] rows = rows(s, densities[seed - 1], r);
        for (int steps : new int[] {s.tMax(), 1, Math.max(1, s.tMax() / 2)}) {
          assertRun(sim, s, rows, steps, seed, stalls[seed - 1]);
        }
      }
    }
  }

  private static final Pattern PASS = Pattern.compile("(?m)^PASS cycles=(\\d+)\\s*$");

  @ParameterizedTest
  @MethodSource("simulators")
  void sendsABeatEveryCycleWithoutBackPressure(Simulator sim) {
    for (Shape s : SHAPES) {
      int[][] rows = rows(s, 0.5, new SplittableRandom(7));
      BenchResult b = assertRun(sim, s, rows, s.tMax(), 1, 0);
      Matcher m = PASS.matcher(b.run().output());
      assertTrue(m.find(), b::describe);
      // from the start edge: two cycles to read row 0, one into the output slice, one to reach the
      // bench's sink, then one beat per cycle
      long expected = 4L + (long) s.tMax() * s.groups();
      assertEquals(expected, Long.parseLong(m.group(1)), () -> s + "\n" + b.describe());
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedSlice(Simulator sim) {
    Shape s = SEVERAL_GROUPS;
    int[][] rows = rows(s, 0.5, new SplittableRandom(3));
    List<String> expect = new ArrayList<>(beats(s, rows, s.tMax()));
    int beat = 10;
    String w = expect.get(beat);
    String flipped = new BigInteger(w, 16).flipBit(2).toString(16);
    expect.set(beat, "0".repeat(Math.max(0, w.length() - flipped.length())) + flipped);
    BenchResult r = run(sim, s, rows, s.tMax(), expect, 2, 30);
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + beat), r::describe);
  }

  @Test
  void lintsAndSynthesizesClean() {
    for (Shape s : SHAPES) {
      RtlBuild unit =
          UnitBench.unit("slice_source", s.parameters(), "slice_source.v", "skid_buffer.v");
      UnitBench.assertLintClean(unit);
      SynthReport r = UnitBench.assertSynthClean(unit);
      System.out.printf(
          "slice_source %s: LUT %d FF %d BRAM36 %.1f DSP %d%n",
          s, r.luts(), r.flipFlops(), r.bram36(), r.dsps());
    }
  }
}
