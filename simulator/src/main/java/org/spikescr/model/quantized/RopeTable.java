package org.spikescr.model.quantized;

import org.spikescr.fixed.FixedFormat;

/**
 * The RoPE cosine and sine table of one block: raw values in {@code ap_fixed<F_R+2,2>} per position
 * and frequency ({@code docs/fixed-point.md} 5.1).
 *
 * @param format the table's format
 * @param cos {@code (T_max, Dh/2)} raw cosines
 * @param sin {@code (T_max, Dh/2)} raw sines
 */
public record RopeTable(FixedFormat format, IntTensor cos, IntTensor sin) {

  /** Checks shapes and ranges. */
  public RopeTable {
    if (!java.util.Arrays.equals(cos.shape(), sin.shape()) || cos.shape().length != 2) {
      throw new IllegalArgumentException("RoPE cos and sin must share a (T_max, Dh/2) shape");
    }
    for (int i = 0; i < cos.size(); i++) {
      if (!format.contains(cos.at(i)) || !format.contains(sin.at(i))) {
        throw new IllegalArgumentException("RoPE table entry " + i + " outside " + format);
      }
    }
  }

  /** Fraction bits F_R. */
  public int fracBits() {
    return format.fracBits();
  }

  /** Number of positions T_max. */
  public int positions() {
    return cos.dim(0);
  }
}
