package org.spikescr.sim;

/**
 * Result of one utterance: per-step head outputs, the time-summed softmax, the decision and the
 * activity counts.
 *
 * @param logits head output per time step, {@code [T][classes]}
 * @param scores sum over time of the per-step softmax, {@code [classes]}
 * @param prediction argmax of the scores (lowest index on ties)
 * @param counts spikes and synaptic operations
 */
public record Inference(double[][] logits, double[] scores, int prediction, OpCounts counts) {}
