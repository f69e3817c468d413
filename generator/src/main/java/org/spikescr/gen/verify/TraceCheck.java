package org.spikescr.gen.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.gen.lower.TraceTap;
import org.spikescr.model.QkLayout;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.cycles.CycleModel;
import org.spikescr.sim.fixedsim.FixedInference;
import org.spikescr.sim.fixedsim.FixedLayerTrace;
import org.spikescr.sim.fixedsim.FixedReadout;
import org.spikescr.sim.fixedsim.FixedSimulator;

/**
 * Compares the trace a design's test bench wrote ({@link Testbench}) with the fixed-point
 * simulator, beat by beat and lane by lane: every LIF layer's group, spikes and membranes at every
 * step, both second q/k LIFs, the attention scores {@code Y} and the attention LIF, the head's
 * logits, the readout's scores and the class. A missing or extra beat is a mismatch too. With a
 * {@link CycleModel}, the cycles of the load, of every pass and of the whole utterance must equal
 * its prediction as well (for runs without idle input or stalled output).
 */
public final class TraceCheck {
  private final QuantizedModel model;
  private final FixedSimulator sim;
  private final List<TraceTap> taps;
  private final List<Mismatch> mismatches = new ArrayList<>();
  private long count;
  private final List<Long> cycles = new ArrayList<>();
  private final List<Integer> classes = new ArrayList<>();
  private final List<Long> predicted = new ArrayList<>();
  private final CycleModel cycleModel;
  private final int inLanes;

  /** A check against {@code model}'s simulator, for a design with these trace taps. */
  public TraceCheck(QuantizedModel model, List<TraceTap> taps) {
    this(model, taps, null, 1);
  }

  /**
   * A check that also demands the cycles {@code cycleModel} predicts (null: none), for a design
   * taking {@code inLanes} input channels per beat.
   */
  public TraceCheck(QuantizedModel model, List<TraceTap> taps, CycleModel cycleModel, int inLanes) {
    this.model = model;
    this.sim = new FixedSimulator(model);
    this.taps = List.copyOf(taps);
    this.cycleModel = cycleModel;
    this.inLanes = inLanes;
  }

  /** The predicted cycle count of each utterance checked (empty without a cycle model). */
  public List<Long> predictedCycles() {
    return List.copyOf(predicted);
  }

  /** Every difference found, up to the first 100 (see {@link #mismatchCount()}). */
  public List<Mismatch> mismatches() {
    return List.copyOf(mismatches);
  }

  /** Differences found in all. */
  public long mismatchCount() {
    return count;
  }

  /** The design's cycle count of each utterance checked. */
  public List<Long> cycles() {
    return List.copyOf(cycles);
  }

  /** The design's class of each utterance checked. */
  public List<Integer> classes() {
    return List.copyOf(classes);
  }

  /**
   * Checks a whole trace: utterance {@code i} of {@code inputs} against the lines up to its {@code
   * E} line; missing utterances count as mismatches.
   */
  public void check(List<long[][]> inputs, String trace) {
    List<Map<String, List<String>>> utts = split(trace);
    for (int u = 0; u < inputs.size(); u++) {
      if (u >= utts.size()) {
        add(new Mismatch(u, "output", -1, -1, "result", "a result", "none"));
        continue;
      }
      utterance(u, inputs.get(u), utts.get(u));
    }
  }

  /** Lines by tag, per utterance (an utterance ends with its {@code E} line). */
  static List<Map<String, List<String>>> split(String trace) {
    List<Map<String, List<String>>> out = new ArrayList<>();
    Map<String, List<String>> cur = new LinkedHashMap<>();
    for (String line : trace.split("\n", -1)) {
      if (line.isBlank()) {
        continue;
      }
      int sp = line.indexOf(' ');
      String tag = sp < 0 ? line : line.substring(0, sp);
      String rest = sp < 0 ? "" : line.substring(sp + 1);
      cur.computeIfAbsent(tag, k -> new ArrayList<>()).add(rest);
      if (tag.equals("E")) {
        out.add(cur);
        cur = new LinkedHashMap<>();
      }
    }
    return out;
  }

