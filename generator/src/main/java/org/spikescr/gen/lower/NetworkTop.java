package org.spikescr.gen.lower;

import static org.spikescr.gen.lower.LibraryUnits.clog2;
import static org.spikescr.gen.lower.LibraryUnits.indexBits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.ir.Instance;
import org.spikescr.gen.ir.ModuleKind;
import org.spikescr.gen.ir.Port;
import org.spikescr.gen.ir.Wire;
import org.spikescr.gen.pass.VerilogNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.ResidualStream;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.sim.cycles.Architecture;

/**
 * Builds the top level of the layer-sequential design ({@code docs/hardware.md}, section 6): the
 * input stream into the input buffer, one pass per synaptic layer (an event source reading its
 * input buffer, the layer's engine and LIF core, a sink writing its output buffer or adding to the
 * residual stream), the attention pass of every block, the head and readout pass that ends in the
 * output stream, and the sequencer that runs the passes in order. Shared buffer ports are joined by
 * OR: only the running pass drives them.
 */
final class NetworkTop {
  /** Channels per input beat. */
  static final int IN_LANES = 8;

  private final QuantizedModel model;

  private final HwOptions options;
  private final Map<HwModule, PooledSource> pooledSources = new LinkedHashMap<>();
  private final Map<List<Object>, PooledSink> pooledSinks = new LinkedHashMap<>();
  private final Map<String, HwModule> wrappers;
  private final Map<String, HwModule> library;
  private final List<Wire> wires = new ArrayList<>();
  private final List<Instance> instances = new ArrayList<>();
  private final Map<String, Buffer> buffers = new LinkedHashMap<>();
  private final List<String> passDone = new ArrayList<>();
  private final List<String> flags = new ArrayList<>();
  private final List<TraceTap> traceTaps = new ArrayList<>();
  private final int tMax;
  private final int tw;
  private final Map<String, SynapseParams> engines = new LinkedHashMap<>();
  private final Map<String, LifParams> lifs = new LinkedHashMap<>();
  private final List<AttentionParams> attentions;
  private final SharedLayers shared;
  private final List<SharedPass> sharedPasses = new ArrayList<>();
  private final int passBits;

  /**
   * One pass of a layer on the shared pointwise units: its pass index, its plan, the prefix of its
   * own nets (event source, sink), the widths of its source's event fields, whether its events
   * carry pairs of rows, its overflow flag bit, and whether it is a GSU value layer.
   */
  private record SharedPass(
      int pass,
      SharedLayers.Member member,
      String base,
      String source,
      String sink,
      int groupBits,
      int rowBits,
      int valueBits,
      boolean pairs,
      String accFlag,
      boolean gated) {}

  /**
   * A pipelined event source shared by the passes whose sources have the same parameters: one
   * instance, started by each of its passes, reading each pass's buffer through a port gated by the
   * pass.
   */
  private static final class PooledSource {
    final String name;
    final HwModule unit;
    final Map<String, String> conn;
    final List<Integer> passes = new ArrayList<>();
    final List<Buffer> buffers = new ArrayList<>();

    PooledSource(String name, HwModule unit, Map<String, String> conn) {
      this.name = name;
      this.unit = unit;
      this.conn = conn;
    }
  }

  /**
   * An {@code act_sink} shared by the passes whose sinks have the same parameters (pipelined
   * architecture): started by each of its passes, its write port reaching each pass's buffer with
   * the write enable gated by the pass, one overflow flag per pass.
   */
  private static final class PooledSink {
    final String name;
    final int lanes;
    final int groups;
    final int bits;
    final boolean add;
    final List<Integer> passes = new ArrayList<>();
    final List<Buffer> buffers = new ArrayList<>();
    final List<String> flags = new ArrayList<>();

    PooledSink(String name, int lanes, int groups, int bits, boolean add) {
      this.name = name;
      this.lanes = lanes;
      this.groups = groups;
      this.bits = bits;
      this.add = add;
    }
  }

  /** One activation buffer and the units that share its ports. */
  private static final class Buffer {
    final String name;
    final int channels;
    final int width;
    final List<String> re = new ArrayList<>();
    final List<String> raddr = new ArrayList<>();
    final List<String> we = new ArrayList<>();
    final List<String> waddr = new ArrayList<>();
    final List<String> wdata = new ArrayList<>();

    Buffer(String name, int channels, int bits) {
      this.name = name;
      this.channels = channels;
      this.width = channels * bits;
    }

    String rdata() {
      return name + "_rd_data";
    }
  }

  /**
   * The result: the top module, the library units it instantiates, and the trace taps a test bench
   * reads.
   */
  record Result(HwModule top, List<HwModule> units, List<TraceTap> taps, List<String> flags) {}

  private NetworkTop(
      QuantizedModel model,
      HwOptions options,
      Map<String, HwModule> wrappers,
      Map<String, HwModule> library) {
    this.model = model;
    this.options = options;
    this.wrappers = wrappers;
    this.library = library;
    this.tMax = options.maxTimeSteps();
    this.tw = ScheduleUnits.stepBits(tMax);
    for (SynapseParams e : LayerPlanner.synapses(model, options)) {
      engines.put(e.layer(), e);
    }
    for (LifParams p : LayerPlanner.lifs(model, options)) {
      lifs.put(p.layer(), p);
    }
    this.attentions = LayerPlanner.attentions(model, options);
    this.shared = SharedLayers.plan(model, options);
    this.passBits = indexBits(passes(model));
  }

  /**
   * Passes of the schedule: the embedding; per block q, k, v, the attention, proj, fc1, fc2, pw1,
   * dw, gate, gsu.proj, value, fc1, fc2; then the head.
   */
  static int passes(QuantizedModel model) {
    return 2 + 14 * model.blocks().size();
  }

  /**
   * The top of {@code model}; {@code wrappers} holds the generated per-layer modules by their
   * (unprefixed) names, {@code head} the head's engine wrapper name.
   */
  static Result build(
      QuantizedModel model,
      HwOptions options,
      Map<String, HwModule> wrappers,
      String headSynapse,
      String readout) {
    if (options.maxTimeSteps() < 2) {
      throw new IllegalArgumentException(
          "--t-max must be at least 2 for a whole design, got " + options.maxTimeSteps());
    }
    Map<String, HwModule> library = new LinkedHashMap<>();
    NetworkTop t = new NetworkTop(model, options, wrappers, library);
    HwModule top = t.network(headSynapse, readout);
    return new Result(
        top, List.copyOf(library.values()), List.copyOf(t.traceTaps), List.copyOf(t.flags));
  }

