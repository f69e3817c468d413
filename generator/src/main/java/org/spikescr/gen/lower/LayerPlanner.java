package org.spikescr.gen.lower;

import java.util.ArrayList;
import java.util.List;
import org.spikescr.model.InputKind;
import org.spikescr.model.QkLayout;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.sim.cycles.Architecture;

/**
 * Computes the numbers of every unit the network needs from a quantized model and the options:
 * widths, lane groups, kinds. It reads only the model's records; a layer whose width the lane count
 * does not divide is refused with a message naming the layer and the option.
 */
public final class LayerPlanner {
  private LayerPlanner() {}

  /** The engine of every synaptic layer, in forward order. */
  public static List<SynapseParams> synapses(QuantizedModel model, HwOptions options) {
    List<SynapseParams> out = new ArrayList<>();
    SynapticLayer embed = model.embed();
    for (SynapticLayer l : model.synapticLayers()) {
      boolean depthwise = isDepthwise(model, l);
      boolean isEmbed = l.name().equals(embed.name());
      out.add(synapse(model, options, l, isEmbed ? embedMode(model) : null, depthwise));
    }
    return out;
  }

  /**
   * The widest engine for {@code lanes} lanes in the pipelined architecture: {@code lanes} times
   * {@code maxWays}, ..., 2 or 1, the first that divides the width of every shared layer ({@code
   * embedding} false) or of the embedding ({@code embedding} true); the defaults of {@code generate
   * --engine-lanes} and {@code --embed-lanes}.
   */
  public static int widestEngineLanes(
      QuantizedModel model, int lanes, boolean embedding, int maxWays) {
    SynapticLayer embed = model.embed();
    for (int ways = maxWays; ways > 1; ways /= 2) {
      boolean divides = true;
      for (SynapticLayer l : model.synapticLayers()) {
        if (l.name().equals(embed.name()) == embedding && l.outputs() % (ways * lanes) != 0) {
          divides = false;
        }
      }
      if (divides) {
        return ways * lanes;
      }
    }
    return lanes;
  }

  /**
   * The default largest {@code embedLanes / lanes}: the embedding's engine multiplies (one DSP48
   * per accumulating lane), and at 32 lanes twice the lanes there and four times in the shared
   * engine fit the xc7z020's 220 DSP48s.
   */
  public static final int DEFAULT_EMBED_WAYS = 2;

  /**
   * The default of {@code generate --engine-lanes}: in the pipelined architecture the widest shared
   * engine ({@link #widestEngineLanes}, up to {@link HwOptions#MAX_WAYS} times the lanes), else
   * {@code lanes}; a {@code lanes} that divides no layer is left for the options to refuse.
   */
  public static int defaultEngineLanes(QuantizedModel model, int lanes, Architecture a) {
    return a == Architecture.PIPELINED && lanes > 0
        ? widestEngineLanes(model, lanes, false, HwOptions.MAX_WAYS)
        : lanes;
  }

  /** The default of {@code generate --embed-lanes}, as {@link #defaultEngineLanes}, up to 2. */
  public static int defaultEmbedLanes(QuantizedModel model, int lanes, Architecture a) {
    return a == Architecture.PIPELINED && lanes > 0
        ? widestEngineLanes(model, lanes, true, DEFAULT_EMBED_WAYS)
        : lanes;
  }

  /** The LIF core fed by every synaptic layer, in forward order. */
  public static List<LifParams> lifs(QuantizedModel model, HwOptions options) {
    List<LifParams> out = new ArrayList<>();
    List<SynapseParams> engines = synapses(model, options);
    List<SynapticLayer> layers = model.synapticLayers();
    for (int i = 0; i < layers.size(); i++) {
      SynapticLayer l = layers.get(i);
      int m = l.membraneBits();
      out.add(
          new LifParams(
              l.lif(), options.lanes(), l.outputs(), m, engines.get(i).outputBits(), m - 1));
    }
    return out;
  }

