package org.spikescr.sim.exact;

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
import org.spikescr.model.ModelConfig;
import org.spikescr.quant.QuantizedBlock;
import org.spikescr.quant.QuantizedModel;
import org.spikescr.quant.SynapticLayer;
import org.spikescr.quant.ThresholdLif;
import org.spikescr.sim.OpCounts;

/**
 * The bit-accurate integer simulator: the golden model of {@code docs/fixed-point.md}. One
 * utterance at a time (batch size 1, no padding, state reset per utterance); integer arithmetic
 * only.
 *
 * <p>Instances are immutable and may be shared between threads; every run has its own counters.
 */
public final class FixedSimulator {
  private final QuantizedModel model;
  private final ModelConfig config;
  private final int g;
  private final IntReadout readout;

  /** Prepares a simulator for a quantized model. */
  public FixedSimulator(QuantizedModel model) {
    this.model = model;
    this.config = model.config();
    this.g = model.settings().membraneFracBits();
    this.readout = IntReadout.of(model.readout());
  }

  /** The model simulated. */
  public QuantizedModel model() {
    return model;
  }

  /**
   * Runs one utterance of raw inputs {@code [T][inputChannels]} in the model's input format (the
   * caller converts the data set's values and counts input saturation, see {@code
   * org.spikescr.quant.QuantizedInputs}).
   */
  public FixedInference run(long[][] input) {
    return run(input, null);
  }

  /** Runs one utterance and returns the trace of every LIF layer in forward order. */
  public Map<String, IntLayerTrace> trace(long[][] input) {
    Map<String, IntLayerTrace> traces = new LinkedHashMap<>();
    run(input, traces);
    return traces;
  }

  /** Runs one utterance, recording every LIF layer into {@code traces} when it is not null. */
  public FixedInference run(long[][] input, Map<String, IntLayerTrace> traces) {
    checkInput(input);
    Run r = new Run(traces);
    SynapticLayer e = model.embed();
    boolean real = config.inputKind() == InputKind.MEL;
    long[][] x = r.lif(e, IntSynapse.embed(e, input, real, g, r.counter(e.lif()), r.tally));
    for (QuantizedBlock b : model.blocks()) {
      x = block(b, x, r);
    }
    long[][] logits = head(x, r.counter("head"), r.tally);
    long[] scores = readout.scores(logits);
    List<FixedInference.Saturation> sat = new ArrayList<>();
    for (SaturationCounter c : r.counters.values()) {
      sat.add(new FixedInference.Saturation(c.name(), c.events(), c.casts()));
    }
    return new FixedInference(
        logits, scores, IntReadout.argmax(scores), sat, r.tally.build(input.length));
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
    for (long[] row : input) {
      if (row.length != config.inputChannels()) {
        throw new IllegalArgumentException(
            "input frames have "
                + row.length
                + " channels, the model expects "
                + config.inputChannels());
      }
      for (long v : row) {
        if (!in.contains(v)) {
          throw new IllegalArgumentException("input value " + v + " is outside " + in);
        }
      }
    }
  }

  private long[][] block(QuantizedBlock b, long[][] x0, Run r) {
    long[][] x1 = add(x0, attention(b.attention(), x0, r));
    long[][] x2 = add(x1, mlp(b.mlp1(), x1, r));
    long[][] x3 = add(x2, conv(b.conv(), x2, r));
    return add(x3, mlp(b.mlp2(), x3, r));
  }

  private long[][] attention(QuantizedBlock.QuantizedAttention a, long[][] x, Run r) {
    int heads = config.heads();
    long[][] qs = r.lif(a.q(), IntSynapse.linear(a.q(), x, g, r.counter(a.q().lif()), r.tally));
    byte[][][] q2 = secondLif(a, a.qLif2(), qs, r);
    long[][] ks = r.lif(a.k(), IntSynapse.linear(a.k(), x, g, r.counter(a.k().lif()), r.tally));
    byte[][][] k2 = secondLif(a, a.kLif2(), ks, r);
    long[][] vs = r.lif(a.v(), IntSynapse.linear(a.v(), x, g, r.counter(a.v().lif()), r.tally));
    long[][] y = IntAttention.product(q2, k2, vs, heads, r.tally);
    long[][] ys = r.lif(a.attnLif(), shift(y, g));
    return r.lif(a.proj(), IntSynapse.linear(a.proj(), ys, g, r.counter(a.proj().lif()), r.tally));
  }

  private byte[][][] secondLif(
      QuantizedBlock.QuantizedAttention a, ThresholdLif lif, long[][] spikes, Run r) {
    int heads = config.heads();
    int dh = config.headDim();
    long[][][] rotated = IntAttention.rope(spikes, a.rope(), heads, dh);
    long[][] lanes = shift(IntAttention.toLanes(rotated, config.qkLayout()), g);
    byte[][] s =
        r.lifSpikes(lif.name(), lanes, fill(lanes[0].length, lif.threshold()), lif.membraneBits());
    return IntAttention.fromLanes(s, config.qkLayout(), heads, dh);
  }

