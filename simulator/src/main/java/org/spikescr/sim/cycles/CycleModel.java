package org.spikescr.sim.cycles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spikescr.model.InputKind;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.fixedsim.FixedLayerTrace;
import org.spikescr.sim.fixedsim.FixedSimulator;

/**
 * Cycles of one inference of the layer-sequential design ({@code docs/hardware.md}, section 6),
 * predicted from the schedule and the data: the frame loader takes one input beat per cycle; every
 * synaptic pass costs, per step and group of {@code P} output channels, the cycles its event source
 * spends (two to read a buffer row per tap inside the utterance, one per non-zero input, one to
 * find the row exhausted, one per tap outside the utterance, one to close the step), plus a fixed
 * latency through engine, LIF core and sink; the attention and the readout run fixed schedules. The
 * activity comes from the fixed-point simulator's traces of the same utterance. The model knows
 * nothing of Verilog; {@code spikescr verify} compares it with the RTL on every sample.
 */
public final class CycleModel {
  /** Cycles from a pass's start pulse to the next pass's, beyond the event source's own cycles. */
  static final int SYNAPTIC_LATENCY = 9;

  /** Extra cycles of a GSU value pass, whose beats pass through the gate. */
  static final int GATE_LATENCY = 1;

  /** Cycles of the parallel-heads attention beyond its issue cycles and the heads' LIF steps. */
  static final int PARALLEL_HEADS_LATENCY = 6;

  /** Cycles of the attention pass beyond the unit's own schedule: the source's row reads. */
  static final int ATTENTION_LATENCY = 3;

  /**
   * Cycles of the head pass beyond its first step's events, the readout's steps and its argmax and
   * score phases: the engine, the logit serializer and the output stream.
   */
  static final int HEAD_LATENCY = 7;

  /**
   * As {@link #SYNAPTIC_LATENCY} for the pipelined depthwise pass, whose events leave a cycle after
   * their read.
   */
  static final int PIPELINED_DEPTHWISE_LATENCY = SYNAPTIC_LATENCY + 1;

  /**
   * Pipelined: cycles from the utterance's first input beat to the embedding's start pulse (the
   * loader's first-beat pulse, then the sequencer's start).
   */
  static final int EARLY_START = 1;

  /**
   * Pipelined: frame {@code r} is readable by the embedding's source {@code (r + 1) * beats -
   * FRAME_READY} cycles after the source's first cycle ({@code beats} per frame, one per cycle).
   */
  static final int FRAME_READY = 3;

  /** Cycles of the pipelined head's source before its first step's events: its first row. */
  static final int HEAD_SOURCE_FILL = 3;

  /** As {@link #HEAD_LATENCY} for the pipelined head, whose logits pass through a queue. */
  static final int PIPELINED_HEAD_LATENCY = 8;

  private final QuantizedModel model;
  private final int lanes;
  private final Architecture architecture;
  private final int ways;
  private final int embedWays;
  private final boolean pairs;
  private final FixedSimulator sim;

  /** The model of the design of {@code model} with {@code lanes} lanes, default architecture. */
  public CycleModel(QuantizedModel model, int lanes) {
    this(model, lanes, Architecture.DEFAULT);
  }

  /** The model of the design of {@code model} with {@code lanes} lanes and {@code architecture}. */
  public CycleModel(QuantizedModel model, int lanes, Architecture architecture) {
    this(model, lanes, architecture, 1, 1);
  }

  /**
   * The model of a design whose shared pointwise engine accumulates {@code ways * lanes} channels
   * per event and sends each such group as {@code ways} beats ({@code generate --engine-lanes}),
   * and whose embedding engine does the same with {@code embedWays} ({@code --embed-lanes}): their
   * events come in groups of that many channels (the pointwise and depthwise sources send at least
   * {@code ways} per group, the embedding's source spends at least 6 cycles on one), and their
   * passes end {@code ways} cycles later (the sums are copied into the beat register, then leave
   * one beat per cycle).
   */
  public CycleModel(
      QuantizedModel model, int lanes, Architecture architecture, int ways, int embedWays) {
    this(model, lanes, architecture, ways, embedWays, false);
  }

