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
 * @param parDiv the readout's schedule ({@code PAR_DIV}): 0 one divider for the classes in turn
 *     (the sequential architecture); 1 one divider per class; 2 (the pipelined architecture) one
 *     beat of every class's logits a step, the look-ups, max and sum over the classes in parallel,
 *     and a step's division overlapping the next step's look-ups
 */
public record ReadoutParams(
    int classes,
    int logitBits,
    int expLength,
    int expFracBits,
    int probFracBits,
    int indexShift,
    int maxSteps,
    int parDiv) {

  /** {@code PAR_DIV = 2}: the readout takes a step's logits in one beat of every class. */
  public boolean wideLogits() {
    return parDiv == 2;
  }
}
