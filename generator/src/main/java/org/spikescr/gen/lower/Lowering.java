package org.spikescr.gen.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.gen.ir.HwDesign;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.ir.Instance;
import org.spikescr.gen.ir.MemoryImage;
import org.spikescr.gen.ir.MemoryParam;
import org.spikescr.gen.ir.ModuleKind;
import org.spikescr.gen.ir.Port;
import org.spikescr.gen.pass.VerilogNames;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.RopeTable;
import org.spikescr.model.quantized.SynapticLayer;

/**
 * Lowers a quantized model to the IR: one thin generated module per layer unit (a synaptic engine
 * and a LIF core per synaptic layer, an attention unit per block, the readout), each binding one
 * hand-written unit to the layer's numbers ({@link LayerPlanner}) and memory images, plus the
 * library modules they use. Names are the model's; {@code LegalizeNames} spells them for Verilog.
 */
public final class Lowering {
  private Lowering() {}

  /** Channels per beat of the top's input stream. */
  public static final int IN_LANES = NetworkTop.IN_LANES;

  /**
   * The design of {@code model}.
   *
   * @param attributes generator version, model name and hash and the options, for banners and the
   *     manifest
   */
  public static HwDesign lower(
      QuantizedModel model, HwOptions options, Map<String, String> attributes) {
    return network(model, options, attributes).design();
  }

  /**
   * The design of {@code model} with what a test bench of its top needs to know.
   *
   * @param design the design: the top level {@code <design>_top}, one module per layer unit, the
   *     library units
   * @param taps the points a test bench records, in forward order
   * @param saturationFlags the name of bit {@code i} of the top's {@code saturated} output
   */
  public record Network(HwDesign design, List<TraceTap> taps, List<String> saturationFlags) {

    /** Copies the lists. */
    public Network {
      taps = List.copyOf(taps);
      saturationFlags = List.copyOf(saturationFlags);
    }
  }

