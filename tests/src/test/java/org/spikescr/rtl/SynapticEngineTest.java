package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.gen.tools.Icarus;
import org.spikescr.gen.tools.Simulator;
import org.spikescr.gen.tools.SynthReport;
import org.spikescr.gen.tools.ToolFailure;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.rtl.SynapticVectors.Config;
import org.spikescr.rtl.SynapticVectors.Kind;

/**
 * {@code synaptic_engine} on pointwise layers, the binary and the shift-and-add (residual stream)
 * kinds, and the shared kind (MODE 5) on values and on per-lane bits: every output beat equals the
 * layer's Java model ({@code FixedSynapseReference}), overflow flags included, under random stalls.
 */
class SynapticEngineTest {
  /** Longest utterance of these tests. */
  static final int T_MAX = 64;

  /** Binary inputs, 16-bit weights, a narrow accumulator (sat_A acts), C_out = P. */
  static final Config BINARY = new Config(SynapticVectors.BINARY, 4, 16, 1, 32, 1, 18, 4, 20);

  /** Residual-stream inputs of 4 bits, the proven accumulator width, C_out = 4P. */
  static final Config RESIDUAL = new Config(SynapticVectors.SHIFT_ADD, 4, 8, 4, 24, 4, 17, 4, 16);

  /** MODE 5 on a residual-stream layer: 3-bit values in 4-bit events, the proven width. */
  static final Config SHARED_VALUES =
      new Config(SynapticVectors.SHARED, 4, 8, 4, 24, 4, 16, 4, 16, 3, false);

  /** MODE 5 on a depthwise layer: per-lane bits, 31 taps. */
  static final Config SHARED_LANES =
      new Config(SynapticVectors.SHARED, 4, 8, 4, 31, 2, 14, 4, 16, 3, true);

  private static final Pattern SPAN = Pattern.compile("SPAN cycles=(\\d+)");

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  /** Random weights; no input, every input one, T = 1, T = T_MAX, a dense stretch. */
  static SynapticVectors binaryRandom() {
    return binaryRandom(BINARY);
  }

  static SynapticVectors binaryRandom(Config cfg) {
    SynapticLayer l = SynapticVectors.randomLayer(cfg, new int[] {4, 32}, 11);
    SynapticVectors v = new SynapticVectors(cfg, Kind.POINTWISE, l);
    v.utterance(SynapticVectors.constant(3, 32, 0), 1);
    v.utterance(SynapticVectors.constant(2, 32, 1), 2);
    v.utterance(SynapticVectors.randomInputs(cfg, 1, 32, 30, 3), 3);
    v.utterance(SynapticVectors.randomInputs(cfg, T_MAX, 32, 30, 4), 4);
    v.utterance(SynapticVectors.randomInputs(cfg, 20, 32, 90, 5), 5);
    return v;
  }

  /**
   * Weights that put sums exactly on, and one beyond, both ends of ap_int<18>, with a step whose
   * partial sums leave the range while the total does not (sat_A acts on the total only).
   */
  static SynapticVectors binaryBoundaries() {
    return binaryBoundaries(BINARY);
  }

  static SynapticVectors binaryBoundaries(Config cfg) {
    int rows = 32;
    int[] q = new int[4 * rows];
    for (int j = 0; j < 4; j++) {
      int[] w =
          j % 2 == 0
              ? new int[] {32767, 32767, 32767, 32767, 3, 1, -32768, -32768, -32768, -32768, -1, 2}
              : new int[] {-32768, -32768, -32768, -32768, -1, 1, 32767, 32767, 32767, 32767, 3, 0};
      System.arraycopy(w, 0, q, j * rows, w.length);
    }
    long[] bias = {(1L << 19) - 1, -(1L << 19), 7, -5};
    SynapticLayer l = SynapticVectors.layer(cfg, new int[] {4, rows}, q, bias);
    int[][] active = {
      {0, 1, 2, 3, 4}, // lanes 0, 2: 131071 = max; lanes 1, 3: -131073 (saturates)
      {0, 1, 2, 3, 4, 5}, // 131072 (saturates); -131072 = min
      {6, 7, 8, 9}, // -131072 = min; 131068
      {6, 7, 8, 9, 10}, // -131073 (saturates); 131071 = max
      {0, 1, 2, 3, 4, 5, 6}, // partial sums beyond the range, total inside
      {0, 1, 2, 3, 11},
      {6, 7, 8, 9, 11},
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
    };
    long[][] x = new long[active.length][rows];
    for (int t = 0; t < active.length; t++) {
      for (int i : active[t]) {
        x[t][i] = 1;
      }
    }
    SynapticVectors v = new SynapticVectors(cfg, Kind.POINTWISE, l);
    v.utterance(x, 6);
    return v;
  }

