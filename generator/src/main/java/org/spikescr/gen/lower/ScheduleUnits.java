package org.spikescr.gen.lower;

import static org.spikescr.gen.lower.LibraryUnits.clog2;
import static org.spikescr.gen.lower.LibraryUnits.indexBits;

import java.util.List;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.ir.ModuleKind;
import org.spikescr.gen.ir.Param;
import org.spikescr.gen.ir.Port;

/**
 * The interfaces of the hand-written units of the layer-sequential schedule ({@code
 * templates/static}: sources, sinks, the frame loader, the sequencer, the buffers) at one
 * parameterization, each port with the width its header states.
 */
final class ScheduleUnits {
  private ScheduleUnits() {}

  /** Address width of a buffer of {@code tMax} rows. */
  static int addressBits(int tMax) {
    return indexBits(tMax);
  }

  /** Width of a step count {@code 0 .. tMax}. */
  static int stepBits(int tMax) {
    return clog2(tMax + 1L);
  }

  private static HwModule unit(String name, String purpose, List<Param> params, List<Port> ports) {
    return new HwModule(name, ModuleKind.LIBRARY, purpose, params, ports, List.of(), List.of());
  }

  /** {@code ram_dp}: one activation buffer of {@code depth} rows of {@code width} bits. */
  static HwModule buffer(int width, int depth) {
    int aw = clog2(depth);
    return new HwModule(
        "ram_dp",
        ModuleKind.LIBRARY,
        "simple dual-port RAM",
        List.of(new Param("WIDTH", width, "bits of a row"), new Param("DEPTH", depth, "rows")),
        List.of(
            Port.in("we", 1),
            Port.in("waddr", aw),
            Port.in("wdata", width),
            Port.in("re", 1),
            Port.in("raddr", aw),
            Port.out("rdata", width)),
        List.of(),
        List.of(),
        List.of(),
        false);
  }

  /** {@code event_source} of one synaptic layer, without read-ahead. */
  static HwModule eventSource(
      int kind, int cin, int vw, int lanes, int groups, int taps, int tMax, int xb) {
    return eventSource(kind, cin, vw, lanes, groups, taps, tMax, xb, false);
  }

  /**
   * {@code event_source} of one synaptic layer; {@code ahead}: the next tap's row is read while a
   * row is scanned ({@code AHEAD}, kinds 0 and 1).
   */
  static HwModule eventSource(
      int kind, int cin, int vw, int lanes, int groups, int taps, int tMax, int xb, boolean ahead) {
    int rows = kind == 0 ? cin : kind == 1 ? cin * taps : taps;
    List<Param> params =
        new java.util.ArrayList<>(
            sourceParams(
                "0 pointwise, 1 channel convolution, 2 depthwise",
                kind,
                cin,
                vw,
                lanes,
                groups,
                taps,
                tMax,
                xb));
    params.add(new Param("AHEAD", ahead ? 1 : 0, "next tap's row read during a scan"));
    return unit(
        "event_source",
        "events of a synaptic layer from a buffer of time steps",
        params,
        gatedSourcePorts(cin * vw, groups, rows, xb, tMax));
  }

  /**
   * {@code event_source_pipelined} of one pointwise ({@code kind} 0) or depthwise (2) layer on the
   * shared engine, or of the embedding's channel convolution (1).
   */
  static HwModule pipelinedEventSource(
      int kind, int cin, int vw, int lanes, int groups, int taps, int tMax, int xb, int ways) {
    return pipelinedEventSource(kind, cin, vw, lanes, groups, taps, tMax, xb, ways, false);
  }

  /**
   * As {@link #pipelinedEventSource(int, int, int, int, int, int, int, int, int)}; with {@code
   * pairs} ({@code PAIRS = 1}, pointwise only) two channels per event while {@code cfg_pairs} is
   * set.
   */
  static HwModule pipelinedEventSource(
      int kind,
      int cin,
      int vw,
      int lanes,
      int groups,
      int taps,
      int tMax,
      int xb,
      int ways,
      boolean pairs) {
    return pipelinedEventSource(
        kind,
        cin,
        vw,
        lanes,
        groups,
        taps,
        tMax,
        xb,
        ways,
        pairs ? LibraryUnits.PAIRS_SAME_VALUE : 0);
  }

