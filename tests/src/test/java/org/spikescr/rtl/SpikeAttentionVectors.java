package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.QkLayout;
import org.spikescr.model.Tensor;
import org.spikescr.model.quantized.RopeTable;
import org.spikescr.quant.ChannelQuantizer;
import org.spikescr.quant.Quantizer;
import org.spikescr.sim.OpCounts;
import org.spikescr.sim.fixedsim.FixedAttention;
import org.spikescr.sim.fixedsim.FixedLif;

/**
 * Vector files of the {@code spike_attention} bench: utterances in, and every output beat the
 * golden model ({@link FixedAttention} and {@link FixedLif}) expects, in the unit's beat layouts.
 */
final class SpikeAttentionVectors {

  /**
   * The unit's parameters.
   *
   * @param d channels
   * @param h heads
   * @param tMax longest utterance, steps
   * @param fr RoPE fraction bits F_R
   * @param g membrane fraction bits G
   * @param trace whether the unit emits its second-LIF and attention-LIF traces
   * @param headsParallel every head's scores of a key in one cycle ({@code HEADS_PAR = 1})
   * @param keysParallel keys per cycle of the score phase ({@code KEYS_PAR}, 2 only with heads in
   *     parallel)
   */
  record Shape(
      int d,
      int h,
      int tMax,
      int fr,
      int g,
      boolean trace,
      boolean headsParallel,
      int keysParallel) {
    /** A shape of the serial-heads unit. */
    Shape(int d, int h, int tMax, int fr, int g, boolean trace) {
      this(d, h, tMax, fr, g, trace, false, 1);
    }

    /** The same shape with every head's scores of a key in one cycle ({@code HEADS_PAR = 1}). */
    Shape headsInParallel() {
      return new Shape(d, h, tMax, fr, g, trace, true, 1);
    }

    /**
     * The same shape with every head's scores of two keys in one cycle ({@code HEADS_PAR = 1,
     * KEYS_PAR = 2}).
     */
    Shape twoKeys() {
      return new Shape(d, h, tMax, fr, g, trace, true, 2);
    }

    int dh() {
      return d / h;
    }

    FixedFormat ropeFormat() {
      return FixedFormat.ofSigned(fr + 2, 2);
    }

    /** The second LIF's membrane width, as the quantizer computes it. */
    int membraneQk() {
      FixedFormat f = ropeFormat();
      return ChannelQuantizer.membraneBits(f.minRaw() << g, f.maxRaw() << g, 1L << (fr + g));
    }

    /** The attention LIF's membrane width, as the quantizer computes it. */
    int membraneAtt() {
      return ChannelQuantizer.membraneBits(0, ((long) tMax * dh()) << g, 1L << (g + 2));
    }

    int yBits() {
      return FixedFormat.integerFor(0, (long) tMax * dh()).totalBits();
    }

    /** The RoPE table as the quantizer builds it from the standard frequencies of Dh. */
    RopeTable table() {
      float[] freqs = new float[dh() / 2];
      for (int j = 0; j < freqs.length; j++) {
        freqs[j] = (float) (1.0 / Math.pow(10000.0, 2.0 * j / dh()));
      }
      return Quantizer.rope(new Tensor(new int[] {freqs.length}, freqs), ropeFormat(), tMax);
    }

    /** The unit's parameters (the bench's, without its buffer sizes). */
    Map<String, Long> unitParameters() {
      Map<String, Long> p = new LinkedHashMap<>();
      p.put("D", (long) d);
      p.put("H", (long) h);
      p.put("T_MAX", (long) tMax);
      p.put("F_R", (long) fr);
      p.put("G", (long) g);
      p.put("M_QK", (long) membraneQk());
      p.put("M_ATT", (long) membraneAtt());
      p.put("TRACE", trace ? 1L : 0L);
      p.put("HEADS_PAR", headsParallel ? 1L : 0L);
      p.put("KEYS_PAR", (long) keysParallel);
      return p;
    }

    /** The RoPE table file: one word per position, entry 2j = C[p, j], 2j+1 = S[p, j]. */
    String tableFile() {
      RopeTable t = table();
      int rw = fr + 2;
      List<String> words = new ArrayList<>();
      for (int p = 0; p < tMax; p++) {
        Word w = new Word();
        for (int j = 0; j < dh() / 2; j++) {
          w.put(t.cos().at(p * (dh() / 2) + j), rw);
          w.put(t.sin().at(p * (dh() / 2) + j), rw);
        }
        words.add(w.hex());
      }
      return HexFile.ofWords(words);
    }
  }

