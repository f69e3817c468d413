package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.fixed.CastResult;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.FixedMath;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.Simulator;
import org.spikescr.gen.tools.SynthReport;
import org.spikescr.sim.fixedsim.FixedLif;

/**
 * {@code lif_core}: every output beat (spikes, membranes after the update, overflow flags, group)
 * equals {@link FixedLif} on the same inputs and thresholds, for utterances streamed back to back
 * in step-major and group-major order, under random stalls.
 */
class LifCoreTest {
  /**
   * Parameters of the core.
   *
   * @param p lanes
   * @param c channels
   * @param m membrane width
   * @param xw input width
   * @param tw threshold width
   */
  record Shape(int p, int c, int m, int xw, int tw) {
    int groups() {
      return c / p;
    }

    int gw() {
      return groups() > 1 ? 32 - Integer.numberOfLeadingZeros(groups() - 1) : 1;
    }

    Map<String, Long> parameters() {
      Map<String, Long> m0 = new LinkedHashMap<>();
      m0.put("P", (long) p);
      m0.put("C", (long) c);
      m0.put("M", (long) m);
      m0.put("XW", (long) xw);
      m0.put("TW", (long) tw);
      return m0;
    }

    long vMax() {
      return (1L << (m - 1)) - 1;
    }

    long vMin() {
      return -(1L << (m - 1));
    }

    long xMax() {
      return (1L << (xw - 1)) - 1;
    }

    long xMin() {
      return -(1L << (xw - 1));
    }

    long thetaMax() {
      return (1L << tw) - 1;
    }

    int outWidth() {
      return p + p * m + p + gw();
    }
  }

  /** Narrow membranes, odd lane count, C == P (the same group back to back), theta above max. */
  static final Shape NARROW = new Shape(3, 3, 6, 8, 6);

  /** The q/k second LIF's membrane width, C = 4P. */
  static final Shape WIDE = new Shape(4, 16, 31, 32, 30);

  /** The module's default parameters. */
  static final Shape DEFAULT = new Shape(4, 16, 16, 16, 15);

  /**
   * Files of one bench run.
   *
   * @param in input beats, one hex word a line
   * @param expect expected output beats
   * @param theta threshold image, one group a line
   * @param beats number of beats
   */
  record Vectors(List<String> in, List<String> expect, String theta, int beats) {
    Vectors {
      in = List.copyOf(in);
      expect = List.copyOf(expect);
    }

    /** The same vectors with one bit of one expected beat flipped. */
    Vectors corrupt(int beat, int bit) {
      List<String> e = new ArrayList<>(expect);
      String w = e.get(beat);
      String flipped = new BigInteger(w, 16).flipBit(bit).toString(16);
      e.set(beat, "0".repeat(w.length() - flipped.length()) + flipped);
      return new Vectors(in, e, theta, beats);
    }
  }

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  private static RtlBuild bench(Shape s) {
    return UnitBench.bench("lif_core", s.parameters(), "lif_core.v", "skid_buffer.v");
  }

