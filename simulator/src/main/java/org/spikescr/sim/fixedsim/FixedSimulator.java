package org.spikescr.sim.fixedsim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.FixedMath;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.InputKind;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.ResidualStream;
import org.spikescr.model.ResidualStream.Stage;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.ThresholdLif;
import org.spikescr.sim.OpCounts;

/**
 * The bit-accurate fixed-point simulator ({@code --mode fixed}): the golden model of {@code
 * docs/fixed-point.md}. One utterance at a time (batch size 1, no padding, state reset per
 * utterance); integer arithmetic only.
 *
 * <p>The constructor prepares every layer once (weights laid out per input for event-driven
 * accumulation, thresholds, RoPE tables); a run keeps activations in row-major {@code [step * width
 * + lane]} arrays of {@code int} (spikes and the small residual sums) and computes in {@code int}
 * only where the layer's weights and the run's inputs prove that no sum can leave 32 bits.
 *
 * <p>Instances are immutable and may be shared between threads; every run has its own counters.
 */
public final class FixedSimulator {
  private final QuantizedModel model;
  private final ModelConfig config;
  private final int g;
  private final FixedReadout readout;
  private final boolean real;
  private final FixedSynapse embed;
  private final List<Block> blocks;
  private final int[] headByInput;
  private final FixedFormat logitFormat;

  /** One block's layers, prepared. */
  @SuppressWarnings("ArrayRecordComponent") // private, never compared or exposed
  private record Block(
      FixedSynapse q,
      FixedSynapse k,
      FixedSynapse v,
      FixedSynapse proj,
      ThresholdLif qLif2,
      ThresholdLif kLif2,
      ThresholdLif attnLif,
      long[] qTheta,
      long[] kTheta,
      long[] attnTheta,
      FixedAttention attention,
      FixedSynapse fc1a,
      FixedSynapse fc2a,
      FixedSynapse pw1,
      FixedSynapse dw,
      FixedSynapse value,
      FixedSynapse gate,
      FixedSynapse gsuProj,
      FixedSynapse fc1b,
      FixedSynapse fc2b) {}

  /** Prepares a simulator for a quantized model. */
  public FixedSimulator(QuantizedModel model) {
    this.model = model;
    this.config = model.config();
    this.g = model.settings().membraneFracBits();
    this.readout = FixedReadout.of(model.readout());
    this.real = config.inputKind() == InputKind.MEL;
    this.embed = FixedSynapse.embed(model.embed());
    List<Block> prepared = new ArrayList<>();
    for (QuantizedBlock b : model.blocks()) {
      prepared.add(prepare(b, config));
    }
    this.blocks = List.copyOf(prepared);
    int classes = config.classes();
    int d = config.dModel();
    var w = model.head().weight();
    this.headByInput = new int[d * classes];
    for (int k = 0; k < classes; k++) {
      for (int i = 0; i < d; i++) {
        headByInput[i * classes + k] = w.at(k * d + i);
      }
    }
    this.logitFormat = FixedFormat.signedInt(model.head().logitBits());
  }

  /** One block's layers, prepared. */
  private static Block prepare(QuantizedBlock b, ModelConfig config) {
    QuantizedBlock.QuantizedAttention a = b.attention();
    QuantizedBlock.QuantizedConvModule c = b.conv();
    return new Block(
        FixedSynapse.linear(a.q()),
        FixedSynapse.linear(a.k()),
        FixedSynapse.linear(a.v()),
        FixedSynapse.linear(a.proj()),
        a.qLif2(),
        a.kLif2(),
        a.attnLif(),
        fill(config.dModel(), a.qLif2().threshold()),
        fill(config.dModel(), a.kLif2().threshold()),
        fill(config.dModel(), a.attnLif().threshold()),
        new FixedAttention(a.rope(), config.heads(), config.headDim(), config.qkLayout()),
        FixedSynapse.linear(b.mlp1().fc1()),
        FixedSynapse.linear(b.mlp1().fc2()),
        FixedSynapse.linear(c.pw1()),
        FixedSynapse.depthwise(c.dw()),
        FixedSynapse.linear(c.value()),
        FixedSynapse.linear(c.gate()),
        FixedSynapse.linear(c.gsuProj()),
        FixedSynapse.linear(b.mlp2().fc1()),
        FixedSynapse.linear(b.mlp2().fc2()));
  }

  /** The model simulated. */
  public QuantizedModel model() {
    return model;
  }

  /**
   * Runs one utterance of raw inputs {@code [T][inputChannels]} in the model's input format (the
   * caller converts the data set's values and counts input saturation, see {@code
   * org.spikescr.model.quantized.QuantizedInputs}).
   */
  public FixedInference run(long[][] input) {
    return run(input, null);
  }

  /** Runs one utterance and returns the trace of every LIF layer in forward order. */
  public Map<String, FixedLayerTrace> trace(long[][] input) {
    Map<String, FixedLayerTrace> traces = new LinkedHashMap<>();
    run(input, traces);
    return traces;
  }

