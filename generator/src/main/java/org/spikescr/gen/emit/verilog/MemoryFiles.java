package org.spikescr.gen.emit.verilog;

import java.math.BigInteger;
import org.spikescr.gen.ir.MemoryImage;

/** Memory images as {@code $readmemh} text, and where they live in a design directory. */
public final class MemoryFiles {
  private MemoryFiles() {}

  /** Path of memory image {@code name}, relative to the design directory. */
  public static String path(String name) {
    return "mem/" + name + ".mem";
  }

  /**
   * The image as {@code $readmemh} text: a comment line, then one word per line in hex, zero-padded
   * to {@code ceil(wordBits / 4)} digits.
   */
  public static String text(MemoryImage m) {
    int digits = (m.wordBits() + 3) / 4;
    StringBuilder s = new StringBuilder(m.depth() * (digits + 1) + 128);
    s.append("// ")
        .append(m.name())
        .append(": ")
        .append(m.depth())
        .append(" words of ")
        .append(m.wordBits())
        .append(" bits; ")
        .append(m.comment())
        .append('\n');
    for (BigInteger w : m.words()) {
      String h = w.toString(16);
      for (int i = h.length(); i < digits; i++) {
        s.append('0');
      }
      s.append(h).append('\n');
    }
    return s.toString();
  }
}
