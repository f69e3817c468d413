package org.spikescr.rtl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.model.quantized.IntTensor;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.sim.fixedsim.FixedSynapseReference;

/**
 * Vectors of the {@code synaptic_engine} test bench: the weight and bias images of a layer, the
 * event stream a controller sends for a whole utterance (docs/hw-units/synaptic_engine.md), and the
 * output beats that the layer's Java model ({@link FixedSynapseReference}) gives. Several
 * utterances go into one stream, one after the other, so one simulation checks them all.
 */
final class SynapticVectors {
  /** Engine kinds, the values of the MODE parameter. */
  static final int BINARY = 0;

  static final int SHIFT_ADD = 1;
  static final int MUL_UNSIGNED = 2;
  static final int MUL_SIGNED = 3;
  static final int LANE_BINARY = 4;

  /** MODE 5: one engine for per-lane bits and XV-bit values, chosen by cfg_lane_inputs. */
  static final int SHARED = 5;

  /**
   * Cycles from the clock edge that accepts a step's last event to the edge that hands its output
   * beat to a ready consumer, counted inclusively as the bench's SPAN line counts them: a run of E
   * back-to-back events spans E + LATENCY cycles.
   */
  static final int LATENCY = 3;

  /**
   * Parameters of one engine build.
   *
   * @param mode MODE
   * @param p lanes
   * @param n weight bits
   * @param xb input value bits
   * @param rows weight rows per group
   * @param groups channel groups
   * @param a accumulator bits
   * @param g membrane fraction bits
   * @param bw bias bits
   * @param xv MODE 5: bits of a multi-level input value (1 otherwise)
   * @param laneInputs MODE 5: the layer's inputs are per-lane bits (cfg_lane_inputs); MODE 4: true
   * @param ways output beats per event group (WAYS): the engine accumulates {@code ways * p} lanes
   * @param pairs PAIRS: 1, an event may carry a second row of the same value, and the vectors pair
   *     the events of a (step, group) whose values are equal; 2, a second row with its own value,
   *     and the vectors pair the lowest and the highest rows of a (step, group) as {@code
   *     event_source_pipelined} sends them; 0, one row per event
   */
  record Config(
      int mode,
      int p,
      int n,
      int xb,
      int rows,
      int groups,
      int a,
      int g,
      int bw,
      int xv,
      boolean laneInputs,
      int ways,
      int pairs) {
    /** One row per event. */
    Config(
        int mode,
        int p,
        int n,
        int xb,
        int rows,
        int groups,
        int a,
        int g,
        int bw,
        int xv,
        boolean laneInputs,
        int ways) {
      this(mode, p, n, xb, rows, groups, a, g, bw, xv, laneInputs, ways, 0);
    }

    /** One output beat per event group (WAYS = 1). */
    Config(
        int mode,
        int p,
        int n,
        int xb,
        int rows,
        int groups,
        int a,
        int g,
        int bw,
        int xv,
        boolean laneInputs) {
      this(mode, p, n, xb, rows, groups, a, g, bw, xv, laneInputs, 1);
    }

    /** A fixed kind (MODE 0 to 4): no XV, no per-layer choice of input kind. */
    Config(int mode, int p, int n, int xb, int rows, int groups, int a, int g, int bw) {
      this(mode, p, n, xb, rows, groups, a, g, bw, 1, mode == LANE_BINARY);
    }

    /** The engine's parameters. */
    Map<String, Long> parameters() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("MODE", (long) mode);
      m.put("P", (long) p);
      m.put("N", (long) n);
      m.put("XB", (long) xb);
      m.put("ROWS", (long) rows);
      m.put("GROUPS", (long) groups);
      m.put("A", (long) a);
      m.put("G", (long) g);
      m.put("BW", (long) bw);
      if (mode == SHARED) {
        m.put("XV", (long) xv);
      }
      if (ways > 1) {
        m.put("WAYS", (long) ways);
      }
      if (pairs != 0) {
        m.put("PAIRS", (long) pairs);
      }
      return m;
    }

    RtlBuild bench() {
      Map<String, Long> m = new LinkedHashMap<>(parameters());
      m.put("LANE_INPUTS", laneInputs ? 1L : 0L);
      return UnitBench.bench("synaptic_engine", m, "synaptic_engine.v", "skid_buffer.v");
    }

