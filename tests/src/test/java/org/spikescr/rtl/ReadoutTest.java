package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.Simulator;
import org.spikescr.gen.tools.SynthReport;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.ReadoutTable;
import org.spikescr.quant.Quantizer;
import org.spikescr.sim.fixedsim.FixedReadout;

/**
 * {@code readout} against the golden {@link FixedReadout}: scores and class of utterances of random
 * and edge-case logits (ties, equal logits, indices beyond the table, extreme logits, one step,
 * {@code T_MAX} steps), with exp tables from {@link Quantizer#readout} and hand-made tables whose
 * last entries are not zero, under random idle and back-pressure; with one divider for the classes
 * in turn, with one per class ({@code PAR_DIV = 1}), and with one beat of every class's logits a
 * step, parallel look-ups and the division of a step overlapping the next ({@code PAR_DIV = 2}).
 */
class ReadoutTest {

  /**
   * One parameter set of the unit.
   *
   * @param classes CLASSES
   * @param zBits Z_W
   * @param tableLength EXP_LEN
   * @param expFracBits E_F
   * @param probFracBits P_F
   * @param shift R
   * @param maxSteps T_MAX
   * @param headScale the logit step that gives the quantizer's table this shift
   * @param parDiv PAR_DIV: 0 one divider in turn, 1 one per class, 2 wide beats and overlapped
   *     steps
   */
  record Shape(
      int classes,
      int zBits,
      int tableLength,
      int expFracBits,
      int probFracBits,
      int shift,
      int maxSteps,
      double headScale,
      int parDiv) {

    /** A shape of the unit with one divider for every class in turn. */
    Shape(
        int classes,
        int zBits,
        int tableLength,
        int expFracBits,
        int probFracBits,
        int shift,
        int maxSteps,
        double headScale) {
      this(classes, zBits, tableLength, expFracBits, probFracBits, shift, maxSteps, headScale, 0);
    }

    /** The same shape with one divider per class ({@code PAR_DIV = 1}). */
    Shape dividersInParallel() {
      return new Shape(
          classes, zBits, tableLength, expFracBits, probFracBits, shift, maxSteps, headScale, 1);
    }

    /** The same shape with a wide logit beat and overlapped steps ({@code PAR_DIV = 2}). */
    Shape wide() {
      return new Shape(
          classes, zBits, tableLength, expFracBits, probFracBits, shift, maxSteps, headScale, 2);
    }

    boolean isWide() {
      return parDiv == 2;
    }

    /** Bits of the logit beat: one logit, or every class's when wide. */
    int inputBits() {
      return isWide() ? classes * zBits : zBits;
    }

    /** Logit beats of {@code steps} steps. */
    long beats(long steps) {
      return isWide() ? steps : steps * classes;
    }

    /**
     * Cycles between taking one step and the next when the logits are always there: {@code 2K + P_F
     * + 2} with one divider per class; wide, the dividers' {@code P_F + 1}, or the front end's five
     * (take, two levels of the max tree, addresses, words and S) when that is longer.
     */
    long stepCycles() {
      return isWide()
          ? Math.max(probFracBits + 1, 5)
          : parDiv == 1 ? 2L * classes + probFracBits + 2 : classes * (probFracBits + 3L) + 1;
    }

    Map<String, Long> parameters() {
      Map<String, Long> p = new LinkedHashMap<>();
      p.put("CLASSES", (long) classes);
      p.put("Z_W", (long) zBits);
      p.put("EXP_LEN", (long) tableLength);
      p.put("E_F", (long) expFracBits);
      p.put("P_F", (long) probFracBits);
      p.put("R", (long) shift);
      p.put("T_MAX", (long) maxSteps);
      p.put("PAR_DIV", (long) parDiv);
      return p;
    }

    int scoreBits() {
      return probFracBits + 1 + ceilLog2(maxSteps);
    }

    int classBits() {
      return ceilLog2(classes);
    }

    /** The quantizer's table for {@link #headScale}. */
    ReadoutTable quantizerTable() {
      QuantSettings s =
          new QuantSettings(
              8,
              4,
              4,
              maxSteps,
              FixedFormat.unsignedInt(8),
              24,
              tableLength,
              expFracBits,
              probFracBits);
      ReadoutTable t = Quantizer.readout(headScale, s);
      assertEquals(shift, t.indexShift(), "head scale " + headScale + " gives another shift");
      return t;
    }

    /** A falling table whose last entry is far from zero, so a beyond-table index matters. */
    ReadoutTable handTable() {
      long one = 1L << expFracBits;
      long[] e = new long[tableLength];
      for (int i = 0; i < tableLength; i++) {
        e[i] = one - (one / 2) * i / (tableLength - 1);
      }
      return new ReadoutTable(e, expFracBits, shift, probFracBits);
    }

    long zMin() {
      return -(1L << (zBits - 1));
    }

    long zMax() {
      return (1L << (zBits - 1)) - 1;
    }
  }