  /**
   * The beats of utterances run one after another on the core, the expected beats from {@link
   * FixedLif#run} (spikes, membranes) and the contract's cast of {@link FixedLif#charge} (the
   * overflow flag of each lane and step).
   */
  static Vectors vectors(Shape s, long[] theta, List<long[][]> utterances, boolean groupMajor) {
    FixedFormat wide = FixedFormat.signedInt(FixedFormat.MAX_TOTAL_BITS);
    FixedFormat membrane = FixedFormat.signedInt(s.m());
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    for (long[][] x : utterances) {
      int steps = x.length;
      for (long[] row : x) {
        for (long v : row) {
          if (v < s.xMin() || v > s.xMax()) {
            throw new IllegalArgumentException(
                "input " + v + " does not fit ap_int<" + s.xw() + ">");
          }
        }
      }
      SaturationCounter counter = new SaturationCounter("lif_core");
      FixedLif.LifRun run = FixedLif.run(x, theta, s.m(), counter);
      boolean[][] ovf = new boolean[steps][s.c()];
      long events = 0;
      for (int t = 0; t < steps; t++) {
        for (int c = 0; c < s.c(); c++) {
          long v = t == 0 ? 0 : run.membranes()[t - 1][c];
          CastResult h =
              FixedMath.cast(
                  FixedLif.charge(v, x[t][c]), wide, membrane, Quantization.TRN, Overflow.SAT);
          assertEquals(run.charges()[t][c], h.raw(), "charge of step " + t + " channel " + c);
          ovf[t][c] = h.overflowed();
          events += h.overflowed() ? 1 : 0;
        }
      }
      assertEquals(counter.events(), events, "overflow events of the utterance");
      int outer = groupMajor ? s.groups() : steps;
      int inner = groupMajor ? steps : s.groups();
      for (int a = 0; a < outer; a++) {
        for (int b = 0; b < inner; b++) {
          int t = groupMajor ? b : a;
          int g = groupMajor ? a : b;
          LaneWord w = new LaneWord();
          LaneWord e = new LaneWord().put(g, s.gw());
          for (int l = 0; l < s.p(); l++) {
            w.put(x[t][g * s.p() + l], s.xw());
            e.put(run.spikes()[t][g * s.p() + l], 1);
          }
          w.put(g, s.gw()).put(t == 0 ? 1 : 0, 1);
          for (int l = 0; l < s.p(); l++) {
            e.put(run.membranes()[t][g * s.p() + l], s.m());
          }
          for (int l = 0; l < s.p(); l++) {
            e.put(ovf[t][g * s.p() + l] ? 1 : 0, 1);
          }
          in.add(w.hex());
          out.add(e.hex());
        }
      }
    }
    return new Vectors(in, out, thetaImage(s, theta), in.size());
  }

  private static String thetaImage(Shape s, long[] theta) {
    List<String> lines = new ArrayList<>();
    for (int g = 0; g < s.groups(); g++) {
      LaneWord w = new LaneWord();
      for (int l = 0; l < s.p(); l++) {
        w.put(theta[g * s.p() + l], s.tw());
      }
      lines.add(w.hex());
    }
    return HexFile.ofWords(lines);
  }

  /**
   * Runs one vector set; with {@code byPort} the bench writes the thresholds through the write port
   * over a file of all-one thresholds.
   */
  private static BenchResult run(
      Simulator sim, Shape s, Vectors v, int seed, int idle, int stall, boolean byPort) {
    long[] ones = new long[s.c()];
    Arrays.fill(ones, 1);
    Map<String, String> files =
        Map.of(
            "in.hex", HexFile.ofWords(v.in()),
            "expect.hex", HexFile.ofWords(v.expect()),
            "theta.hex", byPort ? thetaImage(s, ones) : v.theta(),
            "theta_port.hex", v.theta());
    return UnitBench.run(
        sim,
        bench(s),
        files,
        List.of(
            "+beats=" + v.beats(),
            "+seed=" + seed,
            "+idle=" + idle,
            "+stall=" + stall,
            "+thwrite=" + (byPort ? 1 : 0)));
  }

  private static BenchResult assertRun(
      Simulator sim, Shape s, Vectors v, int seed, int idle, int stall, boolean byPort) {
    BenchResult r = run(sim, s, v, seed, idle, stall, byPort);
    assertTrue(
        r.clean(v.beats()),
        () -> s + " seed=" + seed + " idle=" + idle + " stall=" + stall + "\n" + r.describe());
    return r;
  }

  private static long clamp(Shape s, long x) {
    return Math.max(s.xMin(), Math.min(s.xMax(), x));
  }

  private static long[] randomTheta(Shape s, SplittableRandom r) {
    long[] theta = new long[s.c()];
    for (int c = 0; c < s.c(); c++) {
      theta[c] = Math.min(s.thetaMax(), 1 + r.nextLong(1L << (1 + r.nextInt(s.tw()))));
    }
    return theta;
  }

