package org.spikescr.sim.fixedsim;

import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.FixedMath;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.quantized.IntTensor;
import org.spikescr.model.quantized.SynapticLayer;

/**
 * The synaptic layers of {@code docs/fixed-point.md} section 4 written as plainly as the contract
 * states them: the readable Java model of the synaptic engine, kept beside the fast path of the
 * simulator ({@link FixedSynapse}) as {@link FixedLif#run} is kept beside {@link FixedLif.State}.
 * Tests hold the two equal bit for bit, saturation counts included; hardware unit tests use these
 * functions as the expected behaviour of one step of a synaptic unit.
 *
 * <p>One step of a layer is two parts:
 *
 * <ol>
 *   <li>an exact integer sum per output channel: {@link #accumulate} for a pointwise layer (Linear
 *       or kernel-1 convolution), {@link #embedConv} for the embedding convolution (kernel 3, same
 *       padding), {@link #depthwiseConv} for the depthwise temporal convolution (kernel K, same
 *       padding);
 *   <li>{@link #membraneInput}: the saturating cast {@code sat_A} of every sum to the layer's
 *       accumulator width A (TRN, SAT, one counter record per channel), then {@code X = acc * 2^G +
 *       beta} in membrane units, the input of the LIF that the layer feeds.
 * </ol>
 *
 * <p>Every input kind of section 4 is the same sum {@code q * x}; only its range differs, and the
 * layer record states it ({@link SynapticLayer#inputLo()} .. {@link SynapticLayer#inputHi()}):
 * binary spikes ({@code 0 .. 1}: proj, fc2, dw, pw2, gsu.proj), small multi-level residual values
 * ({@code 0 .. 1 + 4i}: q/k/v, fc1, pw1), spike counts ({@code 0 .. 2^B_in - 1}) and raw mel values
 * ({@code ap_fixed<12,8>}, a true multiply-accumulate), the last two into the embedding. Inputs
 * outside the stated range are rejected. Arrays are {@code [step][channel]}; the arguments are
 * never modified.
 */
public final class FixedSynapseReference {
  private FixedSynapseReference() {}

  /** The source format of every accumulator cast: the exact sum as a wide signed integer. */
  private static final FixedFormat WIDE = FixedFormat.signedInt(FixedFormat.MAX_TOTAL_BITS);

