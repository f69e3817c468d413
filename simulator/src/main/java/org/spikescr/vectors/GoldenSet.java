package org.spikescr.vectors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedInputs;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.sim.fixedsim.FixedInference;
import org.spikescr.sim.fixedsim.FixedLayerTrace;
import org.spikescr.sim.fixedsim.FixedSimulator;

/**
 * Golden vectors of a quantized model ({@code docs/golden-vectors.md}): runs the fixed-point
 * simulator on each utterance and writes what the hardware must reproduce bit for bit, in the
 * formats the hardware holds them.
 */
public final class GoldenSet {
  private GoldenSet() {}

  /**
   * Simulates every utterance and writes the vector directory.
   *
   * @param model the quantized model
   * @param header facts about the set for the index (model file name and hash, data file, ...)
   * @param frames the utterances as real-valued model input frames {@code [T][channels]}
   * @param labels the true class of each utterance
   * @param out the directory to write (replaced whole)
   */
  public static void write(
      QuantizedModel model,
      Map<String, Object> header,
      List<double[][]> frames,
      int[] labels,
      Path out) {
    FixedSimulator sim = new FixedSimulator(model);
    Map<String, Integer> membraneBits = membraneBits(model);
    List<GoldenVectors.SampleVectors> samples = new ArrayList<>();
    for (int s = 0; s < frames.size(); s++) {
      samples.add(sample(model, sim, membraneBits, frames.get(s), labels[s]));
    }
    Map<String, Object> h = new LinkedHashMap<>(header);
    h.put("weight_bits", model.settings().weightBits());
    h.put("membrane_frac_bits", model.settings().membraneFracBits());
    h.put("qk_layout", model.config().qkLayout().fileName());
    GoldenVectors.write(out, h, samples);
  }

  private static GoldenVectors.SampleVectors sample(
      QuantizedModel model,
      FixedSimulator sim,
      Map<String, Integer> membraneBits,
      double[][] frames,
      int label) {
    ModelConfig c = model.config();
    FixedFormat inFormat = model.settings().inputFormat();
    SaturationCounter inputCounter = new SaturationCounter(LayerNames.INPUT);
    long[][] x = QuantizedInputs.convert(frames, inFormat, inputCounter);
    Map<String, FixedLayerTrace> traces = new LinkedHashMap<>();
    FixedInference r = sim.run(x, traces);
    List<HexTensor> tensors = new ArrayList<>();
    tensors.add(
        words(LayerNames.INPUT, x, inFormat.totalBits(), inFormat.intBits(), inFormat.signed()));
    for (FixedLayerTrace t : traces.values()) {
      int m = membraneBits.get(t.name());
      tensors.add(HexTensor.spikes(t.name() + ".spikes", t.spikes()));
      tensors.add(words(t.name() + ".input", t.input(), m, m, true));
      tensors.add(words(t.name() + ".membrane", t.membrane(), m, m, true));
    }
    for (int b = 0; b < c.depth(); b++) {
      LayerNames.Block n = LayerNames.block(b);
      tensors.add(
          scores(
              n.scores(),
              logical(traces.get(n.qLif2()).spikes(), c),
              logical(traces.get(n.kLif2()).spikes(), c),
              c));
    }
    int logitBits = model.head().logitBits();
    tensors.add(words(LayerNames.HEAD + ".logits", r.logits(), logitBits, logitBits, true));
    long[] sc = r.scores();
    int probFrac = model.readout().probFracBits();
    int tmax = model.settings().maxTimeSteps();
    int scoreBits = probFrac + 1 + (32 - Integer.numberOfLeadingZeros(Math.max(1, tmax - 1)));
    tensors.add(
        new HexTensor(
            "readout.scores",
            new int[] {sc.length},
            sc,
            scoreBits,
            scoreBits - probFrac,
            false,
            HexTensor.Encoding.WORDS));
    int classBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(c.classes() - 1));
    tensors.add(
        new HexTensor(
            "readout.class",
            new int[] {1},
            new long[] {r.prediction()},
            classBits,
            classBits,
            false,
            HexTensor.Encoding.WORDS));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("label", label);
    facts.put("prediction", r.prediction());
    facts.put("time_steps", x.length);
    facts.put("saturation_events", r.saturationEvents() + inputCounter.events());
    return new GoldenVectors.SampleVectors(facts, tensors);
  }

  /** Membrane width of every LIF layer, in forward order of the simulator's traces. */
  static Map<String, Integer> membraneBits(QuantizedModel model) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (SynapticLayer l : model.synapticLayers()) {
      m.put(l.lif(), l.membraneBits());
    }
    for (QuantizedBlock b : model.blocks()) {
      QuantizedBlock.QuantizedAttention a = b.attention();
      m.put(a.qLif2().name(), a.qLif2().membraneBits());
      m.put(a.kLif2().name(), a.kLif2().membraneBits());
      m.put(a.attnLif().name(), a.attnLif().membraneBits());
    }
    return m;
  }

  /** The second q/k LIF's spikes in logical {@code [h][t][d]} order, whatever its layout. */
  static byte[][][] logical(byte[][] raw, ModelConfig c) {
    int steps = raw.length;
    int heads = c.heads();
    int dh = c.headDim();
    int d = c.dModel();
    byte[][][] out = new byte[heads][steps][dh];
    for (int h = 0; h < heads; h++) {
      for (int t = 0; t < steps; t++) {
        for (int j = 0; j < dh; j++) {
          if (c.qkLayout() == QkLayout.OFFICIAL) {
            int f = (h * steps + t) * dh + j;
            out[h][t][j] = raw[f / d][f % d];
          } else {
            out[h][t][j] = raw[t][h * dh + j];
          }
        }
      }
    }
    return out;
  }

  /** Attention scores {@code A[h][i][j] = popcount(Q[h][i] AND K[h][j])}. */
  static HexTensor scores(String name, byte[][][] q, byte[][][] k, ModelConfig c) {
    int heads = c.heads();
    int steps = q[0].length;
    int dh = c.headDim();
    long[] v = new long[heads * steps * steps];
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < steps; i++) {
        for (int j = 0; j < steps; j++) {
          int a = 0;
          for (int e = 0; e < dh; e++) {
            a += q[h][i][e] & k[h][j][e];
          }
          v[(h * steps + i) * steps + j] = a;
        }
      }
    }
    int bits = FixedFormat.integerFor(0, dh).totalBits();
    return new HexTensor(
        name, new int[] {heads, steps, steps}, v, bits, bits, false, HexTensor.Encoding.WORDS);
  }

  private static HexTensor words(String name, long[][] m, int bits, int intBits, boolean signed) {
    int rows = m.length;
    int cols = rows == 0 ? 0 : m[0].length;
    long[] v = new long[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(m[r], 0, v, r * cols, cols);
    }
    return new HexTensor(
        name, new int[] {rows, cols}, v, bits, intBits, signed, HexTensor.Encoding.WORDS);
  }
}