  private HwModule network(String headSynapse, String readout) {
    ModelConfig c = model.config();
    int d = c.dModel();
    int r = ResidualStream.bits(model.blocks().size());
    int inBits = model.settings().inputFormat().totalBits();
    int cin = c.inputChannels();
    Buffer in = buffer("in_frames", cin, inBits);
    Buffer x = buffer("residual", d, r);
    wire("steps", tw);
    wire("load_start", 1);
    wire("load_done", 1);
    wire("first_beat", 1);
    String loader = "u_frame_loader";
    Map<String, String> lc = new LinkedHashMap<>();
    lc.put("start", "load_start");
    lc.put("first_beat", "first_beat");
    lc.put("done", "load_done");
    lc.put("steps", "steps");
    lc.put("rows", wire("in_frames_rows", tw));
    lc.put("loaded", wire("in_frames_loaded", 1));
    lc.put("framing_error", "framing_error");
    lc.put("overlong", "overlong");
    writer(in, lc, "in_frames_ld");
    lc.put("s_axis_tdata", "s_axis_tdata");
    lc.put("s_axis_tlast", "s_axis_tlast");
    lc.put("s_axis_tvalid", "s_axis_tvalid");
    lc.put("s_axis_tready", "s_axis_tready");
    add(loader, ScheduleUnits.frameLoader(cin, inBits, IN_LANES, tMax), lc);

    SynapticLayer embed = model.embed();
    layer(embed, in, 1, 3, x, r, false, null);
    for (int b = 0; b < model.blocks().size(); b++) {
      QuantizedBlock blk = model.blocks().get(b);
      String p = "b" + b + "_";
      QuantizedBlock.QuantizedAttention a = blk.attention();
      Buffer q = buffer(p + "q", d, 1);
      Buffer k = buffer(p + "k", d, 1);
      Buffer v = buffer(p + "v", d, 1);
      Buffer att = buffer(p + "att", d, 1);
      layer(a.q(), x, 0, 1, q, 1, false, null);
      layer(a.k(), x, 0, 1, k, 1, false, null);
      layer(a.v(), x, 0, 1, v, 1, false, null);
      attention(b, q, k, v, att);
      layer(a.proj(), att, 0, 1, x, r, true, null);
      Buffer h1 = buffer(p + "mlp1_hidden", c.mlpHidden(), 1);
      layer(blk.mlp1().fc1(), x, 0, 1, h1, 1, false, null);
      layer(blk.mlp1().fc2(), h1, 0, 1, x, r, true, null);
      QuantizedBlock.QuantizedConvModule cm = blk.conv();
      Buffer s1 = buffer(p + "conv_pw1", d, 1);
      Buffer s2 = buffer(p + "conv_dw", d, 1);
      Buffer g1 = buffer(p + "gsu_gate", d, 1);
      Buffer gp = buffer(p + "gsu_proj", d, 1);
      layer(cm.pw1(), x, 0, 1, s1, 1, false, null);
      layer(cm.dw(), s1, 2, c.kernelSize(), s2, 1, false, null);
      layer(cm.gate(), s2, 0, 1, g1, 1, false, null);
      layer(cm.gsuProj(), g1, 0, 1, gp, 1, false, null);
      layer(cm.value(), s2, 0, 1, x, r, true, gp);
      Buffer h2 = buffer(p + "mlp2_hidden", c.mlpHidden(), 1);
      layer(blk.mlp2().fc1(), x, 0, 1, h2, 1, false, null);
      layer(blk.mlp2().fc2(), h2, 0, 1, x, r, true, null);
    }
    head(x, r, headSynapse, readout);
    if (passDone.size() != passes(model)) {
      throw new IllegalStateException(
          "the schedule has " + passDone.size() + " passes, expected " + passes(model));
    }
    sharedPath();

    Map<String, String> sc = new LinkedHashMap<>();
    sc.put("load_start", "load_start");
    sc.put("load_done", "load_done");
    sc.put("first_beat", "first_beat");
    sc.put("pass_start", "pass_start");
    sc.put("pass_done", concat(passDone));
    sc.put("pass", wire("pass_index", passBits));
    sc.put("cycles", "cycles");
    sc.put("busy", "busy");
    // pipelined: the embedding reads each frame as soon as the loader has written it
    add(
        "u_sequencer",
        ScheduleUnits.sequencer(passDone.size(), options.architecture() == Architecture.PIPELINED),
        sc);
    for (Buffer buf : buffers.values()) {
      memory(buf);
    }
    return top(IN_LANES * inBits);
  }

  private HwModule top(int inWidth) {
    ReadoutParams rp = LayerPlanner.readout(model, options);
    int scoreBits = rp.probFracBits() + clog2(rp.maxSteps()) + 1;
    int ow = Math.max(scoreBits, clog2(rp.classes()));
    List<Port> ports = new ArrayList<>();
    ports.add(Port.in("s_axis_tdata", inWidth));
    ports.add(Port.in("s_axis_tvalid", 1));
    ports.add(Port.out("s_axis_tready", 1));
    ports.add(Port.in("s_axis_tlast", 1));
    ports.add(Port.out("m_axis_tdata", ow));
    ports.add(Port.out("m_axis_tvalid", 1));
    ports.add(Port.in("m_axis_tready", 1));
    ports.add(Port.out("m_axis_tlast", 1));
    ports.add(Port.out("cycles", 32));
    ports.add(Port.out("busy", 1));
    ports.add(Port.out("framing_error", 1));
    ports.add(Port.out("overlong", 1));
    ports.add(Port.out("saturated", flags.size()));
    wires.add(new Wire("pass_start", passDone.size()));
    return new HwModule(
        "top",
        ModuleKind.GENERATED,
        "the whole network, layer-sequential over an utterance, with stream input and output",
        List.of(),
        ports,
        List.of(),
        instances,
        wires,
        true);
  }

  /** A buffer of rows of {@code channels} values of {@code bits} bits. */
  private Buffer buffer(String name, int channels, int bits) {
    Buffer b = new Buffer(name, channels, bits);
    buffers.put(name, b);
    wire(b.rdata(), b.width);
    return b;
  }

  private String wire(String name, int width) {
    wires.add(new Wire(name, width));
    return name;
  }

