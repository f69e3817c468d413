package org.spikescr.model.quantized;

/**
 * The quantized classifier head: one scale for the whole tensor ({@code docs/fixed-point.md} 2.4).
 *
 * @param weight integer weights {@code (classes, D)}
 * @param scale {@code s_head}, the real value of one logit unit (reports only)
 * @param logitBits signed width of the integer logits in bits
 */
public record QuantizedHead(IntTensor weight, double scale, int logitBits) {

  /** Checks the scale. */
  public QuantizedHead {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("head scale must be positive, got " + scale);
    }
  }
}