  /** The binary kind with pairs: two rows per event. */
  static final Config PAIRS_BINARY =
      new Config(SynapticVectors.BINARY, 4, 16, 1, 32, 1, 18, 4, 20, 1, false, 1, 1);

  /**
   * MODE 5 with pairs and WAYS = 2: values (events of equal value in pairs, the others alone),
   * spikes (all in pairs) and per-lane bits (never paired) on one engine.
   */
  static final Config PAIRS_VALUES =
      new Config(SynapticVectors.SHARED, 4, 8, 8, 24, 4, 16, 4, 16, 3, false, 2, 1);

  static final Config PAIRS_LANES =
      new Config(SynapticVectors.SHARED, 4, 8, 8, 31, 2, 14, 4, 16, 3, true, 2, 1);

  static SynapticVectors pairsValues() {
    SynapticLayer l = SynapticVectors.randomLayer(PAIRS_VALUES, new int[] {16, 24}, 81);
    assertTrue(SynapticVectors.provenAccBits(l) <= PAIRS_VALUES.a());
    SynapticVectors v = new SynapticVectors(PAIRS_VALUES, Kind.POINTWISE, l);
    v.utterance(SynapticVectors.constant(2, 24, 7), 1);
    v.utterance(SynapticVectors.constant(3, 24, 1), 2);
    v.utterance(SynapticVectors.randomInputs(PAIRS_VALUES, 1, 24, 40, 3), 3);
    long[][] spikes = SynapticVectors.randomInputs(PAIRS_VALUES, 30, 24, 50, 4);
    for (long[] row : spikes) {
      for (int i = 0; i < row.length; i++) {
        row[i] = row[i] != 0 ? 1 : 0;
      }
    }
    v.utterance(spikes, 4);
    v.utterance(SynapticVectors.randomInputs(PAIRS_VALUES, T_MAX, 24, 60, 5), 5);
    return v;
  }

  static SynapticVectors pairsLanes() {
    SynapticLayer l = SynapticVectors.randomLayer(PAIRS_LANES, new int[] {8, 31}, 82);
    assertTrue(SynapticVectors.provenAccBits(l) <= PAIRS_LANES.a());
    SynapticVectors v = new SynapticVectors(PAIRS_LANES, Kind.DEPTHWISE, l);
    v.utterance(SynapticVectors.constant(3, 8, 1), 4);
    v.utterance(SynapticVectors.randomInputs(PAIRS_LANES, 40, 8, 30, 6), 6);
    return v;
  }

  /**
   * With pairs the engine adds both rows of an event: every beat equals the reference (the sums are
   * exact, so adding rows in pairs changes no bit, saturation included), under random stalls.
   */
  @ParameterizedTest
  @MethodSource("simulators")
  void pairsMatchTheReferenceUnderRandomStalls(Simulator sim) {
    SynapticVectors random = binaryRandom(PAIRS_BINARY);
    SynapticVectors bounds = binaryBoundaries(PAIRS_BINARY);
    assertTrue(random.events() < binaryRandom().events(), "pairs: fewer events");
    assertEquals(6, bounds.flags(), "four steps on the boundaries saturate six lanes");
    assertEquals(bounds.referenceEvents(), bounds.flags());
    runWithStalls(sim, PAIRS_BINARY, random);
    runWithStalls(sim, PAIRS_BINARY, bounds);
    SynapticVectors values = pairsValues();
    assertEquals(0, values.referenceEvents());
    runWithStalls(sim, PAIRS_VALUES, values);
    runWithStalls(sim, PAIRS_LANES, pairsLanes());
  }

