package org.spikescr.sim.fixedsim;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.spikescr.sim.OpCounts;

/**
 * Result of one utterance in the fixed-point simulator.
 *
 * @param logits integer head outputs per step, {@code [T][classes]}
 * @param scores time-summed fixed-point probabilities, {@code [classes]}, units {@code 2^-P_F}
 * @param prediction the lowest class index with the largest score
 * @param saturations one counter per layer, in forward order
 * @param counts spikes per LIF layer and synaptic operations, counted as the float simulator does
 */
@SuppressWarnings("ArrayRecordComponent") // shares its arrays; compared by value
public record FixedInference(
    long[][] logits, long[] scores, int prediction, List<Saturation> saturations, OpCounts counts) {

  /** Copies the list. */
  public FixedInference {
    saturations = List.copyOf(saturations);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedInference f
        && Arrays.deepEquals(logits, f.logits)
        && Arrays.equals(scores, f.scores)
        && prediction == f.prediction
        && saturations.equals(f.saturations)
        && counts.equals(f.counts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.deepHashCode(logits), Arrays.hashCode(scores), prediction, saturations, counts);
  }

  @Override
  public String toString() {
    return "FixedInference[prediction="
        + prediction
        + ", scores="
        + Arrays.toString(scores)
        + ", steps="
        + logits.length
        + ", saturations="
        + saturations
        + "]";
  }

  /** Total overflow events over all layers. */
  public long saturationEvents() {
    long n = 0;
    for (Saturation s : saturations) {
      n += s.events();
    }
    return n;
  }

  /**
   * The overflow events of one layer.
   *
   * @param layer the layer name ({@code input}, a LIF name, or {@code head})
   * @param events casts that overflowed
   * @param casts casts performed
   */
  public record Saturation(String layer, long events, long casts) {}
}
