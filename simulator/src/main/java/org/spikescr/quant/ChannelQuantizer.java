package org.spikescr.quant;

import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.real.RealFixed;
import org.spikescr.model.quantized.IntTensor;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.SynapticLayer;

/**
 * Per-output-channel symmetric quantization of a folded layer, with thresholds, biases and widths
 * ({@code docs/fixed-point.md} 2.3 and 7).
 */
public final class ChannelQuantizer {
  private ChannelQuantizer() {}

  /**
   * Quantizes a folded layer.
   *
   * @param name group name, e.g. {@code blocks.0.attn.q}
   * @param lif the LIF layer it feeds
   * @param f the folded layer
   * @param shape the integer weight shape (output channel first; product = outputs x fanIn)
   * @param lambda real value of one input unit
   * @param inputLo smallest integer input
   * @param inputHi largest integer input
   * @param s settings
   */
  public static SynapticLayer quantize(
      String name,
      String lif,
      FoldedLayer f,
      int[] shape,
      double lambda,
      long inputLo,
      long inputHi,
      QuantSettings s) {
    int out = f.outputs();
    int fanIn = f.fanIn();
    double[] w = f.weight();
    double[] b = f.bias();
    int qmax = s.weightMax();
    FixedFormat weightFormat = FixedFormat.signedInt(s.weightBits());
    double layerMax = 0;
    for (double v : w) {
      layerMax = Math.max(layerMax, Math.abs(v));
    }
    double floor = layerMax == 0 ? 1.0 : Math.scalb(layerMax, -s.scaleSpanBits());
    double membraneUnit = Math.scalb(1.0, s.membraneFracBits());
    int[] q = new int[w.length];
    long[] bias = new long[out];
    long[] theta = new long[out];
    double[] scale = new double[out];
    long accMin = 0;
    long accMax = 0;
    long memMin = 0;
    long memMax = 0;
    for (int c = 0; c < out; c++) {
      double m = 0;
      for (int i = 0; i < fanIn; i++) {
        m = Math.max(m, Math.abs(w[c * fanIn + i]));
      }
      double sc = Math.max(m, floor) / qmax;
      long lo = 0;
      long hi = 0;
      for (int i = 0; i < fanIn; i++) {
        int qi =
            (int)
                RealFixed.fromReal(
                        w[c * fanIn + i] / sc,
                        weightFormat,
                        Quantization.RND_CONV,
                        Overflow.SAT_SYM)
                    .raw();
        q[c * fanIn + i] = qi;
        lo += Math.min(qi * inputLo, qi * inputHi);
        hi += Math.max(qi * inputLo, qi * inputHi);
      }
      double u = lambda * sc;
      scale[c] = u;
      theta[c] = Math.max(1, RealFixed.roundToLong(membraneUnit / u));
      bias[c] = RealFixed.roundToLong(b[c] * membraneUnit / u);
      accMin = Math.min(accMin, lo);
      accMax = Math.max(accMax, hi);
      long xMin = Math.addExact(Math.multiplyExact(lo, 1L << s.membraneFracBits()), bias[c]);
      long xMax = Math.addExact(Math.multiplyExact(hi, 1L << s.membraneFracBits()), bias[c]);
      long[] h = chargeRange(xMin, xMax, theta[c]);
      memMin = Math.min(memMin, h[0]);
      memMax = Math.max(memMax, h[1]);
    }
    int accBits = FixedFormat.signedIntegerFor(accMin, accMax).totalBits();
    int membraneBits = FixedFormat.signedIntegerFor(memMin, memMax).totalBits();
    return new SynapticLayer(
        name,
        lif,
        new IntTensor(shape, q),
        bias,
        theta,
        scale,
        inputLo,
        inputHi,
        accBits,
        membraneBits);
  }

  /**
   * The interval a LIF's charge {@code H} and threshold can take for inputs in {@code [xMin, xMax]}
   * ({@code docs/fixed-point.md} 3.3): {@code [2 min(xMin, 0), max(ceil((theta-1)/2) + max(xMax,
   * 0), theta)]}.
   */
  public static long[] chargeRange(long xMin, long xMax, long theta) {
    long lo = Math.multiplyExact(2, Math.min(xMin, 0));
    long hi = Math.max(Math.addExact((theta - 1) - ((theta - 1) >> 1), Math.max(xMax, 0)), theta);
    return new long[] {lo, hi};
  }

  /** The signed membrane width holding {@link #chargeRange} for one threshold. */
  public static int membraneBits(long xMin, long xMax, long theta) {
    long[] h = chargeRange(xMin, xMax, theta);
    return FixedFormat.signedIntegerFor(h[0], h[1]).totalBits();
  }
}
