package org.spikescr.gen.ir;

import java.math.BigInteger;
import java.util.List;

/**
 * The initial contents of one memory, written as a {@code $readmemh} file ({@code mem/<name>.mem}).
 *
 * @param name file base name (the design prefix is added by name legalization)
 * @param wordBits bits per word
 * @param words word values, each in {@code 0 .. 2^wordBits - 1} (signed values already packed)
 * @param comment what the memory holds and its layout, for the file's header
 */
public record MemoryImage(String name, int wordBits, List<BigInteger> words, String comment) {

  /** Validates the words against the width and copies them. */
  public MemoryImage {
    if (wordBits < 1) {
      throw new IllegalArgumentException("memory " + name + ": word width must be at least 1");
    }
    words = List.copyOf(words);
    for (int i = 0; i < words.size(); i++) {
      BigInteger w = words.get(i);
      if (w.signum() < 0 || w.bitLength() > wordBits) {
        throw new IllegalArgumentException(
            "memory " + name + ": word " + i + " does not fit " + wordBits + " unsigned bits");
      }
    }
  }

  /** Number of words. */
  public int depth() {
    return words.size();
  }

  /** The same image under another name. */
  public MemoryImage renamed(String newName) {
    return new MemoryImage(newName, wordBits, words, comment);
  }
}