  private void utterance(int u, long[][] input, Map<String, List<String>> lines) {
    Map<String, FixedLayerTrace> traces = new LinkedHashMap<>();
    FixedInference res = sim.run(input, traces);
    int steps = input.length;
    int lif = 0;
    int att = 0;
    int g = model.settings().membraneFracBits();
    for (TraceTap tap : taps) {
      switch (tap.kind()) {
        case LIF -> {
          lif(
              u,
              tap,
              traces.get(tap.layer()),
              steps,
              saturated(res, tap.layer()),
              lines.getOrDefault("L" + lif, List.of()));
          lif++;
        }
        case ATTENTION -> {
          QuantizedBlock.QuantizedAttention a = model.blocks().get(att).attention();
          qk(
              u,
              tap,
              traces.get(a.qLif2().name()),
              traces.get(a.kLif2().name()),
              steps,
              lines.getOrDefault("Q" + att, List.of()));
          ay(
              u,
              tap,
              traces.get(a.attnLif().name()),
              steps,
              g,
              lines.getOrDefault("A" + att, List.of()));
          att++;
        }
        case LOGITS -> logits(u, tap, res.logits(), lines.getOrDefault("Z", List.of()));
      }
    }
    output(u, res, lines.getOrDefault("O", List.of()));
    String[] e = lines.get("E").get(0).split(" ", -1);
    cycles.add(Long.parseLong(e[0]));
    if (cycleModel != null) {
      schedule(u, cycleModel.predict(input, inLanes, traces), lines, Long.parseLong(e[0]));
    }
    if (!e[1].equals("0") || !e[2].equals("0")) {
      add(new Mismatch(u, "input", -1, -1, "framing", "0 0", e[1] + " " + e[2]));
    }
    if (e.length > 3 && !anySaturation(res) && !isZero(e[3])) {
      // the simulator saw no saturation anywhere: every sticky flag of the design stays 0
      add(new Mismatch(u, "output", -1, -1, "saturated", "0", e[3]));
    }
  }

  /**
   * The measured schedule against the prediction: the load (first input beat to the first pass's
   * start), every pass (its start to the next one's, the last to the class beat) and the total. A
   * bench that records no schedule at all (a design from before the {@code I} and {@code P} lines)
   * has its total checked only.
   */
  private void schedule(
      int u, CycleModel.Prediction p, Map<String, List<String>> lines, long measured) {
    predicted.add(p.total());
    List<String> first = lines.getOrDefault("I", List.of());
    List<String> starts = lines.getOrDefault("P", List.of());
    if (first.size() == 1 && starts.size() == p.passes().size()) {
      long begin = Long.parseLong(first.get(0).strip());
      long[] at = new long[starts.size() + 1];
      for (int i = 0; i < starts.size(); i++) {
        at[i] = Long.parseLong(starts.get(i).split(" ", -1)[1]);
      }
      at[starts.size()] = begin + measured;
      compare(u, "load", -1, -1, "cycles", p.load(), at[0] - begin);
      for (int i = 0; i < p.passes().size(); i++) {
        CycleModel.Pass pass = p.passes().get(i);
        compare(u, pass.name(), -1, -1, "cycles", pass.cycles(), at[i + 1] - at[i]);
      }
    } else if (!first.isEmpty() || !starts.isEmpty()) {
      add(
          new Mismatch(
              u,
              "schedule",
              -1,
              -1,
              "pass starts",
              "" + p.passes().size(),
              starts.size() + " (and " + first.size() + " first beats)"));
    }
    compare(u, "total", -1, -1, "cycles", p.total(), measured);
  }