    RtlBuild unit() {
      return UnitBench.unit("synaptic_engine", parameters(), "synaptic_engine.v", "skid_buffer.v");
    }

    int channels() {
      return p * groups;
    }

    int groupBits() {
      return groups > 1 ? ceilLog2(groups) : 1;
    }

    /** Groups of the events: {@code groups / ways}. */
    int eventGroups() {
      return groups / ways;
    }

    /** Accumulating lanes: {@code ways * p}, the output channels of one event group. */
    int lanes() {
      return ways * p;
    }

    int eventGroupBits() {
      return eventGroups() > 1 ? ceilLog2(eventGroups()) : 1;
    }

    int rowBits() {
      return ceilLog2(rows);
    }

    /** Width of an event, {@code last} included. */
    int eventBits() {
      int pairBits = pairs != 0 ? 1 + rowBits() + (pairs == 2 ? xb : 0) : 0;
      return 1 + eventGroupBits() + pairBits + rowBits() + xb;
    }

    /** Width of one output lane X. */
    int xBits() {
      return Math.max(a + g, bw) + 1;
    }

    /** Smallest input value of the kind. */
    long inputLo() {
      return mode == MUL_SIGNED ? -(1L << (xb - 1)) : 0;
    }

    /** Largest input value of the kind (per lane for the depthwise kind). */
    long inputHi() {
      return switch (mode) {
        case BINARY, LANE_BINARY -> 1;
        case MUL_SIGNED -> (1L << (xb - 1)) - 1;
        case SHARED -> laneInputs ? 1 : (1L << xv) - 1;
        default -> (1L << xb) - 1;
      };
    }
  }

  /** How a layer's weights and inputs map onto the engine's rows and events. */
  enum Kind {
    /** Linear or kernel-1 convolution: row = input channel. */
    POINTWISE,
    /** Embedding convolution, kernel 3: row = c * 3 + k. */
    EMBED,
    /** Depthwise temporal convolution, kernel K: row = k, x = the group's P spikes. */
    DEPTHWISE
  }

  private final Config cfg;
  private final Kind kind;
  private final SynapticLayer layer;
  private final List<BigInteger> events = new ArrayList<>();
  private final List<BigInteger> beats = new ArrayList<>();
  private long flags;
  private long referenceEvents;
  private long groupCycles;

  SynapticVectors(Config cfg, Kind kind, SynapticLayer layer) {
    this.cfg = cfg;
    this.kind = kind;
    this.layer = layer;
    if (layer.outputs() != cfg.channels() || layer.fanIn() != cfg.rows()) {
      throw new IllegalArgumentException(
          layer + " does not fit " + cfg + " (outputs P*GROUPS, fan-in ROWS)");
    }
    if (layer.accBits() != cfg.a()) {
      throw new IllegalArgumentException(layer + " has A=" + layer.accBits() + ", engine " + cfg);
    }
    int outBits = cfg.groupBits() + cfg.p() + cfg.p() * cfg.xBits();
    if (outBits > 256) {
      throw new IllegalArgumentException("output beat of " + outBits + " bits exceeds 256");
    }
  }

  /** A layer record with the given integer weights and biases (thresholds 1, scales 1). */
  static SynapticLayer layer(Config cfg, int[] shape, int[] q, long[] bias) {
    int out = shape[0];
    long[] theta = new long[out];
    double[] scale = new double[out];
    java.util.Arrays.fill(theta, 1);
    java.util.Arrays.fill(scale, 1.0);
    return new SynapticLayer(
        "test.syn",
        "test.lif",
        new IntTensor(shape, q),
        bias,
        theta,
        scale,
        cfg.inputLo(),
        cfg.inputHi(),
        cfg.a(),
        cfg.bw());
  }

  /** Random weights in {@code ap_int<N>} (both ends included) and random biases in ap_int<BW>. */
  static SynapticLayer randomLayer(Config cfg, int[] shape, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    int[] q = new int[size];
    long wmin = -(1L << (cfg.n() - 1));
    long wmax = (1L << (cfg.n() - 1)) - 1;
    for (int i = 0; i < size; i++) {
      int pick = r.nextInt(16);
      q[i] = (int) (pick == 0 ? wmin : pick == 1 ? wmax : r.nextLong(wmin, wmax + 1));
    }
    long[] bias = new long[shape[0]];
    for (int c = 0; c < bias.length; c++) {
      bias[c] = r.nextLong(-(1L << (cfg.bw() - 1)), 1L << (cfg.bw() - 1));
    }
    return layer(cfg, shape, q, bias);
  }

  /**
   * The narrowest accumulator width holding every sum of the layer for inputs in range (section 7).
   */
  static int provenAccBits(SynapticLayer l) {
    long min = 0;
    long max = 0;
    IntTensor q = l.weight();
    int fan = l.fanIn();
    for (int o = 0; o < l.outputs(); o++) {
      long lo = 0;
      long hi = 0;
      for (int i = 0; i < fan; i++) {
        long w = q.at(o * fan + i);
        lo += Math.min(w * l.inputLo(), w * l.inputHi());
        hi += Math.max(w * l.inputLo(), w * l.inputHi());
      }
      min = Math.min(min, lo);
      max = Math.max(max, hi);
    }
    return FixedFormat.signedIntegerFor(min, max).totalBits();
  }

  /**
   * Appends one utterance: its events (rows of one step and group in a shuffled order) and the
   * expected beats, step by step and group by group.
   *
   * @param x {@code [T][C_in]}, or {@code [T][D]} spikes for the depthwise kind
   */
  void utterance(long[][] x, long orderSeed) {
    SplittableRandom r = new SplittableRandom(orderSeed);
    SaturationCounter counter = new SaturationCounter(layer.name());
    long[][] expected =
        switch (kind) {
          case POINTWISE -> FixedSynapseReference.pointwise(layer, x, cfg.g(), counter);
          case EMBED -> FixedSynapseReference.embed(layer, x, cfg.g(), counter);
          case DEPTHWISE -> FixedSynapseReference.depthwise(layer, x, cfg.g(), counter);
        };
    referenceEvents += counter.events();
    for (int t = 0; t < x.length; t++) {
      boolean[] over = overflows(sums(x, t));
      for (int grp = 0; grp < cfg.eventGroups(); grp++) {
        List<long[]> step = stepEvents(x, t, grp);
        if (cfg.pairs() == 2) {
          step = lowestWithHighest(step);
        } else {
          for (int i = step.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long[] s = step.get(i);
            step.set(i, step.get(j));
            step.set(j, s);
          }
        }
        if (step.isEmpty()) {
          step.add(new long[] {0, 0});
        }
        if (cfg.pairs() == 1 && kind != Kind.DEPTHWISE) {
          step = paired(step);
        }
        for (int e = 0; e < step.size(); e++) {
          event(grp, step.get(e), e == step.size() - 1);
        }
        groupCycles += Math.max(cfg.ways(), step.size());
        for (int k = 0; k < cfg.ways(); k++) {
          beat(grp * cfg.ways() + k, expected[t], over);
        }
      }
    }
  }

  /**
   * The events of one (step, group) in pairs: each event takes the next one along when their values
   * are equal, as {@code {row, x, row_b}}.
   */
  private static List<long[]> paired(List<long[]> step) {
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < step.size(); i++) {
      long[] a = step.get(i);
      if (i + 1 < step.size() && step.get(i + 1)[1] == a[1]) {
        out.add(new long[] {a[0], a[1], step.get(i + 1)[0]});
        i++;
      } else {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * PAIRS = 2: the events of one (step, group), in row order, two per event as {@code
   * event_source_pipelined} sends them: the lowest row left with the highest, each with its own
   * value, as {@code {row, x, row_b, x_b}}; the middle one alone when their number is odd.
   */
  private static List<long[]> lowestWithHighest(List<long[]> step) {
    List<long[]> out = new ArrayList<>();
    for (int i = 0, j = step.size() - 1; i <= j; i++, j--) {
      long[] a = step.get(i);
      long[] b = step.get(j);
      out.add(i < j ? new long[] {a[0], a[1], b[0], b[1]} : a);
    }
    return out;
  }

  /** The (row, x) events of step t and group grp, x never zero, in row order. */
  private List<long[]> stepEvents(long[][] x, int t, int grp) {
    List<long[]> out = new ArrayList<>();
    int steps = x.length;
    switch (kind) {
      case POINTWISE -> {
        for (int i = 0; i < cfg.rows(); i++) {
          if (x[t][i] != 0) {
            out.add(new long[] {i, x[t][i]});
          }
        }
      }
      case EMBED -> {
        int cin = cfg.rows() / 3;
        for (int c = 0; c < cin; c++) {
          for (int k = 0; k < 3; k++) {
            int ts = t + k - 1;
            if (ts >= 0 && ts < steps && x[ts][c] != 0) {
              out.add(new long[] {c * 3L + k, x[ts][c]});
            }
          }
        }
      }
      case DEPTHWISE -> {
        int taps = cfg.rows();
        for (int k = 0; k < taps; k++) {
          int ts = t + k - (taps - 1) / 2;
          if (ts < 0 || ts >= steps) {
            continue;
          }
          long mask = 0;
          for (int j = 0; j < cfg.lanes(); j++) {
            mask |= x[ts][grp * cfg.lanes() + j] << j;
          }
          if (mask != 0) {
            out.add(new long[] {k, mask});
          }
        }
      }
    }
    return out;
  }

  /** The exact sums of step t, from the reference. */
  private long[] sums(long[][] x, int t) {
    return switch (kind) {
      case POINTWISE -> FixedSynapseReference.accumulate(layer, x[t]);
      case EMBED -> FixedSynapseReference.embedConv(layer, x, t);
      case DEPTHWISE -> FixedSynapseReference.depthwiseConv(layer, x, t);
    };
  }

  /**
   * Per channel: whether the reference's {@code sat_A} cast reports an overflow event for that sum
   * (each sum cast alone, the other channels zero).
   */
  private boolean[] overflows(long[] acc) {
    boolean[] over = new boolean[acc.length];
    for (int o = 0; o < acc.length; o++) {
      long[] one = new long[acc.length];
      one[o] = acc[o];
      SaturationCounter c = new SaturationCounter("lane");
      FixedSynapseReference.membraneInput(layer, one, cfg.g(), c);
      over[o] = c.events() == 1;
    }
    return over;
  }

  /**
   * One event word, {@code {last, group, row, x}}; with PAIRS {@code {last, group, pair, row_b,
   * row, x}}, PAIRS = 2 {@code {last, group, pair, x_b, row_b, row, x}}, the pair fields zero
   * without a pair. {@code ev} is {@code {row, x}}, with a pair {@code {row, x, row_b}} or {@code
   * {row, x, row_b, x_b}}.
   */
  private void event(int grp, long[] ev, boolean last) {
    boolean pair = ev.length > 2;
    long xbMask = (1L << cfg.xb()) - 1;
    BigInteger w = BigInteger.valueOf(last ? 1 : 0);
    w = w.shiftLeft(cfg.eventGroupBits()).or(BigInteger.valueOf(grp));
    if (cfg.pairs() != 0) {
      w = w.shiftLeft(1).or(BigInteger.valueOf(pair ? 1 : 0));
      if (cfg.pairs() == 2) {
        w = w.shiftLeft(cfg.xb()).or(BigInteger.valueOf(pair ? ev[3] & xbMask : 0));
      }
      w = w.shiftLeft(cfg.rowBits()).or(BigInteger.valueOf(pair ? ev[2] : 0));
    }
    w = w.shiftLeft(cfg.rowBits()).or(BigInteger.valueOf(ev[0]));
    w = w.shiftLeft(cfg.xb()).or(BigInteger.valueOf(ev[1] & xbMask));
    events.add(w);
  }

  private void beat(int grp, long[] xs, boolean[] over) {
    int xw = cfg.xBits();
    BigInteger w = BigInteger.valueOf(grp);
    long ovf = 0;
    for (int j = 0; j < cfg.p(); j++) {
      if (over[grp * cfg.p() + j]) {
        ovf |= 1L << j;
        flags++;
      }
    }
    w = w.shiftLeft(cfg.p()).or(BigInteger.valueOf(ovf));
    for (int j = cfg.p() - 1; j >= 0; j--) {
      w = w.shiftLeft(xw).or(BigInteger.valueOf(xs[grp * cfg.p() + j]).and(mask(xw)));
    }
    beats.add(w);
  }

  /** The layer the vectors come from. */
  SynapticLayer layer() {
    return layer;
  }

  /** Number of events. */
  int events() {
    return events.size();
  }

  /**
   * Cycles from the first accepted event to the last output beat, inclusive, with no idle cycle and
   * no back-pressure: every (step, event group) costs {@code max(WAYS, events)} cycles (one per
   * event, and with WAYS > 1 no fewer than its beats), then the last one's {@link #LATENCY} and,
   * with WAYS > 1, one cycle to copy the sums into the beat register and its other WAYS - 1 beats.
   */
  long spanCycles() {
    return groupCycles + LATENCY + (cfg.ways() > 1 ? cfg.ways() : 0);
  }

  /** Number of output beats. */
  int beats() {
    return beats.size();
  }

  /** Lanes whose expected overflow flag is set, over every beat. */
  long flags() {
    return flags;
  }

  /** Overflow events the reference counted over every utterance. */
  long referenceEvents() {
    return referenceEvents;
  }

  /** Expected beat {@code i} with bit {@code bit} flipped (for the corruption test). */
  List<BigInteger> corrupted(int i, int bit) {
    List<BigInteger> c = new ArrayList<>(beats);
    c.set(i, c.get(i).flipBit(bit));
    return c;
  }

  /** The bench's files: weights.hex, bias.hex, events.hex and expect.hex. */
  Map<String, String> files() {
    return files(beats);
  }

  /** The bench's files with the given expected beats. */
  Map<String, String> files(List<BigInteger> expected) {
    Map<String, String> f = new LinkedHashMap<>(images(cfg, layer));
    f.put("events.hex", hex(events, cfg.eventBits()));
    f.put("expect.hex", hex(expected, cfg.groupBits() + cfg.p() + cfg.p() * cfg.xBits()));
    return f;
  }

  /** Plusargs naming the counts. */
  List<String> counts() {
    return List.of("+events=" + events.size(), "+beats=" + beats.size());
  }

  /**
   * The weight image (word g * ROWS + r, lane j = weight (g*L + j, r) of the layer's weights
   * flattened to (C_out, ROWS), L = WAYS * P the accumulating lanes, g the event group) and the
   * bias image (word g, lane j = beta[g*P + j], g the output group).
   */
  static Map<String, String> images(Config cfg, SynapticLayer layer) {
    IntTensor q = layer.weight();
    List<BigInteger> w = new ArrayList<>();
    int lanes = cfg.lanes();
    for (int grp = 0; grp < cfg.eventGroups(); grp++) {
      for (int row = 0; row < cfg.rows(); row++) {
        BigInteger word = BigInteger.ZERO;
        for (int j = lanes - 1; j >= 0; j--) {
          long v = q.at((grp * lanes + j) * cfg.rows() + row);
          word = word.shiftLeft(cfg.n()).or(BigInteger.valueOf(v).and(mask(cfg.n())));
        }
        w.add(word);
      }
    }
    long[] beta = layer.bias();
    List<BigInteger> b = new ArrayList<>();
    for (int grp = 0; grp < cfg.groups(); grp++) {
      BigInteger word = BigInteger.ZERO;
      for (int j = cfg.p() - 1; j >= 0; j--) {
        word =
            word.shiftLeft(cfg.bw())
                .or(BigInteger.valueOf(beta[grp * cfg.p() + j]).and(mask(cfg.bw())));
      }
      b.add(word);
    }
    Map<String, String> f = new LinkedHashMap<>();
    f.put("weights.hex", hex(w, cfg.lanes() * cfg.n()));
    f.put("bias.hex", hex(b, cfg.p() * cfg.bw()));
    return f;
  }

  private static String hex(List<BigInteger> words, int bits) {
    int digits = (bits + 3) / 4;
    List<String> lines = new ArrayList<>(words.size());
    for (BigInteger v : words) {
      String s = v.toString(16);
      lines.add("0".repeat(Math.max(0, digits - s.length())) + s);
    }
    return HexFile.ofWords(lines);
  }

  private static BigInteger mask(int bits) {
    return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
  }

  private static int ceilLog2(int v) {
    return 32 - Integer.numberOfLeadingZeros(v - 1);
  }

  /** Random inputs {@code [T][width]}: each value non-zero with the given percent chance. */
  static long[][] randomInputs(Config cfg, int steps, int width, int percent, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[][] x = new long[steps][width];
    for (long[] row : x) {
      for (int i = 0; i < width; i++) {
        if (r.nextInt(100) < percent) {
          long v = r.nextLong(cfg.inputLo(), cfg.inputHi() + 1);
          row[i] = v;
        }
      }
    }
    return x;
  }

  /** {@code [T][width]} inputs all equal to {@code v}. */
  static long[][] constant(int steps, int width, long v) {
    long[][] x = new long[steps][width];
    for (long[] row : x) {
      java.util.Arrays.fill(row, v);
    }
    return x;
  }
}
