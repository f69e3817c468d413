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

  /** Range of {@link #weightBits}: N from 4 to 16 bits. */
  public static final Range WEIGHT_BITS = new Range("weight_bits (--weight-bits)", 4, 16);

  /** Range of {@link #membraneFracBits}: G from 0 to 16 bits. */
  public static final Range MEMBRANE_FRAC_BITS =
      new Range("membrane_frac_bits (--membrane-frac-bits)", 0, 16);

  /** Range of {@link #scaleSpanBits}: S from 0 to 16 bits. */
  public static final Range SCALE_SPAN_BITS = new Range("scale_span_bits", 0, 16);

  /** Range of {@link #maxTimeSteps}: 1 to 2^20 frames. */
  public static final Range MAX_TIME_STEPS =
      new Range("max_time_steps (--max-time-steps)", 1, 1 << 20);

  /** Range of {@link #ropeFracBits}: 1 to 28 bits. */
  public static final Range ROPE_FRAC_BITS = new Range("rope_frac_bits", 1, 28);

  /** Range of {@link #expTableLength}: 1 to 65536 entries. */
  public static final Range EXP_TABLE_LENGTH = new Range("exp_table_length", 1, 1 << 16);

  /** Range of {@link #expFracBits}: 1 to 30 bits. */
  public static final Range EXP_FRAC_BITS = new Range("exp_frac_bits", 1, 30);

  /** Range of {@link #probFracBits}: 1 to 30 bits. */
  public static final Range PROB_FRAC_BITS = new Range("prob_frac_bits", 1, 30);

  /**
   * The values a setting accepts; the one place each range is stated, used by the settings, the
   * file reader and the command line.
   *
   * @param field the setting's name in model files, with its command-line option if it has one
   * @param min smallest accepted value
   * @param max largest accepted value
   */
  public record Range(String field, int min, int max) {
    /** True when {@code v} lies in {@code min..max}. */
    public boolean contains(int v) {
      return v >= min && v <= max;
    }

    /** What is expected, e.g. {@code "4 to 16"}. */
    public String expected() {
      return min + " to " + max;
    }

    /** Throws an {@link IllegalArgumentException} naming the field when {@code v} is outside. */
    public void check(int v) {
      if (!contains(v)) {
        throw new IllegalArgumentException(field + " must be " + expected() + ", got " + v);
      }
    }
  }

  /** Validates every field; the message names the field and the value. */
  public QuantSettings {
    WEIGHT_BITS.check(weightBits);
    MEMBRANE_FRAC_BITS.check(membraneFracBits);
    SCALE_SPAN_BITS.check(scaleSpanBits);
    MAX_TIME_STEPS.check(maxTimeSteps);
    ROPE_FRAC_BITS.check(ropeFracBits);
    EXP_TABLE_LENGTH.check(expTableLength);
    EXP_FRAC_BITS.check(expFracBits);
    PROB_FRAC_BITS.check(probFracBits);
    if (inputFormat == null) {
      throw new IllegalArgumentException("inputFormat is required");
    }
    if (inputFormat.totalBits() > 24) {
      throw new IllegalArgumentException("inputFormat wider than 24 bits: " + inputFormat);
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