  /** The design of {@code model}, its top level and its trace points. */
  public static Network network(
      QuantizedModel model, HwOptions options, Map<String, String> attributes) {
    Map<String, HwModule> library = new LinkedHashMap<>();
    List<HwModule> generated = new ArrayList<>();
    List<MemoryImage> memories = new ArrayList<>();
    List<SynapseParams> engines = LayerPlanner.synapses(model, options);
    List<LifParams> lifs = LayerPlanner.lifs(model, options);
    List<SynapticLayer> layers = model.synapticLayers();
    SharedLayers shared = SharedLayers.plan(model, options);
    for (int i = 0; i < layers.size(); i++) {
      SynapticLayer l = layers.get(i);
      SynapseParams e = engines.get(i);
      if (SharedLayers.shares(e)) {
        continue;
      }
      String base = VerilogNames.legal(l.name());
      int ways = options.embedWays();
      HwModule engine = embeddingEngine(e, ways);
      memories.add(
          MemoryLayouts.weights(base + "_weights", l.weight(), ways * e.lanes(), e.weightBits()));
      memories.add(
          MemoryLayouts.perChannel(
              base + "_bias", l.bias(), e.lanes(), e.biasBits(), "biases in membrane units"));
      generated.add(
          wrapper(
              library,
              base + "_synapse",
              "synaptic engine of layer " + l.name(),
              engine,
              List.of(
                  new MemoryParam("WEIGHT_FILE", base + "_weights"),
                  new MemoryParam("BIAS_FILE", base + "_bias")),
              engineTies(e, engine)));
      LifParams lp = lifs.get(i);
      String lifBase = VerilogNames.legal(lp.layer());
      memories.add(
          MemoryLayouts.perChannelUnsigned(
              lifBase + "_theta", l.threshold(), lp.lanes(), lp.thresholdBits(), "thresholds"));
      generated.add(
          wrapper(
              library,
              lifBase + "_core",
              "LIF core of layer " + lp.layer(),
              LibraryUnits.lifCore(lp),
              List.of(new MemoryParam("THETA_FILE", lifBase + "_theta")),
              lifTies(LibraryUnits.lifCore(lp), lp)));
    }
    memories.addAll(shared.images(model));
    HwModule sharedEngine =
        LibraryUnits.synapticEngine(
            shared.engine(),
            shared.weightWords(),
            shared.biasWords(),
            shared.valueBits(),
            shared.ways(),
            options.pairs());
    generated.add(
        wrapper(
            library,
            SharedLayers.ENGINE,
            "synaptic engine shared by the pointwise layers (cfg_* select the running layer)",
            sharedEngine,
            List.of(
                new MemoryParam("WEIGHT_FILE", SharedLayers.ENGINE + "_weights"),
                new MemoryParam("BIAS_FILE", SharedLayers.ENGINE + "_bias")),
            Map.of()));
    HwModule sharedLif = LibraryUnits.lifCore(shared.lif(), shared.thetaWords());
    generated.add(
        wrapper(
            library,
            SharedLayers.LIF + "_core",
            "LIF core shared by the pointwise layers (cfg_* select the running layer)",
            sharedLif,
            List.of(new MemoryParam("THETA_FILE", SharedLayers.LIF + "_theta")),
            tiedLow(sharedLif, "theta_wr_en", "theta_wr_addr", "theta_wr_data")));
    List<AttentionParams> attentions = LayerPlanner.attentions(model, options);
    for (int b = 0; b < attentions.size(); b++) {
      AttentionParams a = attentions.get(b);
      QuantizedBlock.QuantizedAttention qa = model.blocks().get(b).attention();
      String base = VerilogNames.legal(a.block());
      memories.add(rope(base + "_rope", qa.rope(), a.maxSteps()));
      generated.add(
          wrapper(
              library,
              base + "_attention",
              "spiking self-attention of " + a.block(),
              LibraryUnits.spikeAttention(a),
              List.of(new MemoryParam("ROPE_INIT", base + "_rope")),
              Map.of("official", a.official() ? "1'b1" : "1'b0")));
    }
    SynapseParams head = headEngine(model, options);
    memories.add(
        MemoryLayouts.weights(
            "head_weights", model.head().weight(), head.lanes(), head.weightBits()));
    memories.add(
        MemoryLayouts.perChannel(
            "head_bias",
            new long[model.config().classes()],
            head.lanes(),
            head.biasBits(),
            "no bias: the head's logits are its sums"));
    HwModule headEngine =
        LibraryUnits.synapticEngine(
            head,
            (long) head.groups() * head.rows(),
            head.groups(),
            1,
            1,
            NetworkTop.headPairs(options));
    generated.add(
        wrapper(
            library,
            "head_synapse",
            "synaptic engine of the head (logits saturated to the logit width)",
            headEngine,
            List.of(
                new MemoryParam("WEIGHT_FILE", "head_weights"),
                new MemoryParam("BIAS_FILE", "head_bias")),
            engineTies(head, headEngine)));
    ReadoutParams r = LayerPlanner.readout(model, options);
    memories.add(
        MemoryLayouts.unsignedWords(
            "readout_exp", model.readout().expTable(), r.expFracBits() + 1, "exp table E[i]"));
    generated.add(
        wrapper(
            library,
            "head_readout",
            "readout: softmax per step, scores, class",
            LibraryUnits.readout(r),
            List.of(new MemoryParam("EXP_INIT_FILE", "readout_exp")),
            Map.of()));
    Map<String, HwModule> byName = new LinkedHashMap<>();
    for (HwModule m : generated) {
      byName.put(m.name(), m);
    }
    NetworkTop.Result top =
        NetworkTop.build(model, options, byName, "head_synapse", "head_readout");
    for (HwModule u : top.units()) {
      library.putIfAbsent(u.name(), u);
    }
    generated.add(top.top());
    for (String dep : LibraryUnits.dependencies(library.keySet())) {
      library.putIfAbsent(
          dep,
          new HwModule(
              dep,
              ModuleKind.LIBRARY,
              "library unit used inside another",
              List.of(),
              List.of(),
              List.of(),
              List.of()));
    }
    List<HwModule> modules = new ArrayList<>(library.values());
    modules.addAll(generated);
    Map<String, String> attrs = new LinkedHashMap<>(attributes);
    attrs.put("top", VerilogNames.legal(options.designName()) + "_top");
    return new Network(
        new HwDesign(options.designName(), modules, memories, attrs), top.taps(), top.flags());
  }