  /**
   * As {@link #CycleModel(QuantizedModel, int, Architecture, int, int)}; with {@code pairs} the
   * shared engine takes two input events per cycle on the pointwise passes whose inputs are spikes
   * (proj, every MLP's fc2, gate, gsu.proj, value; {@code generate --pairs}, pipelined only): their
   * source sends a (step, group) of {@code n_t} events in {@code ceil(n_t / 2)} cycles. The head
   * takes two of its inputs per event too, each with its own value.
   */
  public CycleModel(
      QuantizedModel model,
      int lanes,
      Architecture architecture,
      int ways,
      int embedWays,
      boolean pairs) {
    if (pairs && architecture != Architecture.PIPELINED) {
      throw new IllegalArgumentException("pairs need the pipelined architecture");
    }
    this.pairs = pairs;
    this.model = model;
    this.lanes = lanes;
    this.architecture = Objects.requireNonNull(architecture, "architecture");
    for (int w : new int[] {ways, embedWays}) {
      if (w < 1 || Integer.bitCount(w) != 1 || w > 4) {
        throw new IllegalArgumentException("ways must be 1, 2 or 4, got " + w);
      }
      if (w > 1 && architecture != Architecture.PIPELINED) {
        throw new IllegalArgumentException("ways above 1 need the pipelined architecture");
      }
    }
    this.ways = ways;
    this.embedWays = embedWays;
    this.sim = new FixedSimulator(model);
  }

