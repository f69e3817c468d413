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
import org.spikescr.sim.cycles.CycleModel;

/**
 * {@code event_source} and {@code event_source_pipelined}: every event of a pass over a buffer of
 * random rows equals the order the units' headers state ({@link #events}), under random
 * back-pressure, in both simulators; the pipelined unit takes the cycles the cycle model charges
 * for its passes.
 */
class EventSourceTest {
  /**
   * Parameters of one unit.
   *
   * @param pipelined {@code event_source_pipelined} rather than {@code event_source}
   * @param kind 0 pointwise, 1 channel convolution, 2 depthwise
   * @param cin channels of a row
   * @param vw bits of a channel
   * @param p lanes
   * @param groups output channel groups
   * @param taps kernel taps
   * @param tMax rows of the buffer
   * @param xb event value width
   * @param ways events per (step, group) at least (pipelined)
   * @param ahead the next tap's row read while a row is scanned ({@code event_source} {@code
   *     AHEAD})
   * @param pairs PAIRS (pipelined pointwise): 1, two channels per event while cfg_pairs is set; 2,
   *     as 1 with the second channel's own value; 0, one channel per event
   */
  record Shape(
      boolean pipelined,
      int kind,
      int cin,
      int vw,
      int p,
      int groups,
      int taps,
      int tMax,
      int xb,
      int ways,
      int ahead,
      int pairs) {
    /** Without the read-ahead of {@code event_source}, one channel per event. */
    Shape(
        boolean pipelined,
        int kind,
        int cin,
        int vw,
        int p,
        int groups,
        int taps,
        int tMax,
        int xb,
        int ways) {
      this(pipelined, kind, cin, vw, p, groups, taps, tMax, xb, ways, 0, 0);
    }

    /** With or without the read-ahead of {@code event_source}, one channel per event. */
    Shape(
        boolean pipelined,
        int kind,
        int cin,
        int vw,
        int p,
        int groups,
        int taps,
        int tMax,
        int xb,
        int ways,
        int ahead) {
      this(pipelined, kind, cin, vw, p, groups, taps, tMax, xb, ways, ahead, 0);
    }

    /** At least one event per (step, group). */
    Shape(
        boolean pipelined,
        int kind,
        int cin,
        int vw,
        int p,
        int groups,
        int taps,
        int tMax,
        int xb) {
      this(pipelined, kind, cin, vw, p, groups, taps, tMax, xb, 1);
    }

    /** A pipelined pointwise unit of PAIRS = {@code pairs}, events of the whole value (XB = VW). */
    static Shape paired(int pairs, int cin, int vw, int p, int groups, int tMax, int ways) {
      return new Shape(true, 0, cin, vw, p, groups, 1, tMax, vw, ways, 0, pairs);
    }

    Map<String, Long> parameters() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("PIPELINED", pipelined ? 1L : 0L);
      m.put("KIND", (long) kind);
      m.put("CIN", (long) cin);
      m.put("VW", (long) vw);
      m.put("P", (long) p);
      m.put("GROUPS", (long) groups);
      m.put("TAPS", (long) taps);
      m.put("T_MAX", (long) tMax);
      m.put("XB", (long) xb);
      m.put("WAYS", (long) ways);
      m.put("AHEAD", (long) ahead);
      if (pairs != 0) {
        m.put("PAIRS", (long) pairs);
      }
      return m;
    }

    int groupBits() {
      return groups > 1 ? 32 - Integer.numberOfLeadingZeros(groups - 1) : 1;
    }

