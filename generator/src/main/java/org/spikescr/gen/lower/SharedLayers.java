package org.spikescr.gen.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.spikescr.gen.ir.MemoryImage;
import org.spikescr.gen.pass.VerilogNames;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;

/**
 * The layers of a model that share one synaptic engine and one LIF core in the whole design ({@code
 * docs/hardware.md}, section 6): every synaptic layer whose inputs are binary spikes or
 * residual-stream values, and the depthwise convolutions (all but the embedding; the head has its
 * own engine). The shared units are sized for the largest of these layers; each layer's weights,
 * biases and thresholds lie one after the other in the shared memory images, and its {@link Member}
 * says where and with which widths.
 *
 * @param engine the shared engine's numbers: the largest rows, groups, input, accumulator and bias
 *     widths of the members
 * @param lif the shared LIF core's numbers: the largest channels, membrane and threshold widths,
 *     and the engine's output width as input width
 * @param members the sharing layers in model order
 * @param valueBits {@code XV}: the widest multi-level input of a pointwise member when depthwise
 *     layers share the engine too ({@link SynapseMode#POINTWISE_OR_DEPTHWISE}), else 1
 * @param ways the engine's {@code WAYS}: it accumulates {@code ways} groups of lanes per event (a
 *     weight word holds {@code ways * lanes} channels), its events carry groups of that many
 *     channels, and each such group leaves as {@code ways} beats
 */
