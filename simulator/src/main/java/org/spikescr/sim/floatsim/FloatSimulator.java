package org.spikescr.sim.floatsim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.model.InputKind;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.Inference;
import org.spikescr.sim.LayerTrace;
import org.spikescr.sim.OpCounts;
import org.spikescr.sim.Readout;

/**
 * The float reference simulator: one utterance at a time (batch size 1, no padding, state reset per
 * utterance), every layer of SPIKESCR.md 1 in PyTorch's operation order.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class FloatSimulator {
  private final ModelConfig config;
  private final FloatPrecision precision;
  private final double[][] embedWeights;
  private final double[] embedBias;
  private final BatchNorm embedBn;
  private final List<Block> blocks;
  private final Dense head;

  /** Prepares a simulator for a model. */
  public FloatSimulator(SpikeScrModel model, FloatPrecision precision) {
    this.config = model.config();
    this.precision = precision;
    LayerNames.Synapse embed = LayerNames.EMBEDDING;
    Tensor w = model.tensor(embed.weight());
    int d = config.dModel();
    int cin = config.inputChannels();
    embedWeights = new double[3][cin * d];
    for (int o = 0; o < d; o++) {
      for (int c = 0; c < cin; c++) {
        for (int k = 0; k < 3; k++) {
          embedWeights[k][c * d + o] = w.at((o * cin + c) * 3 + k);
        }
      }
    }
    embedBias = model.tensor(embed.bias()).toDoubles();
    embedBn = BatchNorm.of(model, embed.batchNorm());
    List<Block> bs = new ArrayList<>();
    for (int i = 0; i < config.depth(); i++) {
      bs.add(new Block(model, i, precision));
    }
    blocks = List.copyOf(bs);
    head = Dense.of(model, LayerNames.HEAD, false);
  }

  /** The configuration simulated. */
  public ModelConfig config() {
    return config;
  }

  /** The arithmetic used. */
  public FloatPrecision precision() {
    return precision;
  }

  /** Runs one utterance, input {@code [T][inputChannels]}. */
  public Inference run(double[][] input) {
    return run(input, null);
  }

  /**
   * Runs one utterance and records every LIF layer into {@code traces} (layer name to trace, in
   * forward order) when it is not null.
   */
  public Inference run(double[][] input, Map<String, LayerTrace> traces) {
    checkInput(input);
    OpCounts.Tally tally = new OpCounts.Tally();
    double[][] x = embed(input, tally);
    x = Lif.run(LayerNames.EMBED, embedBn.applyInPlace(x), precision, tally, traces);
    for (Block b : blocks) {
      x = b.forward(x, tally, traces);
    }
    double[][] logits = head.apply(x, tally);
    double[] scores = Readout.scores(logits);
    return new Inference(logits, scores, Readout.argmax(scores), tally.build(input.length));
  }

  /** Runs one utterance and returns the traces of every LIF layer in forward order. */
  public Map<String, LayerTrace> trace(double[][] input) {
    Map<String, LayerTrace> traces = new LinkedHashMap<>();
    run(input, traces);
    return traces;
  }

  private void checkInput(double[][] input) {
    if (input.length == 0) {
      throw new IllegalArgumentException("an utterance needs at least one frame");
    }
    for (double[] row : input) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("input frames hold " + v + "; expected finite values");
        }
      }
      if (row.length != config.inputChannels()) {
        throw new IllegalArgumentException(
            "input frames have "
                + row.length
                + " channels, the model expects "
                + config.inputChannels());
      }
    }
  }

  /** Conv1d(Cin -> D, kernel 3, padding 1) along time, as a cross-correlation. */
  private double[][] embed(double[][] x, OpCounts.Tally tally) {
    int steps = x.length;
    int d = config.dModel();
    int cin = config.inputChannels();
    boolean real = config.inputKind() == InputKind.MEL;
    double[][] y = new double[steps][];
    for (int t = 0; t < steps; t++) {
      y[t] = embedBias.clone();
    }
    long work = 0;
    for (int ts = 0; ts < steps; ts++) {
      for (int c = 0; c < cin; c++) {
        double v = x[ts][c];
        if (v == 0 && !real) {
          continue;
        }
        for (int k = 0; k < 3; k++) {
          int t = ts - k + 1;
          if (t < 0 || t >= steps) {
            continue;
          }
          double[] wk = embedWeights[k];
          double[] yt = y[t];
          int base = c * d;
          for (int o = 0; o < d; o++) {
            yt[o] += v * wk[base + o];
          }
          work += d;
        }
      }
    }
    if (real) {
      tally.multiplyAccumulates(work);
    } else {
      tally.accumulates(work);
    }
    return y;
  }

  /** One MS_Block_Conv: attention, MLP, conv module, MLP, each added to the residual stream. */
  private static final class Block {
    private final LayerNames.Block n;
    private final ModelConfig c;
    private final FloatPrecision precision;
    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense proj;
    private final BatchNorm qBn;
    private final BatchNorm kBn;
    private final BatchNorm vBn;
    private final BatchNorm projBn;
    private final Rope rope;
    private final Mlp mlp1;
    private final Mlp mlp2;
    private final ConvModule conv;

    Block(SpikeScrModel m, int index, FloatPrecision precision) {
      this.n = LayerNames.block(index);
      this.c = m.config();
      this.precision = precision;
      q = Dense.of(m, n.q().module(), true);
      k = Dense.of(m, n.k().module(), true);
      v = Dense.of(m, n.v().module(), true);
      proj = Dense.of(m, n.proj().module(), true);
      qBn = BatchNorm.of(m, n.q().batchNorm());
      kBn = BatchNorm.of(m, n.k().batchNorm());
      vBn = BatchNorm.of(m, n.v().batchNorm());
      projBn = BatchNorm.of(m, n.proj().batchNorm());
      rope = new Rope(m.tensor(n.ropeFrequencies()), precision);
      mlp1 = new Mlp(m, n.mlp1(), precision);
      mlp2 = new Mlp(m, n.mlp2(), precision);
      conv = new ConvModule(m, n, precision);
    }

    double[][] forward(double[][] x0, OpCounts.Tally tally, Map<String, LayerTrace> traces) {
      double[][] x1 = add(x0, attention(x0, tally, traces));
      double[][] x2 = add(x1, mlp1.forward(x1, tally, traces));
      double[][] x3 = add(x2, conv.forward(x2, tally, traces));
      return add(x3, mlp2.forward(x3, tally, traces));
    }

    private double[][] attention(
        double[][] x, OpCounts.Tally tally, Map<String, LayerTrace> traces) {
      double[][] qs = lif(n.q().lif(), qBn.applyInPlace(q.apply(x, tally)), tally, traces);
      byte[][][] q2 = secondLif(n.qLif2(), qs, tally, traces);
      double[][] ks = lif(n.k().lif(), kBn.applyInPlace(k.apply(x, tally)), tally, traces);
      byte[][][] k2 = secondLif(n.kLif2(), ks, tally, traces);
      double[][] vs = lif(n.v().lif(), vBn.applyInPlace(v.apply(x, tally)), tally, traces);
      double[][] y = SpikeAttention.scaledProduct(q2, k2, vs, c.heads(), tally);
      double[][] attn = lif(n.attnLif(), y, tally, traces);
      return lif(n.proj().lif(), projBn.applyInPlace(proj.apply(attn, tally)), tally, traces);
    }

    /** RoPE then the second LIF in the model's layout; returns spikes as {@code [h][t][d]}. */
    private byte[][][] secondLif(
        String name, double[][] spikes, OpCounts.Tally tally, Map<String, LayerTrace> traces) {
      int steps = spikes.length;
      int heads = c.heads();
      int dh = c.headDim();
      int d = c.dModel();
      double[][][] rotated = rope.rotate(spikes, heads, dh);
      double[][] buffer = new double[steps][d];
      boolean official = c.qkLayout() == QkLayout.OFFICIAL;
      for (int h = 0; h < heads; h++) {
        for (int t = 0; t < steps; t++) {
          for (int j = 0; j < dh; j++) {
            if (official) {
              int f = (h * steps + t) * dh + j;
              buffer[f / d][f % d] = rotated[h][t][j];
            } else {
              buffer[t][h * dh + j] = rotated[h][t][j];
            }
          }
        }
      }
      double[][] out = lif(name, buffer, tally, traces);
      byte[][][] logical = new byte[heads][steps][dh];
      for (int h = 0; h < heads; h++) {
        for (int t = 0; t < steps; t++) {
          for (int j = 0; j < dh; j++) {
            double s;
            if (official) {
              int f = (h * steps + t) * dh + j;
              s = out[f / d][f % d];
            } else {
              s = out[t][h * dh + j];
            }
            logical[h][t][j] = (byte) s;
          }
        }
      }
      return logical;
    }

    private double[][] lif(
        String name, double[][] x, OpCounts.Tally tally, Map<String, LayerTrace> traces) {
      return Lif.run(name, x, precision, tally, traces);
    }
  }

  /** MS_MLP: fc1 (no bias) - BN - LIF - fc2 (no bias) - BN - LIF. */
  private static final class Mlp {
    private final LayerNames.Mlp names;
    private final FloatPrecision precision;
    private final Dense fc1;
    private final Dense fc2;
    private final BatchNorm bn1;
    private final BatchNorm bn2;

    Mlp(SpikeScrModel m, LayerNames.Mlp names, FloatPrecision precision) {
      this.names = names;
      this.precision = precision;
      fc1 = Dense.of(m, names.fc1().module(), false);
      fc2 = Dense.of(m, names.fc2().module(), false);
      bn1 = BatchNorm.of(m, names.fc1().batchNorm());
      bn2 = BatchNorm.of(m, names.fc2().batchNorm());
    }

    double[][] forward(double[][] x, OpCounts.Tally tally, Map<String, LayerTrace> traces) {
      double[][] h =
          Lif.run(
              names.fc1().lif(), bn1.applyInPlace(fc1.apply(x, tally)), precision, tally, traces);
      return Lif.run(
          names.fc2().lif(), bn2.applyInPlace(fc2.apply(h, tally)), precision, tally, traces);
    }
  }

  static double[][] add(double[][] a, double[][] b) {
    double[][] out = new double[a.length][];
    for (int t = 0; t < a.length; t++) {
      double[] row = a[t].clone();
      for (int i = 0; i < row.length; i++) {
        row[i] += b[t][i];
      }
      out[t] = row;
    }
    return out;
  }
}
