package org.spikescr.gen.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.spikescr.gen.ir.Direction;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.ir.ModuleKind;
import org.spikescr.gen.ir.Param;
import org.spikescr.gen.ir.Port;
import org.spikescr.gen.ir.StreamPort;

/**
 * The interfaces of the hand-written units of {@code templates/static} at one parameterization:
 * their parameters and every port with its width computed as the unit's header states it. A
 * generated module that instantiates a unit uses these ports; Verilator's lint of the generated
 * design checks that they agree with the Verilog.
 */
public final class LibraryUnits {
  private LibraryUnits() {}

  /** Bits of an index into {@code n} items: {@code max(1, ceil(log2 n))}. */
  public static int indexBits(long n) {
    return n > 1 ? clog2(n) : 1;
  }

  /** {@code ceil(log2 n)} for {@code n >= 1}, as Verilog's {@code $clog2}. */
  public static int clog2(long n) {
    return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
  }

  /** Hand-written modules that each unit instantiates inside itself. */
  private static final Map<String, List<String>> INSIDE =
      Map.ofEntries(
          Map.entry("synaptic_engine", List.of("skid_buffer")),
          Map.entry("lif_core", List.of("skid_buffer")),
          Map.entry("readout", List.of("rom")),
          Map.entry("spike_attention", List.of("rope_rotate", "spike_attention_lif")),
          Map.entry("event_source", List.of("skid_buffer")),
          Map.entry("event_source_pipelined", List.of("skid_buffer")),
          Map.entry("gsu_gate", List.of("skid_buffer")),
          Map.entry("logit_serializer", List.of("skid_buffer")),
          Map.entry("qkv_source", List.of("skid_buffer")),
          Map.entry("score_out", List.of("skid_buffer")),
          Map.entry("slice_source", List.of("skid_buffer")));

  /**
   * The library modules that {@code units} need besides themselves, in a stable order (sorted by
   * name), excluding those already in {@code units}.
   */
  public static List<String> dependencies(Set<String> units) {
    Set<String> out = new TreeSet<>();
    for (String u : units) {
      for (String d : INSIDE.getOrDefault(u, List.of())) {
        if (!units.contains(d)) {
          out.add(d);
        }
      }
    }
    return List.copyOf(out);
  }

  /** {@code synaptic_engine} with the given parameters. */
  public static HwModule synapticEngine(SynapseParams p) {
    return synapticEngine(p, (long) p.groups() * p.rows(), p.groups(), 1, 1);
  }

  /**
   * {@code synaptic_engine} shared by layers whose largest numbers are {@code p}: a weight memory
   * of {@code words} words and a bias memory of {@code biasWords} words holding every layer; {@code
   * valueBits} is {@code XV}, the width of a multi-level input of {@link
   * SynapseMode#POINTWISE_OR_DEPTHWISE} (1 for any other kind); {@code ways} is {@code WAYS}, the
   * output beats per event group (its events carry groups of {@code ways * lanes} channels).
   */
  public static HwModule synapticEngine(
      SynapseParams p, long words, long biasWords, int valueBits, int ways) {
    return synapticEngine(p, words, biasWords, valueBits, ways, false);
  }

  /**
   * As {@link #synapticEngine(SynapseParams, long, long, int, int)}; with {@code pairs} ({@code
   * PAIRS = 1}) its events carry a second row and the bit that says it is there.
   */
  public static HwModule synapticEngine(
      SynapseParams p, long words, long biasWords, int valueBits, int ways, boolean pairs) {
    return synapticEngine(p, words, biasWords, valueBits, ways, pairs ? PAIRS_SAME_VALUE : 0);
  }

  /** {@code PAIRS = 1}: an event's second row is added times the event's one value. */
  public static final int PAIRS_SAME_VALUE = 1;

  /** {@code PAIRS = 2}: an event's second row comes with a value of its own. */
  public static final int PAIRS_TWO_VALUES = 2;