  private static boolean anySaturation(FixedInference res) {
    for (FixedInference.Saturation s : res.saturations()) {
      if (s.events() > 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether a hex field of the trace is zero (an unknown digit is not). */
  private static boolean isZero(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  /** Whether the simulator counted any saturation event in the layer's counter. */
  private static boolean saturated(FixedInference res, String layer) {
    for (FixedInference.Saturation s : res.saturations()) {
      if (s.layer().equals(layer) && s.events() > 0) {
        return true;
      }
    }
    return false;
  }

  private void lif(
      int u, TraceTap tap, FixedLayerTrace tr, int steps, boolean saturates, List<String> got) {
    int p = tap.lanes();
    int groups = tap.groups();
    int m = tap.membraneBits();
    if (!beats(u, tap.layer(), steps * groups, got)) {
      return;
    }
    for (int t = 0; t < steps; t++) {
      for (int gi = 0; gi < groups; gi++) {
        String[] f = got.get(t * groups + gi).split(" ", -1);
        int group = Integer.parseInt(f[0], 16);
        BigInteger spk = new BigInteger(f[1], 16);
        BigInteger mem = new BigInteger(f[2], 16);
        BigInteger ovf = new BigInteger(f[3], 16);
        if (!saturates && ovf.signum() != 0) {
          // the simulator saw no saturation in this layer: no lane may flag one
          add(new Mismatch(u, tap.layer(), t, gi * p, "overflow flags", "0", ovf.toString(16)));
        }
        if (group != gi) {
          add(new Mismatch(u, tap.layer(), t, gi * p, "group", "" + gi, "" + group));
          continue;
        }
        for (int l = 0; l < p; l++) {
          int c = gi * p + l;
          compare(u, tap.layer(), t, c, "spike", tr.spikes()[t][c], spk.testBit(l) ? 1 : 0);
          compare(u, tap.layer(), t, c, "membrane", tr.membrane()[t][c], field(mem, l, m, true));
        }
      }
    }
  }

  private void qk(
      int u, TraceTap tap, FixedLayerTrace q, FixedLayerTrace k, int steps, List<String> got) {
    int dh = tap.lanes();
    int heads = tap.groups();
    int m = tap.membraneBits();
    boolean official = model.config().qkLayout() == QkLayout.OFFICIAL;
    if (!beats(u, q.name(), heads * steps, got)) {
      return;
    }
    for (int h = 0; h < heads; h++) {
      for (int t = 0; t < steps; t++) {
        BigInteger w = new BigInteger(got.get(h * steps + t), 16);
        int s = h * steps + t;
        int step = official ? s / heads : t;
        int base = (official ? s % heads : h) * dh;
        for (int d = 0; d < dh; d++) {
          int c = base + d;
          compare(u, q.name(), step, c, "spike", q.spikes()[step][c], w.testBit(d) ? 1 : 0);
          compare(u, k.name(), step, c, "spike", k.spikes()[step][c], w.testBit(dh + d) ? 1 : 0);
          compare(u, q.name(), step, c, "membrane", q.membrane()[step][c], field(w, 2 * dh, d, m));
          compare(
              u,
              k.name(),
              step,
              c,
              "membrane",
              k.membrane()[step][c],
              field(w, 2 * dh + dh * m, d, m));
        }
      }
    }
  }

  private void ay(int u, TraceTap tap, FixedLayerTrace a, int steps, int g, List<String> got) {
    int dh = tap.lanes();
    int heads = tap.groups();
    int m = tap.groupBits();
    int yBits = tap.extra();
    if (!beats(u, a.name(), heads * steps, got)) {
      return;
    }
    for (int i = 0; i < steps; i++) {
      for (int h = 0; h < heads; h++) {
        BigInteger w = new BigInteger(got.get(i * heads + h), 16);
        for (int d = 0; d < dh; d++) {
          int c = h * dh + d;
          long y = w.shiftRight(d * yBits).and(mask(yBits)).longValueExact();
          compare(u, a.name(), i, c, "y", a.input()[i][c] >> g, y);
          int spk = w.testBit(dh * yBits + d) ? 1 : 0;
          compare(u, a.name(), i, c, "spike", a.spikes()[i][c], spk);
          compare(
              u, a.name(), i, c, "membrane", a.membrane()[i][c], field(w, dh * yBits + dh, d, m));
        }
      }
    }
  }

  private void logits(int u, TraceTap tap, long[][] z, List<String> got) {
    int classes = tap.lanes();
    int xw = tap.groupBits();
    if (!beats(u, "head", z.length, got)) {
      return;
    }
    for (int t = 0; t < z.length; t++) {
      BigInteger w = new BigInteger(got.get(t), 16);
      for (int k = 0; k < classes; k++) {
        compare(u, "head", t, k, "logit", z[t][k], field(w, k, xw, true));
      }
    }
  }

  private void output(int u, FixedInference res, List<String> got) {
    long[] scores = res.scores();
    if (!beats(u, "readout", scores.length + 1, got)) {
      return;
    }
    for (int k = 0; k < scores.length; k++) {
      String[] f = got.get(k).split(" ", -1);
      compare(u, "readout", k, k, "score", scores[k], new BigInteger(f[0], 16).longValueExact());
      compare(u, "readout", k, k, "tlast", 0, Long.parseLong(f[1]));
    }
    String[] f = got.get(scores.length).split(" ", -1);
    int cls = new BigInteger(f[0], 16).intValueExact();
    classes.add(cls);
    compare(u, "readout", -1, -1, "class", FixedReadout.argmax(scores), cls);
    compare(u, "readout", -1, -1, "tlast", 1, Long.parseLong(f[1]));
  }

  private boolean beats(int u, String layer, int expected, List<String> got) {
    if (got.size() != expected) {
      add(new Mismatch(u, layer, -1, -1, "beats", "" + expected, "" + got.size()));
      return false;
    }
    return true;
  }

  private void compare(int u, String layer, int step, int lane, String what, long exp, long got) {
    if (exp != got) {
      add(new Mismatch(u, layer, step, lane, what, "" + exp, "" + got));
    }
  }

  private void add(Mismatch m) {
    count++;
    if (mismatches.size() < 100) {
      mismatches.add(m);
    }
  }

  private static BigInteger mask(int bits) {
    return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
  }

  /** Lane {@code l} of {@code bits} bits of a word, signed or not. */
  static long field(BigInteger w, int l, int bits, boolean signed) {
    BigInteger v = w.shiftRight(l * bits).and(mask(bits));
    if (signed && v.testBit(bits - 1)) {
      v = v.subtract(BigInteger.ONE.shiftLeft(bits));
    }
    return v.longValueExact();
  }

  /** Signed lane {@code l} of {@code bits} bits starting at bit {@code offset}. */
  static long field(BigInteger w, int offset, int l, int bits) {
    return field(w.shiftRight(offset), l, bits, true);
  }
}
