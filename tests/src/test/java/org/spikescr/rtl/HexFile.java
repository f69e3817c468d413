package org.spikescr.rtl;

import java.util.List;

/** Text that {@code $readmemh} reads: one value per line, two's complement in a given width. */
public final class HexFile {
  private HexFile() {}

  /** One line per value, each the low {@code bits} bits of the value in hex, zero-padded. */
  public static String of(long[] values, int bits) {
    if (bits < 1 || bits > 64) {
      throw new IllegalArgumentException("hex width must be 1..64 bits, got " + bits);
    }
    int digits = (bits + 3) / 4;
    long mask = bits == 64 ? -1L : (1L << bits) - 1;
    StringBuilder s = new StringBuilder(values.length * (digits + 1));
    String fmt = "%0" + digits + "x\n";
    for (long v : values) {
      s.append(String.format(fmt, v & mask));
    }
    return s.toString();
  }

  /** Lines of wide words, each given as hex text already (for words wider than 64 bits). */
  public static String ofWords(List<String> hexWords) {
    StringBuilder s = new StringBuilder();
    for (String w : hexWords) {
      s.append(w).append('\n');
    }
    return s.toString();
  }
}
