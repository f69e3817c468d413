package org.spikescr.gen.verify;

import java.math.BigInteger;
import java.util.List;

/**
 * The input stream of the top level ({@code docs/hardware.md}, section 6): an utterance's frames
 * packed {@code lanes} channels per beat, channel {@code c} of a frame in beat {@code c / lanes} at
 * bits {@code [(c mod lanes)*bits +: bits]} (two's complement for signed inputs), {@code tlast} on
 * the last beat of the last frame. The text form has one beat per line: {@code <tlast> <tdata
 * hex>}.
 */
public final class Stimulus {
  private Stimulus() {}

  /**
   * The beats of the utterances, back to back.
   *
   * @param utterances raw input values {@code [T][channels]} per utterance
   * @param lanes channels per beat
   * @param bits bits per channel
   * @param dropLast beats to leave out at the end (0 for a whole stream; more to test a truncated
   *     input)
   */
  public static String text(List<long[][]> utterances, int lanes, int bits, int dropLast) {
    int digits = (lanes * bits + 3) / 4;
    java.util.List<String> all = new java.util.ArrayList<>();
    for (long[][] u : utterances) {
      for (int t = 0; t < u.length; t++) {
        int channels = u[t].length;
        int beats = (channels + lanes - 1) / lanes;
        for (int b = 0; b < beats; b++) {
          BigInteger word = BigInteger.ZERO;
          for (int j = 0; j < lanes; j++) {
            int c = b * lanes + j;
            if (c < channels) {
              long v = u[t][c] & ((1L << bits) - 1);
              word = word.or(BigInteger.valueOf(v).shiftLeft(j * bits));
            }
          }
          boolean last = t == u.length - 1 && b == beats - 1;
          String hex = word.toString(16);
          all.add((last ? "1 " : "0 ") + "0".repeat(Math.max(0, digits - hex.length())) + hex);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < all.size() - dropLast; i++) {
      out.append(all.get(i)).append('\n');
    }
    return out.toString();
  }
}