  /** Runs one utterance, recording every LIF layer into {@code traces} when it is not null. */
  public FixedInference run(long[][] input, Map<String, FixedLayerTrace> traces) {
    checkInput(input);
    int steps = input.length;
    Run r = new Run(traces, steps, g);
    int cin = config.inputChannels();
    int[] raw = new int[steps * cin];
    for (int t = 0; t < steps; t++) {
      for (int c = 0; c < cin; c++) {
        // the input format is at most 24 bits wide (QuantSettings), checked above
        raw[t * cin + c] = (int) input[t][c];
      }
    }
    int[] x = r.layer(embed, LayerInput.raw(raw, steps, real));
    for (int i = 0; i < blocks.size(); i++) {
      x = block(i, blocks.get(i), x, r);
    }
    long[][] logits = head(x, steps, r.counter(LayerNames.HEAD), r.tally);
    long[] scores = readout.scores(logits);
    List<FixedInference.Saturation> sat = new ArrayList<>();
    for (SaturationCounter c : r.counters.values()) {
      sat.add(new FixedInference.Saturation(c.name(), c.events(), c.casts()));
    }
    return new FixedInference(
        logits, scores, FixedReadout.argmax(scores), sat, r.tally.build(input.length));
  }

  private void checkInput(long[][] input) {
    if (input.length == 0) {
      throw new IllegalArgumentException("an utterance needs at least one frame");
    }
    if (input.length > model.settings().maxTimeSteps()) {
      throw new IllegalArgumentException(
          "utterance of "
              + input.length
              + " frames exceeds the model's max_time_steps "
              + model.settings().maxTimeSteps());
    }
    FixedFormat in = model.settings().inputFormat();
    long lo = in.minRaw();
    long hi = in.maxRaw();
    for (long[] row : input) {
      if (row.length != config.inputChannels()) {
        throw new IllegalArgumentException(
            "input frames have "
                + row.length
                + " channels, the model expects "
                + config.inputChannels());
      }
      for (long v : row) {
        if (v < lo || v > hi) {
          throw new IllegalArgumentException("input value " + v + " is outside " + in);
        }
      }
    }
  }

  /**
   * Block {@code i} on the residual stream {@code x0}; each of the four residual additions adds
   * spikes (0 or 1), and {@link ResidualStream} bounds the values each sub-block reads.
   */
  private int[] block(int i, Block b, int[] x0, Run r) {
    int[] x1 = add(x0, attention(b, x0, ResidualStream.inputMax(i, Stage.ATTENTION), r));
    int[] x2 = add(x1, mlp(b.fc1a(), b.fc2a(), x1, ResidualStream.inputMax(i, Stage.MLP1), r));
    int[] x3 = add(x2, conv(b, x2, ResidualStream.inputMax(i, Stage.CONV), r));
    return add(x3, mlp(b.fc1b(), b.fc2b(), x3, ResidualStream.inputMax(i, Stage.MLP2), r));
  }

  private int[] attention(Block b, int[] x, int max, Run r) {
    int steps = r.steps;
    FixedAttention att = b.attention();
    // q, k and v read the same stream: its events are found once
    LayerInput in = LayerInput.counts(x, steps, max, StepEvents.of(x, steps, config.dModel()));
    int[] qs = r.layer(b.q(), in);
    int[] q2 = secondLif(b, b.qLif2(), b.qTheta(), qs, r);
    int[] ks = r.layer(b.k(), in);
    int[] k2 = secondLif(b, b.kLif2(), b.kTheta(), ks, r);
    int[] vs = r.layer(b.v(), in);
    long[] y = att.product(q2, k2, vs, steps, r.tally);
    for (int i = 0; i < y.length; i++) {
      y[i] <<= g;
    }
    ThresholdLif a = b.attnLif();
    int[] ys = r.lif(a.name(), y, b.attnTheta(), a.membraneBits());
    return r.layer(b.proj(), LayerInput.spikes(ys, steps));
  }

  private int[] secondLif(Block b, ThresholdLif lif, long[] theta, int[] spikes, Run r) {
    long[] lanes = b.attention().ropeLanes(spikes, r.steps, g);
    return r.lif(lif.name(), lanes, theta, lif.membraneBits());
  }

  private int[] mlp(FixedSynapse fc1, FixedSynapse fc2, int[] x, int max, Run r) {
    int[] hidden = r.layer(fc1, LayerInput.counts(x, r.steps, max, null));
    return r.layer(fc2, LayerInput.spikes(hidden, r.steps));
  }

