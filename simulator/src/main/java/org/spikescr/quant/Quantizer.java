package org.spikescr.quant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.real.RealFixed;
import org.spikescr.model.InputKind;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.ResidualStream;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;
import org.spikescr.model.quantized.IntTensor;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedHead;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.ReadoutTable;
import org.spikescr.model.quantized.RopeTable;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.model.quantized.ThresholdLif;

/**
 * Turns a float model into a {@link QuantizedModel} by the rules of {@code docs/fixed-point.md}:
 * BatchNorm folding, per-channel symmetric weights, thresholds and biases in membrane units, the
 * RoPE table, the head and the readout table, and every width from proven ranges.
 */
public final class Quantizer {
  private Quantizer() {}

  /** Quantizes a float model with the given settings. */
  public static QuantizedModel quantize(SpikeScrModel m, QuantSettings s) {
    ModelConfig c = m.config();
    int d = c.dModel();
    FixedFormat in = s.inputFormat();
    double inputLambda = c.inputKind() == InputKind.SPIKES ? 1.0 : Math.scalb(1.0, -in.fracBits());
    if (c.inputKind() == InputKind.SPIKES && (in.signed() || in.fracBits() != 0)) {
      throw new IllegalArgumentException(
          "spike-count input needs an unsigned integer format, got " + in);
    }
    LayerNames.Synapse e = LayerNames.EMBEDDING;
    SynapticLayer embed =
        ChannelQuantizer.quantize(
            e.name(),
            e.lif(),
            FoldedLayer.fold(m, e.weight(), e.bias(), e.batchNorm(), 0, d),
            new int[] {d, c.inputChannels(), 3},
            inputLambda,
            in.minRaw(),
            in.maxRaw(),
            s);
    List<QuantizedBlock> blocks = new ArrayList<>();
    for (int i = 0; i < c.depth(); i++) {
      blocks.add(block(m, i, s));
    }
    QuantizedHead head = head(m, s);
    Map<String, String> prov = new LinkedHashMap<>(m.provenance());
    prov.put("quantizer", describe(s));
    return new QuantizedModel(c, s, embed, blocks, head, readout(head.scale(), s), prov);
  }

  private static String describe(QuantSettings s) {
    return "weight_bits="
        + s.weightBits()
        + " membrane_frac_bits="
        + s.membraneFracBits()
        + " scale_span_bits="
        + s.scaleSpanBits()
        + " max_time_steps="
        + s.maxTimeSteps()
        + " input="
        + s.inputFormat()
        + " rope_frac_bits="
        + s.ropeFracBits();
  }

  private static QuantizedBlock block(SpikeScrModel m, int i, QuantSettings s) {
    ModelConfig c = m.config();
    int d = c.dModel();
    LayerNames.Block n = LayerNames.block(i);
    return new QuantizedBlock(
        attention(m, n, s),
        mlp(
            m,
            n.mlp1(),
            ResidualStream.inputMax(i, ResidualStream.Stage.MLP1),
            d,
            c.mlpHidden(),
            s),
        convModule(m, n, ResidualStream.inputMax(i, ResidualStream.Stage.CONV), s),
        mlp(
            m,
            n.mlp2(),
            ResidualStream.inputMax(i, ResidualStream.Stage.MLP2),
            d,
            c.mlpHidden(),
            s));
  }

  private static QuantizedBlock.QuantizedAttention attention(
      SpikeScrModel m, LayerNames.Block n, QuantSettings s) {
    ModelConfig c = m.config();
    long x0 = ResidualStream.inputMax(n.index(), ResidualStream.Stage.ATTENTION);
    int g = s.membraneFracBits();
    int fr = s.ropeFracBits();
    FixedFormat ropeFormat = FixedFormat.ofSigned(fr + 2, 2);
    long ropeTheta = 1L << (fr + g);
    int ropeBits =
        ChannelQuantizer.membraneBits(
            ropeFormat.minRaw() << g, ropeFormat.maxRaw() << g, ropeTheta);
    long yMax = (long) s.maxTimeSteps() * c.headDim();
    long attnTheta = 1L << (g + 2);
    return new QuantizedBlock.QuantizedAttention(
        linear(m, n.q(), x0, s),
        linear(m, n.k(), x0, s),
        linear(m, n.v(), x0, s),
        linear(m, n.proj(), 1, s),
        new ThresholdLif(n.qLif2(), ropeTheta, ropeBits),
        new ThresholdLif(n.kLif2(), ropeTheta, ropeBits),
        new ThresholdLif(
            n.attnLif(), attnTheta, ChannelQuantizer.membraneBits(0, yMax << g, attnTheta)),
        FixedFormat.integerFor(0, yMax).totalBits(),
        rope(m.tensor(n.ropeFrequencies()), ropeFormat, s.maxTimeSteps()));
  }

  private static QuantizedBlock.QuantizedConvModule convModule(
      SpikeScrModel m, LayerNames.Block n, long x2, QuantSettings s) {
    ModelConfig c = m.config();
    int d = c.dModel();
    return new QuantizedBlock.QuantizedConvModule(
        folded(m, n.pw1(), true, 0, d, new int[] {d, d}, x2, s),
        folded(m, n.dw(), false, 0, d, new int[] {d, c.kernelSize()}, 1, s),
        folded(m, n.value(), true, 0, d, new int[] {d, d}, 1, s),
        folded(m, n.gate(), true, d, 2 * d, new int[] {d, d}, 1, s),
        linear(m, n.gsuProj(), 1, s));
  }