  private void reader(Buffer b, Map<String, String> conn, String prefix) {
    conn.put("rd_en", wire(prefix + "_rd_en", 1));
    conn.put("rd_addr", wire(prefix + "_rd_addr", ScheduleUnits.addressBits(tMax)));
    b.re.add(prefix + "_rd_en");
    b.raddr.add(prefix + "_rd_addr");
    conn.put("rd_data", b.rdata());
  }

  private void writer(Buffer b, Map<String, String> conn, String prefix) {
    conn.put("wr_en", wire(prefix + "_wr_en", 1));
    conn.put("wr_addr", wire(prefix + "_wr_addr", ScheduleUnits.addressBits(tMax)));
    conn.put("wr_data", wire(prefix + "_wr_data", b.width));
    b.we.add(prefix + "_wr_en");
    b.waddr.add(prefix + "_wr_addr");
    b.wdata.add(prefix + "_wr_data");
  }

  /**
   * The progress inputs of an {@code event_source}: the input buffer's rows written so far and
   * whether all are in ({@code loading}: the loader writes the buffer while the pass reads it), or
   * a buffer written before the pass.
   */
  private void progress(Map<String, String> conn, boolean loading) {
    conn.put("rows", loading ? "in_frames_rows" : tw + "'d0");
    conn.put("loaded", loading ? "in_frames_loaded" : "1'b1");
  }

  private String start() {
    return "pass_start[" + passDone.size() + "]";
  }

  /** One synaptic layer with its LIF, as one pass. */
  private void layer(
      SynapticLayer l,
      Buffer src,
      int kind,
      int taps,
      Buffer dst,
      int dstBits,
      boolean add,
      Buffer gate) {
    SynapseParams e = synapse(l);
    if (SharedLayers.shares(e)) {
      sharedLayer(l, e, src, kind, taps, dst, dstBits, add, gate);
      return;
    }
    if (gate != null) {
      throw new IllegalStateException(l.name() + ": a GSU value layer runs on the shared units");
    }
    LifParams lp = lif(l);
    String base = VerilogNames.legal(l.name());
    String lifBase = VerilogNames.legal(lp.layer());
    String start = start();
    int p = e.lanes();
    int groups = e.groups();
    int gw = indexBits(groups);
    int xw = e.outputBits();
    int cin = src.channels;
    int vw = src.width / src.channels;
    // the engine takes events of groups of ways * p channels (generate --embed-lanes)
    int ways = options.embedWays();

    // event source
    Map<String, String> s = new LinkedHashMap<>();
    s.put("start", start);
    s.put("steps", "steps");
    progress(s, src == buffers.get("in_frames"));
    s.put("busy", wire(base + "_src_busy_unused", 1));
    reader(src, s, base + "_src");
    // the embedding keeps the row-by-row source in both architectures: the window source
    // (event_source_pipelined KIND 1) saves about 700 cycles of the student's embedding but costs
    // about 4,000 LUT more, which the xc7z020 does not have; pipelined, the source reads the next
    // tap's row while it scans a row
    HwModule srcUnit =
        ScheduleUnits.eventSource(
            kind,
            cin,
            vw,
            p,
            groups / ways,
            taps,
            tMax,
            e.inputBits(),
            options.architecture() == Architecture.PIPELINED);
    int evw =
        srcUnit.ports().stream()
            .filter(x -> x.name().equals("m_ev_data"))
            .findFirst()
            .orElseThrow()
            .width();
    s.put("m_ev_data", wire(base + "_ev_data", evw));
    s.put("m_ev_last", wire(base + "_ev_last", 1));
    s.put("m_ev_valid", wire(base + "_ev_valid", 1));
    s.put("m_ev_ready", wire(base + "_ev_ready", 1));
    add("u_" + base + "_src", srcUnit, s);

    // engine
    Map<String, String> y = new LinkedHashMap<>();
    y.put("s_ev_data", base + "_ev_data");
    y.put("s_ev_last", base + "_ev_last");
    y.put("s_ev_valid", base + "_ev_valid");
    y.put("s_ev_ready", base + "_ev_ready");
    y.put("m_x_data", wire(base + "_x_data", p * xw));
    y.put("m_x_ovf", wire(base + "_x_ovf", p));
    y.put("m_x_group", wire(base + "_x_group", gw));
    y.put("m_x_valid", wire(base + "_x_valid", 1));
    y.put("m_x_ready", wire(base + "_x_ready", 1));
    addWrapper("u_" + base + "_synapse", base + "_synapse", y);

    // first-step flag
    Map<String, String> f = new LinkedHashMap<>();
    f.put("start", start);
    f.put("cfg_groups", clog2(groups + 1L) + "'d" + groups);
    f.put("flag_sel", "1'b1");
    f.put("ovf", flag(base + "_acc_saturated"));
    f.put("s_x_data", base + "_x_data");
    f.put("s_x_ovf", base + "_x_ovf");
    f.put("s_x_group", base + "_x_group");
    f.put("s_x_valid", base + "_x_valid");
    f.put("s_x_ready", base + "_x_ready");
    f.put("m_lif_data", wire(base + "_lif_in_data", 1 + gw + p * xw));
    f.put("m_lif_valid", wire(base + "_lif_in_valid", 1));
    f.put("m_lif_ready", wire(base + "_lif_in_ready", 1));
    add("u_" + base + "_feed", ScheduleUnits.lifFeed(p, xw, groups, 1), f);

    String lifIn = base + "_lif_in";

    // LIF core; its output split into flags, membranes, spikes and group
    int m = lp.membraneBits();
    String ovf = wire(lifBase + "_out_ovf", p);
    String mem = wire(lifBase + "_out_mem_unused", p * m);
    String spk = wire(lifBase + "_out_spk", p);
    String grp = wire(lifBase + "_out_group_unused", gw);
    Map<String, String> lc = new LinkedHashMap<>();
    lc.put("s_in_data", lifIn + "_data");
    lc.put("s_in_valid", lifIn + "_valid");
    lc.put("s_in_ready", lifIn + "_ready");
    lc.put("m_out_data", "{" + ovf + ", " + mem + ", " + spk + ", " + grp + "}");
    lc.put("m_out_valid", wire(lifBase + "_out_valid", 1));
    lc.put("m_out_ready", wire(lifBase + "_out_ready", 1));
    addWrapper("u_" + lifBase + "_core", lifBase + "_core", lc);
    traceTaps.add(TraceTap.lif(lp.layer(), lifBase, p, groups, m, gw));

    sink(base, lifBase, start, dst, dstBits, add, p, groups, lifBase, lifBase + "_out_ready");
  }