  private int[] conv(Block b, int[] x, int max, Run r) {
    int steps = r.steps;
    int[] s1 = r.layer(b.pw1(), LayerInput.counts(x, steps, max, null));
    int[] s2 = r.layer(b.dw(), LayerInput.spikes(s1, steps));
    FixedSynapse value = b.value();
    // value and gate read the same spikes: their events are found once
    LayerInput in = LayerInput.counts(s2, steps, 1, StepEvents.of(s2, steps, config.dModel()));
    long[] u = r.collect(value, in);
    int[] g1 = r.layer(b.gate(), in);
    int[] gate = r.layer(b.gsuProj(), LayerInput.spikes(g1, steps));
    return r.lif(value.lif, gated(u, gate), value.theta, value.membraneBits);
  }

  private long[][] head(int[] x, int steps, SaturationCounter counter, OpCounts.Tally tally) {
    int classes = config.classes();
    int d = config.dModel();
    long lo = logitFormat.minRaw();
    long hi = logitFormat.maxRaw();
    long[][] z = new long[steps][classes];
    int[] nz = new int[d];
    long events = 0;
    for (int t = 0; t < steps; t++) {
      int base = t * d;
      int n = StepEvents.nonZero(x, base, d, nz);
      events += n;
      long[] acc = z[t];
      for (int e = 0; e < n; e++) {
        int i = nz[e];
        long v = x[base + i];
        int row = i * classes;
        for (int k = 0; k < classes; k++) {
          acc[k] += headByInput[row + k] * v;
        }
      }
      for (int k = 0; k < classes; k++) {
        long a = acc[k];
        if (a < lo || a > hi) {
          acc[k] =
              FixedMath.cast(
                  a, FixedSynapse.WIDE, logitFormat, Quantization.TRN, Overflow.SAT, counter);
        } else {
          counter.record(false);
        }
      }
    }
    tally.accumulates(events * classes);
    return z;
  }

  private static long[] fill(int n, long v) {
    long[] out = new long[n];
    java.util.Arrays.fill(out, v);
    return out;
  }

  /**
   * The GSU product {@code U * g} of section 6 as select-or-zero: {@code g ? u : 0} per element
   * ({@code gate} holds spikes, 0 or 1).
   */
  public static long[] gated(long[] u, int[] gate) {
    long[] out = new long[u.length];
    for (int i = 0; i < u.length; i++) {
      out[i] = gate[i] == 0 ? 0 : u[i];
    }
    return out;
  }

  /** A residual addition of section 6: the stream plus one sub-block's spikes, exact. */
  public static int[] add(int[] a, int[] b) {
    int[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i];
    }
    return out;
  }

  /** The mutable state of one run: counters in forward order, traces, spike count. */
  private static final class Run {
    private final Map<String, SaturationCounter> counters = new LinkedHashMap<>();
    private final Map<String, FixedLayerTrace> traces;
    private final OpCounts.Tally tally = new OpCounts.Tally();
    private final int steps;
    private final int g;

    Run(Map<String, FixedLayerTrace> traces, int steps, int g) {
      this.traces = traces;
      this.steps = steps;
      this.g = g;
    }

    SaturationCounter counter(String name) {
      return counters.computeIfAbsent(name, SaturationCounter::new);
    }

    /** The synaptic layer's LIF input {@code X}, {@code [steps][out]}. */
    long[] collect(FixedSynapse l, LayerInput x) {
      long[] all = new long[steps * l.out];
      l.run(x, g, counter(l.lif), tally, null, all);
      return all;
    }

    /** A synaptic layer and its LIF: spikes {@code [steps][out]}. */
    int[] layer(FixedSynapse l, LayerInput x) {
      SaturationCounter c = counter(l.lif);
      FixedLif.State s = new FixedLif.State(l.theta, l.membraneBits, steps, c, traces != null);
      l.run(x, g, c, tally, s, null);
      return done(l.lif, s);
    }

    /** A LIF layer on inputs {@code [steps][theta.length]}. */
    int[] lif(String name, long[] x, long[] theta, int membraneBits) {
      int lanes = theta.length;
      FixedLif.State s =
          new FixedLif.State(theta, membraneBits, steps, counter(name), traces != null);
      for (int t = 0; t < steps; t++) {
        s.step(x, t * lanes, t);
      }
      return done(name, s);
    }

    private int[] done(String name, FixedLif.State s) {
      s.finish();
      int lanes = s.spikes.length / steps;
      tally.lif(name, s.spikeCount, (long) steps * lanes);
      if (traces != null) {
        long[][] in = new long[steps][];
        byte[][] sp = new byte[steps][lanes];
        long[][] mem = new long[steps][];
        for (int t = 0; t < steps; t++) {
          in[t] = java.util.Arrays.copyOfRange(s.inputs, t * lanes, (t + 1) * lanes);
          mem[t] = java.util.Arrays.copyOfRange(s.membranes, t * lanes, (t + 1) * lanes);
          for (int l = 0; l < lanes; l++) {
            sp[t][l] = (byte) s.spikes[t * lanes + l];
          }
        }
        traces.put(name, new FixedLayerTrace(name, in, sp, mem));
      }
      return s.spikes;
    }
  }
}
