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
 * {@code residual_add}: every output beat equals {@link FixedSimulator#add} on the joined residual
 * and spike beats, with the side data passed through, under random stalls on all three streams. The
 * residual values stay in the contract's range: a sum never exceeds {@code 2^R - 1}.
 */
class ResidualAddTest {
  /**
   * Parameters of the unit.
   *
   * @param p lanes
   * @param r residual width
   * @param uw side data width
   */
  record Shape(int p, int r, int uw) {
    Map<String, Long> parameters() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("P", (long) p);
      m.put("R", (long) r);
      m.put("UW", (long) uw);
      return m;
    }

    int max() {
      return (1 << r) - 1;
    }
  }

  /** Depth 1 (R = 3), the module's defaults. */
  static final Shape DEFAULT = new Shape(4, 3, 1);

  /** Depth 2 (R = 4). */
  static final Shape DEPTH2 = new Shape(6, 4, 5);

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  private static RtlBuild bench(Shape s) {
    return UnitBench.bench("residual_add", s.parameters(), "residual_add.v", "skid_buffer.v");
  }

  /** Beats of the residual stream (with side data) and spikes; expected beats from the model. */
  static JoinVectors vectors(Shape s, int[][] res, int[][] spikes, long[] user) {
    int beats = res.length;
    int[] flatX = new int[beats * s.p()];
    int[] flatS = new int[beats * s.p()];
    for (int b = 0; b < beats; b++) {
      System.arraycopy(res[b], 0, flatX, b * s.p(), s.p());
      System.arraycopy(spikes[b], 0, flatS, b * s.p(), s.p());
    }
    int[] sum = FixedSimulator.add(flatX, flatS);
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    List<String> expect = new ArrayList<>();
    for (int b = 0; b < beats; b++) {
      LaneWord in = new LaneWord();
      LaneWord sp = new LaneWord();
      LaneWord out = new LaneWord();
      for (int l = 0; l < s.p(); l++) {
        int v = sum[b * s.p() + l];
        if (v < 0 || v > s.max()) {
          throw new IllegalArgumentException(
              "beat " + b + " lane " + l + ": sum " + v + " is outside ap_uint<" + s.r() + ">");
        }
        in.put(res[b][l], s.r());
        sp.put(spikes[b][l], 1);
        out.put(v, s.r());
      }
      first.add(in.put(user[b], s.uw()).hex());
      second.add(sp.hex());
      expect.add(out.put(user[b], s.uw()).hex());
    }
    return new JoinVectors(first, second, expect);
  }

  /** Random residual values in range; the largest value only without a spike. */
  private static JoinVectors random(Shape s, int beats, SplittableRandom r) {
    int[][] x = new int[beats][s.p()];
    int[][] sp = new int[beats][s.p()];
    long[] user = new long[beats];
    for (int b = 0; b < beats; b++) {
      for (int l = 0; l < s.p(); l++) {
        x[b][l] = r.nextInt(s.max() + 1);
        sp[b][l] = x[b][l] == s.max() ? 0 : r.nextInt(2);
      }
      user[b] = r.nextLong(1L << s.uw());
    }
    return vectors(s, x, sp, user);
  }

  /**
   * Every residual value with and without a spike on every lane (the largest value without), and
   * all-zero and all-top beats.
   */
  private static JoinVectors edges(Shape s) {
    List<int[]> x = new ArrayList<>();
    List<int[]> sp = new ArrayList<>();
    for (int v = 0; v <= s.max(); v++) {
      for (int spike = 0; spike <= (v == s.max() ? 0 : 1); spike++) {
        int[] lanes = new int[s.p()];
        int[] spikes = new int[s.p()];
        for (int l = 0; l < s.p(); l++) {
          lanes[l] = v;
          spikes[l] = spike;
        }
        x.add(lanes);
        sp.add(spikes);
      }
    }
    long[] user = new long[x.size()];
    for (int b = 0; b < user.length; b++) {
      user[b] = b % 2 == 0 ? (1L << s.uw()) - 1 : 0;
    }
    return vectors(s, x.toArray(new int[0][]), sp.toArray(new int[0][]), user);
  }

  private static BenchResult assertRun(
      Simulator sim, Shape s, JoinVectors v, int seed, int idle, int stall) {
    BenchResult r = v.run(sim, bench(s), "res.hex", "spike.hex", seed, idle, stall);
    assertTrue(
        r.clean(v.beats()),
        () -> s + " seed=" + seed + " idle=" + idle + " stall=" + stall + "\n" + r.describe());
    return r;
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void matchesTheModelUnderRandomStalls(Simulator sim) {
    int[][] stalls = {{30, 30}, {0, 60}, {70, 10}, {20, 80}};
    for (Shape s : List.of(DEFAULT, DEPTH2)) {
      SplittableRandom r = new SplittableRandom(s.r());
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
    JoinVectors v = random(DEPTH2, 100, new SplittableRandom(4));
    int beat = 41;
    BenchResult r =
        v.corrupt(beat, 2 * DEPTH2.r() + 1)
            .run(sim, bench(DEPTH2), "res.hex", "spike.hex", 3, 30, 30);
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + beat), r::describe);
  }

  @Test
  void lintsAndSynthesizesClean() {
    for (Shape s : List.of(DEFAULT, DEPTH2)) {
      RtlBuild unit =
          UnitBench.unit("residual_add", s.parameters(), "residual_add.v", "skid_buffer.v");
      UnitBench.assertLintClean(unit);
      SynthReport r = UnitBench.assertSynthClean(unit);
      int width = s.uw() + s.p() * s.r();
      assertTrue(r.flipFlops() >= 2L * width, r::toString);
      assertEquals(0, r.dsps(), r::toString);
      System.out.printf(
          "residual_add %s: LUT %d FF %d BRAM36 %.1f DSP %d%n",
          s, r.luts(), r.flipFlops(), r.bram36(), r.dsps());
    }
  }
}