  /**
   * The head's engine: every class in one group of lanes, the residual stream's values as inputs,
   * sums saturated to the logit width ({@code A = Z_W}, {@code G = 0}, no bias).
   */
  static SynapseParams headEngine(QuantizedModel model, HwOptions options) {
    int classes = model.config().classes();
    int xb =
        LibraryUnits.clog2(org.spikescr.model.ResidualStream.maxAfter(model.blocks().size()) + 1L);
    return new SynapseParams(
        "head",
        SynapseMode.RESIDUAL,
        classes,
        model.settings().weightBits(),
        xb,
        model.config().dModel(),
        1,
        model.head().logitBits(),
        0,
        2);
  }

  /**
   * The engine of the embedding: its own layer, accumulating {@code ways} groups of lanes per event
   * ({@code generate --engine-lanes}).
   */
  static HwModule embeddingEngine(SynapseParams e, int ways) {
    return LibraryUnits.synapticEngine(e, (long) e.groups() / ways * e.rows(), e.groups(), 1, ways);
  }

  /** The configuration ports of an engine that serves one layer, tied to that layer's numbers. */
  static Map<String, String> engineTies(SynapseParams e) {
    return engineTies(e, LibraryUnits.synapticEngine(e));
  }

  /** As {@link #engineTies(SynapseParams)} for the engine {@code unit} of layer {@code e}. */
  static Map<String, String> engineTies(SynapseParams e, HwModule unit) {
    Map<String, String> tied = tiedLow(unit, "cfg_lane_inputs", "cfg_weight_base", "cfg_bias_base");
    tied.put("cfg_acc_bits", "8'd" + e.accBits());
    tied.put("cfg_rows", (LibraryUnits.clog2(e.rows()) + 1) + "'d" + e.rows());
    return tied;
  }

  /** The configuration and threshold-write ports of a LIF core of one layer, tied. */
  private static Map<String, String> lifTies(HwModule unit, LifParams lp) {
    Map<String, String> tied =
        tiedLow(unit, "cfg_theta_base", "theta_wr_en", "theta_wr_addr", "theta_wr_data");
    tied.put("cfg_membrane_bits", "8'd" + lp.membraneBits());
    return tied;
  }

  /** The named ports of {@code unit} tied to a sized zero. */
  static Map<String, String> tiedLow(HwModule unit, String... names) {
    Map<String, String> tied = new LinkedHashMap<>();
    for (String n : names) {
      for (Port p : unit.ports()) {
        if (p.name().equals(n)) {
          tied.put(n, p.width() + "'d0");
        }
      }
    }
    return tied;
  }

  /**
   * A generated module around one unit: every port of the unit becomes a port of the wrapper with
   * the same name, except those tied to the constants of {@code tied}.
   */
  static HwModule wrapper(
      Map<String, HwModule> library,
      String name,
      String purpose,
      HwModule unit,
      List<MemoryParam> memories,
      Map<String, String> tied) {
    List<Port> ports = new ArrayList<>();
    for (Port p : unit.ports()) {
      if (!tied.containsKey(p.name())) {
        ports.add(p);
      }
    }
    Map<String, String> connections = new LinkedHashMap<>();
    for (Port p : unit.allPorts()) {
      connections.put(p.name(), tied.getOrDefault(p.name(), p.name()));
    }
    library.putIfAbsent(unit.name(), unit);
    Instance u =
        new Instance("u_" + unit.name(), unit.name(), unit.params(), memories, connections);
    return new HwModule(
        name, ModuleKind.GENERATED, purpose, List.of(), ports, unit.streams(), List.of(u));
  }

  private static MemoryImage rope(String name, RopeTable t, int maxSteps) {
    int half = t.cos().dim(1);
    int bits = t.format().totalBits();
    List<BigInteger> words = new ArrayList<>(maxSteps);
    long[] entries = new long[2 * half];
    for (int p = 0; p < maxSteps; p++) {
      for (int j = 0; j < half; j++) {
        entries[2 * j] = t.cos().at(p * half + j);
        entries[2 * j + 1] = t.sin().at(p * half + j);
      }
      words.add(MemoryLayouts.pack(entries, bits));
    }
    return new MemoryImage(
        name,
        2 * half * bits,
        words,
        "RoPE table, word p holds C[p,j] as entry 2j and S[p,j] as entry 2j+1");
  }
}
