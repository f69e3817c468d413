package org.spikescr.gen.lower;

/**
 * The numbers of one block's attention unit.
 *
 * @param block the block's name prefix in the model
 * @param channels D
 * @param heads H
 * @param maxSteps T_max
 * @param ropeFracBits F_R
 * @param fracBits G
 * @param qkMembraneBits membrane width of the second q/k LIF
 * @param attnMembraneBits membrane width of the attention LIF
 * @param official whether the second q/k LIF runs in the {@code official} layout
 * @param headsParallel whether the score phase takes every head of a key in one cycle ({@code
 *     HEADS_PAR}, the pipelined architecture) rather than one head per cycle
 * @param keysParallel keys per cycle of the score phase ({@code KEYS_PAR}): 1, or 2 with {@code
 *     headsParallel} (the pipelined architecture)
 */
public record AttentionParams(
    String block,
    int channels,
    int heads,
    int maxSteps,
    int ropeFracBits,
    int fracBits,
    int qkMembraneBits,
    int attnMembraneBits,
    boolean official,
    boolean headsParallel,
    int keysParallel) {
  /** Checks that two keys per cycle come only with the heads in parallel. */
  public AttentionParams {
    if (keysParallel != 1 && (keysParallel != 2 || !headsParallel)) {
      throw new IllegalArgumentException(
          "keys per cycle must be 1, or 2 with the heads in parallel: " + keysParallel);
    }
  }
}
