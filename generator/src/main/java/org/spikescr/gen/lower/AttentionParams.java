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
    boolean headsParallel) {}
