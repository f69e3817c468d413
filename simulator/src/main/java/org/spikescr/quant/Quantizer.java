package org.spikescr.quant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
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
    SynapticLayer embed =
        ChannelQuantizer.quantize(
            "spike_embed",
            "spike_embed.lif",
            FoldedLayer.fold(
                m, "spike_embed.conv.weight", "spike_embed.conv.bias", "spike_embed.bn", 0, d),
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
    int f = c.mlpHidden();
    String b = "blocks." + i + ".";
    long x0 = 1 + 4L * i;
    SynapticLayer q =
        linear(m, b + "attn.q", b + "attn.q_conv", b + "attn.q_bn", b + "attn.q_lif", x0, s);
    SynapticLayer k =
        linear(m, b + "attn.k", b + "attn.k_conv", b + "attn.k_bn", b + "attn.k_lif", x0, s);
    SynapticLayer v =
        linear(m, b + "attn.v", b + "attn.v_conv", b + "attn.v_bn", b + "attn.v_lif", x0, s);
    SynapticLayer proj =
        linear(
            m,
            b + "attn.proj",
            b + "attn.proj_conv",
            b + "attn.proj_bn",
            b + "attn.proj_lif",
            1,
            s);
    int g = s.membraneFracBits();
    int fr = s.ropeFracBits();
    FixedFormat ropeFormat = FixedFormat.ofSigned(fr + 2, 2);
    long ropeTheta = 1L << (fr + g);
    int ropeBits =
        ChannelQuantizer.membraneBits(
            ropeFormat.minRaw() << g, ropeFormat.maxRaw() << g, ropeTheta);
    long yMax = (long) s.maxTimeSteps() * c.headDim();
    long attnTheta = 1L << (g + 2);
    QuantizedBlock.QuantizedAttention attn =
        new QuantizedBlock.QuantizedAttention(
            q,
            k,
            v,
            proj,
            new ThresholdLif(b + "attn.q_lif2", ropeTheta, ropeBits),
            new ThresholdLif(b + "attn.k_lif2", ropeTheta, ropeBits),
            new ThresholdLif(
                b + "attn.attn_lif",
                attnTheta,
                ChannelQuantizer.membraneBits(0, yMax << g, attnTheta)),
            FixedFormat.integerFor(0, yMax).totalBits(),
            rope(m.tensor(b + "attn.rotary_emb.freqs"), ropeFormat, s.maxTimeSteps()));
    QuantizedBlock.QuantizedMlp mlp1 = mlp(m, b + "mlp1", 2 + 4L * i, d, f, s);
    String cm = b + "conformer_module.";
    SynapticLayer pw1 =
        ChannelQuantizer.quantize(
            cm + "pw1",
            cm + "lif1",
            FoldedLayer.fold(m, cm + "pw1.conv.weight", cm + "pw1.conv.bias", cm + "bn1", 0, d),
            new int[] {d, d},
            1.0,
            0,
            3 + 4L * i,
            s);
    SynapticLayer dw =
        ChannelQuantizer.quantize(
            cm + "dw",
            cm + "lif2",
            FoldedLayer.fold(m, cm + "dw.conv.weight", null, cm + "bn2", 0, d),
            new int[] {d, c.kernelSize()},
            1.0,
            0,
            1,
            s);
    SynapticLayer value =
        ChannelQuantizer.quantize(
            cm + "value",
            cm + "lif3",
            FoldedLayer.fold(m, cm + "pw2.conv.weight", cm + "pw2.conv.bias", cm + "bn3", 0, d),
            new int[] {d, d},
            1.0,
            0,
            1,
            s);
    SynapticLayer gate =
        ChannelQuantizer.quantize(
            cm + "gate",
            cm + "gsu.lif1",
            FoldedLayer.fold(m, cm + "pw2.conv.weight", cm + "pw2.conv.bias", cm + "bn3", d, 2 * d),
            new int[] {d, d},
            1.0,
            0,
            1,
            s);
    SynapticLayer gsuProj =
        linear(m, cm + "gsu_proj", cm + "gsu.proj_conv", cm + "gsu.proj_bn", cm + "gsu.lif2", 1, s);
    QuantizedBlock.QuantizedConvModule conv =
        new QuantizedBlock.QuantizedConvModule(pw1, dw, value, gate, gsuProj);
    QuantizedBlock.QuantizedMlp mlp2 = mlp(m, b + "mlp2", 4 + 4L * i, d, f, s);
    return new QuantizedBlock(attn, mlp1, conv, mlp2);
  }

  private static QuantizedBlock.QuantizedMlp mlp(
      SpikeScrModel m, String p, long inputHi, int d, int f, QuantSettings s) {
    SynapticLayer fc1 =
        ChannelQuantizer.quantize(
            p + ".fc1",
            p + ".fc1_lif",
            FoldedLayer.fold(m, p + ".fc1_conv.weight", null, p + ".fc1_bn", 0, f),
            new int[] {f, d},
            1.0,
            0,
            inputHi,
            s);
    SynapticLayer fc2 =
        ChannelQuantizer.quantize(
            p + ".fc2",
            p + ".fc2_lif",
            FoldedLayer.fold(m, p + ".fc2_conv.weight", null, p + ".fc2_bn", 0, d),
            new int[] {d, f},
            1.0,
            0,
            1,
            s);
    return new QuantizedBlock.QuantizedMlp(fc1, fc2);
  }

  private static SynapticLayer linear(
      SpikeScrModel m,
      String name,
      String conv,
      String bn,
      String lif,
      long inputHi,
      QuantSettings s) {
    Tensor w = m.tensor(conv + ".weight");
    return ChannelQuantizer.quantize(
        name,
        lif,
        FoldedLayer.fold(m, conv + ".weight", conv + ".bias", bn, 0, w.dim(0)),
        new int[] {w.dim(0), w.dim(1)},
        1.0,
        0,
        inputHi,
        s);
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
    Tensor w = m.tensor("head.weight");
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
    long xHi = 1 + 4L * c.depth();
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
