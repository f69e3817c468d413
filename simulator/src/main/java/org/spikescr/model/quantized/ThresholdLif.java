package org.spikescr.model.quantized;

import org.spikescr.fixed.FixedFormat;

/**
 * A LIF layer without weights, one threshold for every lane (the second query/key LIF and the
 * attention LIF, {@code docs/fixed-point.md} 5.2 and 5.3).
 *
 * @param name the LIF layer, as SPIKESCR.md names it, e.g. {@code blocks.0.attn.attn_lif}
 * @param threshold theta in membrane units, a power of two
 * @param membraneBits M, signed membrane width in bits
 */
public record ThresholdLif(String name, long threshold, int membraneBits) {

  /** Validates the threshold against the width. */
  public ThresholdLif {
    if (threshold < 1 || !FixedFormat.signedInt(membraneBits).contains(threshold)) {
      throw new IllegalArgumentException(
          name + ": threshold " + threshold + " does not fit " + membraneBits + " signed bits");
    }
  }
}