  /** Random inputs per channel: around the threshold, over the full range, or sparse. */
  private static long[][] random(Shape s, long[] theta, int steps, SplittableRandom r) {
    long[][] x = new long[steps][s.c()];
    for (int c = 0; c < s.c(); c++) {
      int kind = r.nextInt(3);
      long th = theta[c];
      for (int t = 0; t < steps; t++) {
        long v;
        if (kind == 0) {
          v = r.nextLong(-th, 2 * th + 1);
        } else if (kind == 1) {
          v = r.nextLong(s.xMin(), s.xMax() + 1);
        } else {
          v = r.nextInt(4) == 0 ? r.nextLong(-th, 2 * th + 1) : 0;
        }
        x[t][c] = clamp(s, v);
      }
    }
    return x;
  }

  private static long[][] constant(Shape s, int steps, long value) {
    long[][] x = new long[steps][s.c()];
    for (long[] row : x) {
      Arrays.fill(row, value);
    }
    return x;
  }

  private static long[][] alternating(Shape s, int steps) {
    long[][] x = new long[steps][s.c()];
    for (int t = 0; t < steps; t++) {
      Arrays.fill(x[t], t % 2 == 0 ? s.xMax() : s.xMin());
    }
    return x;
  }

  /** Odd halvings on every lane: -5 -> -2 -> -1 -> 0, 1 stays 1, -1 -> 0, 5 -> 3 -> 2 -> 1. */
  private static long[][] halvings(Shape s) {
    long[] seq = {-5, 0, 0, 0, 1, 0, 0, -2, 0, 0, 5, 0, 0, 0};
    long[][] x = new long[seq.length][s.c()];
    for (int t = 0; t < seq.length; t++) {
      Arrays.fill(x[t], seq[t]);
    }
    return x;
  }

  /**
   * Inputs that drive each channel's charge {@code H} onto a boundary: the membrane range's ends
   * and one beyond or inside them, the threshold and one below or above, and small odd values. The
   * membrane before each step comes from {@link FixedLif#run} on the steps so far, and the input is
   * the target minus the leaked membrane {@link FixedLif#charge}{@code (V, 0)}.
   */
  private static long[][] seek(Shape s, long[] theta, int steps, SplittableRandom r) {
    long[][] x = new long[steps][s.c()];
    for (int c = 0; c < s.c(); c++) {
      long th = theta[c];
      long[] targets = {
        s.vMax(),
        s.vMax() + 1,
        s.vMax() - 1,
        s.vMin(),
        s.vMin() - 1,
        s.vMin() + 1,
        th,
        th - 1,
        th + 1,
        0,
        1,
        -1,
        -5,
        5
      };
      long[][] col = new long[steps][1];
      for (int t = 0; t < steps; t++) {
        long v = 0;
        if (t > 0) {
          FixedLif.LifRun prefix =
              FixedLif.run(
                  Arrays.copyOf(col, t), new long[] {th}, s.m(), new SaturationCounter("seek"));
          v = prefix.membranes()[t - 1][0];
        }
        long target = targets[r.nextInt(targets.length)];
        col[t][0] = clamp(s, target - FixedLif.charge(v, 0));
        x[t][c] = col[t][0];
      }
    }
    return x;
  }

