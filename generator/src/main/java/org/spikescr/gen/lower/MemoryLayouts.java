package org.spikescr.gen.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.spikescr.gen.ir.MemoryImage;
import org.spikescr.model.quantized.IntTensor;

/**
 * How the quantized model's integers are laid out in block-RAM words. Every layout packs {@code P}
 * lanes into one word, lane {@code l} in bits {@code [l*B +: B]} (lane 0 lowest), values in two's
 * complement of {@code B} bits; channels past the layer's width in the last group are 0.
 */
public final class MemoryLayouts {
  private MemoryLayouts() {}

  /**
   * Weights of a synaptic layer {@code q[c][i]} (output channel first, then input row; any kernel
   * taps flattened into the row, {@code i = row * taps + k}): word {@code g * rows + i} holds
   * {@code q[g*P + l][i]} for lanes {@code l = 0 .. P-1}.
   *
   * @param name memory name
   * @param weight the layer's integer weights, shape {@code (C_out, ...)}
   * @param lanes P
   * @param bits N, weight width
   */
  public static MemoryImage weights(String name, IntTensor weight, int lanes, int bits) {
    int out = weight.dim(0);
    int rows = weight.size() / out;
    int groups = groups(out, lanes);
    List<BigInteger> words = new ArrayList<>(groups * rows);
    long[] lane = new long[lanes];
    for (int g = 0; g < groups; g++) {
      for (int i = 0; i < rows; i++) {
        for (int l = 0; l < lanes; l++) {
          int c = g * lanes + l;
          lane[l] = c < out ? weight.at(c * rows + i) : 0;
        }
        words.add(pack(lane, bits));
      }
    }
    return new MemoryImage(
        name,
        lanes * bits,
        words,
        "weights q[c][i], word g*" + rows + "+i holds channels g*" + lanes + "+l in lane l");
  }

  /**
   * One value per output channel (bias or threshold), {@code P} channels per word: word {@code g}
   * holds channels {@code g*P + l}.
   */
  public static MemoryImage perChannel(
      String name, long[] values, int lanes, int bits, String what) {
    return laneGroups(name, values, lanes, bits, what, true);
  }

  /**
   * One non-negative value per output channel (thresholds), {@code P} channels per word, each an
   * unsigned field of {@code bits} bits.
   */
  public static MemoryImage perChannelUnsigned(
      String name, long[] values, int lanes, int bits, String what) {
    return laneGroups(name, values, lanes, bits, what, false);
  }

  private static MemoryImage laneGroups(
      String name, long[] values, int lanes, int bits, String what, boolean signed) {
    int groups = groups(values.length, lanes);
    List<BigInteger> words = new ArrayList<>(groups);
    long[] lane = new long[lanes];
    for (int g = 0; g < groups; g++) {
      for (int l = 0; l < lanes; l++) {
        int c = g * lanes + l;
        lane[l] = c < values.length ? values[c] : 0;
      }
      words.add(signed ? pack(lane, bits) : packUnsigned(lane, bits));
    }
    return new MemoryImage(
        name, lanes * bits, words, what + ", word g holds channels g*" + lanes + "+l in lane l");
  }

  /** Packs non-negative values into one word, value {@code l} in bits {@code [l*bits +: bits]}. */
  private static BigInteger packUnsigned(long[] values, int bits) {
    BigInteger w = BigInteger.ZERO;
    for (int l = values.length - 1; l >= 0; l--) {
      w = w.shiftLeft(bits).or(BigInteger.valueOf(unsigned(values[l], bits)));
    }
    return w;
  }

  /** One non-negative value per word, {@code bits} bits each. */
  public static MemoryImage unsignedWords(String name, long[] values, int bits, String what) {
    List<BigInteger> words = new ArrayList<>(values.length);
    for (long v : values) {
      words.add(BigInteger.valueOf(unsigned(v, bits)));
    }
    return new MemoryImage(name, bits, words, what);
  }

  private static long unsigned(long v, int bits) {
    if (v < 0 || (bits < 63 && v >= (1L << bits))) {
      throw new IllegalArgumentException("value " + v + " does not fit " + bits + " unsigned bits");
    }
    return v;
  }

  /** Number of lane groups that cover {@code channels}. */
  public static int groups(int channels, int lanes) {
    return (channels + lanes - 1) / lanes;
  }

  /**
   * Packs values into one word, value {@code l} in bits {@code [l*bits +: bits]}.
   *
   * @throws IllegalArgumentException when a value does not fit {@code bits} signed bits
   */
  public static BigInteger pack(long[] values, int bits) {
    BigInteger w = BigInteger.ZERO;
    long min = -(1L << (bits - 1));
    long max = (1L << (bits - 1)) - 1;
    for (int l = values.length - 1; l >= 0; l--) {
      long v = values[l];
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            "value " + v + " of lane " + l + " does not fit " + bits + " signed bits");
      }
      w = w.shiftLeft(bits).or(BigInteger.valueOf(v & ((1L << bits) - 1)));
    }
    return w;
  }
}
