package org.spikescr.gen.lower;

/**
 * The numbers of one synaptic layer's engine.
 *
 * @param layer the layer's name in the model
 * @param mode kind of input
 * @param lanes P
 * @param weightBits N
 * @param inputBits XB, width of an event's input value
 * @param rows weight rows per group (fan-in)
 * @param groups output channel groups, {@code C_out / P}
 * @param accBits A
 * @param fracBits G
 * @param biasBits BW, the layer's membrane width
 */
public record SynapseParams(
    String layer,
    SynapseMode mode,
    int lanes,
    int weightBits,
    int inputBits,
    int rows,
    int groups,
    int accBits,
    int fracBits,
    int biasBits) {

  /** Width of one output lane X: {@code max(A + G, BW) + 1} bits, signed. */
  public int outputBits() {
    return Math.max(accBits + fracBits, biasBits) + 1;
  }
}