  /** Threshold sets: all at the largest value, cycles over small and boundary values, random. */
  private static List<long[]> edgeThetas(Shape s, SplittableRandom r) {
    long[] special = {1, 2, 3, s.vMax() - 1, s.vMax(), s.thetaMax()};
    List<long[]> out = new ArrayList<>();
    long[] max = new long[s.c()];
    Arrays.fill(max, s.thetaMax());
    out.add(max);
    for (int offset : new int[] {0, 3}) {
      long[] th = new long[s.c()];
      for (int c = 0; c < s.c(); c++) {
        th[c] = Math.min(s.thetaMax(), special[(c + offset) % special.length]);
      }
      out.add(th);
    }
    out.add(randomTheta(s, r));
    return out;
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void matchesTheModelOnRandomUtterancesUnderStalls(Simulator sim) {
    int[][] stalls = {{30, 30}, {0, 60}, {70, 10}, {20, 80}};
    for (Shape s : List.of(NARROW, WIDE)) {
      SplittableRandom r = new SplittableRandom(s.m());
      for (int seed = 1; seed <= 4; seed++) {
        long[] theta = randomTheta(s, r);
        List<long[][]> utterances =
            List.of(
                random(s, theta, 1, r),
                random(s, theta, 20, r),
                random(s, theta, seed == 1 ? 300 : 40, r),
                random(s, theta, 1, r));
        Vectors v = vectors(s, theta, utterances, seed % 2 == 0);
        assertRun(sim, s, v, seed, stalls[seed - 1][0], stalls[seed - 1][1], seed == 3);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void matchesTheModelOnEdgeCases(Simulator sim) {
    for (Shape s : List.of(NARROW, WIDE)) {
      SplittableRandom r = new SplittableRandom(7L * s.m());
      int seed = 11;
      for (long[] theta : edgeThetas(s, r)) {
        List<long[][]> utterances =
            List.of(
                constant(s, 24, 0),
                constant(s, 24, s.xMax()),
                constant(s, 24, s.xMin()),
                alternating(s, 24),
                halvings(s),
                seek(s, theta, 1, r),
                seek(s, theta, 40, r),
                seek(s, theta, 1, r),
                constant(s, 1, s.xMax()));
        assertRun(sim, s, vectors(s, theta, utterances, seed % 2 == 0), seed, 30, 30, false);
        seed++;
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void takesOneBeatPerCycleWithoutStalls(Simulator sim) {
    for (Shape s : List.of(NARROW, WIDE)) {
      SplittableRandom r = new SplittableRandom(3L * s.m());
      long[] theta = randomTheta(s, r);
      for (boolean groupMajor : new boolean[] {false, true}) {
        Vectors v = vectors(s, theta, List.<long[][]>of(random(s, theta, 100, r)), groupMajor);
        BenchResult res = assertRun(sim, s, v, 5, 0, 0, false);
        // 3 reset cycles, the pipeline's 2-cycle latency and the bench's 21-cycle drain
        assertTrue(res.cycles() <= v.beats() + 30L, res::describe);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedMembrane(Simulator sim) {
    SplittableRandom r = new SplittableRandom(5);
    long[] theta = randomTheta(WIDE, r);
    Vectors v = vectors(WIDE, theta, List.<long[][]>of(random(WIDE, theta, 30, r)), false);
    int beat = v.beats() / 2;
    // bit 3 of lane 2's membrane
    int bit = WIDE.gw() + WIDE.p() + 2 * WIDE.m() + 3;
    BenchResult res = run(sim, WIDE, v.corrupt(beat, bit), 3, 30, 30, false);
    assertTrue(res.finished(), res::describe);
    assertEquals(1, res.mismatches(), res::describe);
    assertTrue(res.mismatchLines().get(0).contains("beat=" + beat), res::describe);
  }

  @Test
  void lintsAndSynthesizesClean() {
    for (Shape s : List.of(DEFAULT, NARROW, WIDE)) {
      UnitBench.assertLintClean(
          UnitBench.unit("lif_core", s.parameters(), "lif_core.v", "skid_buffer.v"));
    }
    for (Shape s : List.of(DEFAULT, WIDE)) {
      SynthReport r =
          UnitBench.assertSynthClean(
              UnitBench.unit("lif_core", s.parameters(), "lif_core.v", "skid_buffer.v"));
      // the output slice alone holds two beats
      assertTrue(r.flipFlops() >= 2L * s.outWidth(), r::toString);
      assertEquals(0, r.dsps(), r::toString);
      System.out.printf(
          "lif_core %s: LUT %d FF %d BRAM36 %.1f DSP %d cells %s%n",
          s, r.luts(), r.flipFlops(), r.bram36(), r.dsps(), r.cells());
    }
  }
}
