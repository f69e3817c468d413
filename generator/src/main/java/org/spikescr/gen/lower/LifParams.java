package org.spikescr.gen.lower;

/**
 * The numbers of one LIF layer's core.
 *
 * @param layer the LIF layer's name in the model
 * @param lanes P
 * @param channels C, a multiple of P
 * @param membraneBits M
 * @param inputBits XW, width of the input X in membrane units
 * @param thresholdBits TW, unsigned width of a threshold
 */
public record LifParams(
    String layer, int lanes, int channels, int membraneBits, int inputBits, int thresholdBits) {}