  /**
   * Whether the pass of {@code layer} takes two input events per cycle: a pointwise layer on spikes
   * (proj, every MLP's fc2, gate, gsu.proj, value) of a design with pairs.
   */
  public boolean paired(String layer) {
    if (!pairs) {
      return false;
    }
    for (int b = 0; b < model.blocks().size(); b++) {
      LayerNames.Block blk = LayerNames.block(b);
      for (LayerNames.Synapse l :
          List.of(
              blk.proj(),
              blk.mlp1().fc2(),
              blk.gate(),
              blk.gsuProj(),
              blk.value(),
              blk.mlp2().fc2())) {
        if (l.name().equals(layer)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The architecture the model predicts. */
  public Architecture architecture() {
    return architecture;
  }

  /**
   * One pass of the schedule and its cycles, from its start pulse to the next one (the last pass:
   * to its class beat).
   *
   * @param name the layer the pass computes, its block's attention ({@code blocks.<i>.attn}) or
   *     {@code head}
   * @param cycles its cycles
   * @param operations the event-driven operations it does: synaptic accumulates (one per non-zero
   *     input and output it reaches; for log-mel input, one multiply-accumulate per input, output
   *     and tap), or for an attention block the accumulates of {@code K^T V} and {@code Q (K^T V)}
   *     over its spikes, counted as the simulators count them
   */
  public record Pass(String name, long cycles, long operations) {}

  /**
   * The cycles of one inference.
   *
   * @param load cycles from the first input beat to the first pass's start
   * @param passes every pass in order
   * @param total cycles from the first input beat to the class beat (the design's {@code cycles})
   */
  public record Prediction(long load, List<Pass> passes, long total) {
    /** Copies the list. */
    public Prediction {
      passes = List.copyOf(passes);
    }

    /** The operations of every pass together. */
    public long operations() {
      long n = 0;
      for (Pass p : passes) {
        n += p.operations();
      }
      return n;
    }
  }

  /** The prediction for one utterance of raw input values {@code [T][channels]}. */
  public Prediction predict(long[][] input, int inLanes) {
    Map<String, FixedLayerTrace> traces = new java.util.LinkedHashMap<>();
    sim.run(input, traces);
    return predict(input, inLanes, traces);
  }

  /** As {@link #predict(long[][], int)} with the simulator's traces already at hand. */
  public Prediction predict(long[][] input, int inLanes, Map<String, FixedLayerTrace> traces) {
    ModelConfig c = model.config();
    int steps = input.length;
    int d = c.dModel();
    int groups = d / lanes;
    long beats = (long) steps * ((c.inputChannels() + inLanes - 1) / inLanes);
    List<Pass> passes = new ArrayList<>();
    // the residual stream: non-zero channels per step after each addition
    long[][] residual = new long[steps][d];
    add(residual, spikes(traces, LayerNames.EMBED));
    int frameBeats = (c.inputChannels() + inLanes - 1) / inLanes;
    boolean early = architecture == Architecture.PIPELINED;
    passes.add(
        new Pass(
            LayerNames.EMBEDDING.name(),
            (early
                    ? embeddingWhileLoading(input, groups / embedWays, frameBeats)
                    : embedding(input, groups / embedWays))
                + beatLatency(embedWays),
            embeddingOps(input, d)));
    for (int b = 0; b < model.blocks().size(); b++) {
      LayerNames.Block blk = LayerNames.block(b);
      long[] x = nonZero(residual);
      passes.add(pointwisePass(blk.q().name(), x, d));
      passes.add(pointwisePass(blk.k().name(), x, d));
      passes.add(pointwisePass(blk.v().name(), x, d));
      passes.add(
          new Pass(
              blk.attentionBlock(),
              architecture == Architecture.PIPELINED
                  ? parallelHeadsAttention(steps, c.heads())
                  : attention(steps, c.heads()),
              attentionOps(
                  spikes(traces, blk.qLif2()),
                  spikes(traces, blk.kLif2()),
                  spikes(traces, blk.v().lif()))));
      passes.add(pointwisePass(blk.proj().name(), nonZero(spikes(traces, blk.attnLif())), d, true));
      add(residual, spikes(traces, blk.proj().lif()));
      mlp(passes, blk.mlp1(), residual, traces);
      passes.add(pointwisePass(blk.pw1().name(), nonZero(residual), d));
      byte[][] pw1 = spikes(traces, blk.pw1().lif());
      passes.add(
          new Pass(
              blk.dw().name(),
              architecture == Architecture.PIPELINED
                  ? pipelinedDepthwiseSource(steps, c.kernelSize(), groups / ways, ways)
                      + PIPELINED_DEPTHWISE_LATENCY
                      + beatLatency(ways)
                  : depthwise(pw1, c.kernelSize(), groups) + SYNAPTIC_LATENCY,
              depthwiseOps(pw1, c.kernelSize())));
      long[] dwRows = nonZero(spikes(traces, blk.dw().lif()));
      passes.add(pointwisePass(blk.gate().name(), dwRows, d, true));
      passes.add(
          pointwisePass(blk.gsuProj().name(), nonZero(spikes(traces, blk.gate().lif())), d, true));
      Pass value = pointwisePass(blk.value().name(), dwRows, d, true);
      passes.add(new Pass(value.name(), value.cycles() + GATE_LATENCY, value.operations()));
      add(residual, spikes(traces, blk.value().lif()));
      mlp(passes, blk.mlp2(), residual, traces);
    }
    long[] out = nonZero(residual);
    passes.add(
        new Pass(
            "head",
            architecture == Architecture.PIPELINED ? pipelinedHead(out) : head(out[0], steps),
            sum(out) * c.classes()));
    long load = early ? EARLY_START : beats;
    long total = load;
    for (Pass p : passes) {
      total += p.cycles();
    }
    return new Prediction(load, passes, total);
  }

  /** A pointwise pass over residual-stream rows with {@code nonZero} inputs per step. */
  private Pass pointwisePass(String name, long[] nonZero, int outputs) {
    return pointwisePass(name, nonZero, outputs, false);
  }

  /**
   * A pointwise pass over rows with {@code nonZero} inputs per step into {@code outputs}; {@code
   * binary}: its inputs are spikes, sent in pairs when the design pairs them.
   */
  private Pass pointwisePass(String name, long[] nonZero, int outputs, boolean binary) {
    int groups = outputs / lanes;
    long cycles =
        architecture == Architecture.PIPELINED
            ? pipelinedPointwiseSource(nonZero, groups / ways, ways, pairs && binary)
                + SYNAPTIC_LATENCY
                + beatLatency(ways)
            : pointwise(nonZero, groups) + SYNAPTIC_LATENCY;
    return new Pass(name, cycles, sum(nonZero) * outputs);
  }

  private void mlp(
      List<Pass> passes, LayerNames.Mlp m, long[][] residual, Map<String, FixedLayerTrace> traces) {
    passes.add(pointwisePass(m.fc1().name(), nonZero(residual), model.config().mlpHidden()));
    passes.add(
        pointwisePass(
            m.fc2().name(), nonZero(spikes(traces, m.fc1().lif())), model.config().dModel(), true));
    add(residual, spikes(traces, m.fc2().lif()));
  }

  /**
   * Operations of the embedding: every non-zero input (every input, for log-mel) reaches {@code d}
   * outputs through each of the three taps that lands inside the utterance.
   */
  private long embeddingOps(long[][] input, int d) {
    int steps = input.length;
    boolean real = model.config().inputKind() == InputKind.MEL;
    long[] nz = nonZero(input);
    long n = 0;
    for (int s = 0; s < steps; s++) {
      long reached = 1L + Math.min(s + 1, steps - 1) - Math.max(s - 1, 0);
      n += (real ? input[s].length : nz[s]) * reached * d;
    }
    return n;
  }

  /**
   * Operations of a depthwise pass: every spike reaches one output per tap inside the utterance.
   */
  private static long depthwiseOps(byte[][] in, int kernel) {
    int steps = in.length;
    int pad = (kernel - 1) / 2;
    long[] nz = nonZero(in);
    long n = 0;
    for (int s = 0; s < steps; s++) {
      int first = Math.max(0, s + pad - (steps - 1));
      int last = Math.min(kernel - 1, s + pad);
      n += nz[s] * (last - first + 1);
    }
    return n;
  }

  /**
   * Operations of an attention block, in the order {@code Q (K^T V)}: per head and step, each query
   * or key spike of the second LIFs' buffers (laid out as {@link
   * org.spikescr.sim.fixedsim.FixedAttention#lane}) adds the step's value spikes of that head, or a
   * row of {@code Dh} sums.
   */
  private long attentionOps(byte[][] q2, byte[][] k2, byte[][] v) {
    ModelConfig c = model.config();
    int steps = v.length;
    int heads = c.heads();
    int d = c.dModel();
    int dh = d / heads;
    boolean official = c.qkLayout() == QkLayout.OFFICIAL;
    long n = 0;
    for (int h = 0; h < heads; h++) {
      for (int t = 0; t < steps; t++) {
        long values = 0;
        for (int j = 0; j < dh; j++) {
          if (v[t][h * dh + j] != 0) {
            values++;
          }
        }
        int at = official ? (h * steps + t) * dh : t * d + h * dh;
        for (int j = 0; j < dh; j++) {
          int flat = at + j;
          if (k2[flat / d][flat % d] != 0) {
            n += values;
          }
          if (q2[flat / d][flat % d] != 0) {
            n += dh;
          }
        }
      }
    }
    return n;
  }

  private static long sum(long[] xs) {
    long n = 0;
    for (long x : xs) {
      n += x;
    }
    return n;
  }

  /**
   * Cycles a shared-engine pass takes beyond those of an engine of one beat per group: with {@code
   * ways} beats, the copy of the last group's sums into the beat register and its {@code ways - 1}
   * further beats.
   */
  private static long beatLatency(int ways) {
    return ways > 1 ? ways : 0;
  }

  /** Event-source cycles of a pointwise pass: per step and group, read, scan, close. */
  static long pointwise(long[] nonZero, int groups) {
    long n = 0;
    for (long z : nonZero) {
      n += groups * (z + 4);
    }
    return n;
  }

  /**
   * Event-source cycles of a pipelined pointwise pass: {@link #pipelinedChannelSource} of one tap.
   */
  public static long pipelinedPointwiseSource(long[] nonZero, int groups, int ways) {
    return pipelinedChannelSource(nonZero, 1, groups, ways);
  }

  /**
   * As {@link #pipelinedPointwiseSource(long[], int, int)}; with {@code pairs} the source sends two
   * inputs per event (the lowest and the highest channel left), so a step and group costs {@code
   * ceil(n_t / 2)} cycles (at least {@code ways}, two for one group of one way, as without pairs).
   */
  public static long pipelinedPointwiseSource(long[] nonZero, int groups, int ways, boolean pairs) {
    if (!pairs) {
      return pipelinedPointwiseSource(nonZero, groups, ways);
    }
    long[] events = new long[nonZero.length];
    for (int t = 0; t < nonZero.length; t++) {
      events[t] = (nonZero[t] + 1) / 2;
    }
    return pipelinedChannelSource(events, 1, groups, ways);
  }

  /**
   * Event-source cycles of a pipelined pass over a window of {@code taps} rows (the embedding's
   * channel convolution; one tap: a pointwise pass): {@code PAD + 3} to read rows {@code 0 .. PAD}
   * into the window, then per step and group of the events one per non-zero input of the window's
   * rows inside the utterance, at least {@code ways} (at least 2 for one group and one way), back
   * to back across the steps (the row that enters the window next is read while a step is scanned).
   */
  public static long pipelinedChannelSource(long[] nonZero, int taps, int groups, int ways) {
    int pad = (taps - 1) / 2;
    int steps = nonZero.length;
    // a step of one group takes two cycles at least
    long least = groups == 1 && ways == 1 ? 2 : ways;
    long n = pad + 3L;
    for (int t = 0; t < steps; t++) {
      long z = 0;
      for (int s = Math.max(0, t - pad); s <= Math.min(steps - 1, t + pad); s++) {
        z += nonZero[s];
      }
      n += groups * Math.max(z, least);
    }
    return n;
  }

  /**
   * Event-source cycles of a pipelined depthwise pass: one event per tap inside the utterance for
   * every step and group of the events, back to back, at least {@code ways} (the source completes a
   * group with zero events: the engine sends a group as {@code ways} beats).
   */
  public static long pipelinedDepthwiseSource(int steps, int kernel, int groups, int ways) {
    int pad = (kernel - 1) / 2;
    long n = 0;
    for (int t = 0; t < steps; t++) {
      int taps = Math.min(kernel - 1, steps - 1 - t + pad) - Math.max(0, pad - t) + 1;
      n += (long) groups * Math.max(taps, ways);
    }
    return n;
  }

  /**
   * The embedding pass of the sequential architecture, which starts once every frame is in: {@link
   * #gatedChannelSource} with every row readable from the start and no read-ahead, plus the pass's
   * latency.
   */
  private static long embedding(long[][] input, int groups) {
    return gatedChannelSource(nonZero(input), 3, groups, new long[input.length], false)
        + SYNAPTIC_LATENCY;
  }

  /**
   * The embedding pass of the pipelined architecture, which starts with the utterance's first input
   * beat and reads each frame once the loader has written it, the next tap's row read while a row
   * is scanned: {@link #gatedChannelSource} with frame {@code r} readable {@code (r + 1) *
   * frameBeats - FRAME_READY} cycles after the source's first cycle, plus the pass's latency.
   */
  private long embeddingWhileLoading(long[][] input, int groups, int frameBeats) {
    long[] ready = new long[input.length];
    for (int r = 0; r < ready.length; r++) {
      ready[r] = (r + 1L) * frameBeats - FRAME_READY;
    }
    return gatedChannelSource(nonZero(input), 3, groups, ready, true) + SYNAPTIC_LATENCY;
  }

  /**
   * Event-source cycles of the row-by-row source ({@code event_source}) of a channel convolution
   * over {@code taps} rows whose buffer is written while it reads it: per step and group one cycle
   * to close it, and per tap one cycle outside the utterance or, inside, two to read and load the
   * row and then one per non-zero input and one to find the row exhausted ({@code ahead} false), or
   * one per non-zero input, one if none, the last one ending the row; with {@code ahead}, a tap
   * whose row may be read in the last cycle of the previous tap's scan is read then and costs one
   * cycle less, and so is the first tap of a (step, group) whose row may be read in the cycle that
   * closes the previous one. A tap of row {@code r} is read no earlier than {@code ready[r]}
   * (counted from the source's first cycle), a tap past the last step is found so no earlier than
   * {@code ready[T - 1]} (when the count of steps is known). With every {@code ready} 0 and no
   * {@code ahead} this is the source of a buffer written before the pass.
   */
  public static long gatedChannelSource(
      long[] nonZero, int taps, int groups, long[] ready, boolean ahead) {
    int steps = nonZero.length;
    int pad = (taps - 1) / 2;
    long at = 0;
    // the close of the previous (step, group), when its cycle read this one's first row
    long flush = -1;
    for (int t = 0; t < steps; t++) {
      for (int g = 0; g < groups; g++) {
        int first = t - pad;
        boolean readAhead = ahead && flush >= 0 && first >= 0 && flush >= ready[first];
        for (int k = 0; k < taps; k++) {
          int r = t + k - pad;
          if (!readAhead) {
            if (r < 0) {
              at += 1;
              continue;
            }
            at = Math.max(at, ready[Math.min(r, steps - 1)]);
            if (r >= steps) {
              at += 1;
              continue;
            }
            at += 1; // the read
          }
          at += 1; // the load
          long scan = ahead ? Math.max(1, nonZero[r]) : nonZero[r] + 1;
          long last = at + scan - 1;
          at += scan;
          readAhead = ahead && k + 1 < taps && r + 1 < steps && last >= ready[r + 1];
        }
        flush = at;
        at += 1;
      }
    }
    return at;
  }

  private long depthwise(byte[][] in, int kernel, int groups) {
    int steps = in.length;
    int pad = (kernel - 1) / 2;
    long n = 0;
    for (int t = 0; t < steps; t++) {
      for (int g = 0; g < groups; g++) {
        long cost = 1;
        for (int k = 0; k < kernel; k++) {
          int s = t + k - pad;
          if (s < 0 || s >= steps) {
            cost += 1;
          } else {
            boolean any = false;
            for (int j = 0; j < lanes && !any; j++) {
              any = in[s][g * lanes + j] != 0;
            }
            cost += any ? 4 : 3;
          }
        }
        n += cost;
      }
    }
    return n;
  }

  /**
   * The attention pass: the unit's {@code T + H*T + T^2*H + 6} cycles, its source's three cycles
   * per row instead of one, and the source's and sink's latency.
   */
  static long attention(int steps, int heads) {
    return 3L * steps + (long) heads * steps + (long) steps * steps * heads + 6 + ATTENTION_LATENCY;
  }

  /**
   * The attention pass with every head's scores of two keys in one cycle ({@code HEADS_PAR = 1,
   * KEYS_PAR = 2}): the load and the RoPE phase as {@link #attention}, then per query {@code
   * max(ceil(T/2), H)} cycles (one per pair of keys, at least one per head for the attention LIF,
   * which takes the previous query's heads one per cycle meanwhile), and after the last query its
   * {@code H} heads through the LIF.
   */
  static long parallelHeadsAttention(int steps, int heads) {
    return 3L * steps
        + (long) heads * steps
        + (long) steps * Math.max((steps + 1) / 2, heads)
        + heads
        + PARALLEL_HEADS_LATENCY
        + ATTENTION_LATENCY;
  }

  /**
   * The head pass: the event source's first step (its later steps hide behind the readout), then
   * the readout's schedule: per step {@code K} cycles to take the logits, {@code K + 1} of look-ups
   * and {@code K * (P_F + 1)} of divisions; per utterance {@code K} for the argmax and {@code K +
   * 1} for the scores.
   */
  private long head(long firstStepInputs, int steps) {
    long k = model.config().classes();
    long pf = model.readout().probFracBits();
    return firstStepInputs + 4 + steps * (k * (pf + 3) + 1) + 2 * k + 1 + HEAD_LATENCY;
  }

  /**
   * Cycles of the pipelined readout's ({@code PAR_DIV = 2}) front end from taking a step's logits
   * to handing its table words and {@code S} to the dividers: two for the max tree, one for the
   * table addresses, one for the words and the sum; the next step is taken the cycle after.
   */
  static final int READOUT_FRONT = 4;

  /**
   * The pipelined head pass: the pipelined event source (three cycles for its first row) sends step
   * {@code t}'s events ({@code max(2, n_t)} cycles, the next row read meanwhile; with pairs {@code
   * max(2, ceil(n_t / 2))}, two inputs of the residual stream per event) into a queue that never
   * fills, so step {@code t}'s logits reach the readout at {@code a_t = 3 + sum over s <= t of
   * max(2, n_s)}. The readout ({@code PAR_DIV = 2}) takes a step in one beat at {@code b_t =
   * max(a_t, f_(t-1) + 1)} when its front end is free; the front end hands the step to the dividers
   * at {@code f_t = max(b_t + 4, d_(t-1))} (once they have started the previous one) and the
   * dividers start it at {@code d_t = max(f_t + 1, d_(t-1) + P_F + 1)}. After the last step's
   * {@code P_F + 1} division cycles, the argmax ({@code K}) and the scores ({@code K + 1}).
   */
  private long pipelinedHead(long[] nonZero) {
    long k = model.config().classes();
    long pf = model.readout().probFracBits();
    long arrived;
    long handed = 0;
    long started = 0;
    // the pipelined source: three cycles for the first row, then per step its events, two at least
    arrived = HEAD_SOURCE_FILL;
    for (int t = 0; t < nonZero.length; t++) {
      // with pairs two inputs per event, each with its own value
      long events = pairs ? (nonZero[t] + 1) / 2 : nonZero[t];
      arrived += Math.max(2, events);
      long taken = t == 0 ? arrived : Math.max(arrived, handed + 1);
      handed = t == 0 ? taken + READOUT_FRONT : Math.max(taken + READOUT_FRONT, started);
      started = t == 0 ? handed + 1 : Math.max(handed + 1, started + pf + 1);
    }
    return started + pf + 1 + 2 * k + 1 + PIPELINED_HEAD_LATENCY;
  }

  private static byte[][] spikes(Map<String, FixedLayerTrace> traces, String lif) {
    FixedLayerTrace t = traces.get(lif);
    if (t == null) {
      throw new IllegalStateException("no trace of " + lif + " in " + traces.keySet());
    }
    return t.spikes();
  }

  private static void add(long[][] residual, byte[][] s) {
    for (int t = 0; t < residual.length; t++) {
      for (int c = 0; c < residual[t].length; c++) {
        residual[t][c] += s[t][c];
      }
    }
  }

  private static long[] nonZero(long[][] rows) {
    long[] n = new long[rows.length];
    for (int t = 0; t < rows.length; t++) {
      for (long v : rows[t]) {
        if (v != 0) {
          n[t]++;
        }
      }
    }
    return n;
  }

  private static long[] nonZero(byte[][] rows) {
    long[] n = new long[rows.length];
    for (int t = 0; t < rows.length; t++) {
      for (byte v : rows[t]) {
        if (v != 0) {
          n[t]++;
        }
      }
    }
    return n;
  }
}