  /** With pairs a (step, group) costs one cycle per event, two rows or one. */
  @ParameterizedTest
  @MethodSource("simulators")
  void pairsTakeOneCyclePerEvent(Simulator sim) {
    assertOneEventPerCycle(sim, PAIRS_BINARY, binaryRandom(PAIRS_BINARY));
    assertOneEventPerCycle(sim, PAIRS_VALUES, pairsValues());
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedBeatWithPairs(Simulator sim) {
    SynapticVectors v = binaryBoundaries(PAIRS_BINARY);
    int bad = v.beats() / 2;
    BenchResult r =
        UnitBench.run(
            sim,
            PAIRS_BINARY.bench(),
            v.files(v.corrupted(bad, 5)),
            List.of(v.counts().get(0), v.counts().get(1), "+seed=2"));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + bad), r::describe);
  }

  /**
   * The head's residual stream with pairs of two values: 3-bit inputs (values 0 .. 5 in the head),
   * one group of 10 lanes, a narrow accumulator (sat_A acts). The events pair the lowest and the
   * highest rows of each (step, group), each with its own value, as event_source_pipelined sends
   * them.
   */
  static final Config PAIRS_RESIDUAL =
      new Config(SynapticVectors.SHIFT_ADD, 10, 8, 3, 24, 1, 12, 4, 16, 1, false, 1, 2);

  /** {@link #PAIRS_RESIDUAL} without pairs: one row per event. */
  static final Config HEAD_RESIDUAL =
      new Config(SynapticVectors.SHIFT_ADD, 10, 8, 3, 24, 1, 12, 4, 16, 1, false, 1);

  /** Pairs of two values on signed inputs (MODE 3) with two event groups of two ways. */
  static final Config PAIRS_SIGNED =
      new Config(SynapticVectors.MUL_SIGNED, 4, 8, 4, 20, 4, 16, 4, 16, 1, false, 2, 2);

  /**
   * Random weights; no input, every input at the head's largest value 5, T = 1 and T = T_MAX of the
   * head's values, a dense stretch of values 0 .. 7 (sat_A acts).
   */
  static SynapticVectors headRandom(Config cfg) {
    SynapticLayer l = SynapticVectors.randomLayer(cfg, new int[] {10, 24}, 91);
    SynapticVectors v = new SynapticVectors(cfg, Kind.POINTWISE, l);
    v.utterance(SynapticVectors.constant(2, 24, 0), 1);
    v.utterance(SynapticVectors.constant(2, 24, 5), 2);
    v.utterance(headInputs(1, 24, 40, 3), 3);
    v.utterance(headInputs(T_MAX, 24, 40, 4), 4);
    v.utterance(SynapticVectors.randomInputs(cfg, 20, 24, 90, 5), 5);
    return v;
  }

  /**
   * Random residual-stream inputs {@code [T][width]}: each 1 .. 5 with the given percent chance.
   */
  static long[][] headInputs(int steps, int width, int percent, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[][] x = new long[steps][width];
    for (long[] row : x) {
      for (int i = 0; i < width; i++) {
        row[i] = r.nextInt(100) < percent ? 1 + r.nextInt(5) : 0;
      }
    }
    return x;
  }

  /**
   * Weights and inputs that put sums exactly on, and one beyond, both ends of ap_int<12> with pairs
   * of unequal values, a step whose partial sums leave the range while the total does not, steps of
   * an odd number of inputs (the middle one alone), one input, none, and a pair of a small and a
   * large value.
   */
  static SynapticVectors headBoundaries() {
    Config cfg = PAIRS_RESIDUAL;
    int rows = 24;
    int[] q = new int[10 * rows];
    for (int j = 0; j < 10; j++) {
      int s = j % 2 == 0 ? 1 : -1;
      int[] w = new int[rows];
      for (int i : new int[] {0, 1, 2, 3, 12, 13, 14, 15}) {
        w[i] = s > 0 ? 127 : -128;
      }
      for (int i : new int[] {6, 7, 8, 9}) {
        w[i] = s > 0 ? -128 : 127;
      }
      w[4] = s > 0 ? 15 : -1;
      w[5] = s > 0 ? 16 : 0;
      w[10] = s > 0 ? -1 : 15;
      w[11] = 9 * s;
      w[23] = -7 * s;
      System.arraycopy(w, 0, q, j * rows, rows);
    }
    long[] bias = new long[10];
    long[] b = {(1L << 15) - 1, -(1L << 15), 7, -5};
    for (int j = 0; j < 10; j++) {
      bias[j] = b[j % 4];
    }
    SynapticLayer l = SynapticVectors.layer(cfg, new int[] {10, rows}, q, bias);
    // {row, x} of each step, with the sums of the even lanes, then of the odd lanes
    int[][][] active = {
      {{0, 5}, {1, 3}, {2, 5}, {3, 3}, {4, 1}}, // 2047 = max; -2049 (saturates)
      {{0, 2}, {1, 5}, {2, 4}, {3, 5}, {5, 1}}, // 2048 (saturates); -2048 = min
      {{6, 4}, {7, 4}, {8, 4}, {9, 4}}, // -2048 = min; 2032
      {{6, 1}, {7, 5}, {8, 5}, {9, 5}, {10, 1}}, // -2049 (saturates); 2047 = max
      // 3556 and -3584 after the first two pairs, beyond the range; -28 and -28 in all
      {{0, 7}, {1, 7}, {6, 7}, {7, 7}, {8, 7}, {9, 7}, {14, 7}, {15, 7}},
      {}, // no input
      {}, // every row at 5 (set below): 2680, -2520 (both saturate)
      {{23, 7}}, // one input: -49; 49
      {{0, 1}, {23, 7}}, // a small and a large value: 78; -79
      {{11, 3}, {23, 2}}, // 13; -13
    };
    long[][] x = new long[active.length][rows];
    for (int t = 0; t < active.length; t++) {
      for (int[] e : active[t]) {
        x[t][e[0]] = e[1];
      }
    }
    Arrays.fill(x[6], 5);
    SynapticVectors v = new SynapticVectors(cfg, Kind.POINTWISE, l);
    v.utterance(x, 6);
    return v;
  }

  /** Random weights; every input at either end, T = 1, a long utterance of signed values. */
  static SynapticVectors signedPairs() {
    SynapticLayer l = SynapticVectors.randomLayer(PAIRS_SIGNED, new int[] {16, 20}, 92);
    assertTrue(SynapticVectors.provenAccBits(l) <= PAIRS_SIGNED.a());
    SynapticVectors v = new SynapticVectors(PAIRS_SIGNED, Kind.POINTWISE, l);
    v.utterance(SynapticVectors.constant(2, 20, -8), 1);
    v.utterance(SynapticVectors.constant(2, 20, 7), 2);
    v.utterance(SynapticVectors.randomInputs(PAIRS_SIGNED, 1, 20, 40, 3), 3);
    v.utterance(SynapticVectors.randomInputs(PAIRS_SIGNED, 40, 20, 50, 4), 4);
    return v;
  }

  /**
   * With pairs of two values the engine adds both rows of an event, each times its own value: every
   * beat equals the reference (the sums are exact, so the pairing changes no bit, saturation
   * included), under random stalls.
   */
  @ParameterizedTest
  @MethodSource("simulators")
  void pairsOfTwoValuesMatchTheReferenceUnderRandomStalls(Simulator sim) {
    SynapticVectors random = headRandom(PAIRS_RESIDUAL);
    SynapticVectors bounds = headBoundaries();
    assertTrue(random.events() < headRandom(HEAD_RESIDUAL).events(), "pairs: fewer events");
    assertTrue(random.flags() > 0, "the narrow accumulator saturates on dense steps");
    assertEquals(random.referenceEvents(), random.flags());
    assertEquals(25, bounds.flags(), "four steps on the boundaries saturate 25 lanes");
    assertEquals(bounds.referenceEvents(), bounds.flags());
    runWithStalls(sim, PAIRS_RESIDUAL, random);
    runWithStalls(sim, PAIRS_RESIDUAL, bounds);
    SynapticVectors signed = signedPairs();
    assertEquals(0, signed.referenceEvents());
    runWithStalls(sim, PAIRS_SIGNED, signed);
  }

  /** With pairs of two values a (step, group) costs one cycle per event, two rows or one. */
  @ParameterizedTest
  @MethodSource("simulators")
  void pairsOfTwoValuesTakeOneCyclePerEvent(Simulator sim) {
    assertOneEventPerCycle(sim, PAIRS_RESIDUAL, headRandom(PAIRS_RESIDUAL));
    assertOneEventPerCycle(sim, PAIRS_SIGNED, signedPairs());
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedBeatWithPairsOfTwoValues(Simulator sim) {
    SynapticVectors v = headBoundaries();
    int bad = v.beats() / 2;
    BenchResult r =
        UnitBench.run(
            sim,
            PAIRS_RESIDUAL.bench(),
            v.files(v.corrupted(bad, 5)),
            List.of(v.counts().get(0), v.counts().get(1), "+seed=2"));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + bad), r::describe);
  }

  /** Pairs of two values, unsigned and signed, lint clean. */
  @Test
  void pairsOfTwoValuesLintClean() {
    UnitBench.assertLintClean(PAIRS_RESIDUAL.unit());
    UnitBench.assertLintClean(PAIRS_SIGNED.unit());
  }

  /**
   * Random weights; no input, all inputs at the maximum, all one, T = 1, T = T_MAX, alternating.
   */
  static SynapticVectors residualRandom() {
    SynapticLayer l = SynapticVectors.randomLayer(RESIDUAL, new int[] {16, 24}, 21);
    SynapticVectors v = new SynapticVectors(RESIDUAL, Kind.POINTWISE, l);
    v.utterance(SynapticVectors.constant(2, 24, 0), 1);
    v.utterance(SynapticVectors.constant(3, 24, 15), 2);
    v.utterance(SynapticVectors.constant(2, 24, 1), 3);
    v.utterance(SynapticVectors.randomInputs(RESIDUAL, 1, 24, 40, 4), 4);
    v.utterance(SynapticVectors.randomInputs(RESIDUAL, T_MAX, 24, 40, 5), 5);
    long[][] alt = new long[4][24];
    for (int t = 0; t < 4; t++) {
      for (int i = 0; i < 24; i++) {
        alt[t][i] = (t + i) % 2 == 0 ? 15 : 0;
      }
    }
    v.utterance(alt, 6);
    return v;
  }

  /** The extremes of the proven width: every weight -128 or 127, every input 15. */
  static SynapticVectors residualExtremes() {
    int[] q = new int[16 * 24];
    long[] bias = new long[16];
    for (int o = 0; o < 16; o++) {
      for (int i = 0; i < 24; i++) {
        q[o * 24 + i] = o % 2 == 0 ? 127 : -128;
      }
      bias[o] = o % 3 == 0 ? 32767 : -32768;
    }
    SynapticLayer l = SynapticVectors.layer(RESIDUAL, new int[] {16, 24}, q, bias);
    assertEquals(RESIDUAL.a(), SynapticVectors.provenAccBits(l));
    SynapticVectors v = new SynapticVectors(RESIDUAL, Kind.POINTWISE, l);
    v.utterance(SynapticVectors.constant(2, 24, 15), 1);
    v.utterance(SynapticVectors.constant(1, 24, 8), 2);
    return v;
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void binaryKindMatchesTheReferenceUnderRandomStalls(Simulator sim) {
    SynapticVectors random = binaryRandom();
    SynapticVectors bounds = binaryBoundaries();
    assertEquals(random.referenceEvents(), random.flags());
    assertTrue(random.flags() > 0, "the narrow accumulator saturates on dense steps");
    assertEquals(6, bounds.flags(), "four steps on the boundaries saturate six lanes");
    assertEquals(bounds.referenceEvents(), bounds.flags());
    runWithStalls(sim, BINARY, random);
    runWithStalls(sim, BINARY, bounds);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void shiftAddKindMatchesTheReferenceUnderRandomStalls(Simulator sim) {
    SynapticVectors random = residualRandom();
    SynapticVectors extremes = residualExtremes();
    assertTrue(SynapticVectors.provenAccBits(random.layer()) <= RESIDUAL.a());
    assertEquals(0, random.referenceEvents());
    assertEquals(0, extremes.referenceEvents());
    runWithStalls(sim, RESIDUAL, random);
    runWithStalls(sim, RESIDUAL, extremes);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void sharedKindMatchesTheReferenceForValuesAndLaneBitsUnderRandomStalls(Simulator sim) {
    SynapticLayer lv = SynapticVectors.randomLayer(SHARED_VALUES, new int[] {16, 24}, 61);
    assertTrue(SynapticVectors.provenAccBits(lv) <= SHARED_VALUES.a());
    SynapticVectors values = new SynapticVectors(SHARED_VALUES, Kind.POINTWISE, lv);
    values.utterance(SynapticVectors.constant(2, 24, 7), 1);
    values.utterance(SynapticVectors.randomInputs(SHARED_VALUES, 1, 24, 40, 2), 2);
    values.utterance(SynapticVectors.randomInputs(SHARED_VALUES, T_MAX, 24, 40, 3), 3);
    assertEquals(0, values.referenceEvents());
    runWithStalls(sim, SHARED_VALUES, values);
    SynapticLayer ll = SynapticVectors.randomLayer(SHARED_LANES, new int[] {8, 31}, 62);
    assertTrue(SynapticVectors.provenAccBits(ll) <= SHARED_LANES.a());
    SynapticVectors lanes = new SynapticVectors(SHARED_LANES, Kind.DEPTHWISE, ll);
    lanes.utterance(SynapticVectors.constant(3, 8, 1), 4);
    lanes.utterance(SynapticVectors.randomInputs(SHARED_LANES, 1, 8, 70, 5), 5);
    lanes.utterance(SynapticVectors.randomInputs(SHARED_LANES, 40, 8, 30, 6), 6);
    assertEquals(0, lanes.referenceEvents());
    runWithStalls(sim, SHARED_LANES, lanes);
  }

  /**
   * Seeds 1..3 with no, some and frequent idle cycles, and back-pressure that grows with the seed.
   */
  static void runWithStalls(Simulator sim, Config cfg, SynapticVectors v) {
    Map<String, String> files = v.files();
    for (int seed = 1; seed <= 3; seed++) {
      for (String idle : List.of("+idle=0", "+idle=30", "+idle=70")) {
        List<String> args =
            List.of(
                v.counts().get(0),
                v.counts().get(1),
                "+seed=" + seed,
                idle,
                "+stall=" + (seed * 25 % 90));
        UnitBench.assertClean(sim, cfg.bench(), files, args, v.beats());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void sustainsOneEventPerCycle(Simulator sim) {
    assertOneEventPerCycle(sim, RESIDUAL, residualRandom());
    assertOneEventPerCycle(sim, BINARY, binaryBoundaries());
  }

  /**
   * With no idle cycle and no back-pressure, the run from the first accepted event to the last
   * output beat takes the events plus the latency.
   */
  static void assertOneEventPerCycle(Simulator sim, Config cfg, SynapticVectors v) {
    List<String> args =
        List.of(v.counts().get(0), v.counts().get(1), "+seed=1", "+idle=0", "+stall=0");
    BenchResult r = UnitBench.assertClean(sim, cfg.bench(), v.files(), args, v.beats());
    Matcher m = SPAN.matcher(r.run().output());
    assertTrue(m.find(), r::describe);
    assertEquals(v.spanCycles(), Long.parseLong(m.group(1)), r::describe);
  }

  /** WAYS = 2: 4 lanes per beat, 8 accumulating lanes, values and per-lane bits (kind 5). */
  static final Config WAYS_VALUES =
      new Config(SynapticVectors.SHARED, 4, 8, 8, 24, 4, 16, 4, 16, 3, false, 2);

  static final Config WAYS_LANES =
      new Config(SynapticVectors.SHARED, 4, 8, 8, 31, 2, 14, 4, 16, 3, true, 2);

  /** WAYS = 4 on the binary kind: one event group of 16 lanes, four beats. */
  static final Config WAYS_BINARY =
      new Config(SynapticVectors.BINARY, 4, 8, 1, 12, 4, 16, 4, 16, 1, false, 4);

  static SynapticVectors waysValues() {
    SynapticLayer l = SynapticVectors.randomLayer(WAYS_VALUES, new int[] {16, 24}, 71);
    assertTrue(SynapticVectors.provenAccBits(l) <= WAYS_VALUES.a());
    SynapticVectors v = new SynapticVectors(WAYS_VALUES, Kind.POINTWISE, l);
    v.utterance(SynapticVectors.constant(2, 24, 7), 1);
    v.utterance(SynapticVectors.randomInputs(WAYS_VALUES, 1, 24, 40, 2), 2);
    v.utterance(SynapticVectors.randomInputs(WAYS_VALUES, 20, 24, 3, 3), 3);
    v.utterance(SynapticVectors.randomInputs(WAYS_VALUES, T_MAX, 24, 40, 4), 4);
    return v;
  }

  static SynapticVectors waysLanes() {
    SynapticLayer l = SynapticVectors.randomLayer(WAYS_LANES, new int[] {8, 31}, 72);
    assertTrue(SynapticVectors.provenAccBits(l) <= WAYS_LANES.a());
    SynapticVectors v = new SynapticVectors(WAYS_LANES, Kind.DEPTHWISE, l);
    v.utterance(SynapticVectors.constant(3, 8, 1), 4);
    v.utterance(SynapticVectors.randomInputs(WAYS_LANES, 1, 8, 70, 5), 5);
    v.utterance(SynapticVectors.randomInputs(WAYS_LANES, 40, 8, 30, 6), 6);
    return v;
  }

  static SynapticVectors waysBinary() {
    SynapticLayer l = SynapticVectors.randomLayer(WAYS_BINARY, new int[] {16, 12}, 73);
    SynapticVectors v = new SynapticVectors(WAYS_BINARY, Kind.POINTWISE, l);
    v.utterance(SynapticVectors.constant(2, 12, 1), 7);
    v.utterance(SynapticVectors.randomInputs(WAYS_BINARY, 30, 12, 10, 8), 8);
    v.utterance(SynapticVectors.randomInputs(WAYS_BINARY, 10, 12, 60, 9), 9);
    return v;
  }

  /**
   * An engine accumulating WAYS groups of lanes per event sends each (step, group) as WAYS beats,
   * equal to the beats of a one-way engine, under random idle cycles and back-pressure.
   */
  @ParameterizedTest
  @MethodSource("simulators")
  void multiBeatGroupsMatchTheReferenceUnderRandomStalls(Simulator sim) {
    SynapticVectors values = waysValues();
    SynapticVectors lanes = waysLanes();
    SynapticVectors binary = waysBinary();
    assertEquals(0, values.referenceEvents());
    assertEquals(0, lanes.referenceEvents());
    runWithStalls(sim, WAYS_VALUES, values);
    runWithStalls(sim, WAYS_LANES, lanes);
    runWithStalls(sim, WAYS_BINARY, binary);
  }

  /** With WAYS > 1 a (step, group) costs max(WAYS, events) cycles (the span of spanCycles). */
  @ParameterizedTest
  @MethodSource("simulators")
  void multiBeatGroupsCostTheirEventsOrTheirBeats(Simulator sim) {
    assertOneEventPerCycle(sim, WAYS_VALUES, waysValues());
    assertOneEventPerCycle(sim, WAYS_LANES, waysLanes());
    assertOneEventPerCycle(sim, WAYS_BINARY, waysBinary());
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedBeat(Simulator sim) {
    SynapticVectors v = binaryBoundaries();
    int bad = v.beats() / 2;
    BenchResult r =
        UnitBench.run(
            sim,
            BINARY.bench(),
            v.files(v.corrupted(bad, 5)),
            List.of(v.counts().get(0), v.counts().get(1), "+seed=2"));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + bad), r::describe);
  }

  @Test
  void rejectsImpossibleParameters(@TempDir Path work) {
    for (Config bad :
        List.of(
            new Config(SynapticVectors.BINARY, 4, 8, 2, 16, 1, 16, 4, 16),
            new Config(SynapticVectors.LANE_BINARY, 4, 8, 3, 16, 1, 16, 4, 16),
            new Config(SynapticVectors.SHIFT_ADD, 4, 17, 4, 16, 1, 16, 4, 16),
            new Config(5, 4, 8, 1, 16, 1, 16, 4, 16),
            // pairs with per-lane inputs
            new Config(SynapticVectors.LANE_BINARY, 4, 8, 4, 16, 1, 16, 4, 16, 1, true, 1, 1),
            // pairs of two values with the binary, per-lane and shared kinds
            new Config(SynapticVectors.BINARY, 4, 8, 1, 16, 1, 16, 4, 16, 1, false, 1, 2),
            new Config(SynapticVectors.LANE_BINARY, 4, 8, 4, 16, 1, 16, 4, 16, 1, true, 1, 2),
            new Config(SynapticVectors.SHARED, 4, 8, 4, 16, 1, 16, 4, 16, 3, false, 1, 2))) {
      ToolFailure f = assertThrows(ToolFailure.class, () -> new Icarus().build(bad.unit(), work));
      assertTrue(f.getMessage().contains("synaptic_engine_invalid_parameters"), f::getMessage);
    }
  }

  @Test
  void lintsAndSynthesizesClean() {
    Config binary = new Config(SynapticVectors.BINARY, 16, 8, 1, 128, 8, 16, 4, 16);
    Config residual = new Config(SynapticVectors.SHIFT_ADD, 16, 8, 4, 128, 8, 19, 4, 20);
    for (Config cfg : List.of(binary, residual)) {
      UnitBench.assertLintClean(cfg.unit());
      SynapticLayer l = SynapticVectors.randomLayer(cfg, new int[] {cfg.channels(), cfg.rows()}, 1);
      SynthReport r = UnitBench.assertSynthClean(cfg.unit(), SynapticVectors.images(cfg, l));
      System.out.println("synaptic_engine " + cfg + ": " + r.cells());
      assertTrue(r.bram36() >= 1, "the weight image is in block RAM: " + r.cells());
      if (cfg.mode() == SynapticVectors.BINARY) {
        assertEquals(0, r.dsps(), "the binary kind adds q or 0, no multiplier: " + r.cells());
        assertTrue(r.flipFlops() >= 2L * cfg.p() * cfg.a(), "accumulators and sums: " + r.cells());
      } else {
        assertEquals(cfg.p(), r.dsps(), "one DSP48 per lane: " + r.cells());
      }
    }
  }

  /**
   * With pairs the second row is read through the weight memory's second port: the same block RAM
   * (in true dual-port mode), still one DSP48 per lane (the rows' sum in its pre-adder or the
   * fabric), and lint-clean. The memory is 1,024 words deep, as deep as a RAMB36 of 36-bit ports: a
   * shallower one would take more block RAM with two ports (a true dual-port RAMB36 reads at most
   * 36 bits a port, the single port 72).
   */
  @Test
  void pairsReadTheSameBlockRamThroughItsSecondPort() {
    Config one = new Config(SynapticVectors.SHARED, 8, 8, 8, 128, 8, 16, 4, 20, 3, false, 1);
    Config two = new Config(SynapticVectors.SHARED, 8, 8, 8, 128, 8, 16, 4, 20, 3, false, 1, 1);
    SynapticLayer l = SynapticVectors.randomLayer(one, new int[] {one.channels(), one.rows()}, 1);
    UnitBench.assertLintClean(two.unit());
    SynthReport r1 = UnitBench.assertSynthClean(one.unit(), SynapticVectors.images(one, l));
    SynthReport r2 = UnitBench.assertSynthClean(two.unit(), SynapticVectors.images(two, l));
    System.out.println("synaptic_engine " + two + ": " + r2.cells());
    assertTrue(r1.bram36() >= 1, "the weight image is in block RAM: " + r1.cells());
    assertEquals(r1.bram36(), r2.bram36(), "one memory, two ports: " + r2.cells());
    assertEquals(two.lanes(), r2.dsps(), "one DSP48 per lane: " + r2.cells());
  }

  /**
   * A multiplying kind keeps each lane's multiplier, adder and accumulator in one DSP48E1: the
   * accumulator is the DSP's P register and the step's zero start its Z operand select, so no lane
   * adder or accumulator is left in the fabric.
   */
  @Test
  void multiplyingKindsAccumulateInsideTheDsp() {
    Config cfg = new Config(SynapticVectors.SHARED, 8, 8, 8, 32, 2, 16, 4, 20, 3, false);
    SynapticLayer l = SynapticVectors.randomLayer(cfg, new int[] {cfg.channels(), cfg.rows()}, 1);
    Map<String, Object> netlist =
        UnitBench.assertSynthCleanNetlist(cfg.unit(), SynapticVectors.images(cfg, l));
    List<Map<String, Object>> dsps = cellsOfType(netlist, cfg.unit().top(), "DSP48E1");
    assertEquals(cfg.p(), dsps.size(), "one DSP48 per lane");
    for (Map<String, Object> dsp : dsps) {
      Map<?, ?> params = (Map<?, ?>) dsp.get("parameters");
      assertEquals(
          1L, Long.parseLong(String.valueOf(params.get("PREG")), 2), "P register: " + params);
      assertEquals("MULTIPLY", params.get("USE_MULT"), "multiplier used: " + params);
    }
  }

  private static List<Map<String, Object>> cellsOfType(
      Map<String, Object> netlist, String top, String type) {
    Map<?, ?> modules = (Map<?, ?>) netlist.get("modules");
    Map<?, ?> cells = (Map<?, ?>) ((Map<?, ?>) modules.get(top)).get("cells");
    List<Map<String, Object>> found = new ArrayList<>();
    for (Object c : cells.values()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> cell = (Map<String, Object>) c;
      if (type.equals(cell.get("type"))) {
        found.add(cell);
      }
    }
    return found;
  }
}