  /**
   * As {@link #pipelinedEventSource(int, int, int, int, int, int, int, int, int)}; {@code pairs} is
   * {@code PAIRS} (pointwise only): 0, {@link LibraryUnits#PAIRS_SAME_VALUE} or {@link
   * LibraryUnits#PAIRS_TWO_VALUES} (the highest channel's value in the event too).
   */
  static HwModule pipelinedEventSource(
      int kind,
      int cin,
      int vw,
      int lanes,
      int groups,
      int taps,
      int tMax,
      int xb,
      int ways,
      int pairs) {
    List<Param> params =
        new java.util.ArrayList<>(
            sourceParams(
                "0 pointwise, 1 channel convolution, 2 depthwise",
                kind,
                cin,
                vw,
                lanes,
                groups,
                taps,
                tMax,
                xb));
    params.add(new Param("WAYS", ways, "events per (step, group) at least"));
    params.add(new Param("PAIRS", pairs, "two channels per event (2: each with its value)"));
    int rows = kind == 0 ? cin : kind == 1 ? cin * taps : taps;
    List<Port> ports = new java.util.ArrayList<>();
    for (Port p : sourcePorts(cin * vw, groups, rows, xb, tMax)) {
      if (p.name().equals("m_ev_data") && pairs != 0) {
        int second = pairs == LibraryUnits.PAIRS_TWO_VALUES ? xb : 0;
        ports.add(Port.out("m_ev_data", p.width() + 1 + clog2(rows) + second));
      } else {
        ports.add(p);
      }
      if (p.name().equals("steps")) {
        ports.add(Port.in("cfg_pairs", 1));
      }
    }
    return unit(
        "event_source_pipelined",
        "events of a synaptic layer from a buffer of time steps, one per cycle",
        params,
        ports);
  }

  private static List<Param> sourceParams(
      String kinds, int kind, int cin, int vw, int lanes, int groups, int taps, int tMax, int xb) {
    return List.of(
        new Param("KIND", kind, kinds),
        new Param("CIN", cin, "channels of a buffer row"),
        new Param("VW", vw, "bits of a channel in a buffer row"),
        new Param("P", lanes, "lanes"),
        new Param("GROUPS", groups, "channel groups"),
        new Param("TAPS", taps, "kernel taps"),
        new Param("T_MAX", tMax, "rows of the buffer"),
        new Param("XB", xb, "event value width"));
  }

  /** The ports of both event sources: control, the buffer's read port, the event stream. */
  private static List<Port> sourcePorts(int rowBits, int groups, int rows, int xb, int tMax) {
    return List.of(
        Port.in("start", 1),
        Port.in("steps", stepBits(tMax)),
        Port.out("busy", 1),
        Port.out("rd_en", 1),
        Port.out("rd_addr", addressBits(tMax)),
        Port.in("rd_data", rowBits),
        Port.out("m_ev_data", indexBits(groups) + clog2(rows) + xb),
        Port.out("m_ev_last", 1),
        Port.out("m_ev_valid", 1),
        Port.in("m_ev_ready", 1));
  }

  /**
   * The ports of {@code event_source}: those of {@link #sourcePorts} and the progress of a buffer
   * written while it is read ({@code rows}, {@code loaded}).
   */
  private static List<Port> gatedSourcePorts(int rowBits, int groups, int rows, int xb, int tMax) {
    List<Port> ports = new java.util.ArrayList<>(sourcePorts(rowBits, groups, rows, xb, tMax));
    ports.add(2, Port.in("rows", stepBits(tMax)));
    ports.add(3, Port.in("loaded", 1));
    return List.copyOf(ports);
  }

  /** {@code sync_fifo} of {@code depth} words of {@code width} bits. */
  static HwModule syncFifo(int width, int depth) {
    return unit(
        "sync_fifo",
        "first-in first-out queue",
        List.of(new Param("WIDTH", width, "bits of a word"), new Param("DEPTH", depth, "words")),
        List.of(
            Port.in("s_data", width),
            Port.in("s_valid", 1),
            Port.out("s_ready", 1),
            Port.out("m_data", width),
            Port.out("m_valid", 1),
            Port.in("m_ready", 1)));
  }

