package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.spikescr.model.QkLayout;
import org.spikescr.rtl.SpikeAttentionVectors.Shape;
import org.spikescr.rtl.SpikeAttentionVectors.Utterance;

/**
 * {@code spike_attention}: RoPE, the second q/k LIF in both layouts, scores, Y and the attention
 * LIF equal the golden model ({@code FixedAttention}, {@code FixedLif}) beat for beat, spikes and
 * membranes, under random idle and back-pressure on every stream, with the heads' scores computed
 * one head per cycle, all heads per cycle ({@code HEADS_PAR}) and all heads of two keys per cycle
 * ({@code KEYS_PAR = 2}).
 */
class SpikeAttentionTest {
  /** Two heads of four channels, eight steps. */
  private static final Shape SMALL = new Shape(8, 2, 8, 24, 4, true);

  /**
   * Four heads of two channels, T_max = 5 (not a power of two), F_R = 8, G = 0, no traces: only the
   * attention spikes are compared.
   */
  private static final Shape ODD = new Shape(8, 4, 5, 8, 0, false);

  /** The bundled student's attention: eight heads of sixteen channels, T_max = 40. */
  private static final Shape STUDENT = new Shape(128, 8, 40, 24, 4, true);

  private static final QkLayout[] LAYOUTS = {QkLayout.TIME, QkLayout.OFFICIAL};

  private static final Pattern SPAN =
      Pattern.compile("(?m)^SPAN utterance=(\\d+) cycles=(\\d+)\\s*$");

  /**
   * The unit's cycles for one utterance of {@code t} steps without stalls, first row taken to last
   * attention beat taken: {@code T + H*T + T*T*H + 6} with serial heads, {@code T + H*T + T*P + H +
   * 6} with the heads in parallel, P = max(T, H) cycles per query with one key per cycle and
   * max(ceil(T/2), H) with two.
   */
  static long unitCycles(Shape s, int t) {
    long h = s.h();
    if (!s.headsParallel()) {
      return t + h * t + (long) t * t * h + 6;
    }
    long keysPerQuery = s.keysParallel() == 2 ? (t + 1) / 2 : t;
    return t + h * t + t * Math.max(keysPerQuery, h) + h + 6;
  }

  /** The spans the bench printed, one per utterance, against {@link #unitCycles}. */
  private static void assertSpans(Shape s, SpikeAttentionVectors vec, BenchResult r) {
    List<Long> expected = new ArrayList<>();
    for (int t : vec.lengths()) {
      expected.add(unitCycles(s, t));
    }
    List<Long> got = new ArrayList<>();
    Matcher m = SPAN.matcher(r.run().output());
    while (m.find()) {
      assertEquals(got.size(), Integer.parseInt(m.group(1)), r::describe);
      got.add(Long.parseLong(m.group(2)));
    }
    assertEquals(expected, got, () -> s + " lengths " + vec.lengths() + "\n" + r.describe());
  }

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  private static RtlBuild bench(Shape s, int maxRows, int maxOut) {
    Map<String, Long> p = new LinkedHashMap<>(s.unitParameters());
    p.put("MAX_ROWS", (long) maxRows);
    p.put("MAX_OUT", (long) maxOut);
    return UnitBench.bench(
        "spike_attention", p, "spike_attention.v", "rope_rotate.v", "spike_attention_lif.v");
  }

  private static RtlBuild smallBench(Shape s) {
    return bench(s, 512, 2048);
  }

