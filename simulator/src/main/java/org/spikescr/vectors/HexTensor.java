package org.spikescr.vectors;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of golden vectors: integer values with the bit width and binary point they have in
 * hardware, written as one hexadecimal word per line that Verilog's {@code $readmemh} reads.
 *
 * <p>Two encodings: {@link Encoding#WORDS} writes each value on its own line, two's complement
 * masked to {@code bits} (so {@code -3} at 8 bits is {@code fd}); {@link Encoding#PACKED_ROWS}
 * writes each row of the innermost dimension as one word with element 0 in the least significant
 * bit (for 0/1 spike vectors, one line per time step).
 *
 * @param name tensor name, also the file name stem
 * @param shape dimensions, outermost first
 * @param values the raw integers, row-major
 * @param bits width of one element in bits (1 for spikes)
 * @param intBits integer bits including the sign bit (equal to {@code bits} for plain integers)
 * @param signed two's complement when true
 * @param encoding how the values are laid out in the file
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record HexTensor(
    String name,
    int[] shape,
    long[] values,
    int bits,
    int intBits,
    boolean signed,
    Encoding encoding) {

  /** Layout of a tensor in its file. */
  public enum Encoding {
    /** One element per line. */
    WORDS,
    /** One row of the innermost dimension per line, element 0 in the least significant bit. */
    PACKED_ROWS
  }

  /** Validates: every value must fit the width. */
  public HexTensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(encoding, "encoding");
    shape = shape.clone();
    values = values.clone();
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n != values.length) {
      throw new IllegalArgumentException(
          name
              + ": shape "
              + Arrays.toString(shape)
              + " needs "
              + n
              + " values, got "
              + values.length);
    }
    if (bits < 1 || bits > 64) {
      throw new IllegalArgumentException(name + ": width " + bits + " outside 1..64");
    }
    if (encoding == Encoding.PACKED_ROWS && (bits != 1 || signed)) {
      throw new IllegalArgumentException(name + ": packed rows hold unsigned 1-bit elements");
    }
    long min = signed ? -(1L << (bits - 1)) : 0;
    long max = signed ? (1L << (bits - 1)) - 1 : (bits == 64 ? Long.MAX_VALUE : (1L << bits) - 1);
    for (int i = 0; i < values.length; i++) {
      if (values[i] < min || values[i] > max) {
        throw new IllegalArgumentException(
            name + ": value " + values[i] + " at " + i + " does not fit " + bits + " bits");
      }
    }
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public long[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HexTensor h
        && name.equals(h.name)
        && Arrays.equals(shape, h.shape)
        && Arrays.equals(values, h.values)
        && bits == h.bits
        && intBits == h.intBits
        && signed == h.signed
        && encoding == h.encoding;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, bits, intBits, signed, encoding) * 31
        + Arrays.hashCode(shape) * 17
        + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "HexTensor["
        + name
        + " "
        + Arrays.toString(shape)
        + ", bits="
        + bits
        + ", intBits="
        + intBits
        + (signed ? ", signed" : ", unsigned")
        + ", "
        + encoding
        + "]";
  }

  /** A 0/1 tensor {@code [rows][lanes]} packed one row per line. */
  public static HexTensor spikes(String name, byte[][] spikes) {
    int rows = spikes.length;
    int lanes = rows == 0 ? 0 : spikes[0].length;
    long[] v = new long[rows * lanes];
    for (int r = 0; r < rows; r++) {
      for (int l = 0; l < lanes; l++) {
        v[r * lanes + l] = spikes[r][l];
      }
    }
    return new HexTensor(name, new int[] {rows, lanes}, v, 1, 1, false, Encoding.PACKED_ROWS);
  }

  /** The file text: one word per line, lower-case hex, zero-padded, ending with a newline. */
  public String toHex() {
    StringBuilder b = new StringBuilder();
    if (encoding == Encoding.WORDS) {
      int digits = (bits + 3) / 4;
      long mask = bits == 64 ? -1L : (1L << bits) - 1;
      for (long v : values) {
        appendPadded(b, Long.toHexString(v & mask), digits);
        b.append('\n');
      }
    } else {
      int lanes = shape[shape.length - 1];
      int digits = Math.max(1, (lanes + 3) / 4);
      for (int r = 0; r < values.length / Math.max(1, lanes); r++) {
        char[] word = new char[digits];
        for (int k = 0; k < digits; k++) {
          int nibble = 0;
          for (int bit = 0; bit < 4; bit++) {
            int lane = 4 * k + bit;
            if (lane < lanes && values[r * lanes + lane] != 0) {
              nibble |= 1 << bit;
            }
          }
          word[digits - 1 - k] = Character.forDigit(nibble, 16);
        }
        b.append(word).append('\n');
      }
    }
    return b.toString();
  }

  private static void appendPadded(StringBuilder b, String hex, int digits) {
    for (int i = hex.length(); i < digits; i++) {
      b.append('0');
    }
    b.append(hex);
  }
}