  /** {@code lif_feed} between an engine and its LIF core. */
  static HwModule lifFeed(int lanes, int xw, int groups, int flags) {
    int gw = indexBits(groups);
    return unit(
        "lif_feed",
        "first-step flag for a LIF core",
        List.of(
            new Param("P", lanes, "lanes"),
            new Param("XW", xw, "bits of a lane"),
            new Param("GROUPS", groups, "channel groups"),
            new Param("FLAGS", flags, "layers sharing the feed, one overflow flag each")),
        List.of(
            Port.in("start", 1),
            Port.in("cfg_groups", clog2(groups + 1L)),
            Port.in("flag_sel", flags),
            Port.out("ovf", flags),
            Port.in("s_x_data", lanes * xw),
            Port.in("s_x_ovf", lanes),
            Port.in("s_x_group", gw),
            Port.in("s_x_valid", 1),
            Port.out("s_x_ready", 1),
            Port.out("m_lif_data", 1 + gw + lanes * xw),
            Port.out("m_lif_valid", 1),
            Port.in("m_lif_ready", 1)));
  }

  /** {@code act_sink} of one LIF layer. */
  static HwModule actSink(int lanes, int groups, int vw, boolean add, int tMax) {
    return actSink(lanes, groups, vw, add, tMax, 1);
  }

  /** {@code act_sink} shared by {@code flags} layers, one overflow flag each. */
  static HwModule actSink(int lanes, int groups, int vw, boolean add, int tMax, int flags) {
    int row = lanes * groups * vw;
    return unit(
        "act_sink",
        "writes or adds a layer's spikes into a buffer of time steps",
        List.of(
            new Param("P", lanes, "lanes"),
            new Param("GROUPS", groups, "channel groups"),
            new Param("VW", vw, "bits of a channel in a buffer row"),
            new Param("ADD", add ? 1 : 0, "1: add the spikes to the residual stream"),
            new Param("T_MAX", tMax, "rows of the buffer"),
            new Param("FLAGS", flags, "layers sharing the sink, one overflow flag each")),
        List.of(
            Port.in("start", 1),
            Port.in("steps", stepBits(tMax)),
            Port.out("done", 1),
            Port.in("flag_sel", flags),
            Port.out("ovf", flags),
            Port.out("rd_en", 1),
            Port.out("rd_addr", addressBits(tMax)),
            Port.in("rd_data", row),
            Port.out("wr_en", 1),
            Port.out("wr_addr", addressBits(tMax)),
            Port.out("wr_data", row),
            Port.in("s_spk", lanes),
            Port.in("s_ovf", lanes),
            Port.in("s_valid", 1),
            Port.out("s_ready", 1)));
  }

  /** {@code slice_source}: gate spikes per (step, group). */
  static HwModule sliceSource(int lanes, int groups, int tMax) {
    return unit(
        "slice_source",
        "group slices of a spike buffer",
        List.of(
            new Param("P", lanes, "lanes"),
            new Param("GROUPS", groups, "channel groups"),
            new Param("T_MAX", tMax, "rows of the buffer")),
        List.of(
            Port.in("start", 1),
            Port.in("steps", stepBits(tMax)),
            Port.out("rd_en", 1),
            Port.out("rd_addr", addressBits(tMax)),
            Port.in("rd_data", lanes * groups),
            Port.out("m_data", lanes),
            Port.out("m_valid", 1),
            Port.in("m_ready", 1)));
  }

  /** {@code qkv_source}: the attention's input rows. */
  static HwModule qkvSource(int d, int tMax) {
    return unit(
        "qkv_source",
        "q, k and v rows of the attention",
        List.of(new Param("D", d, "channels"), new Param("T_MAX", tMax, "rows of the buffers")),
        List.of(
            Port.in("start", 1),
            Port.in("steps", stepBits(tMax)),
            Port.out("rd_en", 1),
            Port.out("rd_addr", addressBits(tMax)),
            Port.in("q_data", d),
            Port.in("k_data", d),
            Port.in("v_data", d),
            Port.out("m_data", 3 * d),
            Port.out("m_last", 1),
            Port.out("m_valid", 1),
            Port.in("m_ready", 1)));
  }

  /** {@code row_sink}: the attention's output rows. */
  static HwModule rowSink(int width, int tMax) {
    return unit(
        "row_sink",
        "rows of a stream into a buffer of time steps",
        List.of(new Param("W", width, "bits of a row"), new Param("T_MAX", tMax, "rows")),
        List.of(
            Port.in("start", 1),
            Port.out("done", 1),
            Port.out("wr_en", 1),
            Port.out("wr_addr", addressBits(tMax)),
            Port.out("wr_data", width),
            Port.in("s_data", width),
            Port.in("s_last", 1),
            Port.in("s_valid", 1),
            Port.out("s_ready", 1)));
  }