  /**
   * A layer as one pass on the shared units: its own event source and sink, and for a GSU value
   * layer the slice source of its gate; the shared engine, feed and LIF core are built by {@link
   * #sharedPath} once every pass is known.
   */
  private void sharedLayer(
      SynapticLayer l,
      SynapseParams e,
      Buffer src,
      int kind,
      int taps,
      Buffer dst,
      int dstBits,
      boolean add,
      Buffer gate) {
    SharedLayers.Member mb = shared.member(l.name());
    String base = VerilogNames.legal(l.name());
    int pass = passDone.size();
    String start = start();
    int p = e.lanes();
    int groups = e.groups();
    int vw = src.width / src.channels;

    String source;
    int valueBits;
    // a pointwise layer on spikes takes two per event when the design pairs them
    boolean pairs = options.pairs() && kind == 0 && vw == 1;
    if (options.architecture() == Architecture.PIPELINED) {
      // a pointwise source sends the buffer's whole value (its passes' events stay below 2^XB)
      valueBits = kind == 0 ? Math.min(vw, shared.engine().inputBits()) : e.inputBits();
      // events carry groups of ways * p channels (a depthwise slice is that wide)
      int ways = shared.ways();
      HwModule srcUnit =
          ScheduleUnits.pipelinedEventSource(
              kind,
              src.channels,
              vw,
              kind == 2 ? ways * p : p,
              groups / ways,
              taps,
              tMax,
              valueBits,
              ways,
              pairs);
      PooledSource ps = pooledSources.get(srcUnit);
      if (ps == null) {
        String name = base + "_src";
        Map<String, String> s = new LinkedHashMap<>();
        s.put("steps", "steps");
        s.put("busy", wire(name + "_busy_unused", 1));
        s.put("rd_en", wire(name + "_rd_en", 1));
        s.put("rd_addr", wire(name + "_rd_addr", ScheduleUnits.addressBits(tMax)));
        int evw = width(srcUnit, "m_ev_data");
        s.put("m_ev_data", wire(base + "_ev_data", evw));
        s.put("m_ev_last", wire(base + "_ev_last", 1));
        s.put("m_ev_valid", wire(base + "_ev_valid", 1));
        s.put("m_ev_ready", SharedLayers.ENGINE + "_ev_ready");
        ps = new PooledSource(name, srcUnit, s);
        pooledSources.put(srcUnit, ps);
      }
      ps.passes.add(pass);
      ps.buffers.add(src);
      source = ps.name.substring(0, ps.name.length() - "_src".length());
    } else {
      valueBits = e.inputBits();
      Map<String, String> s = new LinkedHashMap<>();
      s.put("start", start);
      s.put("steps", "steps");
      progress(s, false);
      s.put("busy", wire(base + "_src_busy_unused", 1));
      reader(src, s, base + "_src");
      HwModule srcUnit =
          ScheduleUnits.eventSource(kind, src.channels, vw, p, groups, taps, tMax, valueBits);
      int evw = width(srcUnit, "m_ev_data");
      if (evw != indexBits(groups) + clog2(e.rows()) + e.inputBits()) {
        throw new IllegalStateException(l.name() + ": event fields do not match its engine's rows");
      }
      s.put("m_ev_data", wire(base + "_ev_data", evw));
      s.put("m_ev_last", wire(base + "_ev_last", 1));
      s.put("m_ev_valid", wire(base + "_ev_valid", 1));
      s.put("m_ev_ready", SharedLayers.ENGINE + "_ev_ready");
      add("u_" + base + "_src", srcUnit, s);
      source = base;
    }
    String accFlag = flag(base + "_acc_saturated");

    if (gate != null) {
      Map<String, String> gs = new LinkedHashMap<>();
      gs.put("start", start);
      gs.put("steps", "steps");
      reader(gate, gs, base + "_gate_src");
      gs.put("m_data", wire(base + "_gate_data", p));
      gs.put("m_valid", wire(base + "_gate_valid", 1));
      gs.put("m_ready", wire(base + "_gate_ready", 1));
      add("u_" + base + "_gate_src", ScheduleUnits.sliceSource(p, groups, tMax), gs);
    }

    String lifBase = VerilogNames.legal(mb.lifParams().layer());
    SynapseParams se = shared.engine();
    traceTaps.add(
        TraceTap.sharedLif(
            mb.lifParams().layer(),
            SharedLayers.LIF,
            p,
            groups,
            shared.lif().membraneBits(),
            indexBits(se.groups()),
            isPass(pass)));

    String sinkBase;
    if (options.architecture() == Architecture.PIPELINED) {
      List<Object> key = List.of(p, groups, dstBits, add, dst.width);
      PooledSink pk = pooledSinks.get(key);
      if (pk == null) {
        pk = new PooledSink(base, p, groups, dstBits, add);
        pooledSinks.put(key, pk);
        wire(base + "_sink_ready", 1);
        wire(base + "_sink_done", 1);
      }
      pk.passes.add(pass);
      pk.buffers.add(dst);
      pk.flags.add(flag(lifBase + "_saturated"));
      passDone.add(pk.name + "_sink_done");
      sinkBase = pk.name;
    } else {
      sink(base, lifBase, start, dst, dstBits, add, p, groups, SharedLayers.LIF, null);
      sinkBase = base;
    }
    sharedPasses.add(
        new SharedPass(
            pass,
            mb,
            base,
            source,
            sinkBase,
            indexBits(groups / shared.ways()),
            clog2(e.rows()),
            valueBits,
            pairs,
            accFlag,
            gate != null));
  }

  /**
   * The pooled pipelined sources: each starts with any of its passes and reads the running pass's
   * buffer, its read port gated by the pass so that the other buffers see no read.
   */
  private void pooledSources() {
    int aw = ScheduleUnits.addressBits(tMax);
    for (PooledSource ps : pooledSources.values()) {
      List<String> starts = new ArrayList<>();
      List<String> data = new ArrayList<>();
      java.util.Map<Buffer, List<String>> selects = new LinkedHashMap<>();
      for (int i = 0; i < ps.passes.size(); i++) {
        starts.add("pass_start[" + ps.passes.get(i) + "]");
        selects
            .computeIfAbsent(ps.buffers.get(i), b -> new ArrayList<>())
            .add(isPass(ps.passes.get(i)));
      }
      for (Map.Entry<Buffer, List<String>> en : selects.entrySet()) {
        Buffer b = en.getKey();
        if (selects.size() == 1) {
          b.re.add(ps.name + "_rd_en");
          b.raddr.add(ps.name + "_rd_addr");
          data.add(b.rdata());
        } else {
          String sel = "(" + String.join(" || ", en.getValue()) + ")";
          b.re.add("(" + ps.name + "_rd_en & " + sel + ")");
          b.raddr.add("(" + ps.name + "_rd_addr & {" + aw + "{" + sel + "}})");
          data.add("({" + b.width + "{" + sel + "}} & " + b.rdata() + ")");
        }
      }
      Map<String, String> conn = new LinkedHashMap<>(ps.conn);
      conn.put("start", String.join(" | ", starts));
      // a source of pairs sends them on each of its passes (all on spikes)
      conn.put(
          "cfg_pairs",
          ps.unit.params().stream().anyMatch(p -> p.name().equals("PAIRS") && p.value() == 1)
              ? "(" + String.join(" || ", selectsOf(ps)) + ")"
              : "1'b0");
      conn.put("rd_data", String.join(" | ", data));
      add("u_" + ps.name, ps.unit, conn);
    }
  }