  /**
   * As {@link #synapticEngine(SynapseParams, long, long, int, int)}; {@code pairs} is {@code
   * PAIRS}: 0 one row per event, {@link #PAIRS_SAME_VALUE} or {@link #PAIRS_TWO_VALUES}.
   */
  public static HwModule synapticEngine(
      SynapseParams p, long words, long biasWords, int valueBits, int ways, int pairs) {
    if (pairs < 0 || pairs > PAIRS_TWO_VALUES) {
      throw new IllegalArgumentException("PAIRS must be 0, 1 or 2, got " + pairs);
    }
    int gw = indexBits(p.groups());
    List<Param> params =
        new ArrayList<>(
            List.of(
                new Param("MODE", p.mode().code(), "kind of input"),
                new Param("P", p.lanes(), "lanes"),
                new Param("N", p.weightBits(), "weight width in bits"),
                new Param("XB", p.inputBits(), "input value width in bits"),
                new Param("XV", valueBits, "multi-level value width of the shared kind"),
                new Param("ROWS", p.rows(), "weight rows per group"),
                new Param("GROUPS", p.groups(), "channel groups"),
                new Param("WAYS", ways, "output beats per event group")));
    params.add(new Param("PAIRS", pairs, "events of two rows (2: each with its value)"));
    params.addAll(
        List.of(
            new Param("A", p.accBits(), "accumulator width in bits"),
            new Param("G", p.fracBits(), "membrane fraction bits"),
            new Param("BW", p.biasBits(), "bias width in bits"),
            new Param("WORDS", words, "words of the weight memory"),
            new Param("BIAS_WORDS", biasWords, "words of the bias memory")));
    List<Port> side = new ArrayList<>();
    side.add(Port.in("cfg_acc_bits", 8));
    side.add(Port.in("cfg_lane_inputs", 1));
    side.add(Port.in("cfg_rows", clog2(p.rows()) + 1));
    side.add(Port.in("cfg_weight_base", indexBits(words)));
    side.add(Port.in("cfg_bias_base", indexBits(biasWords)));
    side.add(Port.in("s_ev_last", 1));
    side.add(Port.out("m_x_ovf", p.lanes()));
    side.add(Port.out("m_x_group", gw));
    return new HwModule(
        "synaptic_engine",
        ModuleKind.LIBRARY,
        "spike-driven accumulation of weight rows for one group of P output channels",
        params,
        side,
        List.of(
            new StreamPort(
                "ev",
                Direction.INPUT,
                indexBits(p.groups() / ways)
                    + (pairs != 0 ? 1 + clog2(p.rows()) : 0)
                    + (pairs == PAIRS_TWO_VALUES ? p.inputBits() : 0)
                    + clog2(p.rows())
                    + p.inputBits(),
                false),
            new StreamPort("x", Direction.OUTPUT, p.lanes() * p.outputBits(), false)),
        List.of());
  }

  /** {@code lif_core} with the given parameters. */
  public static HwModule lifCore(LifParams p) {
    return lifCore(p, p.channels() / p.lanes());
  }

  /**
   * {@code lif_core} shared by layers whose largest numbers are {@code p}, with a threshold memory
   * of {@code thetaWords} words holding every layer.
   */
  public static HwModule lifCore(LifParams p, long thetaWords) {
    int gw = indexBits(p.channels() / p.lanes());
    List<Port> side = new ArrayList<>();
    side.add(Port.in("cfg_membrane_bits", 8));
    side.add(Port.in("cfg_theta_base", indexBits(thetaWords)));
    side.add(Port.in("theta_wr_en", 1));
    side.add(Port.in("theta_wr_addr", indexBits(thetaWords)));
    side.add(Port.in("theta_wr_data", p.lanes() * p.thresholdBits()));
    return new HwModule(
        "lif_core",
        ModuleKind.LIBRARY,
        "P lanes of the integer LIF neuron over channel groups",
        List.of(
            new Param("P", p.lanes(), "lanes"),
            new Param("C", p.channels(), "channels"),
            new Param("M", p.membraneBits(), "membrane width in bits"),
            new Param("XW", p.inputBits(), "input width in bits"),
            new Param("TW", p.thresholdBits(), "threshold width in bits"),
            new Param("THETA_WORDS", thetaWords, "words of the threshold memory")),
        side,
        List.of(
            new StreamPort("in", Direction.INPUT, 1 + gw + p.lanes() * p.inputBits(), false),
            new StreamPort(
                "out", Direction.OUTPUT, p.lanes() * (p.membraneBits() + 2) + gw, false)),
        List.of());
  }

