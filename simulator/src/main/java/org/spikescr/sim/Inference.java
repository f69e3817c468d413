package org.spikescr.sim;

import java.util.Arrays;
import java.util.Objects;

/**
 * Result of one utterance: per-step head outputs, the time-summed softmax, the decision and the
 * activity counts.
 *
 * <p>The arrays are handed over, not copied (simulators build one per utterance); equality, hash
 * code and text compare and show their contents.
 *
 * @param logits head output per time step, {@code [T][classes]}
 * @param scores sum over time of the per-step softmax, {@code [classes]}
 * @param prediction argmax of the scores (lowest index on ties)
 * @param counts spikes and synaptic operations
 */
@SuppressWarnings("ArrayRecordComponent") // compared by value below
public record Inference(double[][] logits, double[] scores, int prediction, OpCounts counts) {

  @Override
  public boolean equals(Object o) {
    return o instanceof Inference i
        && Arrays.deepEquals(logits, i.logits)
        && Arrays.equals(scores, i.scores)
        && prediction == i.prediction
        && Objects.equals(counts, i.counts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prediction, counts) * 31 * 31
        + Arrays.deepHashCode(logits) * 31
        + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "Inference[prediction="
        + prediction
        + ", steps="
        + logits.length
        + ", scores="
        + Arrays.toString(scores)
        + ", counts="
        + counts
        + "]";
  }
}