public record SharedLayers(
    SynapseParams engine, LifParams lif, List<Member> members, int valueBits, int ways) {

  /** The shared engine's module and image prefix. */
  public static final String ENGINE = "pointwise_synapse";

  /** The shared LIF core's module prefix. */
  public static final String LIF = "pointwise_lif";

  /** Copies the list. */
  public SharedLayers {
    members = List.copyOf(members);
  }

  /**
   * One layer of the shared units.
   *
   * @param layer the synaptic layer's name in the model
   * @param synapse its own engine numbers (accumulator width A, rows, groups)
   * @param lifParams its own LIF numbers (membrane width M)
   * @param weightBase its first word in the shared weight image (its groups of {@code ways * lanes}
   *     channels, {@code rows} words each)
   * @param biasBase its first word in the shared bias image
   * @param thetaBase its first word in the shared threshold image
   */
  public record Member(
      String layer,
      SynapseParams synapse,
      LifParams lifParams,
      long weightBase,
      long biasBase,
      long thetaBase) {}

  /** Whether a layer of this engine kind runs on the shared units. */
  static boolean shares(SynapseParams p) {
    return p.mode() == SynapseMode.BINARY
        || p.mode() == SynapseMode.RESIDUAL
        || p.mode() == SynapseMode.DEPTHWISE;
  }

  /** The plan of {@code model}; a model without any pointwise layer is an error. */
  public static SharedLayers plan(QuantizedModel model, HwOptions options) {
    List<SynapseParams> engines = LayerPlanner.synapses(model, options);
    List<LifParams> lifs = LayerPlanner.lifs(model, options);
    List<Member> members = new ArrayList<>();
    int rows = 0;
    int groups = 0;
    int xb = 0;
    int xv = 1;
    boolean lanes = false;
    int acc = 0;
    int bias = 0;
    int channels = 0;
    int m = 0;
    int tw = 0;
    long w = 0;
    long b = 0;
    long th = 0;
    SynapseParams first = null;
    for (int i = 0; i < engines.size(); i++) {
      SynapseParams e = engines.get(i);
      if (!shares(e)) {
        continue;
      }
      LifParams lp = lifs.get(i);
      if (first == null) {
        first = e;
      } else if (e.fracBits() != first.fracBits()
          || e.weightBits() != first.weightBits()
          || e.lanes() != first.lanes()) {
        throw new IllegalArgumentException(
            "layer "
                + e.layer()
                + " cannot share the pointwise engine: its weight width, lanes or membrane fraction"
                + " bits differ from those of "
                + first.layer());
      }
      members.add(new Member(e.layer(), e, lp, w, b, th));
      w += (long) e.groups() / options.ways() * e.rows();
      b += e.groups();
      th += lp.channels() / lp.lanes();
      rows = Math.max(rows, e.rows());
      groups = Math.max(groups, e.groups());
      xb = Math.max(xb, e.inputBits());
      if (e.mode() == SynapseMode.DEPTHWISE) {
        lanes = true;
      } else {
        xv = Math.max(xv, e.inputBits());
      }
      acc = Math.max(acc, e.accBits());
      bias = Math.max(bias, e.biasBits());
      channels = Math.max(channels, lp.channels());
      m = Math.max(m, lp.membraneBits());
      tw = Math.max(tw, lp.thresholdBits());
    }
    if (first == null) {
      throw new IllegalArgumentException("the model has no pointwise synaptic layer");
    }
    SynapseParams engine =
        new SynapseParams(
            ENGINE,
            lanes
                ? SynapseMode.POINTWISE_OR_DEPTHWISE
                : xb > 1 ? SynapseMode.RESIDUAL : SynapseMode.BINARY,
            first.lanes(),
            first.weightBits(),
            xb,
            rows,
            groups,
            acc,
            first.fracBits(),
            bias);
    LifParams lif = new LifParams(LIF, first.lanes(), channels, m, engine.outputBits(), tw);
    return new SharedLayers(engine, lif, members, lanes ? xv : 1, options.ways());
  }

  /** Words of the shared weight image. */
  public long weightWords() {
    Member last = members.get(members.size() - 1);
    return last.weightBase() + (long) last.synapse().groups() / ways * last.synapse().rows();
  }

  /** Words of the shared bias image. */
  public long biasWords() {
    Member last = members.get(members.size() - 1);
    return last.biasBase() + last.synapse().groups();
  }

  /** Words of the shared threshold image. */
  public long thetaWords() {
    Member last = members.get(members.size() - 1);
    return last.thetaBase() + last.lifParams().channels() / last.lifParams().lanes();
  }

  /** The member computing synaptic layer {@code name}, or null. */
  public Member member(String name) {
    for (Member mb : members) {
      if (mb.layer().equals(name)) {
        return mb;
      }
    }
    return null;
  }

  /** The shared weight, bias and threshold images, in that order. */
  public List<MemoryImage> images(QuantizedModel model) {
    List<BigInteger> weights = new ArrayList<>();
    List<BigInteger> biases = new ArrayList<>();
    List<BigInteger> thetas = new ArrayList<>();
    StringBuilder where = new StringBuilder();
    for (SynapticLayer l : model.synapticLayers()) {
      Member mb = member(l.name());
      if (mb == null) {
        continue;
      }
      String base = VerilogNames.legal(l.name());
      weights.addAll(
          MemoryLayouts.weights(base, l.weight(), ways * engine.lanes(), engine.weightBits())
              .words());
      biases.addAll(
          MemoryLayouts.perChannel(base, l.bias(), engine.lanes(), engine.biasBits(), "").words());
      thetas.addAll(
          MemoryLayouts.perChannelUnsigned(
                  base, l.threshold(), lif.lanes(), lif.thresholdBits(), "")
              .words());
      where
          .append("; ")
          .append(l.name())
          .append(" at ")
          .append(mb.weightBase())
          .append('/')
          .append(mb.biasBase())
          .append('/')
          .append(mb.thetaBase());
    }
    String layout =
        "layers one after the other (weight/bias/threshold word of each layer's first group"
            + where
            + ")";
    int p = engine.lanes();
    return List.of(
        new MemoryImage(
            ENGINE + "_weights",
            ways * p * engine.weightBits(),
            weights,
            "weights of the shared layers, word base+g*rows+i holds row i of group g"
                + (ways > 1 ? " (" + ways * p + " channels)" : "")
                + ", "
                + layout),
        new MemoryImage(
            ENGINE + "_bias",
            p * engine.biasBits(),
            biases,
            "biases in membrane units, word base+g holds group g, " + layout),
        new MemoryImage(
            LIF + "_theta",
            p * lif.thresholdBits(),
            thetas,
            "thresholds, word base+g holds group g, " + layout));
  }
}
