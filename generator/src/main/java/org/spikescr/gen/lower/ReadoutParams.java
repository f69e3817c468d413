package org.spikescr.gen.lower;

/**
 * The numbers of the readout.
 *
 * @param classes number of classes
 * @param logitBits width of a logit {@code z}
 * @param expLength L, entries of the exp table
 * @param expFracBits E_F
 * @param probFracBits P_F
 * @param indexShift r
 * @param maxSteps T_max
 * @param parallelDivision one divider per class ({@code PAR_DIV}, the pipelined architecture)
 *     rather than one divider for the classes in turn
 */
public record ReadoutParams(
    int classes,
    int logitBits,
    int expLength,
    int expFracBits,
    int probFracBits,
    int indexShift,
    int maxSteps,
    boolean parallelDivision) {}
