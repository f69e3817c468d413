package org.spikescr.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Activity of one inference: spikes per LIF layer and synaptic operations.
 *
 * <p>Synaptic operations are counted the way an event-driven engine does them: each non-zero input
 * of a Linear or Conv layer costs one accumulate per output it reaches (its fan-out), whatever its
 * integer value. Inputs that are real-valued (log-mel frames) cost one multiply-accumulate per
 * input and output instead. The attention products are counted apart ({@link
 * #attentionAccumulates}) because the authors' energy method does not see them.
 *
 * @param spikes spikes emitted per LIF layer
 * @param neuronSteps neurons times time steps per LIF layer (the denominator of a firing rate)
 * @param accumulates synaptic accumulates of the Linear and Conv layers
 * @param multiplyAccumulates multiply-accumulates (real-valued inputs)
 * @param attentionAccumulates accumulates of {@code K^T V} and {@code Q (K^T V)}
 * @param timeSteps frames of the utterance
 */
public record OpCounts(
    Map<String, Long> spikes,
    Map<String, Long> neuronSteps,
    long accumulates,
    long multiplyAccumulates,
    long attentionAccumulates,
    int timeSteps) {

  /** Copies the maps, keeping their order. */
  public OpCounts {
    spikes = Collections.unmodifiableMap(new LinkedHashMap<>(spikes));
    neuronSteps = Collections.unmodifiableMap(new LinkedHashMap<>(neuronSteps));
  }

  /** A mutable tally filled during one inference. */
  public static final class Tally {
    private final Map<String, Long> spikes = new LinkedHashMap<>();
    private final Map<String, Long> neuronSteps = new LinkedHashMap<>();
    private long acs;
    private long macs;
    private long attention;

    /** Records a LIF layer's spike count over {@code neuronSteps} neuron updates. */
    public void lif(String layer, long spikeCount, long neuronSteps) {
      spikes.merge(layer, spikeCount, Long::sum);
      this.neuronSteps.merge(layer, neuronSteps, Long::sum);
    }

    /** Adds synaptic accumulates. */
    public void accumulates(long n) {
      acs += n;
    }

    /** Adds multiply-accumulates. */
    public void multiplyAccumulates(long n) {
      macs += n;
    }

    /** Adds attention accumulates. */
    public void attention(long n) {
      attention += n;
    }

    /** The finished counts. */
    public OpCounts build(int timeSteps) {
      return new OpCounts(spikes, neuronSteps, acs, macs, attention, timeSteps);
    }
  }
}
