package org.spikescr.model.quantized;

import java.util.Arrays;
import org.spikescr.fixed.FixedFormat;

/**
 * One quantized synaptic layer (Linear or Conv with its BatchNorm folded in) and the integer
 * parameters of the LIF it feeds ({@code docs/fixed-point.md} sections 2 to 4 and 7).
 *
 * @param name group name with dots, e.g. {@code blocks.0.attn.q} (file group {@code
 *     /blocks/0/attn/q})
 * @param lif the LIF layer fed, as SPIKESCR.md names it, e.g. {@code blocks.0.attn.q_lif}
 * @param weight integer weights, output channel first
 * @param bias beta per output channel, membrane units
 * @param threshold theta per output channel, membrane units, at least 1
 * @param scale real value of one accumulator unit per output channel (reports only)
 * @param inputLo smallest integer input
 * @param inputHi largest integer input
 * @param accBits A, signed accumulator width in bits
 * @param membraneBits M, signed membrane width in bits
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record SynapticLayer(
    String name,
    String lif,
    IntTensor weight,
    long[] bias,
    long[] threshold,
    double[] scale,
    long inputLo,
    long inputHi,
    int accBits,
    int membraneBits) {

  /** Validates lengths, thresholds and widths, and copies the arrays. */
  public SynapticLayer {
    int out = weight.dim(0);
    if (bias.length != out || threshold.length != out || scale.length != out) {
      throw new IllegalArgumentException(
          name + ": bias, threshold and scale need " + out + " values (one per output channel)");
    }
    if (inputLo > inputHi) {
      throw new IllegalArgumentException(name + ": empty input range");
    }
    FixedFormat membrane = FixedFormat.signedInt(membraneBits);
    FixedFormat.signedInt(accBits);
    for (int c = 0; c < out; c++) {
      if (threshold[c] < 1 || !membrane.contains(threshold[c])) {
        throw new IllegalArgumentException(
            name
                + ": threshold of channel "
                + c
                + " is "
                + threshold[c]
                + ", outside 1.."
                + membrane.maxRaw());
      }
      if (!membrane.contains(bias[c])) {
        throw new IllegalArgumentException(
            name + ": bias of channel " + c + " is " + bias[c] + ", outside " + membrane);
      }
      if (!(scale[c] > 0) || !Double.isFinite(scale[c])) {
        throw new IllegalArgumentException(name + ": scale of channel " + c + " is " + scale[c]);
      }
    }
    bias = bias.clone();
    threshold = threshold.clone();
    scale = scale.clone();
  }

  /** Number of output channels. */
  public int outputs() {
    return weight.dim(0);
  }

  /** Number of weights per output channel. */
  public int fanIn() {
    return weight.size() / weight.dim(0);
  }

  @Override
  public long[] bias() {
    return bias.clone();
  }

  @Override
  public long[] threshold() {
    return threshold.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SynapticLayer s
        && name.equals(s.name)
        && lif.equals(s.lif)
        && weight.equals(s.weight)
        && Arrays.equals(bias, s.bias)
        && Arrays.equals(threshold, s.threshold)
        && Arrays.equals(scale, s.scale)
        && inputLo == s.inputLo
        && inputHi == s.inputHi
        && accBits == s.accBits
        && membraneBits == s.membraneBits;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + weight.hashCode();
  }

  @Override
  public String toString() {
    return "SynapticLayer["
        + name
        + " -> "
        + lif
        + ", "
        + weight
        + ", A="
        + accBits
        + ", M="
        + membraneBits
        + "]";
  }
}