  /**
   * The pooled sinks: each starts with any of its passes, writes the running pass's buffer (the
   * write enable of each buffer gated by its passes; address and data reach every buffer, whose
   * other writers are idle) and keeps one overflow flag per pass.
   */
  private void pooledSinks() {
    for (PooledSink pk : pooledSinks.values()) {
      List<String> starts = new ArrayList<>();
      List<String> sel = new ArrayList<>();
      Map<Buffer, List<String>> selects = new LinkedHashMap<>();
      for (int i = 0; i < pk.passes.size(); i++) {
        starts.add("pass_start[" + pk.passes.get(i) + "]");
        sel.add(isPass(pk.passes.get(i)));
        selects
            .computeIfAbsent(pk.buffers.get(i), b -> new ArrayList<>())
            .add(isPass(pk.passes.get(i)));
      }
      String n = pk.name + "_sink";
      Map<String, String> k = new LinkedHashMap<>();
      k.put("start", String.join(" | ", starts));
      k.put("steps", "steps");
      k.put("done", n + "_done");
      k.put("flag_sel", concat(sel));
      k.put("ovf", concat(pk.flags));
      Buffer first = pk.buffers.get(0);
      if (pk.add) {
        if (selects.size() != 1) {
          throw new IllegalStateException(n + ": an adding sink reads one buffer");
        }
        reader(first, k, n);
      } else {
        k.put("rd_en", wire(n + "_rd_en_unused", 1));
        k.put("rd_addr", wire(n + "_rd_addr_unused", ScheduleUnits.addressBits(tMax)));
        k.put("rd_data", "{" + first.width + "{1'b0}}");
      }
      k.put("wr_en", wire(n + "_wr_en", 1));
      k.put("wr_addr", wire(n + "_wr_addr", ScheduleUnits.addressBits(tMax)));
      k.put("wr_data", wire(n + "_wr_data", first.width));
      for (Map.Entry<Buffer, List<String>> en : selects.entrySet()) {
        Buffer b = en.getKey();
        b.we.add(
            selects.size() == 1
                ? n + "_wr_en"
                : "(" + n + "_wr_en & (" + String.join(" || ", en.getValue()) + "))");
        b.waddr.add(n + "_wr_addr");
        b.wdata.add(n + "_wr_data");
      }
      k.put("s_spk", SharedLayers.LIF + "_out_spk");
      k.put("s_ovf", SharedLayers.LIF + "_out_ovf");
      k.put("s_valid", SharedLayers.LIF + "_out_valid");
      k.put("s_ready", n + "_ready");
      add(
          "u_" + n,
          ScheduleUnits.actSink(pk.lanes, pk.groups, pk.bits, pk.add, tMax, pk.passes.size()),
          k);
    }
  }

  /**
   * The {@code act_sink} of a pass: it takes the beats of the LIF core whose nets start with {@code
   * lif} and writes or adds them into {@code dst}; its done pulse ends the pass. Its ready drives
   * {@code ready}, or with null a wire {@code <base>_sink_ready} of its own (a shared core ORs the
   * sinks' readies).
   */
  private void sink(
      String base,
      String lifBase,
      String start,
      Buffer dst,
      int dstBits,
      boolean add,
      int p,
      int groups,
      String lif,
      String ready) {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("start", start);
    k.put("steps", "steps");
    String done = wire(base + "_done", 1);
    k.put("done", done);
    k.put("flag_sel", "1'b1");
    k.put("ovf", flag(lifBase + "_saturated"));
    if (add) {
      reader(dst, k, base + "_sink");
    } else {
      k.put("rd_en", wire(base + "_sink_rd_en_unused", 1));
      k.put("rd_addr", wire(base + "_sink_rd_addr_unused", ScheduleUnits.addressBits(tMax)));
      k.put("rd_data", "{" + dst.width + "{1'b0}}");
    }
    writer(dst, k, base + "_sink");
    k.put("s_spk", lif + "_out_spk");
    k.put("s_ovf", lif + "_out_ovf");
    k.put("s_valid", lif + "_out_valid");
    k.put("s_ready", ready != null ? ready : wire(base + "_sink_ready", 1));
    add("u_" + base + "_sink", ScheduleUnits.actSink(p, groups, dstBits, add, tMax), k);
    passDone.add(done);
  }