  /** The attention unit of every block. */
  public static List<AttentionParams> attentions(QuantizedModel model, HwOptions options) {
    List<AttentionParams> out = new ArrayList<>();
    int positions = model.settings().maxTimeSteps();
    if (options.maxTimeSteps() > positions) {
      throw new IllegalArgumentException(
          "--t-max "
              + options.maxTimeSteps()
              + " exceeds the model's RoPE table of "
              + positions
              + " positions (quantize with a larger --max-time-steps)");
    }
    boolean parallel = options.architecture() == Architecture.PIPELINED;
    if (parallel && model.config().heads() > options.maxTimeSteps()) {
      throw new IllegalArgumentException(
          "--arch pipelined needs at most --t-max heads: "
              + model.config().heads()
              + " heads, --t-max "
              + options.maxTimeSteps()
              + " (use --arch sequential)");
    }
    for (int b = 0; b < model.blocks().size(); b++) {
      QuantizedBlock.QuantizedAttention a = model.blocks().get(b).attention();
      out.add(
          new AttentionParams(
              "blocks." + b + ".attn",
              model.config().dModel(),
              model.config().heads(),
              options.maxTimeSteps(),
              a.rope().fracBits(),
              model.settings().membraneFracBits(),
              a.qLif2().membraneBits(),
              a.attnLif().membraneBits(),
              model.config().qkLayout() == QkLayout.OFFICIAL,
              parallel,
              parallel ? 2 : 1));
    }
    return out;
  }

  /** The readout. */
  public static ReadoutParams readout(QuantizedModel model, HwOptions options) {
    return new ReadoutParams(
        model.config().classes(),
        model.head().logitBits(),
        model.readout().expTable().length,
        model.readout().expFracBits(),
        model.readout().probFracBits(),
        model.readout().indexShift(),
        options.maxTimeSteps(),
        options.architecture() == Architecture.PIPELINED ? 2 : 0);
  }

  private static SynapseParams synapse(
      QuantizedModel model,
      HwOptions options,
      SynapticLayer l,
      SynapseMode embedMode,
      boolean depthwise) {
    int p = options.lanes();
    if (l.outputs() % p != 0) {
      throw new IllegalArgumentException(
          "--lanes "
              + p
              + " does not divide the "
              + l.outputs()
              + " channels of layer "
              + l.name());
    }
    int engineLanes = embedMode != null ? options.embedLanes() : options.engineLanes();
    if (l.outputs() % engineLanes != 0) {
      throw new IllegalArgumentException(
          (embedMode != null ? "--embed-lanes " : "--engine-lanes ")
              + engineLanes
              + " does not divide the "
              + l.outputs()
              + " channels of layer "
              + l.name());
    }
    SynapseMode mode;
    int inputBits;
    if (embedMode != null) {
      mode = embedMode;
      inputBits = model.settings().inputFormat().totalBits();
    } else if (depthwise) {
      mode = SynapseMode.DEPTHWISE;
      inputBits = p * options.ways();
    } else if (l.inputLo() == 0 && l.inputHi() == 1) {
      mode = SynapseMode.BINARY;
      inputBits = 1;
    } else {
      mode = SynapseMode.RESIDUAL;
      inputBits = LibraryUnits.clog2(l.inputHi() + 1);
    }
    return new SynapseParams(
        l.name(),
        mode,
        p,
        model.settings().weightBits(),
        inputBits,
        l.fanIn(),
        l.outputs() / p,
        l.accBits(),
        model.settings().membraneFracBits(),
        l.membraneBits());
  }

  private static SynapseMode embedMode(QuantizedModel model) {
    return model.config().inputKind() == InputKind.MEL ? SynapseMode.MEL : SynapseMode.SPIKE_COUNT;
  }

  private static boolean isDepthwise(QuantizedModel model, SynapticLayer l) {
    for (QuantizedBlock b : model.blocks()) {
      if (b.conv().dw().name().equals(l.name())) {
        return true;
      }
    }
    return false;
  }
}