  /**
   * {@code logit_serializer}: the head's logits, one class per beat, or with {@code wide} one beat
   * of every class's logit a step.
   */
  static HwModule logitSerializer(int classes, int xw, int logitBits, int tMax, boolean wide) {
    return unit(
        "logit_serializer",
        wide ? "the head's logits, one step per beat" : "the head's logits, one class per beat",
        List.of(
            new Param("K", classes, "classes"),
            new Param("XW", xw, "bits of an input lane"),
            new Param("Z_W", logitBits, "logit width"),
            new Param("T_MAX", tMax, "longest utterance"),
            new Param("WIDE", wide ? 1 : 0, "1: one beat a step, every class")),
        List.of(
            Port.in("start", 1),
            Port.in("steps", stepBits(tMax)),
            Port.out("ovf", 1),
            Port.in("s_data", classes * xw),
            Port.in("s_ovf", classes),
            Port.in("s_valid", 1),
            Port.out("s_ready", 1),
            Port.out("m_data", wide ? classes * logitBits : logitBits),
            Port.out("m_last", 1),
            Port.out("m_valid", 1),
            Port.in("m_ready", 1)));
  }

  /** {@code score_out}: the result stream. */
  static HwModule scoreOut(int scoreBits, int classBits) {
    int ow = Math.max(scoreBits, classBits);
    return unit(
        "score_out",
        "scores then class on the output stream",
        List.of(
            new Param("SW", scoreBits, "bits of a score"),
            new Param("CLW", classBits, "bits of a class index")),
        List.of(
            Port.out("done", 1),
            Port.in("s_score", scoreBits),
            Port.in("s_class", classBits),
            Port.in("s_last", 1),
            Port.in("s_valid", 1),
            Port.out("s_ready", 1),
            Port.out("m_data", ow),
            Port.out("m_last", 1),
            Port.out("m_valid", 1),
            Port.in("m_ready", 1)));
  }

  /** {@code frame_loader}: the input stream. */
  static HwModule frameLoader(int cin, int bits, int inLanes, int tMax) {
    return unit(
        "frame_loader",
        "frames of the input stream into the input buffer",
        List.of(
            new Param("CIN", cin, "channels of a frame"),
            new Param("B", bits, "bits of a channel"),
            new Param("IN_LANES", inLanes, "channels per beat"),
            new Param("T_MAX", tMax, "rows of the input buffer")),
        List.of(
            Port.in("start", 1),
            Port.out("first_beat", 1),
            Port.out("done", 1),
            Port.out("steps", stepBits(tMax)),
            Port.out("rows", stepBits(tMax)),
            Port.out("loaded", 1),
            Port.out("framing_error", 1),
            Port.out("overlong", 1),
            Port.out("wr_en", 1),
            Port.out("wr_addr", addressBits(tMax)),
            Port.out("wr_data", cin * bits),
            Port.in("s_axis_tdata", inLanes * bits),
            Port.in("s_axis_tlast", 1),
            Port.in("s_axis_tvalid", 1),
            Port.out("s_axis_tready", 1)));
  }

  /**
   * {@code net_sequencer} of {@code passes} passes; {@code early}: the first pass starts with the
   * utterance's first input beat (it reads the input buffer while it is written), not its last.
   */
  static HwModule sequencer(int passes, boolean early) {
    return unit(
        "net_sequencer",
        "layer-sequential controller",
        List.of(
            new Param("PASSES", passes, "passes per utterance"),
            new Param("EARLY", early ? 1 : 0, "first pass starts with the first input beat")),
        List.of(
            Port.out("load_start", 1),
            Port.in("load_done", 1),
            Port.in("first_beat", 1),
            Port.out("pass_start", passes),
            Port.in("pass_done", passes),
            Port.out("pass", indexBits(passes)),
            Port.out("cycles", 32),
            Port.out("busy", 1)));
  }

  /** {@code gsu_gate} joining the value half with the gate spikes. */
  static HwModule gsuGate(int lanes, int xw, int uw) {
    return unit(
        "gsu_gate",
        "GSU product as select-or-zero",
        List.of(
            new Param("P", lanes, "lanes"),
            new Param("XW", xw, "bits of a lane"),
            new Param("UW", uw, "side data bits")),
        List.of(
            Port.in("s_value_data", uw + lanes * xw),
            Port.in("s_value_valid", 1),
            Port.out("s_value_ready", 1),
            Port.in("s_gate_data", lanes),
            Port.in("s_gate_valid", 1),
            Port.out("s_gate_ready", 1),
            Port.out("m_out_data", uw + lanes * xw),
            Port.out("m_out_valid", 1),
            Port.in("m_out_ready", 1)));
  }
}