  /**
   * The shared engine, feed and LIF core of the pointwise passes. Only the running pass's source
   * and sink are busy, so their streams join by OR (event data gated by its valid); the {@code
   * cfg_*} inputs and the GSU gate are selected by the sequencer's pass index.
   */
  private void sharedPath() {
    SynapseParams se = shared.engine();
    LifParams sl = shared.lif();
    String e = SharedLayers.ENGINE;
    String c = SharedLayers.LIF;
    int p = se.lanes();
    int gw = indexBits(se.groups());
    int gwe = indexBits(se.groups() / shared.ways());
    int rw = clog2(se.rows());
    int xb = se.inputBits();
    int prw = options.pairs() ? 1 + rw : 0;
    int evw = gwe + prw + rw + xb;
    int xw = se.outputBits();
    List<String> data = new ArrayList<>();
    List<String> last = new ArrayList<>();
    List<String> valid = new ArrayList<>();
    List<String> starts = new ArrayList<>();
    List<String> sinkReady = new ArrayList<>();
    List<String> flagSel = new ArrayList<>();
    List<String> flagBits = new ArrayList<>();
    java.util.Set<String> sources = new java.util.HashSet<>();
    for (SharedPass sp : sharedPasses) {
      starts.add("pass_start[" + sp.pass() + "]");
      if (!sinkReady.contains(sp.sink() + "_sink_ready")) {
        sinkReady.add(sp.sink() + "_sink_ready");
      }
      flagSel.add(isPass(sp.pass()));
      flagBits.add(sp.accFlag());
      if (!sources.add(sp.source())) {
        continue;
      }
      String v = sp.source() + "_ev_valid";
      String d = sp.source() + "_ev_data";
      int x0 = sp.valueBits();
      int r0 = x0 + sp.rowBits();
      // a source of pairs: {group, pair, row_b, row, x}; the others' events carry no pair
      int g0 = r0 + (sp.pairs() ? 1 + sp.rowBits() : 0);
      String pair = "";
      if (prw > 0) {
        pair =
            sp.pairs()
                ? d
                    + "["
                    + (g0 - 1)
                    + "], "
                    + zext(d + "[" + (g0 - 2) + ":" + r0 + "]", sp.rowBits(), rw)
                    + ", "
                : "1'b0, " + rw + "'d0, ";
      }
      String fields =
          "{"
              + zext(d + "[" + (g0 + sp.groupBits() - 1) + ":" + g0 + "]", sp.groupBits(), gwe)
              + ", "
              + pair
              + zext(d + "[" + (r0 - 1) + ":" + x0 + "]", sp.rowBits(), rw)
              + ", "
              + zext(d + "[" + (x0 - 1) + ":0]", sp.valueBits(), xb)
              + "}";
      data.add("({" + evw + "{" + v + "}} & " + fields + ")");
      last.add("(" + v + " & " + sp.source() + "_ev_last)");
      valid.add(v);
    }
    pooledSources();
    pooledSinks();
    wire(e + "_ev_ready", 1);
    Map<String, String> y = new LinkedHashMap<>();
    y.put("cfg_acc_bits", select(8, sp -> sp.member().synapse().accBits()));
    y.put(
        "cfg_lane_inputs",
        select(1, sp -> sp.member().synapse().mode() == SynapseMode.DEPTHWISE ? 1 : 0));
    y.put("cfg_rows", select(rw + 1, sp -> sp.member().synapse().rows()));
    y.put(
        "cfg_weight_base", select(indexBits(shared.weightWords()), sp -> sp.member().weightBase()));
    y.put("cfg_bias_base", select(indexBits(shared.biasWords()), sp -> sp.member().biasBase()));
    y.put("s_ev_data", String.join(" | ", data));
    y.put("s_ev_last", String.join(" | ", last));
    y.put("s_ev_valid", String.join(" | ", valid));
    y.put("s_ev_ready", e + "_ev_ready");
    y.put("m_x_data", wire(e + "_x_data", p * xw));
    y.put("m_x_ovf", wire(e + "_x_ovf", p));
    y.put("m_x_group", wire(e + "_x_group", gw));
    y.put("m_x_valid", wire(e + "_x_valid", 1));
    y.put("m_x_ready", wire(e + "_x_ready", 1));
    addWrapper("u_" + e, e, y);

    int lw = 1 + gw + p * xw;
    String feed = e + "_feed";
    Map<String, String> f = new LinkedHashMap<>();
    f.put("start", String.join(" | ", starts));
    f.put("cfg_groups", select(clog2(se.groups() + 1L), sp -> sp.member().synapse().groups()));
    f.put("flag_sel", concat(flagSel));
    f.put("ovf", concat(flagBits));
    f.put("s_x_data", e + "_x_data");
    f.put("s_x_ovf", e + "_x_ovf");
    f.put("s_x_group", e + "_x_group");
    f.put("s_x_valid", e + "_x_valid");
    f.put("s_x_ready", e + "_x_ready");
    f.put("m_lif_data", wire(feed + "_data", lw));
    f.put("m_lif_valid", wire(feed + "_valid", 1));

    // GSU value layers: while one runs, the feed's beats pass through its gate
    String lifIn = c + "_in";
    String inData = feed + "_data";
    String inValid = feed + "_valid";
    String feedReady = lifIn + "_ready";
    for (SharedPass sp : sharedPasses) {
      if (!sp.gated()) {
        continue;
      }
      String sel = "(" + isPass(sp.pass()) + ")";
      String b = sp.base();
      Map<String, String> g = new LinkedHashMap<>();
      g.put("s_value_data", feed + "_data");
      g.put("s_value_valid", sel + " & " + feed + "_valid");
      g.put("s_value_ready", wire(b + "_gsu_value_ready", 1));
      g.put("s_gate_data", b + "_gate_data");
      g.put("s_gate_valid", b + "_gate_valid");
      g.put("s_gate_ready", b + "_gate_ready");
      g.put("m_out_data", wire(b + "_gated_data", lw));
      g.put("m_out_valid", wire(b + "_gated_valid", 1));
      g.put("m_out_ready", sel + " & " + lifIn + "_ready");
      add("u_" + b + "_gsu", ScheduleUnits.gsuGate(p, xw, 1 + gw), g);
      inData = sel + " ? " + b + "_gated_data : " + inData;
      inValid = sel + " ? " + b + "_gated_valid : " + inValid;
      feedReady = sel + " ? " + b + "_gsu_value_ready : " + feedReady;
    }
    wire(lifIn + "_ready", 1);
    f.put("m_lif_ready", feedReady);
    add("u_" + feed, ScheduleUnits.lifFeed(p, xw, se.groups(), sharedPasses.size()), f);

    int m = sl.membraneBits();
    Map<String, String> lc = new LinkedHashMap<>();
    lc.put("cfg_membrane_bits", select(8, sp -> sp.member().lifParams().membraneBits()));
    lc.put("cfg_theta_base", select(indexBits(shared.thetaWords()), sp -> sp.member().thetaBase()));
    lc.put("s_in_data", inData);
    lc.put("s_in_valid", inValid);
    lc.put("s_in_ready", lifIn + "_ready");
    String ovf = wire(c + "_out_ovf", p);
    String mem = wire(c + "_out_mem_unused", p * m);
    String spk = wire(c + "_out_spk", p);
    String grp = wire(c + "_out_group_unused", gw);
    lc.put("m_out_data", "{" + ovf + ", " + mem + ", " + spk + ", " + grp + "}");
    lc.put("m_out_valid", wire(c + "_out_valid", 1));
    wires.add(new Wire(c + "_out_ready", 1, String.join(" | ", sinkReady)));
    lc.put("m_out_ready", c + "_out_ready");
    addWrapper("u_" + c + "_core", c + "_core", lc);
  }

