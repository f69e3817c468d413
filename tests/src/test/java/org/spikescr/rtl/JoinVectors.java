package org.spikescr.rtl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.Simulator;

/**
 * Vectors of a unit that joins two input streams into one output stream (a bench with two sources
 * and one sink, such as {@code tb_gsu_gate} and {@code tb_residual_add}).
 *
 * @param first beats of the first input stream, one hex word each
 * @param second beats of the second input stream
 * @param expect expected output beats
 */
record JoinVectors(List<String> first, List<String> second, List<String> expect) {
  JoinVectors {
    if (first.size() != second.size() || first.size() != expect.size()) {
      throw new IllegalArgumentException(
          "stream lengths differ: "
              + first.size()
              + ", "
              + second.size()
              + ", expected "
              + expect.size());
    }
    first = List.copyOf(first);
    second = List.copyOf(second);
    expect = List.copyOf(expect);
  }

  int beats() {
    return expect.size();
  }

  /** The same vectors with one bit of one expected beat flipped. */
  JoinVectors corrupt(int beat, int bit) {
    List<String> e = new ArrayList<>(expect);
    String w = e.get(beat);
    String flipped = new BigInteger(w, 16).flipBit(bit).toString(16);
    e.set(beat, "0".repeat(w.length() - flipped.length()) + flipped);
    return new JoinVectors(first, second, e);
  }

  /**
   * Runs the vectors in a bench that reads the first stream from {@code firstFile}, the second from
   * {@code secondFile} and the expected beats from {@code expect.hex}.
   */
  BenchResult run(
      Simulator sim,
      RtlBuild bench,
      String firstFile,
      String secondFile,
      int seed,
      int idle,
      int stall) {
    return UnitBench.run(
        sim,
        bench,
        Map.of(
            firstFile,
            HexFile.ofWords(first),
            secondFile,
            HexFile.ofWords(second),
            "expect.hex",
            HexFile.ofWords(expect)),
        List.of("+beats=" + beats(), "+seed=" + seed, "+idle=" + idle, "+stall=" + stall));
  }
}
