package org.spikescr.model.quantized;

import org.spikescr.fixed.FixedFormat;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;

/**
 * The choices of a quantization run ({@code docs/fixed-point.md}).
 *
 * @param weightBits N, signed weight width in bits (4 to 16)
 * @param membraneFracBits G, extra fraction bits of every membrane (0 to 16)
 * @param scaleSpanBits S, how many bits finer than the layer's strongest channel a channel's scale
 *     may be (0 to 16); bounds the threshold and membrane width a weak channel can demand
 * @param maxTimeSteps T_max, the longest utterance in frames the design accepts
 * @param inputFormat format of the network input (spike counts or mel dB)
 * @param ropeFracBits F_R, fraction bits of the RoPE table (1 to 28)
 * @param expTableLength L, entries of the readout's exp table (1 to 65536)
 * @param expFracBits E_F, fraction bits of the exp table (1 to 30)
 * @param probFracBits P_F, fraction bits of the per-step probabilities (1 to 30)
 */
public record QuantSettings(
    int weightBits,
    int membraneFracBits,
    int scaleSpanBits,
    int maxTimeSteps,
    FixedFormat inputFormat,
    int ropeFracBits,
    int expTableLength,
    int expFracBits,
    int probFracBits) {

  /** Validates every field; the message names the field and the value. */
  public QuantSettings {
    range("weightBits", weightBits, 4, 16);
    range("membraneFracBits", membraneFracBits, 0, 16);
    range("scaleSpanBits", scaleSpanBits, 0, 16);
    range("maxTimeSteps", maxTimeSteps, 1, 1 << 20);
    range("ropeFracBits", ropeFracBits, 1, 28);
    range("expTableLength", expTableLength, 1, 1 << 16);
    range("expFracBits", expFracBits, 1, 30);
    range("probFracBits", probFracBits, 1, 30);
    if (inputFormat == null) {
      throw new IllegalArgumentException("inputFormat is required");
    }
    if (inputFormat.totalBits() > 24) {
      throw new IllegalArgumentException("inputFormat wider than 24 bits: " + inputFormat);
    }
  }

  private static void range(String name, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(name + " must be " + lo + ".." + hi + ", got " + v);
    }
  }

  /** The defaults for a model: 8-bit weights, G = 4, S = 4, T_max = 2 T, F_R = 24, L = 256. */
  public static QuantSettings defaults(ModelConfig c) {
    return new QuantSettings(
        8, 4, 4, 2 * c.timeSteps(), defaultInputFormat(c.inputKind()), 24, 256, 15, 16);
  }

  /** {@code ap_uint<8>} spike counts or {@code ap_fixed<12,8>} mel dB values. */
  public static FixedFormat defaultInputFormat(InputKind kind) {
    return kind == InputKind.SPIKES ? FixedFormat.unsignedInt(8) : FixedFormat.ofSigned(12, 8);
  }

  /** A copy with another weight width. */
  public QuantSettings withWeightBits(int bits) {
    return new QuantSettings(
        bits,
        membraneFracBits,
        scaleSpanBits,
        maxTimeSteps,
        inputFormat,
        ropeFracBits,
        expTableLength,
        expFracBits,
        probFracBits);
  }

  /** The largest weight magnitude, {@code 2^(N-1) - 1}. */
  public int weightMax() {
    return (1 << (weightBits - 1)) - 1;
  }
}