    int rowBits() {
      int rows = kind == 0 ? cin : kind == 1 ? cin * taps : taps;
      return 32 - Integer.numberOfLeadingZeros(rows - 1);
    }
  }

  static final Shape POINTWISE = new Shape(true, 0, 24, 2, 4, 3, 1, 12, 2);
  static final Shape POINTWISE_WIDE_VALUES = new Shape(true, 0, 16, 3, 8, 2, 1, 9, 2);
  // one group and one way: two events a step at least, so that the next row is caught in time
  static final Shape POINTWISE_ONE_GROUP = new Shape(true, 0, 9, 1, 4, 1, 1, 6, 1);
  static final Shape DEPTHWISE = new Shape(true, 2, 16, 1, 4, 4, 7, 12, 4);
  static final Shape DEPTHWISE_WIDE_X = new Shape(true, 2, 12, 1, 6, 2, 5, 4, 9);
  static final Shape POINTWISE_WAYS = new Shape(true, 0, 24, 2, 4, 3, 1, 12, 2, 4);
  static final Shape DEPTHWISE_WAYS = new Shape(true, 2, 16, 1, 8, 2, 7, 12, 8, 6);
  static final Shape CONV = new Shape(true, 1, 10, 3, 4, 2, 3, 8, 3);
  // the embedding's shape: wide values, the low bits of a wider buffer value, engine ways
  static final Shape CONV_WAYS = new Shape(true, 1, 13, 5, 8, 2, 3, 9, 4, 2);
  // five taps: a window of five rows, two of look-ahead
  static final Shape CONV_FIVE_TAPS = new Shape(true, 1, 7, 2, 4, 1, 5, 6, 2);
  // pairs: spikes, several groups, one group of one way (two cycles a step at least), engine ways,
  // the bundled design's shape (128 channels, one event group of four ways)
  static final Shape PAIRS = Shape.paired(1, 24, 1, 4, 3, 12, 1);
  static final Shape PAIRS_ONE_GROUP = Shape.paired(1, 9, 1, 4, 1, 6, 1);
  static final Shape PAIRS_WAYS = Shape.paired(1, 24, 1, 4, 3, 12, 4);
  static final Shape PAIRS_WIDE = Shape.paired(1, 128, 1, 32, 1, 40, 4);
  // pairs of two values on 3-bit values (rows of 0 .. 7: the head's residual stream, 0 .. 5, and
  // the field's largest): several groups, one group of one way as in the head, the head's width
  static final Shape PAIRS_VALUES = Shape.paired(2, 24, 3, 4, 3, 12, 1);
  static final Shape PAIRS_VALUES_ONE_GROUP = Shape.paired(2, 24, 3, 10, 1, 12, 1);
  static final Shape PAIRS_VALUES_WIDE = Shape.paired(2, 128, 3, 32, 1, 40, 1);
  static final Shape SEQ_POINTWISE = new Shape(false, 0, 24, 2, 4, 3, 1, 12, 2);
  static final Shape SEQ_CONV = new Shape(false, 1, 10, 3, 4, 2, 3, 8, 3);
  static final Shape SEQ_DEPTHWISE = new Shape(false, 2, 16, 1, 4, 4, 7, 12, 4);
  // the next tap's row read while a row is scanned: the pipelined design's embedding source
  static final Shape SEQ_CONV_AHEAD = new Shape(false, 1, 10, 3, 4, 2, 3, 8, 3, 1, 1);
  static final Shape SEQ_CONV_AHEAD_FIVE = new Shape(false, 1, 7, 2, 4, 1, 5, 6, 2, 1, 1);
  static final Shape SEQ_POINTWISE_AHEAD = new Shape(false, 0, 24, 2, 4, 3, 1, 12, 2, 1, 1);

  static final List<Shape> SHAPES =
      List.of(
          POINTWISE,
          POINTWISE_WIDE_VALUES,
          POINTWISE_ONE_GROUP,
          DEPTHWISE,
          DEPTHWISE_WIDE_X,
          POINTWISE_WAYS,
          DEPTHWISE_WAYS,
          CONV,
          CONV_WAYS,
          CONV_FIVE_TAPS,
          SEQ_POINTWISE,
          SEQ_CONV,
          SEQ_DEPTHWISE,
          SEQ_CONV_AHEAD,
          SEQ_CONV_AHEAD_FIVE,
          SEQ_POINTWISE_AHEAD);

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  /**
   * One event: group, weight row, value, and whether it ends its (step, group); with a pair, the
   * second row and its value (sent with PAIRS = 2).
   */
  record Event(int group, int row, long x, boolean last, boolean pair, int rowB, long xB) {
    Event(int group, int row, long x, boolean last) {
      this(group, row, x, last, false, 0, 0);
    }

    Event ending() {
      return new Event(group, row, x, true, pair, rowB, xB);
    }
  }

  /**
   * The events of a pass with {@code cfg_pairs} set on a unit of {@link Shape#pairs}: the channels
   * of each (step, group) two per event, the lowest and the highest left ({@code c_0} with {@code
   * c_(n-1)}, {@code c_1} with {@code c_(n-2)}, ...; the middle one alone when {@code n} is odd),
   * then the zero events that make the unit's least. The second channel's value goes with it (the
   * event's {@code x_b} with PAIRS = 2).
   */
  static List<Event> pairedEvents(Shape s, long[][] rows, int steps) {
    List<Event> out = new ArrayList<>();
    int least = s.groups() == 1 && s.ways() == 1 ? 2 : s.ways();
    for (int t = 0; t < steps; t++) {
      for (int g = 0; g < s.groups(); g++) {
        List<Integer> ch = new ArrayList<>();
        for (int c = 0; c < s.cin(); c++) {
          if (rows[t][c] != 0) {
            ch.add(c);
          }
        }
        List<Event> tg = new ArrayList<>();
        long mask = (1L << s.xb()) - 1;
        for (int i = 0, j = ch.size() - 1; i <= j; i++, j--) {
          long x = rows[t][ch.get(i)] & mask;
          boolean pair = i < j;
          long xB = pair ? rows[t][ch.get(j)] & mask : 0;
          tg.add(new Event(g, ch.get(i), x, false, pair, pair ? ch.get(j) : 0, xB));
        }
        while (tg.size() < least) {
          tg.add(new Event(g, 0, 0, false));
        }
        tg.set(tg.size() - 1, tg.get(tg.size() - 1).ending());
        out.addAll(tg);
      }
    }
    return out;
  }

  /**
   * The events of a pass over {@code steps} rows, in the order of the units' headers: steps, then
   * groups, then taps and channels ascending; a (step, group) without input sends {@code (g, 0,
   * 0)}. The sequential depthwise source skips all-zero slices, the pipelined one sends every tap
   * inside the utterance. The pipelined sources complete a (step, group) of fewer than {@code ways}
   * events (two for a one-group pointwise or channel source of one way) with zero events, row 0
   * (pointwise, channel convolution) or the last tap (depthwise).
   */
  static List<Event> events(Shape s, long[][] rows, int steps) {
    int pad = (s.taps() - 1) / 2;
    List<Event> out = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      for (int g = 0; g < s.groups(); g++) {
        List<Event> tg = new ArrayList<>();
        for (int k = 0; k < s.taps(); k++) {
          int src = t + k - pad;
          if (src < 0 || src >= steps) {
            continue;
          }
          long[] row = rows[src];
          if (s.kind() == 2) {
            long slice = 0;
            for (int l = 0; l < s.p(); l++) {
              slice |= row[g * s.p() + l] << l;
            }
            if (slice != 0 || s.pipelined()) {
              tg.add(new Event(g, k, slice, false));
            }
          } else {
            for (int c = 0; c < s.cin(); c++) {
              if (row[c] != 0) {
                int r = s.kind() == 0 ? c : c * s.taps() + k;
                tg.add(new Event(g, r, row[c] & ((1L << s.xb()) - 1), false));
              }
            }
          }
        }
        if (s.pipelined() && s.kind() == 1) {
          // the window's channels by ascending row c * taps + k
          tg.sort(java.util.Comparator.comparingInt(Event::row));
        }
        if (tg.isEmpty()) {
          tg.add(new Event(g, 0, 0, false));
        }
        int padRow = s.kind() == 2 ? tg.get(tg.size() - 1).row() : 0;
        // a pipelined step of one group sends two events at least (kinds 0 and 1)
        int least =
            s.pipelined() && s.kind() != 2 && s.groups() == 1 && s.ways() == 1 ? 2 : s.ways();
        while (tg.size() < least) {
          tg.add(new Event(g, padRow, 0, false));
        }
        Event end = tg.get(tg.size() - 1);
        tg.set(tg.size() - 1, new Event(end.group(), end.row(), end.x(), true));
        out.addAll(tg);
      }
    }
    return out;
  }

  /** Random rows: each channel non-zero with probability {@code density}. */
  static long[][] rows(Shape s, double density, SplittableRandom r) {
    long[][] rows = new long[s.tMax()][s.cin()];
    for (long[] row : rows) {
      for (int c = 0; c < s.cin(); c++) {
        row[c] = r.nextDouble() < density ? 1 + r.nextLong((1L << s.vw()) - 1) : 0;
      }
    }
    return rows;
  }

  private static RtlBuild bench(Shape s) {
    return UnitBench.bench(
        "event_source",
        s.parameters(),
        "event_source.v",
        "event_source_pipelined.v",
        "skid_buffer.v");
  }

  private static String rowsHex(Shape s, long[][] rows) {
    List<String> words = new ArrayList<>();
    for (long[] row : rows) {
      LaneWord w = new LaneWord();
      for (long v : row) {
        w.put(v, s.vw());
      }
      words.add(w.hex());
    }
    return HexFile.ofWords(words);
  }

  private static List<String> expectWords(Shape s, List<Event> events) {
    List<String> words = new ArrayList<>();
    for (Event e : events) {
      LaneWord w = new LaneWord().put(e.x(), s.xb()).put(e.row(), s.rowBits());
      if (s.pairs() != 0) {
        w.put(e.rowB(), s.rowBits());
        if (s.pairs() == 2) {
          w.put(e.xB(), s.xb());
        }
        w.put(e.pair() ? 1 : 0, 1);
      }
      words.add(w.put(e.group(), s.groupBits()).put(e.last() ? 1 : 0, 1).hex());
    }
    return words;
  }

  private static BenchResult run(
      Simulator sim, Shape s, long[][] rows, int steps, List<String> expect, int seed, int stall) {
    return run(sim, s, rows, steps, expect, seed, stall, false, List.of());
  }

  private static BenchResult run(
      Simulator sim,
      Shape s,
      long[][] rows,
      int steps,
      List<String> expect,
      int seed,
      int stall,
      boolean pairs) {
    return run(sim, s, rows, steps, expect, seed, stall, pairs, List.of());
  }

  private static BenchResult run(
      Simulator sim,
      Shape s,
      long[][] rows,
      int steps,
      List<String> expect,
      int seed,
      int stall,
      List<String> more) {
    return run(sim, s, rows, steps, expect, seed, stall, false, more);
  }

  private static BenchResult run(
      Simulator sim,
      Shape s,
      long[][] rows,
      int steps,
      List<String> expect,
      int seed,
      int stall,
      boolean pairs,
      List<String> more) {
    List<String> args = new ArrayList<>();
    args.add("+beats=" + expect.size());
    args.add("+steps=" + steps);
    args.add("+seed=" + seed);
    args.add("+idle=0");
    args.add("+stall=" + stall);
    args.add("+pairs=" + (pairs ? 1 : 0));
    args.addAll(more);
    return UnitBench.run(
        sim,
        bench(s),
        Map.of("rows.hex", rowsHex(s, rows), "expect.hex", HexFile.ofWords(expect)),
        args);
  }

  private static BenchResult assertRun(
      Simulator sim, Shape s, long[][] rows, int steps, int seed, int stall) {
    return assertRun(sim, s, rows, steps, seed, stall, false);
  }

  private static BenchResult assertRun(
      Simulator sim, Shape s, long[][] rows, int steps, int seed, int stall, boolean pairs) {
    List<String> expect =
        expectWords(s, pairs ? pairedEvents(s, rows, steps) : events(s, rows, steps));
    BenchResult r = run(sim, s, rows, steps, expect, seed, stall, pairs);
    assertTrue(
        r.clean(expect.size()),
        () ->
            s
                + " pairs="
                + pairs
                + " steps="
                + steps
                + " seed="
                + seed
                + " stall="
                + stall
                + "\n"
                + r.describe());
    return r;
  }

  /**
   * A unit of pairs sends two channels per event while cfg_pairs is set and one (the order of
   * {@link #events}, the pair fields zero) while it is not, under random back-pressure.
   */
  @ParameterizedTest
  @MethodSource("simulators")
  void sendsPairsInOrderUnderRandomStalls(Simulator sim) {
    assertPairsInOrder(sim, List.of(PAIRS, PAIRS_ONE_GROUP, PAIRS_WAYS, PAIRS_WIDE));
  }

  /**
   * A unit of pairs of two values sends two channels per event, each with its own value, while
   * cfg_pairs is set, and one (the second value zero too) while it is not, under random
   * back-pressure.
   */
  @ParameterizedTest
  @MethodSource("simulators")
  void sendsPairsOfTwoValuesInOrderUnderRandomStalls(Simulator sim) {
    assertPairsInOrder(sim, List.of(PAIRS_VALUES, PAIRS_VALUES_ONE_GROUP, PAIRS_VALUES_WIDE));
  }

  /** Every shape, four densities, a full pass, one step and a third, with and without cfg_pairs. */
  private static void assertPairsInOrder(Simulator sim, List<Shape> shapes) {
    int[] stalls = {0, 30, 60, 85};
    double[] densities = {0.0, 0.05, 0.3, 0.9};
    for (Shape s : shapes) {
      SplittableRandom r = new SplittableRandom(s.cin() * 37L + s.ways());
      for (int seed = 1; seed <= 4; seed++) {
        long[][] rows = rows(s, densities[seed - 1], r);
        for (int n : new int[] {s.tMax(), 1, Math.max(1, s.tMax() / 3)}) {
          assertRun(sim, s, rows, n, seed, stalls[seed - 1], true);
          assertRun(sim, s, rows, n, seed, stalls[seed - 1], false);
        }
      }
    }
  }

  /**
   * In pairs a pass takes the cycles of the cycle model's pairs: ceil(n_t / 2) a step and group.
   */
  @ParameterizedTest
  @MethodSource("simulators")
  void pairedPassesTakeTheCyclesOfTheCycleModel(Simulator sim) {
    assertPairedCycles(sim, List.of(PAIRS, PAIRS_ONE_GROUP, PAIRS_WAYS, PAIRS_WIDE));
  }

  /** In pairs of two values a pass takes the same cycles: ceil(n_t / 2) a step and group. */
  @ParameterizedTest
  @MethodSource("simulators")
  void pairedPassesOfTwoValuesTakeTheCyclesOfTheCycleModel(Simulator sim) {
    assertPairedCycles(sim, List.of(PAIRS_VALUES, PAIRS_VALUES_ONE_GROUP, PAIRS_VALUES_WIDE));
  }

  /** Each shape at two densities, with and without cfg_pairs, no back-pressure. */
  private static void assertPairedCycles(Simulator sim, List<Shape> shapes) {
    SplittableRandom r = new SplittableRandom(9);
    for (Shape s : shapes) {
      for (double density : new double[] {0.1, 0.5}) {
        long[][] rows = rows(s, density, r);
        long[] nonZero = nonZero(rows);
        for (boolean pairs : new boolean[] {true, false}) {
          BenchResult b = assertRun(sim, s, rows, s.tMax(), 1, 0, pairs);
          assertEquals(
              CycleModel.pipelinedPointwiseSource(nonZero, s.groups(), s.ways(), pairs)
                  + POINTWISE_START,
              passCycles(b),
              () -> s + " pairs=" + pairs + "\n" + b.describe());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedPair(Simulator sim) {
    // the second row's lowest bit
    assertOneCorruptedPair(sim, PAIRS, PAIRS.xb() + PAIRS.rowBits());
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedSecondValue(Simulator sim) {
    // the second value's lowest bit
    Shape s = PAIRS_VALUES;
    assertOneCorruptedPair(sim, s, s.xb() + 2 * s.rowBits());
  }

  /** Bit {@code bit} of a paired event in the middle of the pass flipped: one mismatch, there. */
  private static void assertOneCorruptedPair(Simulator sim, Shape s, int bit) {
    long[][] rows = rows(s, 0.3, new SplittableRandom(4));
    List<Event> ev = pairedEvents(s, rows, s.tMax());
    List<String> expect = new ArrayList<>(expectWords(s, ev));
    int beat = expect.size() / 2;
    while (!ev.get(beat).pair()) {
      beat++;
    }
    String w = expect.get(beat);
    String flipped = new BigInteger(w, 16).flipBit(bit).toString(16);
    expect.set(beat, "0".repeat(Math.max(0, w.length() - flipped.length())) + flipped);
    BenchResult b = run(sim, s, rows, s.tMax(), expect, 2, 30, true);
    assertTrue(b.finished(), b::describe);
    assertEquals(1, b.mismatches(), b::describe);
    int at = beat;
    assertTrue(b.mismatchLines().get(0).contains("beat=" + at), b::describe);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void sendsTheEventsInOrderUnderRandomStalls(Simulator sim) {
    int[] stalls = {0, 30, 60, 85};
    double[] densities = {0.0, 0.05, 0.3, 0.9};
    for (Shape s : SHAPES) {
      SplittableRandom r = new SplittableRandom(s.cin() * 31L + s.kind());
      for (int seed = 1; seed <= 4; seed++) {
        long[][] rows = rows(s, densities[seed - 1], r);
        // a full buffer, a single step and a pass shorter than the kernel's reach
        int[] steps = {s.tMax(), 1, Math.max(1, s.tMax() / 3)};
        for (int n : steps) {
          assertRun(sim, s, rows, n, seed, stalls[seed - 1]);
        }
      }
    }
  }

  private static final Pattern PASS = Pattern.compile("(?m)^PASS cycles=(\\d+)\\s*$");

  /** The bench's count from the start pulse to busy low. */
  private static long passCycles(BenchResult b) {
    Matcher m = PASS.matcher(b.run().output());
    assertTrue(m.find(), b::describe);
    return Long.parseLong(m.group(1));
  }

  /**
   * Cycles of the bench's count beyond the source's own, as the cycle model counts them: the start
   * pulse's edge (the unit's first read follows it), and for the depthwise source the cycle its
   * last event waits for its read.
   */
  private static final long POINTWISE_START = 1;

  private static final long DEPTHWISE_START = 2;

  @ParameterizedTest
  @MethodSource("simulators")
  void pipelinedPassesTakeTheCyclesOfTheCycleModel(Simulator sim) {
    SplittableRandom r = new SplittableRandom(5);
    for (Shape s : List.of(POINTWISE, POINTWISE_WIDE_VALUES, POINTWISE_ONE_GROUP, POINTWISE_WAYS)) {
      long[][] rows = rows(s, 0.2, r);
      long[] nonZero = nonZero(rows);
      BenchResult b = assertRun(sim, s, rows, s.tMax(), 1, 0);
      assertEquals(
          CycleModel.pipelinedPointwiseSource(nonZero, s.groups(), s.ways()) + POINTWISE_START,
          passCycles(b),
          () -> s + "\n" + b.describe());
    }
    for (Shape s : List.of(CONV, CONV_WAYS, CONV_FIVE_TAPS)) {
      long[][] rows = rows(s, 0.2, r);
      long[] nonZero = nonZero(rows);
      BenchResult b = assertRun(sim, s, rows, s.tMax(), 1, 0);
      assertEquals(
          CycleModel.pipelinedChannelSource(nonZero, s.taps(), s.groups(), s.ways())
              + POINTWISE_START,
          passCycles(b),
          () -> s + "\n" + b.describe());
    }
    for (Shape s : List.of(DEPTHWISE, DEPTHWISE_WIDE_X, DEPTHWISE_WAYS)) {
      BenchResult b = assertRun(sim, s, rows(s, 0.2, r), s.tMax(), 1, 0);
      assertEquals(
          CycleModel.pipelinedDepthwiseSource(s.tMax(), s.taps(), s.groups(), s.ways())
              + DEPTHWISE_START,
          passCycles(b),
          () -> s + "\n" + b.describe());
    }
  }

  private static long[] nonZero(long[][] rows) {
    long[] n = new long[rows.length];
    for (int t = 0; t < rows.length; t++) {
      for (long v : rows[t]) {
        n[t] += v != 0 ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * {@code event_source} reading a buffer while it is written (the pipelined design's embedding
   * reads the input frames as the loader writes them): row {@code r} written {@code fill * (r + 1)}
   * cycles after the start, the count of steps known with the last one. The events are those of a
   * buffer written before the pass, no row is read before it is written (the bench returns such a
   * row inverted and fails), and the channel convolution's cycles are the cycle model's.
   */
  @ParameterizedTest
  @MethodSource("simulators")
  void readsRowsAsTheyAreWritten(Simulator sim) {
    SplittableRandom r = new SplittableRandom(11);
    int[] fills = {1, 6, 23};
    int[] stalls = {0, 45, 0};
    for (Shape s :
        List.of(
            SEQ_CONV,
            SEQ_POINTWISE,
            SEQ_DEPTHWISE,
            SEQ_CONV_AHEAD,
            SEQ_CONV_AHEAD_FIVE,
            SEQ_POINTWISE_AHEAD)) {
      for (int i = 0; i < fills.length; i++) {
        long[][] rows = rows(s, 0.05 + 0.3 * i, r);
        for (int steps : new int[] {s.tMax(), 1, Math.max(2, s.tMax() / 3)}) {
          List<String> expect = expectWords(s, events(s, rows, steps));
          BenchResult b =
              run(sim, s, rows, steps, expect, i + 1, stalls[i], List.of("+fill=" + fills[i]));
          String what = s + " steps=" + steps + " fill=" + fills[i];
          assertTrue(b.clean(expect.size()), () -> what + "\n" + b.describe());
          if (s.kind() != 2 && stalls[i] == 0) {
            long[] ready = new long[steps];
            for (int t = 0; t < steps; t++) {
              ready[t] = (long) fills[i] * (t + 1);
            }
            long[] nz = java.util.Arrays.copyOf(nonZero(rows), steps);
            assertEquals(
                CycleModel.gatedChannelSource(nz, s.taps(), s.groups(), ready, s.ahead() != 0)
                    + POINTWISE_START,
                passCycles(b),
                () -> what + "\n" + b.describe());
          }
        }
      }
    }
  }

  /** A source shown one row more than has been written reads it early: the bench's check fails. */
  @ParameterizedTest
  @MethodSource("simulators")
  void reportsARowReadBeforeItIsWritten(Simulator sim) {
    long[][] rows = rows(SEQ_CONV, 0.3, new SplittableRandom(4));
    List<String> expect = expectWords(SEQ_CONV, events(SEQ_CONV, rows, SEQ_CONV.tMax()));
    BenchResult b =
        run(sim, SEQ_CONV, rows, SEQ_CONV.tMax(), expect, 1, 0, List.of("+fill=9", "+ahead=1"));
    assertTrue(b.finished(), b::describe);
    assertTrue(b.mismatches() > 0, b::describe);
    assertTrue(b.mismatchLines().get(0).contains("row read early"), b::describe);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedEvent(Simulator sim) {
    for (Shape s : List.of(POINTWISE, DEPTHWISE)) {
      long[][] rows = rows(s, 0.3, new SplittableRandom(3));
      List<String> expect = new ArrayList<>(expectWords(s, events(s, rows, s.tMax())));
      int beat = expect.size() / 2;
      String w = expect.get(beat);
      String flipped = new BigInteger(w, 16).flipBit(s.xb()).toString(16);
      expect.set(beat, "0".repeat(Math.max(0, w.length() - flipped.length())) + flipped);
      BenchResult b = run(sim, s, rows, s.tMax(), expect, 2, 30);
      assertTrue(b.finished(), b::describe);
      assertEquals(1, b.mismatches(), b::describe);
      assertTrue(b.mismatchLines().get(0).contains("beat=" + beat), b::describe);
    }
  }

  @Test
  void lintsAndSynthesizesClean() {
    for (Shape s :
        List.of(
            POINTWISE,
            POINTWISE_WIDE_VALUES,
            DEPTHWISE,
            DEPTHWISE_WIDE_X,
            POINTWISE_WAYS,
            PAIRS,
            PAIRS_WIDE,
            PAIRS_VALUES)) {
      Map<String, Long> params = new LinkedHashMap<>(s.parameters());
      params.remove("PIPELINED");
      params.remove("AHEAD");
      RtlBuild unit =
          UnitBench.unit(
              "event_source_pipelined", params, "event_source_pipelined.v", "skid_buffer.v");
      UnitBench.assertLintClean(unit);
      SynthReport r = UnitBench.assertSynthClean(unit);
      System.out.printf(
          "event_source_pipelined %s: LUT %d FF %d BRAM36 %.1f DSP %d%n",
          s, r.luts(), r.flipFlops(), r.bram36(), r.dsps());
    }
    for (Shape s : List.of(SEQ_CONV, SEQ_CONV_AHEAD, SEQ_POINTWISE_AHEAD, SEQ_DEPTHWISE)) {
      Map<String, Long> params = new LinkedHashMap<>(s.parameters());
      params.remove("PIPELINED");
      params.remove("WAYS");
      RtlBuild unit = UnitBench.unit("event_source", params, "event_source.v", "skid_buffer.v");
      UnitBench.assertLintClean(unit);
      SynthReport r = UnitBench.assertSynthClean(unit);
      System.out.printf(
          "event_source %s: LUT %d FF %d BRAM36 %.1f DSP %d%n",
          s, r.luts(), r.flipFlops(), r.bram36(), r.dsps());
    }
  }
}
