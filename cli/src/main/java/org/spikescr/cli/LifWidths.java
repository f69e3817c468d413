package org.spikescr.cli;

import java.util.ArrayList;
import java.util.List;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;

/**
 * The widths of one LIF layer of a quantized model.
 *
 * @param name the synaptic layer (or the attention LIF) name
 * @param lif the LIF layer it drives
 * @param accBits accumulator width in bits; null (left out) for attention LIFs, which add spikes
 * @param membraneBits membrane width in bits
 * @param maxThreshold the largest integer threshold
 */
record LifWidths(String name, String lif, Integer accBits, int membraneBits, long maxThreshold) {

  /** One row per LIF layer: synaptic layers first, then the attention LIFs of each block. */
  static List<LifWidths> of(QuantizedModel q) {
    List<LifWidths> out = new ArrayList<>();
    for (SynapticLayer l : q.synapticLayers()) {
      long max = 0;
      for (long t : l.threshold()) {
        max = Math.max(max, t);
      }
      out.add(new LifWidths(l.name(), l.lif(), l.accBits(), l.membraneBits(), max));
    }
    for (QuantizedBlock b : q.blocks()) {
      QuantizedBlock.QuantizedAttention a = b.attention();
      for (var t : List.of(a.qLif2(), a.kLif2(), a.attnLif())) {
        out.add(new LifWidths(t.name(), t.name(), null, t.membraneBits(), t.threshold()));
      }
    }
    return List.copyOf(out);
  }

  /** Prints the rows as a table. */
  static void print(java.io.PrintWriter out, List<LifWidths> layers) {
    out.printf("  %-40s %6s %6s %10s%n", "LIF layer", "acc", "memb", "max theta");
    for (LifWidths l : layers) {
      out.printf(
          "  %-40s %6s %6s %10s%n",
          l.lif(), l.accBits() == null ? "-" : l.accBits(), l.membraneBits(), l.maxThreshold());
    }
  }
}