  /** One utterance of binary spikes, each row-major {@code [t * D + c]}; holds copies. */
  static final class Utterance {
    private final int steps;
    private final QkLayout layout;
    private final int[] q;
    private final int[] k;
    private final int[] v;

    /**
     * @param steps T
     * @param layout the second LIF's layout
     * @param q first q LIF spikes
     * @param k first k LIF spikes
     * @param v v LIF spikes
     */
    Utterance(int steps, QkLayout layout, int[] q, int[] k, int[] v) {
      this.steps = steps;
      this.layout = layout;
      this.q = q.clone();
      this.k = k.clone();
      this.v = v.clone();
    }

    int steps() {
      return steps;
    }

    QkLayout layout() {
      return layout;
    }

    int[] q() {
      return q.clone();
    }

    int[] k() {
      return k.clone();
    }

    int[] v() {
      return v.clone();
    }

    @Override
    public String toString() {
      return "Utterance[steps=" + steps + ", layout=" + layout + "]";
    }
  }

  private final Shape shape;
  private final RopeTable table;
  private final List<String> in = new ArrayList<>();
  private final List<String> att = new ArrayList<>();
  private final List<String> qk = new ArrayList<>();
  private final List<String> ay = new ArrayList<>();
  private final List<Integer> lengths = new ArrayList<>();
  private long spikes;

  SpikeAttentionVectors(Shape shape) {
    this.shape = shape;
    this.table = shape.table();
  }

  /** Adds an utterance and the beats the golden model expects of it. */
  void add(Utterance u) {
    add(u, true);
  }

  /**
   * Adds an utterance of T_max steps whose last row does not carry the last flag: the unit ends an
   * utterance at step T_max - 1 regardless.
   */
  void addWithoutLast(Utterance u) {
    if (u.steps() != shape.tMax()) {
      throw new IllegalArgumentException(
          "an utterance without last needs " + shape.tMax() + " steps, got " + u.steps());
    }
    add(u, false);
  }

  private void add(Utterance u, boolean markLast) {
    lengths.add(u.steps());
    int d = shape.d();
    int dh = shape.dh();
    int g = shape.g();
    int steps = u.steps();
    for (int t = 0; t < steps; t++) {
      Word w = new Word();
      putRow(w, u.q(), t);
      putRow(w, u.k(), t);
      putRow(w, u.v(), t);
      w.put(markLast && t == steps - 1 ? 1 : 0, 1);
      w.put(u.layout() == QkLayout.OFFICIAL ? 1 : 0, 1);
      in.add(w.hex());
    }
    FixedAttention model = new FixedAttention(table, shape.h(), dh, u.layout());
    SaturationCounter counter = new SaturationCounter("attention");
    long[] qkTheta = fill(d, 1L << (shape.fr() + g));
    FixedLif.LifRun q2 =
        FixedLif.run(
            rows(model.ropeLanes(u.q(), steps, g), steps, d), qkTheta, shape.membraneQk(), counter);
    FixedLif.LifRun k2 =
        FixedLif.run(
            rows(model.ropeLanes(u.k(), steps, g), steps, d), qkTheta, shape.membraneQk(), counter);
    long[] y =
        model.product(flat(q2.spikes()), flat(k2.spikes()), u.v(), steps, new OpCounts.Tally());
    long[][] x = rows(y, steps, d);
    for (long[] row : x) {
      for (int c = 0; c < d; c++) {
        row[c] <<= g;
      }
    }
    FixedLif.LifRun a = FixedLif.run(x, fill(d, 1L << (g + 2)), shape.membraneAtt(), counter);
    assertEquals(0, counter.events(), "saturation events of the golden model on " + u);

    for (int h = 0; h < shape.h(); h++) {
      for (int t = 0; t < steps; t++) {
        int base = model.lane(h, t, steps);
        int step = base / d;
        int lane = base % d;
        Word w = new Word();
        putLanes(w, q2.spikes()[step], lane, dh);
        putLanes(w, k2.spikes()[step], lane, dh);
        putLanes(w, q2.membranes()[step], lane, dh, shape.membraneQk());
        putLanes(w, k2.membranes()[step], lane, dh, shape.membraneQk());
        qk.add(w.hex());
        for (int c = 0; c < dh; c++) {
          spikes += q2.spikes()[step][lane + c] + k2.spikes()[step][lane + c];
        }
      }
    }
    for (int i = 0; i < steps; i++) {
      for (int h = 0; h < shape.h(); h++) {
        Word w = new Word();
        for (int c = 0; c < dh; c++) {
          w.put(y[i * d + h * dh + c], shape.yBits());
        }
        putLanes(w, a.spikes()[i], h * dh, dh);
        putLanes(w, a.membranes()[i], h * dh, dh, shape.membraneAtt());
        ay.add(w.hex());
      }
      Word w = new Word();
      putLanes(w, a.spikes()[i], 0, d);
      w.put(i == steps - 1 ? 1 : 0, 1);
      att.add(w.hex());
      for (int c = 0; c < d; c++) {
        spikes += a.spikes()[i][c];
      }
    }
  }