  /**
   * One step of a pointwise layer, weight {@code (out, in)}: {@code acc[o] = sum_i q[o, i] * x[i]},
   * exact.
   *
   * @param layer the layer; its weight has rank 2, output channel first
   * @param x the input of the step, one value per input channel, in the layer's input range
   * @return the exact sum per output channel, before {@code sat_A}
   */
  public static long[] accumulate(SynapticLayer layer, long[] x) {
    IntTensor q = layer.weight();
    int out = q.dim(0);
    int in = q.dim(1);
    checkInput(layer, x, in);
    long[] acc = new long[out];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        acc[o] += (long) q.at(o * in + i) * x[i];
      }
    }
    return acc;
  }

  /**
   * Step {@code t} of the embedding convolution, weight {@code (D, C_in, 3)}, same padding: {@code
   * acc[o] = sum_c sum_{k=0..2} q[o, c, k] * x[t+k-1][c]}, with {@code x} zero outside the steps
   * {@code 0 .. T-1}.
   *
   * @param layer the layer; its weight has rank 3 and kernel 3
   * @param x the whole utterance {@code [T][C_in]}, in the layer's input range
   * @param t the step computed, {@code 0 .. T-1}
   * @return the exact sum per output channel, before {@code sat_A}
   */
  public static long[] embedConv(SynapticLayer layer, long[][] x, int t) {
    IntTensor q = layer.weight();
    int out = q.dim(0);
    int cin = q.dim(1);
    int kernel = q.dim(2);
    checkWindow(layer, x, t, kernel, cin);
    long[] acc = new long[out];
    for (int o = 0; o < out; o++) {
      for (int c = 0; c < cin; c++) {
        for (int k = 0; k < kernel; k++) {
          long v = at(x, t + k - (kernel - 1) / 2, c);
          acc[o] += (long) q.at((o * cin + c) * kernel + k) * v;
        }
      }
    }
    return acc;
  }

  /**
   * Step {@code t} of the depthwise temporal convolution, weight {@code (D, K)}, same padding:
   * {@code acc[c] = sum_{k=0..K-1} q[c, k] * s[t+k-(K-1)/2][c]}, with {@code s} zero outside the
   * steps {@code 0 .. T-1}.
   *
   * @param layer the layer; its weight has rank 2, channel first, then the K taps
   * @param s the whole utterance {@code [T][D]}, in the layer's input range (spikes)
   * @param t the step computed, {@code 0 .. T-1}
   * @return the exact sum per channel, before {@code sat_A}
   */
  public static long[] depthwiseConv(SynapticLayer layer, long[][] s, int t) {
    IntTensor q = layer.weight();
    int d = q.dim(0);
    int kernel = q.dim(1);
    checkWindow(layer, s, t, kernel, d);
    long[] acc = new long[d];
    for (int c = 0; c < d; c++) {
      for (int k = 0; k < kernel; k++) {
        long v = at(s, t + k - (kernel - 1) / 2, c);
        acc[c] += (long) q.at(c * kernel + k) * v;
      }
    }
    return acc;
  }

  /**
   * The LIF input of one step: {@code X[o] = sat_A(acc[o]) * 2^G + beta[o]}, in membrane units.
   *
   * @param layer the layer (accumulator width A and bias beta)
   * @param acc the exact sums of the step, one per output channel
   * @param g the membrane fraction bits G
   * @param counter receives one record per channel: whether {@code sat_A} changed the sum
   */
  public static long[] membraneInput(
      SynapticLayer layer, long[] acc, int g, SaturationCounter counter) {
    long[] beta = layer.bias();
    if (acc.length != beta.length) {
      throw new IllegalArgumentException(
          layer.name() + ": " + acc.length + " sums, expected " + beta.length);
    }
    FixedFormat accFormat = FixedFormat.signedInt(layer.accBits());
    long[] x = new long[acc.length];
    for (int o = 0; o < acc.length; o++) {
      long a = FixedMath.cast(acc[o], WIDE, accFormat, Quantization.TRN, Overflow.SAT, counter);
      x[o] = (a << g) + beta[o];
    }
    return x;
  }

  /**
   * A pointwise layer over an utterance {@code [T][in]}: the LIF input {@code X}, {@code [T][out]}.
   */
  public static long[][] pointwise(
      SynapticLayer layer, long[][] x, int g, SaturationCounter counter) {
    long[][] out = new long[x.length][];
    for (int t = 0; t < x.length; t++) {
      out[t] = membraneInput(layer, accumulate(layer, x[t]), g, counter);
    }
    return out;
  }

  /** The embedding over an utterance {@code [T][C_in]}: the LIF input {@code X}, {@code [T][D]}. */
  public static long[][] embed(SynapticLayer layer, long[][] x, int g, SaturationCounter counter) {
    long[][] out = new long[x.length][];
    for (int t = 0; t < x.length; t++) {
      out[t] = membraneInput(layer, embedConv(layer, x, t), g, counter);
    }
    return out;
  }

  /**
   * The depthwise convolution over spikes {@code [T][D]}: the LIF input {@code X}, {@code [T][D]}.
   */
  public static long[][] depthwise(
      SynapticLayer layer, long[][] s, int g, SaturationCounter counter) {
    long[][] out = new long[s.length][];
    for (int t = 0; t < s.length; t++) {
      out[t] = membraneInput(layer, depthwiseConv(layer, s, t), g, counter);
    }
    return out;
  }

  /** {@code x[ts][c]}, or 0 for a step outside the utterance (the convolutions' padding). */
  private static long at(long[][] x, int ts, int c) {
    return ts < 0 || ts >= x.length ? 0 : x[ts][c];
  }

  /** Checks step {@code t} and the inputs of the steps that a kernel centred on it reads. */
  private static void checkWindow(SynapticLayer layer, long[][] x, int t, int kernel, int width) {
    if (t < 0 || t >= x.length) {
      throw new IllegalArgumentException(
          layer.name() + ": step " + t + " is outside 0.." + (x.length - 1));
    }
    int pad = (kernel - 1) / 2;
    for (int ts = Math.max(0, t - pad); ts <= Math.min(x.length - 1, t + kernel - 1 - pad); ts++) {
      checkInput(layer, x[ts], width);
    }
  }

  private static void checkInput(SynapticLayer layer, long[] x, int width) {
    if (x.length != width) {
      throw new IllegalArgumentException(
          layer.name() + ": input has " + x.length + " channels, expected " + width);
    }
    for (int i = 0; i < width; i++) {
      if (x[i] < layer.inputLo() || x[i] > layer.inputHi()) {
        throw new IllegalArgumentException(
            layer.name()
                + ": input "
                + x[i]
                + " of channel "
                + i
                + " is outside "
                + layer.inputLo()
                + ".."
                + layer.inputHi());
      }
    }
  }
}