  private long[][] mlp(QuantizedBlock.QuantizedMlp m, long[][] x, Run r) {
    long[][] h =
        r.lif(m.fc1(), IntSynapse.linear(m.fc1(), x, g, r.counter(m.fc1().lif()), r.tally));
    return r.lif(m.fc2(), IntSynapse.linear(m.fc2(), h, g, r.counter(m.fc2().lif()), r.tally));
  }

  private long[][] conv(QuantizedBlock.QuantizedConvModule c, long[][] x, Run r) {
    long[][] s1 =
        r.lif(c.pw1(), IntSynapse.linear(c.pw1(), x, g, r.counter(c.pw1().lif()), r.tally));
    long[][] s2 =
        r.lif(c.dw(), IntSynapse.depthwise(c.dw(), s1, g, r.counter(c.dw().lif()), r.tally));
    long[][] u = IntSynapse.linear(c.value(), s2, g, r.counter(c.value().lif()), r.tally);
    long[][] g1 =
        r.lif(c.gate(), IntSynapse.linear(c.gate(), s2, g, r.counter(c.gate().lif()), r.tally));
    long[][] gate =
        r.lif(
            c.gsuProj(),
            IntSynapse.linear(c.gsuProj(), g1, g, r.counter(c.gsuProj().lif()), r.tally));
    for (int t = 0; t < u.length; t++) {
      for (int ch = 0; ch < u[t].length; ch++) {
        if (gate[t][ch] == 0) {
          u[t][ch] = 0;
        }
      }
    }
    return r.lif(c.value(), u);
  }

  private long[][] head(long[][] x, SaturationCounter counter, OpCounts.Tally tally) {
    int classes = config.classes();
    int d = config.dModel();
    var w = model.head().weight();
    FixedFormat wide = FixedFormat.signedInt(FixedFormat.MAX_TOTAL_BITS);
    FixedFormat logit = FixedFormat.signedInt(model.head().logitBits());
    long[][] z = new long[x.length][classes];
    long events = 0;
    for (int t = 0; t < x.length; t++) {
      for (int i = 0; i < d; i++) {
        events += x[t][i] != 0 ? 1 : 0;
      }
      for (int k = 0; k < classes; k++) {
        long acc = 0;
        for (int i = 0; i < d; i++) {
          acc += w.at(k * d + i) * x[t][i];
        }
        z[t][k] = FixedMath.cast(acc, wide, logit, Quantization.TRN, Overflow.SAT, counter);
      }
    }
    tally.accumulates(events * classes);
    return z;
  }

  private static long[][] shift(long[][] x, int g) {
    long[][] out = new long[x.length][];
    for (int t = 0; t < x.length; t++) {
      out[t] = new long[x[t].length];
      for (int i = 0; i < x[t].length; i++) {
        out[t][i] = x[t][i] << g;
      }
    }
    return out;
  }

  private static long[] fill(int n, long v) {
    long[] out = new long[n];
    java.util.Arrays.fill(out, v);
    return out;
  }

  static long[][] add(long[][] a, long[][] b) {
    long[][] out = new long[a.length][];
    for (int t = 0; t < a.length; t++) {
      long[] row = a[t].clone();
      for (int i = 0; i < row.length; i++) {
        row[i] += b[t][i];
      }
      out[t] = row;
    }
    return out;
  }

  /** The mutable state of one run: counters in forward order, traces, spike count. */
  private static final class Run {
    private final Map<String, SaturationCounter> counters = new LinkedHashMap<>();
    private final Map<String, IntLayerTrace> traces;
    private final OpCounts.Tally tally = new OpCounts.Tally();

    Run(Map<String, IntLayerTrace> traces) {
      this.traces = traces;
    }

    SaturationCounter counter(String name) {
      return counters.computeIfAbsent(name, SaturationCounter::new);
    }

    long[][] lif(SynapticLayer l, long[][] x) {
      return widen(lifSpikes(l.lif(), x, l.threshold(), l.membraneBits()));
    }

    long[][] lif(ThresholdLif l, long[][] x) {
      return widen(lifSpikes(l.name(), x, fill(x[0].length, l.threshold()), l.membraneBits()));
    }

    byte[][] lifSpikes(String name, long[][] x, long[] theta, int membraneBits) {
      IntLif.LifRun run = IntLif.run(x, theta, membraneBits, counter(name));
      long spikes = 0;
      for (byte[] row : run.spikes()) {
        for (byte s : row) {
          spikes += s;
        }
      }
      tally.lif(name, spikes, (long) x.length * theta.length);
      if (traces != null) {
        traces.put(name, new IntLayerTrace(name, x, run.spikes(), run.membranes()));
      }
      return run.spikes();
    }

    private static long[][] widen(byte[][] s) {
      long[][] out = new long[s.length][];
      for (int t = 0; t < s.length; t++) {
        out[t] = new long[s[t].length];
        for (int i = 0; i < s[t].length; i++) {
          out[t][i] = s[t][i];
        }
      }
      return out;
    }
  }
}