  /** Second-LIF and attention spikes the model produced so far (to see that a case is not idle). */
  long spikes() {
    return spikes;
  }

  /** Expected beats of all outputs (the traces only when the unit emits them). */
  long beats() {
    return att.size() + (shape.trace() ? (long) qk.size() + ay.size() : 0);
  }

  int qkBeats() {
    return qk.size();
  }

  /** The bench's files; {@code qkExpected} replaces the expected second-LIF trace when not null. */
  Map<String, String> files(List<String> qkExpected) {
    return files(qkExpected, null);
  }

  /**
   * The bench's files; {@code qkExpected} and {@code ayExpected} replace the expected second-LIF
   * and attention traces when not null.
   */
  Map<String, String> files(List<String> qkExpected, List<String> ayExpected) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("rope_table.hex", shape.tableFile());
    f.put("in.hex", HexFile.ofWords(in));
    f.put("exp_att.hex", HexFile.ofWords(att));
    f.put("exp_qk.hex", HexFile.ofWords(qkExpected == null ? qk : qkExpected));
    f.put("exp_ay.hex", HexFile.ofWords(ayExpected == null ? ay : ayExpected));
    return f;
  }

  /** The expected second-LIF trace words (hex). */
  List<String> qkWords() {
    return List.copyOf(qk);
  }

  /** The utterances' lengths T, in order. */
  List<Integer> lengths() {
    return List.copyOf(lengths);
  }

  /** The expected attention trace words (hex): {att_mem, att_spk, y}, y lowest. */
  List<String> ayWords() {
    return List.copyOf(ay);
  }

  /** The bench's counts. */
  List<String> counts() {
    int traced = shape.trace() ? 1 : 0;
    return List.of(
        "+rows=" + in.size(),
        "+att=" + att.size(),
        "+qk=" + qk.size() * traced,
        "+ay=" + ay.size() * traced);
  }

  private void putRow(Word w, int[] spikes, int t) {
    int d = shape.d();
    for (int c = 0; c < d; c++) {
      w.put(spikes[t * d + c], 1);
    }
  }

  private static void putLanes(Word w, byte[] row, int from, int n) {
    for (int c = 0; c < n; c++) {
      w.put(row[from + c], 1);
    }
  }

  private static void putLanes(Word w, long[] row, int from, int n, int bits) {
    for (int c = 0; c < n; c++) {
      w.put(row[from + c], bits);
    }
  }

  private static long[][] rows(long[] flat, int steps, int d) {
    long[][] out = new long[steps][d];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(flat, t * d, out[t], 0, d);
    }
    return out;
  }

  private static int[] flat(byte[][] rows) {
    int d = rows.length == 0 ? 0 : rows[0].length;
    int[] out = new int[rows.length * d];
    for (int t = 0; t < rows.length; t++) {
      for (int c = 0; c < d; c++) {
        out[t * d + c] = rows[t][c];
      }
    }
    return out;
  }

  private static long[] fill(int n, long v) {
    long[] out = new long[n];
    java.util.Arrays.fill(out, v);
    return out;
  }

  /** A wide word built from fields, least significant field first. */
  static final class Word {
    private BigInteger value = BigInteger.ZERO;
    private int bits;

    /**
     * Appends the low {@code width} bits of {@code v} (two's complement) above the fields so far.
     */
    Word put(long v, int width) {
      BigInteger mask = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
      value = value.or(BigInteger.valueOf(v).and(mask).shiftLeft(bits));
      bits += width;
      return this;
    }

    /** Hex digits of the whole word, zero-padded to its width. */
    String hex() {
      String h = value.toString(16);
      int digits = (bits + 3) / 4;
      return "0".repeat(Math.max(0, digits - h.length())) + h;
    }
  }
}