  /** Random spikes, each 1 with probability {@code density}. */
  private static int[] random(SplittableRandom r, int n, double density) {
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = r.nextDouble() < density ? 1 : 0;
    }
    return s;
  }

  private static int[] constant(int n, int value) {
    int[] s = new int[n];
    java.util.Arrays.fill(s, value);
    return s;
  }

  /**
   * Channel {@code 2j + odd} of every head spikes at every step: a lone (1, 0) pair ({@code odd =
   * 0}) or (0, 1) pair ({@code odd = 1}) of frequency j.
   */
  private static int[] lonePair(Shape s, int steps, int j, int odd) {
    int[] x = new int[steps * s.d()];
    for (int t = 0; t < steps; t++) {
      for (int h = 0; h < s.h(); h++) {
        x[t * s.d() + h * s.dh() + 2 * j + odd] = 1;
      }
    }
    return x;
  }

  private static Utterance randomUtterance(
      Shape s, SplittableRandom r, int steps, QkLayout layout, double density) {
    int n = steps * s.d();
    return new Utterance(
        steps, layout, random(r, n, density), random(r, n, density), random(r, n, density));
  }

  /**
   * The edge cases and random utterances of one shape: T = 1 and T = T_max (once with no last flag
   * on the final row), all-zero and all-one spikes, lone (1, 0) and (0, 1) pairs at the lowest
   * frequency over every step, random spikes of several densities and odd lengths; every case in
   * both layouts.
   */
  private static SpikeAttentionVectors cases(Shape s, long seed, int randomPerLayout) {
    SplittableRandom r = new SplittableRandom(seed);
    SpikeAttentionVectors vec = new SpikeAttentionVectors(s);
    int t = s.tMax();
    int n = t * s.d();
    int low = s.dh() / 2 - 1;
    for (QkLayout layout : LAYOUTS) {
      vec.add(randomUtterance(s, r, 1, layout, 0.5));
      vec.add(randomUtterance(s, r, t, layout, 0.5));
      vec.addWithoutLast(randomUtterance(s, r, t, layout, 0.3));
      vec.add(new Utterance(t, layout, constant(n, 0), constant(n, 0), constant(n, 0)));
      vec.add(new Utterance(t, layout, constant(n, 1), constant(n, 1), constant(n, 1)));
      vec.add(new Utterance(t, layout, constant(n, 1), constant(n, 0), constant(n, 1)));
      vec.add(
          new Utterance(t, layout, lonePair(s, t, low, 0), lonePair(s, t, low, 0), constant(n, 1)));
      vec.add(
          new Utterance(
              t, layout, lonePair(s, t, low, 1), lonePair(s, t, 0, 0), random(r, n, 0.5)));
      for (int i = 0; i < randomPerLayout; i++) {
        int steps = 1 + r.nextInt(t);
        vec.add(randomUtterance(s, r, steps, layout, 0.1 + 0.8 * r.nextDouble()));
      }
      if (s.keysParallel() == 2) {
        // two keys per cycle: every length, odd (a lone last key) and even, below and above 2H
        // (where the H cycles of the attention LIF set a query's cycles)
        for (int steps = 2; steps < t; steps++) {
          vec.add(randomUtterance(s, r, steps, layout, 0.6));
        }
      }
    }
    return vec;
  }

  private static List<String> plusargs(SpikeAttentionVectors vec, int seed, int idle, int stall) {
    List<String> p = new ArrayList<>(vec.counts());
    p.add("+seed=" + seed);
    p.add("+idle=" + idle);
    p.add("+stall=" + stall);
    return p;
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void matchesTheModelUnderRandomStalls(Simulator sim) {
    for (Shape s :
        List.of(
            SMALL,
            ODD,
            SMALL.headsInParallel(),
            ODD.headsInParallel(),
            SMALL.twoKeys(),
            ODD.twoKeys())) {
      SpikeAttentionVectors vec = cases(s, 7, 6);
      assertTrue(vec.spikes() > 0, "the cases produce no spike");
      Map<String, String> files = vec.files(null);
      int[][] stalls = {{0, 0}, {30, 30}, {70, 20}, {10, 80}};
      for (int seed = 1; seed <= stalls.length; seed++) {
        int[] st = stalls[seed - 1];
        BenchResult r =
            UnitBench.assertClean(
                sim, smallBench(s), files, plusargs(vec, seed, st[0], st[1]), vec.beats());
        if (st[0] == 0 && st[1] == 0) {
          assertSpans(s, vec, r);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void matchesTheModelAtTheStudentSize(Simulator sim) {
    for (Shape s : List.of(STUDENT, STUDENT.headsInParallel(), STUDENT.twoKeys())) {
      SplittableRandom r = new SplittableRandom(11);
      SpikeAttentionVectors vec = new SpikeAttentionVectors(s);
      int t = s.tMax();
      int n = t * s.d();
      int low = s.dh() / 2 - 1;
      vec.add(randomUtterance(s, r, t, QkLayout.OFFICIAL, 0.3));
      vec.add(randomUtterance(s, r, 13, QkLayout.TIME, 0.5));
      vec.add(
          new Utterance(
              t,
              QkLayout.OFFICIAL,
              lonePair(s, t, low, 0),
              lonePair(s, t, low, 0),
              random(r, n, 0.5)));
      UnitBench.assertClean(
          sim, bench(s, 128, 2048), vec.files(null), plusargs(vec, 5, 20, 20), vec.beats());
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedMembrane(Simulator sim) {
    SpikeAttentionVectors vec = cases(SMALL, 3, 0);
    List<String> qk = new ArrayList<>(vec.qkWords());
    int beat = qk.size() / 2;
    // Flip the lowest bit of the first q membrane (just above the 2*DH spike bits).
    SpikeAttentionVectors.Word bit = new SpikeAttentionVectors.Word();
    bit.put(0, 2 * SMALL.dh()).put(1, 1);
    String word = qk.get(beat);
    java.math.BigInteger flipped =
        new java.math.BigInteger(word, 16).xor(new java.math.BigInteger(bit.hex(), 16));
    String hex = flipped.toString(16);
    qk.set(beat, "0".repeat(word.length() - hex.length()) + hex);
    BenchResult r = UnitBench.run(sim, smallBench(SMALL), vec.files(qk), plusargs(vec, 2, 30, 30));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("qk beat=" + beat), r::describe);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedSumOfTwoKeys(Simulator sim) {
    Shape s = SMALL.twoKeys();
    SpikeAttentionVectors vec = cases(s, 3, 0);
    List<String> ay = new ArrayList<>(vec.ayWords());
    int beat = ay.size() / 2;
    // Flip the lowest bit of Y of lane 0 (the lowest field of the beat).
    String word = ay.get(beat);
    java.math.BigInteger flipped = new java.math.BigInteger(word, 16).flipBit(0);
    String hex = flipped.toString(16);
    ay.set(beat, "0".repeat(word.length() - hex.length()) + hex);
    BenchResult r =
        UnitBench.run(sim, smallBench(s), vec.files(null, ay), plusargs(vec, 2, 30, 30));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("ay beat=" + beat), r::describe);
  }

  @Test
  void lintsAndSynthesizesClean() {
    for (Shape s :
        List.of(
            SMALL,
            ODD,
            SMALL.headsInParallel(),
            ODD.headsInParallel(),
            SMALL.twoKeys(),
            ODD.twoKeys())) {
      RtlBuild unit =
          UnitBench.unit(
              "spike_attention",
              s.unitParameters(),
              "spike_attention.v",
              "rope_rotate.v",
              "spike_attention_lif.v");
      UnitBench.assertLintClean(unit);
      SynthReport r = UnitBench.assertSynthClean(unit, Map.of("rope_table.hex", s.tableFile()));
      assertEquals(0, r.dsps(), "the attention needs no multiplier: " + r.cells());
      System.out.println(
          "spike_attention D="
              + s.d()
              + (s.headsParallel() ? " heads in parallel" : "")
              + (s.keysParallel() == 2 ? ", two keys" : "")
              + " H="
              + s.h()
              + " T_MAX="
              + s.tMax()
              + ": LUT="
              + r.luts()
              + " FF="
              + r.flipFlops()
              + " BRAM36="
              + r.bram36()
              + " DSP="
              + r.dsps()
              + " cells="
              + r.cells());
    }
  }
}