  /** The attention pass of block {@code b}. */
  private void attention(int b, Buffer q, Buffer k, Buffer v, Buffer att) {
    AttentionParams a = attentions.get(b);
    String base = VerilogNames.legal(a.block());
    String start = start();
    int d = a.channels();
    Map<String, String> s = new LinkedHashMap<>();
    s.put("start", start);
    s.put("steps", "steps");
    String en = wire(base + "_src_rd_en", 1);
    String addr = wire(base + "_src_rd_addr", ScheduleUnits.addressBits(tMax));
    s.put("rd_en", en);
    s.put("rd_addr", addr);
    for (Buffer buf : List.of(q, k, v)) {
      buf.re.add(en);
      buf.raddr.add(addr);
    }
    s.put("q_data", q.rdata());
    s.put("k_data", k.rdata());
    s.put("v_data", v.rdata());
    s.put("m_data", wire(base + "_qkv_data", 3 * d));
    s.put("m_last", wire(base + "_qkv_last", 1));
    s.put("m_valid", wire(base + "_qkv_valid", 1));
    s.put("m_ready", wire(base + "_qkv_ready", 1));
    add("u_" + base + "_src", ScheduleUnits.qkvSource(d, tMax), s);

    HwModule unit = wrappers.get(base + "_attention");
    Map<String, String> u = new LinkedHashMap<>();
    u.put("s_qkv_data", base + "_qkv_data");
    u.put("s_qkv_last", base + "_qkv_last");
    u.put("s_qkv_valid", base + "_qkv_valid");
    u.put("s_qkv_ready", base + "_qkv_ready");
    u.put("m_att_data", wire(base + "_att_data", d));
    u.put("m_att_last", wire(base + "_att_last", 1));
    u.put("m_att_valid", wire(base + "_att_valid", 1));
    u.put("m_att_ready", wire(base + "_att_ready", 1));
    for (String t : List.of("qk", "ay")) {
      int w = width(unit, "m_" + t + "_data");
      u.put("m_" + t + "_data", wire(base + "_" + t + "_data_unused", w));
      u.put("m_" + t + "_valid", wire(base + "_" + t + "_valid_unused", 1));
      u.put("m_" + t + "_ready", "1'b1");
    }
    addWrapper("u_" + base + "_attention", base + "_attention", u);
    traceTaps.add(TraceTap.attention(a, base));

    Map<String, String> k2 = new LinkedHashMap<>();
    k2.put("start", start);
    String done = wire(base + "_done", 1);
    k2.put("done", done);
    writer(att, k2, base + "_sink");
    k2.put("s_data", base + "_att_data");
    k2.put("s_last", base + "_att_last");
    k2.put("s_valid", base + "_att_valid");
    k2.put("s_ready", base + "_att_ready");
    add("u_" + base + "_sink", ScheduleUnits.rowSink(d, tMax), k2);
    passDone.add(done);
  }

  /**
   * {@code PAIRS} of the head's source and engine: with pairs the head takes two inputs of the
   * residual stream per event, each with its own value ({@link LibraryUnits#PAIRS_TWO_VALUES}).
   */
  static int headPairs(HwOptions options) {
    return options.pairs() ? LibraryUnits.PAIRS_TWO_VALUES : 0;
  }

  /** The head, the readout and the output stream: the last pass. */
  private void head(Buffer x, int r, String headSynapse, String readout) {
    ModelConfig c = model.config();
    int classes = c.classes();
    int logitBits = model.head().logitBits();
    int xb = clog2(ResidualStream.maxAfter(model.blocks().size()) + 1L);
    int xw = logitBits + 1;
    String start = start();
    Map<String, String> s = new LinkedHashMap<>();
    s.put("start", start);
    s.put("steps", "steps");
    if (options.architecture() != Architecture.PIPELINED) {
      progress(s, false);
    }
    s.put("busy", wire("head_src_busy_unused", 1));
    reader(x, s, "head_src");
    // pipelined: the row of step t + 1 is read while step t is scanned, so the readout, not the
    // source, sets the pace of the head pass
    HwModule srcUnit =
        options.architecture() == Architecture.PIPELINED
            ? ScheduleUnits.pipelinedEventSource(
                0, c.dModel(), r, classes, 1, 1, tMax, xb, 1, headPairs(options))
            : ScheduleUnits.eventSource(0, c.dModel(), r, classes, 1, 1, tMax, xb);
    s.put("m_ev_data", wire("head_ev_data", width(srcUnit, "m_ev_data")));
    s.put("m_ev_last", wire("head_ev_last", 1));
    s.put("m_ev_valid", wire("head_ev_valid", 1));
    s.put("m_ev_ready", wire("head_ev_ready", 1));
    if (options.architecture() == Architecture.PIPELINED) {
      s.put("cfg_pairs", options.pairs() ? "1'b1" : "1'b0");
    }
    add("u_head_src", srcUnit, s);
    Map<String, String> y = new LinkedHashMap<>();
    y.put("s_ev_data", "head_ev_data");
    y.put("s_ev_last", "head_ev_last");
    y.put("s_ev_valid", "head_ev_valid");
    y.put("s_ev_ready", "head_ev_ready");
    y.put("m_x_data", wire("head_x_data", classes * xw));
    y.put("m_x_ovf", wire("head_x_ovf", classes));
    y.put("m_x_group", wire("head_x_group_unused", 1));
    y.put("m_x_valid", wire("head_x_valid", 1));
    y.put("m_x_ready", wire("head_x_ready", 1));
    addWrapper("u_head_synapse", headSynapse, y);
    traceTaps.add(TraceTap.logits(classes, xw));
    // pipelined: a queue of T_max steps' logits, so that the head's source never waits for the
    // readout and the readout takes each step as soon as it is free
    String logitsIn = "head_x";
    if (options.architecture() == Architecture.PIPELINED) {
      int qw = classes * xw + classes;
      Map<String, String> f = new LinkedHashMap<>();
      f.put("s_data", "{head_x_ovf, head_x_data}");
      f.put("s_valid", "head_x_valid");
      f.put("s_ready", "head_x_ready");
      f.put(
          "m_data",
          "{" + wire("head_q_ovf", classes) + ", " + wire("head_q_data", classes * xw) + "}");
      f.put("m_valid", wire("head_q_valid", 1));
      f.put("m_ready", wire("head_q_ready", 1));
      add("u_logit_queue", ScheduleUnits.syncFifo(qw, tMax), f);
      logitsIn = "head_q";
    }
    Map<String, String> z = new LinkedHashMap<>();
    z.put("start", start);
    z.put("steps", "steps");
    z.put("ovf", flag("head_saturated"));
    z.put("s_data", logitsIn + "_data");
    z.put("s_ovf", logitsIn + "_ovf");
    z.put("s_valid", logitsIn + "_valid");
    z.put("s_ready", logitsIn + "_ready");
    ReadoutParams rp = LayerPlanner.readout(model, options);
    int logitBeat = rp.wideLogits() ? classes * logitBits : logitBits;
    z.put("m_data", wire("logit_data", logitBeat));
    z.put("m_last", wire("logit_last", 1));
    z.put("m_valid", wire("logit_valid", 1));
    z.put("m_ready", wire("logit_ready", 1));
    add(
        "u_logits",
        ScheduleUnits.logitSerializer(classes, xw, logitBits, tMax, rp.wideLogits()),
        z);
    int scoreBits = rp.probFracBits() + clog2(rp.maxSteps()) + 1;
    int classBits = clog2(rp.classes());
    Map<String, String> o = new LinkedHashMap<>();
    o.put("s_logit_data", "logit_data");
    o.put("s_logit_last", "logit_last");
    o.put("s_logit_valid", "logit_valid");
    o.put("s_logit_ready", "logit_ready");
    o.put("m_score_data", wire("score_data", scoreBits));
    o.put("m_score_class", wire("score_class", classBits));
    o.put("m_score_last", wire("score_last", 1));
    o.put("m_score_valid", wire("score_valid", 1));
    o.put("m_score_ready", wire("score_ready", 1));
    addWrapper("u_readout", readout, o);
    Map<String, String> w = new LinkedHashMap<>();
    String done = wire("result_done", 1);
    w.put("done", done);
    w.put("s_score", "score_data");
    w.put("s_class", "score_class");
    w.put("s_last", "score_last");
    w.put("s_valid", "score_valid");
    w.put("s_ready", "score_ready");
    w.put("m_data", "m_axis_tdata");
    w.put("m_last", "m_axis_tlast");
    w.put("m_valid", "m_axis_tvalid");
    w.put("m_ready", "m_axis_tready");
    add("u_result", ScheduleUnits.scoreOut(scoreBits, classBits), w);
    passDone.add(done);
  }

