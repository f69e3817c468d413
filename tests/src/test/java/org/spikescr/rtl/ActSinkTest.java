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
 * {@code act_sink}: every row it writes, in order, and the whole buffer after its pass equal a
 * plain model of the pass (a step's spikes, or the stored row plus them for the residual addition),
 * under random idle cycles on its input, in both simulators; without idle cycles it takes a beat
 * every cycle, steps back to back.
 */
class ActSinkTest {
  /**
   * Parameters of the unit.
   *
   * @param p lanes
   * @param groups beats of a step
   * @param vw bits of a channel in the buffer
   * @param add 1: the residual addition
   * @param tMax rows of the buffer
   */
  record Shape(int p, int groups, int vw, int add, int tMax) {
    Map<String, Long> parameters() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("P", (long) p);
      m.put("GROUPS", (long) groups);
      m.put("VW", (long) vw);
      m.put("ADD", (long) add);
      m.put("T_MAX", (long) tMax);
      return m;
    }

    int channels() {
      return p * groups;
    }

    int addressBits() {
      return tMax > 1 ? 32 - Integer.numberOfLeadingZeros(tMax - 1) : 1;
    }
  }

  static final Shape SPIKES = new Shape(4, 3, 1, 0, 8);
  static final Shape SPIKES_ONE_GROUP = new Shape(4, 1, 1, 0, 5);
  static final Shape RESIDUAL = new Shape(4, 2, 3, 1, 9);
  // one beat a step: the next stored row is taken from the read port in the cycle after its read
  static final Shape RESIDUAL_ONE_GROUP = new Shape(8, 1, 3, 1, 6);

  static final List<Shape> SHAPES = List.of(SPIKES, SPIKES_ONE_GROUP, RESIDUAL, RESIDUAL_ONE_GROUP);

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  /** One pass: the stored rows, the beats' spikes and flags, and the steps. */
  static final class Pass {
    private final long[][] rows;
    private final int[][][] spikes;
    private final boolean[][] ovf;
    private final int steps;

    Pass(long[][] rows, int[][][] spikes, boolean[][] ovf, int steps) {
      this.rows = rows;
      this.spikes = spikes;
      this.ovf = ovf;
      this.steps = steps;
    }

    long[][] rows() {
      return rows;
    }

    int[][][] spikes() {
      return spikes;
    }

    boolean[][] ovf() {
      return ovf;
    }

    int steps() {
      return steps;
    }
  }

  static Pass random(Shape s, int steps, double density, SplittableRandom r) {
    long[][] rows = new long[s.tMax()][s.channels()];
    // stored values leave room for the spike (the contract proves the sum fits)
    long top = (1L << s.vw()) - 1;
    for (long[] row : rows) {
      for (int c = 0; c < s.channels(); c++) {
        row[c] = r.nextLong(top);
      }
    }
    int[][][] spikes = new int[steps][s.groups()][s.p()];
    boolean[][] ovf = new boolean[steps][s.groups()];
    for (int t = 0; t < steps; t++) {
      for (int g = 0; g < s.groups(); g++) {
        for (int l = 0; l < s.p(); l++) {
          spikes[t][g][l] = r.nextDouble() < density ? 1 : 0;
        }
        ovf[t][g] = r.nextInt(50) == 0;
      }
    }
    return new Pass(rows, spikes, ovf, steps);
  }

  /** The buffer after the pass: row t of every step written, the other rows as they were. */
  static long[][] after(Shape s, Pass v) {
    long[][] out = new long[s.tMax()][];
    for (int t = 0; t < s.tMax(); t++) {
      out[t] = v.rows()[t].clone();
    }
    for (int t = 0; t < v.steps(); t++) {
      for (int g = 0; g < s.groups(); g++) {
        for (int l = 0; l < s.p(); l++) {
          int c = g * s.p() + l;
          out[t][c] = (s.add() != 0 ? v.rows()[t][c] : 0) + v.spikes()[t][g][l];
        }
      }
    }
    return out;
  }

  private static String row(Shape s, long[] values) {
    LaneWord w = new LaneWord();
    for (long v : values) {
      w.put(v, s.vw());
    }
    return w.hex();
  }

  private static Map<String, String> files(Shape s, Pass v, long[][] expected) {
    List<String> rows = new ArrayList<>();
    List<String> fin = new ArrayList<>();
    for (int t = 0; t < s.tMax(); t++) {
      rows.add(row(s, v.rows()[t]));
      fin.add(row(s, expected[t]));
    }
    List<String> beats = new ArrayList<>();
    for (int t = 0; t < v.steps(); t++) {
      for (int g = 0; g < s.groups(); g++) {
        LaneWord w = new LaneWord();
        for (int l = 0; l < s.p(); l++) {
          w.put(v.spikes()[t][g][l], 1);
        }
        for (int l = 0; l < s.p(); l++) {
          // a flag on lane 0 of the beat when the model's beat carries one
          w.put(l == 0 && v.ovf()[t][g] ? 1 : 0, 1);
        }
        beats.add(w.hex());
      }
    }
    List<String> writes = new ArrayList<>();
    for (int t = 0; t < v.steps(); t++) {
      LaneWord w = new LaneWord();
      for (long x : expected[t]) {
        w.put(x, s.vw());
      }
      writes.add(w.put(t, s.addressBits()).hex());
    }
    Map<String, String> f = new LinkedHashMap<>();
    f.put("rows.hex", HexFile.ofWords(rows));
    f.put("final.hex", HexFile.ofWords(fin));
    f.put("beats.hex", HexFile.ofWords(beats));
    f.put("writes.hex", HexFile.ofWords(writes));
    return f;
  }

  private static boolean anyOverflow(Pass v) {
    for (boolean[] step : v.ovf()) {
      for (boolean b : step) {
        if (b) {
          return true;
        }
      }
    }
    return false;
  }

  private static RtlBuild bench(Shape s) {
    return UnitBench.bench("act_sink", s.parameters(), "act_sink.v");
  }

  private static BenchResult run(
      Simulator sim, Shape s, Pass v, Map<String, String> files, boolean ovf, int seed, int idle) {
    return UnitBench.run(
        sim,
        bench(s),
        files,
        List.of(
            "+beats=" + v.steps() * s.groups(),
            "+steps=" + v.steps(),
            "+ovf=" + (ovf ? 1 : 0),
            "+seed=" + seed,
            "+idle=" + idle,
            "+stall=0"));
  }

  /** Compared beats: every write, the flag, every row of the buffer. */
  private static long compared(Shape s, Pass v) {
    return v.steps() + 1L + s.tMax();
  }

  private static BenchResult assertRun(Simulator sim, Shape s, Pass v, int seed, int idle) {
    BenchResult r = run(sim, s, v, files(s, v, after(s, v)), anyOverflow(v), seed, idle);
    assertTrue(
        r.clean(compared(s, v)),
        () -> s + " steps=" + v.steps() + " seed=" + seed + " idle=" + idle + "\n" + r.describe());
    return r;
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void writesTheModelsRowsUnderRandomIdleCycles(Simulator sim) {
    int[] idles = {0, 30, 60, 85};
    double[] densities = {0.0, 0.2, 0.5, 1.0};
    for (Shape s : SHAPES) {
      SplittableRandom r = new SplittableRandom(s.channels() * 7L + s.add());
      for (int seed = 1; seed <= 4; seed++) {
        // a full buffer, one step, and a pass that leaves rows untouched
        for (int steps : new int[] {s.tMax(), 1, Math.max(1, s.tMax() / 2)}) {
          assertRun(sim, s, random(s, steps, densities[seed - 1], r), seed, idles[seed - 1]);
        }
      }
    }
  }

  private static final Pattern PASS = Pattern.compile("(?m)^PASS cycles=(\\d+)\\s*$");

  @ParameterizedTest
  @MethodSource("simulators")
  void takesABeatEveryCycleWithoutIdleCycles(Simulator sim) {
    for (Shape s : SHAPES) {
      Pass v = random(s, s.tMax(), 0.5, new SplittableRandom(11));
      BenchResult b = assertRun(sim, s, v, 1, 0);
      Matcher m = PASS.matcher(b.run().output());
      assertTrue(m.find(), b::describe);
      // from the start edge: two cycles to read the first stored row (the addition), one beat per
      // cycle, the last row's write and the done pulse
      long expected = (s.add() != 0 ? 2 : 0) + (long) v.steps() * s.groups() + 3;
      assertEquals(expected, Long.parseLong(m.group(1)), () -> s + "\n" + b.describe());
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedRow(Simulator sim) {
    Shape s = RESIDUAL;
    Pass v = random(s, s.tMax(), 0.5, new SplittableRandom(3));
    long[][] expected = after(s, v);
    Map<String, String> f = new LinkedHashMap<>(files(s, v, expected));
    // one wrong channel in the write of step 4
    List<String> writes = new ArrayList<>(List.of(f.get("writes.hex").split("\n")));
    int line = 4;
    String w = writes.get(line);
    String flipped = new BigInteger(w, 16).flipBit(1).toString(16);
    writes.set(line, "0".repeat(Math.max(0, w.length() - flipped.length())) + flipped);
    f.put("writes.hex", String.join("\n", writes) + "\n");
    BenchResult r = run(sim, s, v, f, anyOverflow(v), 2, 30);
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=4"), r::describe);
  }

  @Test
  void lintsAndSynthesizesClean() {
    for (Shape s : SHAPES) {
      Map<String, Long> params = new LinkedHashMap<>(s.parameters());
      params.put("FLAGS", 1L);
      RtlBuild unit = UnitBench.unit("act_sink", params, "act_sink.v");
      UnitBench.assertLintClean(unit);
      SynthReport r = UnitBench.assertSynthClean(unit);
      System.out.printf(
          "act_sink %s: LUT %d FF %d BRAM36 %.1f DSP %d%n",
          s, r.luts(), r.flipFlops(), r.bram36(), r.dsps());
    }
  }
}