  /** Defaults of the unit (10 classes, L = 256, E_F = 15, P_F = 16, r = 1). */
  static final Shape TEN = new Shape(10, 16, 256, 15, 16, 1, 200, 0.03);

  /** 35 classes, a short table, r = 0. */
  static final Shape THIRTY_FIVE = new Shape(35, 12, 64, 12, 10, 0, 40, 0.2);

  /**
   * Three classes and P_F = 3: wide, the front end (five cycles) bounds a step, not the dividers.
   */
  static final Shape THREE = new Shape(3, 16, 256, 15, 3, 1, 200, 0.03);

  /** Every shape, with one divider in turn, one per class, and wide. */
  static final List<Shape> SHAPES =
      List.of(
          TEN,
          THIRTY_FIVE,
          TEN.dividersInParallel(),
          THIRTY_FIVE.dividersInParallel(),
          TEN.wide(),
          THIRTY_FIVE.wide(),
          THREE.wide());

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  static int ceilLog2(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  private static RtlBuild bench(Shape s) {
    return UnitBench.bench("readout", s.parameters(), "readout.v", "rom.v");
  }

  // ---------------------------------------------------------------- logits

  private static long clamp(Shape s, long z) {
    return Math.max(s.zMin(), Math.min(s.zMax(), z));
  }

  /** Random logits around a random centre, spread {@code +-spread}. */
  static long[][] random(Shape s, SplittableRandom r, int steps, int spread) {
    long[][] z = new long[steps][s.classes()];
    long centre = r.nextLong(s.zMin() / 2, s.zMax() / 2);
    for (long[] row : z) {
      for (int k = 0; k < row.length; k++) {
        row[k] = clamp(s, centre + r.nextInt(-spread, spread + 1));
      }
    }
    return z;
  }

  /** Two classes share the largest logit in every step: equal scores, the lower one wins. */
  static long[][] tie(Shape s, SplittableRandom r, int steps) {
    long[][] z = random(s, r, steps, 60);
    int a = 1 + r.nextInt(s.classes() - 2);
    int b = a + 1 + r.nextInt(s.classes() - a - 1);
    for (long[] row : z) {
      long top = Math.min(s.zMax(), row[0] + 200);
      row[a] = top;
      row[b] = top;
    }
    return z;
  }

  /** All logits of a step equal (every p is floor(2^P_F / classes); class 0 wins). */
  static long[][] allEqual(Shape s, SplittableRandom r, int steps) {
    long[][] z = new long[steps][s.classes()];
    for (long[] row : z) {
      Arrays.fill(row, r.nextLong(s.zMin(), s.zMax() + 1));
    }
    return z;
  }

  /** The ends of the logit range: differences up to 2^Z_W - 1, indices far beyond the table. */
  static long[][] extremes(Shape s, SplittableRandom r, int steps) {
    long[][] z = new long[steps][s.classes()];
    for (long[] row : z) {
      for (int k = 0; k < row.length; k++) {
        row[k] = r.nextBoolean() ? s.zMin() : s.zMax() - r.nextInt(3);
      }
    }
    return z;
  }

  /** One class far ahead: its p is 2^P_F exactly (e = S), the others 0. */
  static long[][] dominant(Shape s, SplittableRandom r, int steps) {
    long[][] z = random(s, r, steps, 10);
    int w = r.nextInt(s.classes());
    for (long[] row : z) {
      row[w] = s.zMax();
    }
    return z;
  }

  /** The mixed utterances of one run. */
  static List<long[][]> utterances(Shape s, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<long[][]> u = new ArrayList<>();
    u.add(random(s, r, 1, 300));
    u.add(tie(s, r, 4));
    u.add(allEqual(s, r, 3));
    u.add(random(s, r, 6, 40));
    u.add(extremes(s, r, 3));
    u.add(random(s, r, 5, 4 << s.shift() << 8));
    u.add(dominant(s, r, 2));
    u.add(random(s, r, 1, 2));
    return u;
  }

  // ---------------------------------------------------------------- vectors

  /** The bench's files: logits, table, and the golden scores and class of every utterance. */
  static Map<String, String> vectors(Shape s, ReadoutTable table, List<long[][]> utterances) {
    FixedReadout golden = FixedReadout.of(table);
    List<Long> in = new ArrayList<>();
    List<String> wideIn = new ArrayList<>();
    List<Long> out = new ArrayList<>();
    long zMask = (1L << s.zBits()) - 1;
    int wideDigits = (s.inputBits() + 1 + 3) / 4;
    for (long[][] z : utterances) {
      assertTrue(z.length >= 1 && z.length <= s.maxSteps(), "steps " + z.length);
      for (int t = 0; t < z.length; t++) {
        BigInteger beat = BigInteger.ZERO;
        for (int k = 0; k < s.classes(); k++) {
          assertTrue(z[t][k] >= s.zMin() && z[t][k] <= s.zMax(), "logit " + z[t][k]);
          boolean last = t == z.length - 1 && k == s.classes() - 1;
          in.add((z[t][k] & zMask) | (last ? 1L << s.zBits() : 0L));
          beat = beat.or(BigInteger.valueOf(z[t][k] & zMask).shiftLeft(k * s.zBits()));
        }
        if (t == z.length - 1) {
          beat = beat.setBit(s.inputBits());
        }
        if (s.isWide()) {
          String hex = beat.toString(16);
          wideIn.add("0".repeat(wideDigits - hex.length()) + hex);
        }
      }
      long[] scores = golden.scores(z);
      int cls = FixedReadout.argmax(scores);
      for (int k = 0; k < s.classes(); k++) {
        assertTrue(scores[k] < 1L << s.scoreBits(), "score " + scores[k]);
        out.add(
            scores[k]
                | (k == s.classes() - 1 ? 1L << s.scoreBits() : 0L)
                | (long) cls << (s.scoreBits() + 1));
      }
    }
    Map<String, String> f = new HashMap<>();
    f.put(
        "in.hex",
        s.isWide()
            ? HexFile.ofWords(wideIn)
            : HexFile.of(in.stream().mapToLong(Long::longValue).toArray(), s.zBits() + 1));
    f.put(
        "expect.hex",
        HexFile.of(
            out.stream().mapToLong(Long::longValue).toArray(), s.scoreBits() + 1 + s.classBits()));
    f.put("exp.hex", HexFile.of(table.expTable(), s.expFracBits() + 1));
    return f;
  }

  private static BenchResult runClean(
      Simulator sim, Shape s, ReadoutTable t, List<long[][]> u, int seed, int idle, int stall) {
    Map<String, String> files = vectors(s, t, u);
    long steps = u.stream().mapToLong(z -> z.length).sum();
    return UnitBench.assertClean(
        sim,
        bench(s),
        files,
        List.of(
            "+beats=" + s.beats(steps),
            "+outs=" + (long) u.size() * s.classes(),
            "+seed=" + seed,
            "+idle=" + idle,
            "+stall=" + stall),
        (long) u.size() * s.classes());
  }

  // ---------------------------------------------------------------- tests

  @Test
  void theVectorsCoverTheEdgeCases() {
    for (Shape s : SHAPES) {
      ReadoutTable t = s.quantizerTable();
      FixedReadout g = FixedReadout.of(t);
      List<long[][]> u = utterances(s, 1);
      // A tie between two classes above class 0: the lower of the two wins.
      long[] tieScores = g.scores(u.get(1));
      int winner = FixedReadout.argmax(tieScores);
      assertTrue(winner > 0, "tie winner " + winner);
      long ties = Arrays.stream(tieScores).filter(v -> v == tieScores[winner]).count();
      assertEquals(2, ties, "tied scores");
      // Equal logits: every class the same score, class 0.
      long[] eq = g.scores(u.get(2));
      assertEquals(0, FixedReadout.argmax(eq));
      assertEquals(3 * ((1L << s.probFracBits()) / s.classes()), eq[s.classes() - 1]);
      // A dominant class gets the whole 2^P_F each step (the divider's top quotient bit).
      long[] dom = g.scores(u.get(6));
      assertEquals(2L << s.probFracBits(), dom[FixedReadout.argmax(dom)]);
      // Extreme logits index beyond the table.
      long half = s.shift() == 0 ? 0 : 1L << (s.shift() - 1);
      long widest = ((1L << s.zBits()) - 3 + half) >> s.shift();
      assertTrue(widest >= s.tableLength(), "no index beyond the table");
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void matchesTheGoldenReadoutUnderRandomStalls(Simulator sim) {
    int[][] stalls = {{0, 0}, {30, 30}, {70, 60}};
    for (Shape s : SHAPES) {
      ReadoutTable quantizer = s.quantizerTable();
      for (int seed = 1; seed <= 3; seed++) {
        runClean(
            sim,
            s,
            quantizer,
            utterances(s, seed * 7L + s.classes()),
            seed,
            stalls[seed - 1][0],
            stalls[seed - 1][1]);
      }
      // A table whose tail is not zero: an index beyond it must give e = 0, not the last entry.
      runClean(sim, s, s.handTable(), utterances(s, 99), 4, 20, 20);
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void accumulatesTheLongestUtterance(Simulator sim) {
    for (Shape s : SHAPES) {
      SplittableRandom r = new SplittableRandom(s.classes());
      // T_MAX steps: one with a dominant class (the largest score, T_MAX * 2^P_F), one random.
      List<long[][]> u =
          List.of(dominant(s, r, s.maxSteps()), random(s, r, s.maxSteps(), 20 << s.shift()));
      runClean(sim, s, s.quantizerTable(), u, 5, 10, 10);
    }
  }

  /**
   * With the logits always there, each further step of an utterance costs {@link
   * Shape#stepCycles()}: the difference of the bench's cycles for 12 steps and for 4.
   */
  @ParameterizedTest
  @MethodSource("simulators")
  void takesAStepInItsScheduledCycles(Simulator sim) {
    for (Shape s :
        List.of(TEN.dividersInParallel(), TEN.wide(), THIRTY_FIVE.wide(), THREE.wide())) {
      long[] cycles = new long[2];
      int[] steps = {4, 12};
      for (int i = 0; i < 2; i++) {
        SplittableRandom r = new SplittableRandom(11 + i);
        cycles[i] =
            runClean(
                    sim,
                    s,
                    s.quantizerTable(),
                    List.<long[][]>of(random(s, r, steps[i], 50)),
                    6,
                    0,
                    0)
                .cycles();
      }
      long perStep = s.stepCycles();
      assertEquals(
          (steps[1] - steps[0]) * perStep,
          cycles[1] - cycles[0],
          () -> s + ": " + cycles[0] + " and " + cycles[1] + " cycles");
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedScore(Simulator sim) {
    reportsACorruptedScore(sim, TEN);
    reportsACorruptedScore(sim, TEN.wide());
  }

  private static void reportsACorruptedScore(Simulator sim, Shape s) {
    List<long[][]> u = utterances(s, 3);
    Map<String, String> files = new HashMap<>(vectors(s, s.quantizerTable(), u));
    String[] lines = files.get("expect.hex").split("\n");
    int bad = 2 * s.classes() + 4;
    lines[bad] =
        String.format("%0" + lines[bad].length() + "x", Long.parseLong(lines[bad], 16) ^ 1L);
    files.put("expect.hex", String.join("\n", lines) + "\n");
    long steps = u.stream().mapToLong(z -> z.length).sum();
    BenchResult r =
        UnitBench.run(
            sim,
            bench(s),
            files,
            List.of("+beats=" + s.beats(steps), "+outs=" + u.size() * s.classes(), "+seed=2"));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + bad), r::describe);
  }

  /** A top that gives the unit a table image (its path is a string parameter). */
  static RtlBuild wrapped(Shape s, String name) {
    String image =
        SynthWrapper.write(
                name + ".hex", HexFile.of(s.quantizerTable().expTable(), s.expFracBits() + 1))
            .toAbsolutePath()
            .toString();
    StringBuilder params = new StringBuilder();
    for (Map.Entry<String, Long> p : s.parameters().entrySet()) {
      params.append("      .").append(p.getKey()).append('(').append(p.getValue()).append("),\n");
    }
    String v =
        "`timescale 1ns / 1ps\n"
            + "`default_nettype none\n"
            + "module "
            + name
            + " (\n"
            + "    input  wire clk,\n"
            + "    input  wire rst,\n"
            + "    input  wire ["
            + (s.inputBits() - 1)
            + ":0] s_logit_data,\n"
            + "    input  wire s_logit_last,\n"
            + "    input  wire s_logit_valid,\n"
            + "    output wire s_logit_ready,\n"
            + "    output wire ["
            + (s.scoreBits() - 1)
            + ":0] m_score_data,\n"
            + "    output wire ["
            + (s.classBits() - 1)
            + ":0] m_score_class,\n"
            + "    output wire m_score_last,\n"
            + "    output wire m_score_valid,\n"
            + "    input  wire m_score_ready\n"
            + ");\n"
            + "  readout #(\n"
            + params
            + "      .EXP_INIT_FILE(\""
            + image
            + "\")\n"
            + "  ) u_readout (\n"
            + "      .clk          (clk),\n"
            + "      .rst          (rst),\n"
            + "      .s_logit_data (s_logit_data),\n"
            + "      .s_logit_last (s_logit_last),\n"
            + "      .s_logit_valid(s_logit_valid),\n"
            + "      .s_logit_ready(s_logit_ready),\n"
            + "      .m_score_data (m_score_data),\n"
            + "      .m_score_class(m_score_class),\n"
            + "      .m_score_last (m_score_last),\n"
            + "      .m_score_valid(m_score_valid),\n"
            + "      .m_score_ready(m_score_ready)\n"
            + "  );\n"
            + "endmodule\n"
            + "`default_nettype wire\n";
    return SynthWrapper.build(name, v, "readout.v", "rom.v");
  }

  @Test
  void lintsAndSynthesizesClean() {
    for (Shape s : SHAPES) {
      UnitBench.assertLintClean(UnitBench.unit("readout", s.parameters(), "readout.v", "rom.v"));
      RtlBuild top = wrapped(s, "syn_readout_" + s.classes() + "_par" + s.parDiv());
      UnitBench.assertLintClean(top);
      SynthReport r = UnitBench.assertSynthClean(top);
      // wide: one copy of the table for every class, all read in the same cycle
      double tables = s.isWide() ? s.classes() : 1;
      assertEquals(0.5 * tables, r.bram36(), () -> "one RAMB18 per table copy: " + r.cells());
      assertEquals(0, r.dsps(), () -> "the divider needs no multiplier: " + r.cells());
    }
  }
}