  private void memory(Buffer b) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("we", or(b.we));
    m.put("waddr", or(b.waddr));
    m.put("wdata", or(b.wdata));
    m.put("re", or(b.re));
    m.put("raddr", or(b.raddr));
    m.put("rdata", b.rdata());
    add("u_" + b.name + "_buffer", ScheduleUnits.buffer(b.width, tMax), m);
  }

  /** The condition "the running pass is {@code pass}" on the sequencer's pass index. */
  /** The pass selects of a pooled source's passes. */
  private List<String> selectsOf(PooledSource ps) {
    List<String> out = new ArrayList<>();
    for (int pass : ps.passes) {
      out.add(isPass(pass));
    }
    return out;
  }

  private String isPass(int pass) {
    return "pass_index == " + passBits + "'d" + pass;
  }

  /**
   * A {@code bits}-wide constant chosen by the running pass among the shared passes ({@code 0} in
   * any other pass).
   */
  private String select(int bits, java.util.function.ToLongFunction<SharedPass> value) {
    StringBuilder b = new StringBuilder();
    for (SharedPass sp : sharedPasses) {
      b.append("(")
          .append(isPass(sp.pass()))
          .append(") ? ")
          .append(bits)
          .append("'d")
          .append(value.applyAsLong(sp))
          .append(" : ");
    }
    return b.append(bits).append("'d0").toString();
  }

  /** {@code expr} of {@code from} bits zero-extended to {@code to} bits. */
  private static String zext(String expr, int from, int to) {
    if (from > to) {
      throw new IllegalStateException(expr + " is wider than " + to + " bits");
    }
    return from == to ? expr : "{" + (to - from) + "'d0, " + expr + "}";
  }

  private static String or(List<String> terms) {
    if (terms.isEmpty()) {
      throw new IllegalStateException("a buffer port without any user");
    }
    return String.join(" | ", terms);
  }

  private static String concat(List<String> lowFirst) {
    List<String> rev = new ArrayList<>(lowFirst);
    java.util.Collections.reverse(rev);
    return "{" + String.join(", ", rev) + "}";
  }

  /** Bit {@code i} of the {@code saturated} output: the sticky flag named {@code name}. */
  private String flag(String name) {
    flags.add(name);
    return "saturated[" + (flags.size() - 1) + "]";
  }

  private static int width(HwModule m, String port) {
    for (Port p : m.allPorts()) {
      if (p.name().equals(port)) {
        return p.width();
      }
    }
    throw new IllegalStateException(m.name() + " has no port " + port);
  }

  private SynapseParams synapse(SynapticLayer l) {
    SynapseParams e = engines.get(l.name());
    if (e == null) {
      throw new IllegalStateException("no engine for " + l.name());
    }
    return e;
  }

  private LifParams lif(SynapticLayer l) {
    LifParams p = lifs.get(l.lif());
    if (p == null) {
      throw new IllegalStateException("no LIF core for " + l.name());
    }
    return p;
  }

  private void addWrapper(String instance, String module, Map<String, String> conn) {
    HwModule w = wrappers.get(module);
    if (w == null) {
      throw new IllegalStateException("no generated module " + module);
    }
    instances.add(connect(instance, w, conn, false));
  }

  private void add(String instance, HwModule unit, Map<String, String> conn) {
    library.putIfAbsent(unit.name(), unit);
    instances.add(connect(instance, unit, conn, true));
  }

  /** The instance with every port of {@code unit} connected, clock and reset included. */
  private static Instance connect(
      String name, HwModule unit, Map<String, String> conn, boolean params) {
    Map<String, String> all = new LinkedHashMap<>();
    for (Port p : unit.allPorts()) {
      String e = p.name().equals("clk") || p.name().equals("rst") ? p.name() : conn.get(p.name());
      if (e == null) {
        throw new IllegalStateException(name + ": port " + p.name() + " is not connected");
      }
      all.put(p.name(), e);
    }
    for (String k : conn.keySet()) {
      if (!all.containsKey(k)) {
        throw new IllegalStateException(name + ": " + unit.name() + " has no port " + k);
      }
    }
    return new Instance(name, unit.name(), params ? unit.params() : List.of(), List.of(), all);
  }
}