  /** {@code spike_attention} with the given parameters. */
  public static HwModule spikeAttention(AttentionParams p) {
    int dh = p.channels() / p.heads();
    int yBits = clog2((long) p.maxSteps() * dh + 1);
    List<Port> side = new ArrayList<>();
    side.add(Port.in("official", 1));
    return new HwModule(
        "spike_attention",
        ModuleKind.LIBRARY,
        "spiking self-attention with RoPE",
        List.of(
            new Param("D", p.channels(), "channels"),
            new Param("H", p.heads(), "heads"),
            new Param("T_MAX", p.maxSteps(), "longest utterance in steps"),
            new Param("F_R", p.ropeFracBits(), "RoPE fraction bits"),
            new Param("G", p.fracBits(), "membrane fraction bits"),
            new Param("M_QK", p.qkMembraneBits(), "second q/k LIF membrane width in bits"),
            new Param("M_ATT", p.attnMembraneBits(), "attention LIF membrane width in bits"),
            new Param("TRACE", 1, "trace streams on"),
            new Param(
                "HEADS_PAR",
                p.headsParallel() ? 1 : 0,
                "1: the scores of every head of a key in one cycle"),
            new Param(
                "KEYS_PAR", p.keysParallel(), "keys per cycle of the score phase (2: HEADS_PAR)")),
        side,
        List.of(
            new StreamPort("qkv", Direction.INPUT, 3 * p.channels(), true),
            new StreamPort("att", Direction.OUTPUT, p.channels(), true),
            new StreamPort("qk", Direction.OUTPUT, 2 * dh * (p.qkMembraneBits() + 1), false),
            new StreamPort("ay", Direction.OUTPUT, dh * (p.attnMembraneBits() + 1 + yBits), false)),
        List.of());
  }

  /** {@code readout} with the given parameters. */
  public static HwModule readout(ReadoutParams p) {
    List<Port> side = new ArrayList<>();
    side.add(Port.out("m_score_class", clog2(p.classes())));
    return new HwModule(
        "readout",
        ModuleKind.LIBRARY,
        "fixed-point softmax, score accumulation and argmax",
        List.of(
            new Param("CLASSES", p.classes(), "classes"),
            new Param("Z_W", p.logitBits(), "logit width in bits"),
            new Param("EXP_LEN", p.expLength(), "entries of the exp table"),
            new Param("E_F", p.expFracBits(), "exp table fraction bits"),
            new Param("P_F", p.probFracBits(), "probability fraction bits"),
            new Param("R", p.indexShift(), "index shift"),
            new Param("T_MAX", p.maxSteps(), "longest utterance in steps"),
            new Param(
                "PAR_DIV",
                p.parDiv(),
                "0: one divider in turn; 1: one per class; 2: one beat a step, steps overlapped")),
        side,
        List.of(
            new StreamPort(
                "logit",
                Direction.INPUT,
                p.wideLogits() ? p.classes() * p.logitBits() : p.logitBits(),
                true),
            new StreamPort(
                "score", Direction.OUTPUT, p.probFracBits() + clog2(p.maxSteps()) + 1, true)),
        List.of());
  }
}