  private static QuantizedBlock.QuantizedMlp mlp(
      SpikeScrModel m, LayerNames.Mlp n, long inputHi, int d, int f, QuantSettings s) {
    return new QuantizedBlock.QuantizedMlp(
        folded(m, n.fc1(), false, 0, f, new int[] {f, d}, inputHi, s),
        folded(m, n.fc2(), false, 0, d, new int[] {d, f}, 1, s));
  }

  /**
   * Output channels {@code from .. to-1} of a layer folded with its BatchNorm, on inputs in {@code
   * 0 .. inputHi} of unit value.
   */
  private static SynapticLayer folded(
      SpikeScrModel m,
      LayerNames.Synapse n,
      boolean hasBias,
      int from,
      int to,
      int[] shape,
      long inputHi,
      QuantSettings s) {
    FoldedLayer f =
        FoldedLayer.fold(m, n.weight(), hasBias ? n.bias() : null, n.batchNorm(), from, to);
    return ChannelQuantizer.quantize(n.name(), n.lif(), f, shape, 1.0, 0, inputHi, s);
  }

  private static SynapticLayer linear(
      SpikeScrModel m, LayerNames.Synapse n, long inputHi, QuantSettings s) {
    Tensor w = m.tensor(n.weight());
    int out = w.dim(0);
    return folded(m, n, true, 0, out, new int[] {out, w.dim(1)}, inputHi, s);
  }

  /**
   * The RoPE table: float32 angles as PyTorch computes them, rounded into {@code format} with
   * RND_CONV, except that a cosine or sine below 1.0 in magnitude is capped at {@code 1 - 2^-F_R}:
   * only values that are exactly {@code +-1.0} reach the threshold of the second LIF.
   */
  public static RopeTable rope(Tensor freqs, FixedFormat format, int positions) {
    int half = freqs.size();
    int[] cos = new int[positions * half];
    int[] sin = new int[positions * half];
    for (int p = 0; p < positions; p++) {
      for (int j = 0; j < half; j++) {
        float angle = (float) p * freqs.at(j);
        cos[p * half + j] = tableEntry((float) Math.cos(angle), format);
        sin[p * half + j] = tableEntry((float) Math.sin(angle), format);
      }
    }
    int[] shape = {positions, half};
    return new RopeTable(format, new IntTensor(shape, cos), new IntTensor(shape, sin));
  }

  private static int tableEntry(double v, FixedFormat format) {
    long one = 1L << format.fracBits();
    long raw = RealFixed.fromReal(v, format, Quantization.RND_CONV, Overflow.SAT).raw();
    if (Math.abs(v) < 1.0) {
      raw = Math.max(-(one - 1), Math.min(one - 1, raw));
    }
    return (int) raw;
  }

  private static QuantizedHead head(SpikeScrModel m, QuantSettings s) {
    ModelConfig c = m.config();
    Tensor w = m.tensor(LayerNames.HEAD + ".weight");
    double max = 0;
    for (int i = 0; i < w.size(); i++) {
      max = Math.max(max, Math.abs(w.at(i)));
    }
    int qmax = s.weightMax();
    double scale = (max == 0 ? 1.0 : max) / qmax;
    FixedFormat wf = FixedFormat.signedInt(s.weightBits());
    int[] q = new int[w.size()];
    for (int i = 0; i < q.length; i++) {
      q[i] =
          (int)
              RealFixed.fromReal(w.at(i) / scale, wf, Quantization.RND_CONV, Overflow.SAT_SYM)
                  .raw();
    }
    long xHi = ResidualStream.maxAfter(c.depth());
    long lo = 0;
    long hi = 0;
    int d = c.dModel();
    for (int k = 0; k < c.classes(); k++) {
      long kl = 0;
      long kh = 0;
      for (int i = 0; i < d; i++) {
        long v = q[k * d + i] * xHi;
        kl += Math.min(v, 0);
        kh += Math.max(v, 0);
      }
      lo = Math.min(lo, kl);
      hi = Math.max(hi, kh);
    }
    return new QuantizedHead(
        new IntTensor(new int[] {c.classes(), d}, q),
        scale,
        FixedFormat.signedIntegerFor(lo, hi).totalBits());
  }

  /** The exp table of {@code docs/fixed-point.md} 8 for logits of real step {@code headScale}. */
  public static ReadoutTable readout(double headScale, QuantSettings s) {
    int len = s.expTableLength();
    int ef = s.expFracBits();
    int r = 0;
    while (Math.exp(-(len - 0.5) * Math.scalb(headScale, r)) * Math.scalb(1.0, ef) >= 0.5) {
      r++;
    }
    long[] table = new long[len];
    FixedFormat tf = FixedFormat.unsignedInt(ef + 1);
    for (int i = 0; i < len; i++) {
      double e = Math.exp(-i * Math.scalb(headScale, r)) * Math.scalb(1.0, ef);
      table[i] = RealFixed.fromReal(e, tf, Quantization.RND_CONV, Overflow.SAT).raw();
    }
    return new ReadoutTable(table, ef, r, s.probFracBits());
  }
}
