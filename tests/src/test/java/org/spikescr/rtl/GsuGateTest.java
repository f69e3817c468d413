package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.Simulator;
import org.spikescr.gen.tools.SynthReport;
import org.spikescr.sim.fixedsim.FixedSimulator;

/**
 * {@code gsu_gate}: every output beat equals {@link FixedSimulator#gated} on the joined value and
 * gate beats, with the side data passed through, under random stalls on all three streams.
 */
class GsuGateTest {
  /**
   * Parameters of the unit.
   *
   * @param p lanes
   * @param xw width of X_U
   * @param uw side data width
   */
  record Shape(int p, int xw, int uw) {
    Map<String, Long> parameters() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("P", (long) p);
      m.put("XW", (long) xw);
      m.put("UW", (long) uw);
      return m;
    }

    long xMax() {
      return (1L << (xw - 1)) - 1;
    }

    long xMin() {
      return -(1L << (xw - 1));
    }
  }

  static final Shape DEFAULT = new Shape(4, 16, 1);
  static final Shape WIDE = new Shape(5, 31, 7);

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  private static RtlBuild bench(Shape s) {
    return UnitBench.bench("gsu_gate", s.parameters(), "gsu_gate.v", "skid_buffer.v");
  }

  /** Beats of X_U (with side data) and gates; the expected beats from the golden model. */
  static JoinVectors vectors(Shape s, long[][] u, int[][] gate, long[] user) {
    int beats = u.length;
    long[] flatU = new long[beats * s.p()];
    int[] flatG = new int[beats * s.p()];
    for (int b = 0; b < beats; b++) {
      System.arraycopy(u[b], 0, flatU, b * s.p(), s.p());
      System.arraycopy(gate[b], 0, flatG, b * s.p(), s.p());
    }
    long[] x = FixedSimulator.gated(flatU, flatG);
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    List<String> expect = new ArrayList<>();
    for (int b = 0; b < beats; b++) {
      LaneWord in = new LaneWord();
      LaneWord g = new LaneWord();
      LaneWord out = new LaneWord();
      for (int l = 0; l < s.p(); l++) {
        in.put(u[b][l], s.xw());
        g.put(gate[b][l], 1);
        out.put(x[b * s.p() + l], s.xw());
      }
      first.add(in.put(user[b], s.uw()).hex());
      second.add(g.hex());
      expect.add(out.put(user[b], s.uw()).hex());
    }
    return new JoinVectors(first, second, expect);
  }

  private static JoinVectors random(Shape s, int beats, SplittableRandom r) {
    long[][] u = new long[beats][s.p()];
    int[][] g = new int[beats][s.p()];
    long[] user = new long[beats];
    for (int b = 0; b < beats; b++) {
      for (int l = 0; l < s.p(); l++) {
        u[b][l] = r.nextLong(s.xMin(), s.xMax() + 1);
        g[b][l] = r.nextInt(2);
      }
      user[b] = r.nextLong(1L << s.uw());
    }
    return vectors(s, u, g, user);
  }

  /**
   * Gates all closed, all open and one lane open at a time, over the ends of the input range, 0 and
   * -1.
   */
  private static JoinVectors edges(Shape s) {
    long[] values = {s.xMax(), s.xMin(), 0, -1, 1};
    List<long[]> u = new ArrayList<>();
    List<int[]> g = new ArrayList<>();
    for (long v : values) {
      for (int pattern = -2; pattern < s.p(); pattern++) {
        long[] lanes = new long[s.p()];
        int[] gates = new int[s.p()];
        for (int l = 0; l < s.p(); l++) {
          lanes[l] = v;
          gates[l] = pattern == -2 ? 0 : pattern == -1 ? 1 : (l == pattern ? 1 : 0);
        }
        u.add(lanes);
        g.add(gates);
      }
    }
    long[] user = new long[u.size()];
    for (int b = 0; b < user.length; b++) {
      user[b] = b % 2 == 0 ? (1L << s.uw()) - 1 : 0;
    }
    return vectors(s, u.toArray(new long[0][]), g.toArray(new int[0][]), user);
  }

  private static BenchResult assertRun(
      Simulator sim, Shape s, JoinVectors v, int seed, int idle, int stall) {
    BenchResult r = v.run(sim, bench(s), "value.hex", "gate.hex", seed, idle, stall);
    assertTrue(
        r.clean(v.beats()),
        () -> s + " seed=" + seed + " idle=" + idle + " stall=" + stall + "\n" + r.describe());
    return r;
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void matchesTheModelUnderRandomStalls(Simulator sim) {
    int[][] stalls = {{30, 30}, {0, 60}, {70, 10}, {20, 80}};
    for (Shape s : List.of(DEFAULT, WIDE)) {
      SplittableRandom r = new SplittableRandom(s.xw());
      for (int seed = 1; seed <= 4; seed++) {
        assertRun(sim, s, random(s, 400, r), seed, stalls[seed - 1][0], stalls[seed - 1][1]);
      }
      assertRun(sim, s, edges(s), 9, 30, 30);
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void takesOneBeatPerCycleWithoutStalls(Simulator sim) {
    JoinVectors v = random(DEFAULT, 200, new SplittableRandom(2));
    BenchResult r = assertRun(sim, DEFAULT, v, 1, 0, 0);
    // 3 reset cycles, 1-cycle latency and the bench's 21-cycle drain
    assertTrue(r.cycles() <= v.beats() + 30L, r::describe);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedBeat(Simulator sim) {
    JoinVectors v = random(WIDE, 100, new SplittableRandom(4));
    int beat = 57;
    BenchResult r =
        v.corrupt(beat, 2 * WIDE.xw() + 4)
            .run(sim, bench(WIDE), "value.hex", "gate.hex", 3, 30, 30);
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + beat), r::describe);
  }

  @Test
  void lintsAndSynthesizesClean() {
    for (Shape s : List.of(DEFAULT, WIDE)) {
      RtlBuild unit = UnitBench.unit("gsu_gate", s.parameters(), "gsu_gate.v", "skid_buffer.v");
      UnitBench.assertLintClean(unit);
      SynthReport r = UnitBench.assertSynthClean(unit);
      int width = s.uw() + s.p() * s.xw();
      assertTrue(r.flipFlops() >= 2L * width, r::toString);
      System.out.printf(
          "gsu_gate %s: LUT %d FF %d BRAM36 %.1f DSP %d%n",
          s, r.luts(), r.flipFlops(), r.bram36(), r.dsps());
    }
  }
}
