package org.spikescr.sim.cycles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
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

  /** Cycles of the attention pass beyond the unit's own schedule: the source's row reads. */
  static final int ATTENTION_LATENCY = 3;

  /**
   * Cycles of the head pass beyond its first step's events, the readout's steps and its argmax and
   * score phases: the engine, the logit serializer and the output stream.
   */
  static final int HEAD_LATENCY = 7;

  private final QuantizedModel model;
  private final int lanes;
  private final FixedSimulator sim;

  /** The model of the design of {@code model} with {@code lanes} lanes. */
  public CycleModel(QuantizedModel model, int lanes) {
    this.model = model;
    this.lanes = lanes;
    this.sim = new FixedSimulator(model);
  }

  /**
   * One pass of the schedule and its cycles, from its start pulse to the next one (the last pass:
   * to its class beat).
   *
   * @param name the layer, block or {@code head} the pass computes
   * @param cycles its cycles
   */
  public record Pass(String name, long cycles) {}

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
    long beats = (long) steps * ((c.inputChannels() + inLanes - 1) / inLanes);
    List<Pass> passes = new ArrayList<>();
    // the residual stream: non-zero channels per step after each addition
    long[][] residual = new long[steps][d];
    add(residual, spikes(traces, LayerNames.EMBED));
    passes.add(new Pass(LayerNames.EMBEDDING.name(), embedding(input, d / lanes)));
    for (int b = 0; b < model.blocks().size(); b++) {
      LayerNames.Block blk = LayerNames.block(b);
      int groups = d / lanes;
      long rowsX = pointwise(nonZero(residual), groups);
      passes.add(new Pass(blk.q().name(), rowsX + SYNAPTIC_LATENCY));
      passes.add(new Pass(blk.k().name(), rowsX + SYNAPTIC_LATENCY));
      passes.add(new Pass(blk.v().name(), rowsX + SYNAPTIC_LATENCY));
      int heads = c.heads();
      passes.add(new Pass(blk.attention(), attention(steps, heads)));
      passes.add(
          new Pass(
              blk.proj().name(),
              pointwise(nonZero(spikes(traces, blk.attnLif())), groups) + SYNAPTIC_LATENCY));
      add(residual, spikes(traces, blk.proj().lif()));
      mlp(passes, blk.mlp1(), residual, traces, groups);
      passes.add(
          new Pass(blk.pw1().name(), pointwise(nonZero(residual), groups) + SYNAPTIC_LATENCY));
      passes.add(
          new Pass(
              blk.dw().name(),
              depthwise(spikes(traces, blk.pw1().lif()), c.kernelSize(), groups)
                  + SYNAPTIC_LATENCY));
      long[] dwRows = nonZero(spikes(traces, blk.dw().lif()));
      passes.add(new Pass(blk.gate().name(), pointwise(dwRows, groups) + SYNAPTIC_LATENCY));
      passes.add(
          new Pass(
              blk.gsuProj().name(),
              pointwise(nonZero(spikes(traces, blk.gate().lif())), groups) + SYNAPTIC_LATENCY));
      passes.add(
          new Pass(
              blk.value().name(), pointwise(dwRows, groups) + SYNAPTIC_LATENCY + GATE_LATENCY));
      add(residual, spikes(traces, blk.value().lif()));
      mlp(passes, blk.mlp2(), residual, traces, groups);
    }
    passes.add(new Pass("head", head(nonZero(residual)[0], steps)));
    long total = beats;
    for (Pass p : passes) {
      total += p.cycles();
    }
    return new Prediction(beats, passes, total);
  }

  private void mlp(
      List<Pass> passes,
      LayerNames.Mlp m,
      long[][] residual,
      Map<String, FixedLayerTrace> traces,
      int groups) {
    int hidden = model.config().mlpHidden();
    passes.add(
        new Pass(m.fc1().name(), pointwise(nonZero(residual), hidden / lanes) + SYNAPTIC_LATENCY));
    passes.add(
        new Pass(
            m.fc2().name(),
            pointwise(nonZero(spikes(traces, m.fc1().lif())), groups) + SYNAPTIC_LATENCY));
    add(residual, spikes(traces, m.fc2().lif()));
  }

  /** Event-source cycles of a pointwise pass: per step and group, read, scan, close. */
  static long pointwise(long[] nonZero, int groups) {
    long n = 0;
    for (long z : nonZero) {
      n += groups * (z + 4);
    }
    return n;
  }

  private long embedding(long[][] input, int groups) {
    int steps = input.length;
    long[] nz = nonZero(input);
    long n = 0;
    for (int t = 0; t < steps; t++) {
      long perGroup = 1;
      for (int k = -1; k <= 1; k++) {
        int s = t + k;
        perGroup += s >= 0 && s < steps ? 3 + nz[s] : 1;
      }
      n += groups * perGroup;
    }
    return n + SYNAPTIC_LATENCY;
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
